import { z } from 'zod';
import { AppError, type Envelope, type ErrorInfo } from '../shared/errors';
import { contracts, isChannel, type Channel, type Output, type ParsedInput } from '../shared/ipc';
import type { Contract } from '../shared/ipc/contract';

export interface SignedInOperator {
  readonly id: number;
  readonly name: string;
  readonly role: 'packer' | 'receiver' | 'supervisor';
  readonly shiftId: number | null;
}

/**
 * A supervisor's approval given in place at someone else's window: supervisor-only calls
 * go through for a short while without the supervisor signing in (which would end the
 * shift of the person working there).
 */
export interface SupervisorApproval {
  readonly supervisorId: number;
  readonly name: string;
  /** The operator it was given to; it never carries over to whoever signs in next. */
  readonly forOperatorId: number;
  /** When it lapses (ms since epoch); each supervisor-only call pushes it on, up to `endsBy`. */
  readonly until: number;
  /** However busy the station, an approval lasts no longer than this (ms since epoch). */
  readonly endsBy: number;
}

/** An approval lapses this long after the last supervisor-only call made under it... */
export const APPROVAL_IDLE_MS = 5 * 60_000;
/** ...and this long after it was given, whatever happens. */
export const APPROVAL_MAX_MS = 15 * 60_000;

/**
 * Who is calling: one per Electron window or browser socket. The transport decides
 * whether the sender is trusted; the dispatcher refuses untrusted ones before anything else.
 */
export interface Caller {
  readonly id: string;
  readonly trusted: boolean;
  operator: SignedInOperator | null;
  /** A supervisor's approval for the operator signed in here, if one is running. */
  approval?: SupervisorApproval | null;
  /** When this caller last made a call (ms since epoch); drives the idle sign-out. */
  lastCallAt?: number;
}

export type Handler<C extends Channel> = (input: ParsedInput<C>, caller: Caller) => Output<C> | Promise<Output<C>>;
export type Handlers = { readonly [C in Channel]: Handler<C> };

export interface DispatcherOptions {
  readonly logError?: (channel: string, error: unknown) => void;
  /** Runs before each trusted call (e.g. to end an idle operator's shift). */
  readonly beforeCall?: (caller: Caller) => void;
  /** The clock approvals are checked against (ms since epoch). */
  readonly now?: () => number;
}

/**
 * The caller's approval if it still holds: unexpired and given to the operator signed in
 * now. One that does not hold is dropped, so it cannot come back.
 */
export function currentApproval(caller: Caller, now = Date.now()): SupervisorApproval | null {
  const approval = caller.approval;
  if (!approval) return null;
  if (approval.until > now && caller.operator?.id === approval.forOperatorId) return approval;
  caller.approval = null;
  return null;
}

/**
 * The one entry point for every contract call, whatever the transport: checks the sender,
 * the channel and the input, runs the handler, and answers with an envelope, never a throw.
 */
export class Dispatcher {
  readonly #handlers: Handlers;
  readonly #logError: (channel: string, error: unknown) => void;
  readonly #beforeCall: (caller: Caller) => void;
  readonly #now: () => number;
  #inFlight = 0;
  #idleWaiters: (() => void)[] = [];
  #closed = false;

  constructor(handlers: Handlers, options: DispatcherOptions = {}) {
    this.#handlers = handlers;
    this.#logError = options.logError ?? ((channel, error) => console.error(`[${channel}]`, error));
    this.#beforeCall = options.beforeCall ?? (() => {});
    this.#now = options.now ?? Date.now;
  }

  async dispatch(channel: unknown, payload: unknown, caller: Caller): Promise<Envelope<unknown>> {
    if (!caller.trusted) return fail('UNTRUSTED_SENDER', 'This request did not come from the station window.');
    if (!isChannel(channel)) return fail('UNKNOWN_CHANNEL', `There is no channel named ${describe(channel)}.`);
    if (this.#closed) return fail('INTERNAL', 'The station is shutting down.');
    const contract: Contract = contracts[channel];
    this.#beforeCall(caller);
    if (contract.requiresOperator && !caller.operator)
      return fail('UNAUTHORIZED', 'Sign in first: scans are recorded against the operator who made them.');
    if (contract.supervisorOnly) {
      if (!caller.operator) return fail('UNAUTHORIZED', 'Sign in first.');
      if (caller.operator.role !== 'supervisor') {
        const refusal = this.#approve(caller);
        if (refusal) return refusal;
      }
    }
    const input = contract.input.safeParse(payload);
    if (!input.success) {
      return fail('BAD_REQUEST', `The request to ${channel} was malformed.`, z.treeifyError(input.error));
    }
    this.#inFlight += 1;
    try {
      const handler = this.#handlers[channel] as Handler<Channel>;
      const value = await handler(input.data as never, caller);
      const output = contract.output.safeParse(value);
      if (!output.success) {
        this.#logError(channel, output.error);
        return fail('INTERNAL', `The station produced an invalid answer for ${channel}.`);
      }
      return { ok: true, value: output.data };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toInfo() };
      this.#logError(channel, error);
      return fail('INTERNAL', 'Something went wrong in the station. Nothing was changed by this request.');
    } finally {
      this.#inFlight -= 1;
      if (this.#inFlight === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
    }
  }

  /** Lets a non-supervisor's supervisor-only call through on a running approval, which it extends. */
  #approve(caller: Caller): Envelope<never> | null {
    const now = this.#now();
    const lapsed = caller.approval;
    const approval = currentApproval(caller, now);
    if (!approval) {
      return lapsed
        ? fail('FORBIDDEN', `${lapsed.name}'s approval has ended. Ask a supervisor to approve again.`, {
            approvalEnded: true,
          })
        : fail('FORBIDDEN', 'Only a supervisor can do this.');
    }
    caller.approval = { ...approval, until: Math.min(now + APPROVAL_IDLE_MS, approval.endsBy) };
    return null;
  }

  /** Refuses new calls and resolves once the calls already running have finished. */
  async drain(): Promise<void> {
    this.#closed = true;
    if (this.#inFlight === 0) return;
    await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
  }
}

function fail(code: ErrorInfo['code'], message: string, details?: unknown): Envelope<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : `of type ${typeof value}`;
}
