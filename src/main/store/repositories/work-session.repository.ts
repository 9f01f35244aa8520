import type { StatementCache } from '../statements';

export type SessionKind = 'receive' | 'ship' | 'return' | 'transfer';
export type SessionStatus = 'active' | 'parked' | 'closed' | 'voided';

export interface Actor {
  readonly stationId: number | null;
  readonly operatorId: number | null;
  readonly shiftId: number | null;
}

export interface SessionRow {
  readonly id: number;
  readonly kind: SessionKind;
  readonly reference: string;
  readonly station_id: number | null;
  readonly operator_id: number | null;
  readonly shift_id: number | null;
  readonly status: SessionStatus;
  readonly state: string;
  readonly version: number;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface SessionUnitRow {
  readonly id: number;
  readonly line_id: number;
  readonly unit_id: number | null;
  readonly lot: string | null;
  readonly expires_on: string | null;
  readonly manual: number;
  readonly created_at: string;
}

export interface SessionSerialRow {
  readonly id: number;
  readonly session_unit_id: number;
  readonly slot: number;
  readonly serial: string;
  readonly serial_key: string;
  readonly manual: number;
  readonly override_event_id: number | null;
  readonly created_at: string;
}

export function createSession(
  s: StatementCache,
  kind: SessionKind,
  reference: string,
  actor: Actor,
  state: unknown,
  now: string,
): number {
  return Number(
    s
      .sql(
        `INSERT INTO work_sessions (kind, reference, station_id, operator_id, shift_id, status, state, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'active', ?, 0, ?, ?)`,
      )
      .run(kind, reference, actor.stationId, actor.operatorId, actor.shiftId, JSON.stringify(state), now, now)
      .lastInsertRowid,
  );
}

export function findOpenSession(s: StatementCache, kind: SessionKind, reference: string): SessionRow | undefined {
  return s
    .sql<[SessionKind, string], SessionRow>(
      "SELECT * FROM work_sessions WHERE kind = ? AND reference = ? AND status IN ('active', 'parked') ORDER BY id DESC LIMIT 1",
    )
    .get(kind, reference);
}

export function getSession(s: StatementCache, id: number): SessionRow | undefined {
  return s.sql<[number], SessionRow>('SELECT * FROM work_sessions WHERE id = ?').get(id);
}

export function sessionVersion(s: StatementCache, id: number): { version: number; status: SessionStatus } | undefined {
  return s
    .sql<[number], { version: number; status: SessionStatus }>('SELECT version, status FROM work_sessions WHERE id = ?')
    .get(id);
}

/** Marks a change; the version lets another process holding the session notice it is stale. */
export function touchSession(s: StatementCache, id: number, now: string, state?: unknown): number {
  const row =
    state === undefined
      ? s
          .sql<[string, number], { version: number }>(
            'UPDATE work_sessions SET version = version + 1, updated_at = ? WHERE id = ? RETURNING version',
          )
          .get(now, id)
      : s
          .sql<[string, string, number], { version: number }>(
            'UPDATE work_sessions SET version = version + 1, updated_at = ?, state = ? WHERE id = ? RETURNING version',
          )
          .get(now, JSON.stringify(state), id);
  return row!.version;
}

export function setSessionStatus(s: StatementCache, id: number, status: SessionStatus, now: string): void {
  s.sql('UPDATE work_sessions SET status = ?, version = version + 1, updated_at = ? WHERE id = ?').run(status, now, id);
}

export function insertSessionUnit(
  s: StatementCache,
  sessionId: number,
  unit: { lineId: number; unitId: number | null; lot: string | null; expiresOn: string | null; manual: boolean },
  now: string,
): number {
  return Number(
    s
      .sql(
        'INSERT INTO work_session_units (session_id, line_id, unit_id, lot, expires_on, manual, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(sessionId, unit.lineId, unit.unitId, unit.lot, unit.expiresOn, unit.manual ? 1 : 0, now).lastInsertRowid,
  );
}

export function insertSessionSerial(
  s: StatementCache,
  sessionId: number,
  serial: {
    sessionUnitId: number;
    slot: number;
    serial: string;
    serialKey: string;
    manual: boolean;
    overrideEventId: number | null;
  },
  now: string,
): number {
  return Number(
    s
      .sql(
        `INSERT INTO work_session_serials (session_id, session_unit_id, slot, serial, serial_key, manual, override_event_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        sessionId,
        serial.sessionUnitId,
        serial.slot,
        serial.serial,
        serial.serialKey,
        serial.manual ? 1 : 0,
        serial.overrideEventId,
        now,
      ).lastInsertRowid,
  );
}

export function updateSessionUnit(
  s: StatementCache,
  id: number,
  fields: { unitId?: number | null; lot?: string | null; expiresOn?: string | null },
): void {
  s.sql(
    'UPDATE work_session_units SET unit_id = coalesce(?, unit_id), lot = coalesce(?, lot), expires_on = coalesce(?, expires_on) WHERE id = ?',
  ).run(fields.unitId ?? null, fields.lot ?? null, fields.expiresOn ?? null, id);
}

export function deleteSessionSerial(s: StatementCache, id: number): void {
  s.sql('DELETE FROM work_session_serials WHERE id = ?').run(id);
}

export function deleteSessionUnit(s: StatementCache, id: number): void {
  s.sql('DELETE FROM work_session_units WHERE id = ?').run(id);
}

export function listSessionUnits(s: StatementCache, sessionId: number): SessionUnitRow[] {
  return s
    .sql<[number], SessionUnitRow>('SELECT * FROM work_session_units WHERE session_id = ? ORDER BY id')
    .all(sessionId);
}

export function listSessionSerials(s: StatementCache, sessionId: number): SessionSerialRow[] {
  return s
    .sql<[number], SessionSerialRow>('SELECT * FROM work_session_serials WHERE session_id = ? ORDER BY id')
    .all(sessionId);
}

export interface OpenSessionRow {
  readonly id: number;
  readonly reference: string;
  readonly updated_at: string;
  readonly units: number;
  readonly station: string | null;
  readonly operator: string | null;
}

export function listOpenSessions(s: StatementCache, kind: SessionKind): OpenSessionRow[] {
  return s
    .sql<[SessionKind], OpenSessionRow>(
      `SELECT w.id, w.reference, w.updated_at,
         (SELECT count(*) FROM work_session_units u WHERE u.session_id = w.id) AS units,
         st.name AS station, op.name AS operator
       FROM work_sessions w
       LEFT JOIN stations st ON st.id = w.station_id
       LEFT JOIN operators op ON op.id = w.operator_id
       WHERE w.kind = ? AND w.status IN ('active', 'parked')
       ORDER BY w.updated_at DESC`,
    )
    .all(kind);
}
