import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { APPROVAL_IDLE_MS, APPROVAL_MAX_MS, currentApproval, type Caller, type SignedInOperator } from '../dispatcher';
import { MAX_PIN_FAILURES, PIN_LOCK_MINUTES, pinProblem } from '../domain/pin';
import { appendEvent } from '../store/ledger';
import type { Store } from '../store/store';

export type Role = 'packer' | 'receiver' | 'supervisor';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;
export const IDLE_TIMEOUT_MINUTES = 30;

interface OperatorRow {
  id: number;
  name: string;
  role: Role;
  pin_hash: string;
  active: number;
}

/** Someone who is not a supervisor, acting on a supervisor's approval given in place. */
export interface ApprovedOperator {
  readonly operator: SignedInOperator;
  readonly approvedBy: string;
}

export interface OperatorSummary {
  readonly id: number;
  readonly name: string;
  readonly role: Role;
  readonly active: boolean;
}

/** Salted, slow hash: `scrypt$N$r$p$salt$hash` (base64url). */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export function verifyPinHash(pin: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

/**
 * Operators, PINs, sign-in and shifts. Every PIN check goes through here, rate limited per
 * operator in the store (so the limit holds across processes).
 */
export class AuthService {
  readonly #store: Store;
  readonly #stationId: number;

  constructor(store: Store, stationId: number) {
    this.#store = store;
    this.#stationId = stationId;
  }

  hasOperators(): boolean {
    return this.#store.statements.sql<[], { n: number }>('SELECT count(*) AS n FROM operators').get()!.n > 0;
  }

  list(): OperatorSummary[] {
    return this.#store.statements
      .sql<[], OperatorRow>('SELECT * FROM operators ORDER BY name')
      .all()
      .map((o) => ({ id: o.id, name: o.name, role: o.role, active: o.active === 1 }));
  }

  /**
   * Adds an operator. Only a supervisor may, except on a store with no operators at all,
   * where the first one must be a supervisor (so someone can approve overrides).
   */
  add(
    input: { name: string; role: Role; pin: string },
    by: SignedInOperator | null | 'cli' | ApprovedOperator,
  ): OperatorSummary {
    const name = input.name.trim();
    if (!name) throw new AppError('BAD_REQUEST', 'An operator needs a name.');
    const problem = pinProblem(input.pin);
    if (problem) throw new AppError('BAD_REQUEST', problem);
    const first = !this.hasOperators();
    if (first && input.role !== 'supervisor')
      throw new AppError('FORBIDDEN', 'The first operator of a new station must be a supervisor.');
    const approved = by !== null && typeof by === 'object' && 'approvedBy' in by ? by : null;
    const bySupervisor = by === 'cli' || approved !== null || (by !== null && 'role' in by && by.role === 'supervisor');
    if (!first && !bySupervisor) throw new AppError('FORBIDDEN', 'Only a supervisor can add operators.');
    const s = this.#store.statements;
    if (s.sql<[string], { id: number }>('SELECT id FROM operators WHERE name = ?').get(name)) {
      throw new AppError('CONFLICT', `There is already an operator called ${name}.`);
    }
    const hash = hashPin(input.pin);
    const id = this.#store.write(() => {
      const added = Number(
        s
          .sql('INSERT INTO operators (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?)')
          .run(name, input.role, hash, new Date().toISOString()).lastInsertRowid,
      );
      // A signed-in supervisor adds operators as themselves; when a supervisor approved at
      // someone else's window, the ledger names both.
      if (approved)
        appendEvent(s, {
          type: 'status_changed',
          stationId: this.#stationId,
          operatorId: approved.operator.id,
          shiftId: approved.operator.shiftId,
          reference: 'operators',
          details: { operatorAdded: { name, role: input.role }, approvedBy: approved.approvedBy },
        });
      return added;
    });
    return { id, name, role: input.role, active: true };
  }

  /** Checks a PIN with the per-operator rate limit; returns the operator or throws. */
  verify(name: string, pin: string, code: 'UNAUTHORIZED' | 'OVERRIDE_DENIED' = 'UNAUTHORIZED'): OperatorRow {
    const s = this.#store.statements;
    const operator = s
      .sql<[string], OperatorRow>('SELECT * FROM operators WHERE name = ? AND active = 1')
      .get(name.trim());
    if (!operator) throw new AppError(code, `There is no active operator called ${name.trim()}.`);
    const attempts = s
      .sql<[number], { failures: number; locked_until: string | null }>(
        'SELECT failures, locked_until FROM pin_attempts WHERE operator_id = ?',
      )
      .get(operator.id);
    const now = new Date();
    if (attempts?.locked_until && new Date(attempts.locked_until) > now) {
      const minutes = Math.ceil((new Date(attempts.locked_until).getTime() - now.getTime()) / 60_000);
      throw new AppError(
        code,
        `Too many wrong PINs for ${operator.name}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        { locked: true },
      );
    }
    if (!verifyPinHash(pin, operator.pin_hash)) {
      const failures = (attempts?.failures ?? 0) + 1;
      const lockedUntil =
        failures >= MAX_PIN_FAILURES ? new Date(now.getTime() + PIN_LOCK_MINUTES * 60_000).toISOString() : null;
      this.#store.write(() =>
        s
          .sql(
            'INSERT INTO pin_attempts (operator_id, failures, locked_until) VALUES (?, ?, ?) ON CONFLICT(operator_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until',
          )
          .run(operator.id, lockedUntil ? 0 : failures, lockedUntil),
      );
      const left = MAX_PIN_FAILURES - failures;
      throw new AppError(
        code,
        lockedUntil
          ? `Wrong PIN. ${operator.name} is locked for ${PIN_LOCK_MINUTES} minutes.`
          : `Wrong PIN for ${operator.name}. ${left} tr${left === 1 ? 'y' : 'ies'} left.`,
        { locked: lockedUntil !== null },
      );
    }
    if (attempts) this.#store.write(() => s.sql('DELETE FROM pin_attempts WHERE operator_id = ?').run(operator.id));
    return operator;
  }

  /** A supervisor's approval in place (override, void): PIN checked, role checked. */
  approveAsSupervisor(name: string, pin: string): OperatorRow {
    const operator = this.verify(name, pin, 'OVERRIDE_DENIED');
    if (operator.role !== 'supervisor')
      throw new AppError(
        'OVERRIDE_DENIED',
        `${operator.name} is a ${operator.role}; only a supervisor can approve this.`,
      );
    return operator;
  }

  /**
   * A supervisor approves at the window of the operator signed in there, with their PIN
   * (rate limited like an override): supervisor-only calls from that window go through
   * until the approval lapses. The ledger records who approved, where and for whom.
   */
  approveInPlace(caller: Caller, name: string, pin: string, now = Date.now()): { name: string; until: string } {
    const operator = caller.operator;
    if (!operator)
      throw new AppError('UNAUTHORIZED', 'Sign in first: an approval is given to the operator at this station.');
    if (operator.role === 'supervisor')
      throw new AppError(
        'BAD_REQUEST',
        `${operator.name} is signed in as a supervisor already; no approval is needed.`,
      );
    const approver = this.approveAsSupervisor(name, pin);
    const approval = {
      supervisorId: approver.id,
      name: approver.name,
      forOperatorId: operator.id,
      until: now + APPROVAL_IDLE_MS,
      endsBy: now + APPROVAL_MAX_MS,
    };
    this.#store.write(() =>
      appendEvent(this.#store.statements, {
        type: 'override_granted',
        at: new Date(now).toISOString(),
        stationId: this.#stationId,
        operatorId: approver.id,
        shiftId: operator.shiftId,
        details: {
          code: 'SUPERVISOR_APPROVAL',
          approvedBy: approver.name,
          approvedFor: operator.name,
          approvedForOperatorId: operator.id,
          reason: `Supervisor tools opened for ${operator.name}`,
          until: new Date(approval.until).toISOString(),
          endsBy: new Date(approval.endsBy).toISOString(),
        },
      }),
    );
    caller.approval = approval;
    return { name: approval.name, until: new Date(approval.until).toISOString() };
  }

  /** Ends a running approval at this window; false when there was none. */
  endApproval(caller: Caller): boolean {
    const running = currentApproval(caller) !== null;
    caller.approval = null;
    return running;
  }

  /** Signs an operator in at this station and starts their shift. */
  signIn(caller: Caller, name: string, pin: string): SignedInOperator {
    const operator = this.verify(name, pin);
    if (caller.operator) this.signOut(caller, 'another operator signed in');
    // An approval belongs to the operator it was given to.
    caller.approval = null;
    const s = this.#store.statements;
    const now = new Date().toISOString();
    const shiftId = this.#store.write(() => {
      // A shift left open by a crash at this station ends when its operator signs in again.
      s.sql(
        "UPDATE shifts SET ended_at = ?, end_reason = 'not signed out' WHERE operator_id = ? AND station_id = ? AND ended_at IS NULL",
      ).run(now, operator.id, this.#stationId);
      return Number(
        s
          .sql('INSERT INTO shifts (operator_id, station_id, started_at) VALUES (?, ?, ?)')
          .run(operator.id, this.#stationId, now).lastInsertRowid,
      );
    });
    caller.operator = { id: operator.id, name: operator.name, role: operator.role, shiftId };
    return caller.operator;
  }

  signOut(caller: Caller, reason = 'signed out'): void {
    const operator = caller.operator;
    caller.approval = null;
    if (!operator) return;
    caller.operator = null;
    if (operator.shiftId !== null) {
      this.#store.write(() =>
        this.#store.statements
          .sql('UPDATE shifts SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL')
          .run(new Date().toISOString(), reason, operator.shiftId),
      );
    }
  }

  /** The sign-in screen's view of this window. */
  status(caller: Caller) {
    const approval = currentApproval(caller);
    const shift = caller.operator?.shiftId
      ? this.#store.statements
          .sql<[number], { started_at: string }>('SELECT started_at FROM shifts WHERE id = ?')
          .get(caller.operator.shiftId)
      : undefined;
    return {
      operator: caller.operator,
      needsFirstSupervisor: !this.hasOperators(),
      operators: this.list()
        .filter((o) => o.active)
        .map((o) => ({ name: o.name, role: o.role })),
      shiftStartedAt: shift?.started_at ?? null,
      idleTimeoutMinutes: IDLE_TIMEOUT_MINUTES,
      approval: approval ? { name: approval.name, until: new Date(approval.until).toISOString() } : null,
    };
  }

  /** First run: the first operator is a supervisor, signed in at once. */
  createFirstSupervisor(caller: Caller, name: string, pin: string): SignedInOperator {
    if (this.hasOperators())
      throw new AppError('FORBIDDEN', 'This station already has operators; a supervisor adds new ones.');
    this.add({ name, role: 'supervisor', pin }, null);
    return this.signIn(caller, name, pin);
  }

  /** Ends the shift of an operator who has been idle too long; called before every request. */
  endIfIdle(caller: Caller, now = Date.now()): void {
    if (caller.operator && caller.lastCallAt !== undefined && now - caller.lastCallAt > IDLE_TIMEOUT_MINUTES * 60_000) {
      this.signOut(caller, 'idle timeout');
    }
    caller.lastCallAt = now;
  }

  /** For the CLI: signs in without a window, returning the operator with an open shift. */
  cliSignIn(name: string, pin: string): SignedInOperator {
    const caller: Caller = { id: 'cli', trusted: true, operator: null };
    return this.signIn(caller, name, pin);
  }

  recordOverride(
    approver: OperatorRow,
    fields: {
      reference: string;
      code: string;
      serial: string | null;
      serialKey?: string | null;
      reason: string;
      stationId: number | null;
      shiftId: number | null;
      details?: Record<string, unknown>;
    },
  ): number {
    return appendEvent(this.#store.statements, {
      type: 'override_granted',
      serial: fields.serial,
      serialKey: fields.serialKey ?? null,
      stationId: fields.stationId,
      operatorId: approver.id,
      shiftId: fields.shiftId,
      reference: fields.reference,
      details: { code: fields.code, reason: fields.reason, approvedBy: approver.name, ...fields.details },
    });
  }
}
