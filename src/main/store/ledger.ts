import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { StatementCache } from './statements';

export const GENESIS_HASH = '0'.repeat(64);

export type LedgerEventType =
  | 'received'
  | 'reserved'
  | 'released'
  | 'shipped'
  | 'returned'
  | 'restocked'
  | 'marked_defective'
  | 'transferred'
  | 'override_granted'
  | 'scan_rejected'
  | 'serial_removed'
  | 'unit_registered'
  | 'unknown_serial_shipped'
  | 'session_voided'
  | 'import_committed'
  | 'return_checked'
  | 'status_changed';

export interface LedgerEventInput {
  readonly type: LedgerEventType;
  readonly at?: string;
  readonly unitId?: number | null;
  readonly productId?: number | null;
  readonly serial?: string | null;
  readonly serialKey?: string | null;
  readonly stationId?: number | null;
  readonly operatorId?: number | null;
  readonly shiftId?: number | null;
  readonly reference?: string | null;
  readonly details?: Readonly<Record<string, unknown>>;
}

interface StoredEvent {
  id: number;
  type: string;
  at: string;
  unit_id: number | null;
  product_id: number | null;
  serial: string | null;
  serial_key: string | null;
  station_id: number | null;
  operator_id: number | null;
  shift_id: number | null;
  reference: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/** The hash covers every field of the event and the previous hash, in a fixed order. */
function eventHash(prevHash: string, e: Omit<StoredEvent, 'id' | 'hash' | 'prev_hash'>): string {
  const canonical = JSON.stringify([
    prevHash,
    e.type,
    e.at,
    e.unit_id,
    e.product_id,
    e.serial,
    e.serial_key,
    e.station_id,
    e.operator_id,
    e.shift_id,
    e.reference,
    e.details,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends one event to the hash-chained ledger. Call inside the transaction that makes
 * the change the event records, so the two commit together.
 */
export function appendEvent(statements: StatementCache, input: LedgerEventInput): number {
  const last = statements.sql<[], { hash: string }>('SELECT hash FROM serial_events ORDER BY id DESC LIMIT 1').get();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    type: input.type,
    at: input.at ?? new Date().toISOString(),
    unit_id: input.unitId ?? null,
    product_id: input.productId ?? null,
    serial: input.serial ?? null,
    serial_key: input.serialKey ?? null,
    station_id: input.stationId ?? null,
    operator_id: input.operatorId ?? null,
    shift_id: input.shiftId ?? null,
    reference: input.reference ?? null,
    details: JSON.stringify(input.details ?? {}),
  };
  const hash = eventHash(prevHash, row);
  const result = statements
    .sql(
      `INSERT INTO serial_events
         (type, at, unit_id, product_id, serial, serial_key, station_id, operator_id, shift_id, reference, details, prev_hash, hash)
       VALUES (@type, @at, @unit_id, @product_id, @serial, @serial_key, @station_id, @operator_id, @shift_id, @reference, @details, @prev_hash, @hash)`,
    )
    .run({ ...row, prev_hash: prevHash, hash });
  return Number(result.lastInsertRowid);
}

export interface LedgerVerification {
  readonly ok: boolean;
  readonly events: number;
  readonly firstBrokenEventId: number | null;
  readonly reason: string | null;
}

/** Walks the whole chain in id order; reports the first event whose link or content does not hold. */
export function verifyLedger(db: Database): LedgerVerification {
  let prevHash = GENESIS_HASH;
  let events = 0;
  const rows = db.prepare('SELECT * FROM serial_events ORDER BY id').iterate() as IterableIterator<StoredEvent>;
  for (const row of rows) {
    events += 1;
    if (row.prev_hash !== prevHash) {
      return {
        ok: false,
        events,
        firstBrokenEventId: row.id,
        reason: `event ${row.id} does not link to the event before it`,
      };
    }
    const { id: _id, hash, prev_hash: _prev, ...content } = row;
    if (eventHash(prevHash, content) !== hash) {
      return {
        ok: false,
        events,
        firstBrokenEventId: row.id,
        reason: `event ${row.id} was altered after it was written`,
      };
    }
    prevHash = hash;
  }
  return { ok: true, events, firstBrokenEventId: null, reason: null };
}

/**
 * Verifies just these events: each one's content against its hash, and its link to the
 * event written before it. Cheap enough to run every time a serial's history is shown; the
 * whole chain is walked by `verifyLedger` (the `check` command).
 */
export function verifyEvents(db: Database, ids: readonly number[]): LedgerVerification {
  const byId = db.prepare('SELECT * FROM serial_events WHERE id = ?');
  const previous = db.prepare('SELECT hash FROM serial_events WHERE id < ? ORDER BY id DESC LIMIT 1');
  for (const id of [...ids].sort((a, b) => a - b)) {
    const row = byId.get(id) as StoredEvent | undefined;
    if (!row) continue;
    const prevHash = (previous.get(id) as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
    if (row.prev_hash !== prevHash) {
      return {
        ok: false,
        events: ids.length,
        firstBrokenEventId: row.id,
        reason: `event ${row.id} does not link to the event before it`,
      };
    }
    const { id: _id, hash, prev_hash: _prev, ...content } = row;
    if (eventHash(prevHash, content) !== hash) {
      return {
        ok: false,
        events: ids.length,
        firstBrokenEventId: row.id,
        reason: `event ${row.id} was altered after it was written`,
      };
    }
  }
  return { ok: true, events: ids.length, firstBrokenEventId: null, reason: null };
}
