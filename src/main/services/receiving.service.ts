import { AppError } from '../../shared/errors';
import type { ReceiveSessionView, ReceiveSummary, ReceiveVerdict } from '../../shared/ipc/receiving.contract';
import { parseScan } from '../../shared/scan';
import type { ScannedUnit, ScanSource, VerdictCode } from '../../shared/session';
import type { OrganizationRules } from '../../shared/settings';
import {
  addSerial,
  addUnit,
  decideReceiveScan,
  incompleteUnit,
  lineById,
  needsSerials,
  receiveExpect,
  removeSerial,
  serialsOnLine,
  unitById,
  unitWithSerial,
  unitsOnLine,
  type ReceiveLineInfo,
  type ReceiveLookups,
  type ReceiveOutcome,
  type ReceiveState,
  type SessionSerial,
  type SessionUnit,
} from '../domain/receive-session';
import { emptySessionIndex } from '../domain/session-index';
import { slotLabelOf } from '../domain/session-prompt';
import { serialKey } from '../domain/serial';
import { appendEvent } from '../store/ledger';
import { knownCode, lastShipmentOf, productByCode, unitBySerial } from '../store/repositories/scan-lookup.repository';
import {
  createSession,
  deleteSessionSerial,
  deleteSessionUnit,
  findOpenSession,
  getSession,
  insertSessionSerial,
  insertSessionUnit,
  listOpenSessions,
  listSessionSerials,
  listSessionUnits,
  sessionVersion,
  setSessionStatus,
  touchSession,
  updateSessionUnit,
  type Actor,
  type SessionStatus,
} from '../store/repositories/work-session.repository';
import type { Store } from '../store/store';

const RECENT_UNITS = 50;
const RAW_IN_LEDGER = 200;

interface Cached {
  state: ReceiveState;
  version: number;
  /** As read when the current call began; a scan never changes it. */
  status: SessionStatus;
}

interface PoHeader {
  id: number;
  po_number: string;
  vendor: string;
  skip_serial_prompt: number;
  status: string;
}

interface RecentMemo {
  readonly serials: readonly SessionSerial[];
  readonly lot: string | null;
  readonly expiresOn: string | null;
  readonly entry: ScannedUnit;
}

export interface PasteResult {
  readonly results: { line: number; input: string; ok: boolean; code: VerdictCode; message: string }[];
  readonly accepted: number;
  readonly rejected: number;
  readonly view: ReceiveSessionView;
}

/**
 * Purchase-order receiving with per-unit serial capture. Every accepted scan is persisted
 * before it is acknowledged; closing puts the units in stock in one transaction.
 */
export class ReceivingService {
  readonly #store: Store;
  readonly #rules: () => OrganizationRules;
  readonly #sessions = new Map<number, Cached>();
  /** Each unit's entry in the recent list, rebuilt only when the unit changes. */
  readonly #recent = new WeakMap<SessionUnit, RecentMemo>();

  constructor(store: Store, rules: () => OrganizationRules) {
    this.#store = store;
    this.#rules = rules;
  }

  start(poNumber: string, actor: Actor): ReceiveSessionView {
    const s = this.#store.statements;
    const po = s
      .sql<[string], PoHeader>(
        `SELECT po.id, po.po_number, v.name AS vendor, v.skip_serial_prompt, po.status
         FROM purchase_orders po JOIN vendors v ON v.id = po.vendor_id WHERE po.po_number = ?`,
      )
      .get(poNumber.trim());
    if (!po)
      throw new AppError(
        'UNKNOWN_PO',
        `There is no purchase order "${poNumber.trim()}". Check the number on the paperwork, or import the PO first.`,
      );
    const open = findOpenSession(s, 'receive', po.po_number);
    if (open) return this.#view(this.#load(open.id), true);
    const rules = this.#rules();
    const lines = this.#lines(po.id);
    const fullyReceived = lines.every((l) => l.qtyReceivedBefore >= l.qtyOrdered);
    if (fullyReceived && !rules.allowOverReceipt) {
      throw new AppError(
        'OVER_RECEIPT',
        `Everything on ${po.po_number} has been received already. Nothing more can be received on it.`,
      );
    }
    const now = new Date().toISOString();
    const header = {
      poId: po.id,
      serialsSkipped: po.skip_serial_prompt === 1 || !rules.captureSerialsOnReceive,
      currentLineId: null,
    };
    const id = this.#store.write(() => createSession(s, 'receive', po.po_number, actor, header, now));
    return this.#view(this.#load(id), false);
  }

  view(sessionId: number): ReceiveSessionView {
    const state = this.#load(sessionId);
    return this.#view(state, false);
  }

  listOpen() {
    return listOpenSessions(this.#store.statements, 'receive').map((r) => ({
      sessionId: r.id,
      reference: r.reference,
      units: r.units,
      updatedAt: r.updated_at,
      station: r.station,
      operator: r.operator,
    }));
  }

  scan(sessionId: number, raw: string, source: ScanSource, actor: Actor): ReceiveVerdict {
    // Reading and deciding inside the scan's own transaction: one read snapshot for all the
    // look-ups, and nobody can change the session between the decision and its record.
    const { state, outcome } = this.#store.write(() => {
      const rules = this.#rules();
      const state = this.#active(sessionId);
      const outcome = decideReceiveScan(state, parseScan(raw), rules, this.#lookups(state, rules));
      this.#apply(state, outcome, raw, source, actor);
      return { state, outcome };
    });
    return this.#verdict(state, outcome);
  }

  paste(sessionId: number, text: string, actor: Actor): PasteResult {
    const state = this.#active(sessionId);
    const results: PasteResult['results'] = [];
    const lines = text.split(/\r\n|\n|\r/);
    const rules = this.#rules();
    const lookups = this.#lookups(state, rules);
    this.#store.write(() => {
      lines.forEach((input, index) => {
        if (input.trim() === '') return;
        const outcome = decideReceiveScan(state, parseScan(input), rules, lookups);
        this.#apply(state, outcome, input, 'paste', actor, false);
        const verdict = outcomeMessage(state, outcome);
        results.push({ line: index + 1, input, ...verdict });
      });
      this.#touch(state);
    });
    const accepted = results.filter((r) => r.ok).length;
    return { results, accepted, rejected: results.length - accepted, view: this.#view(state, false) };
  }

  removeSerial(sessionId: number, serial: string, actor: Actor): ReceiveVerdict {
    const state = this.#active(sessionId);
    const key = serialKey(serial, { caseSensitive: this.#rules().caseSensitiveSerials });
    const unit = unitWithSerial(state, key);
    if (!unit) {
      const expect = receiveExpect(state);
      return {
        ok: false,
        code: 'NOT_FOUND',
        message: `${serial.trim()} is not among the serials scanned in this session, so there is nothing to remove.`,
        expect,
        view: this.#view(state, false),
      };
    }
    const entry = unit.serials.find((s) => s.key === key)!;
    const line = lineById(state, unit.lineId);
    const s = this.#store.statements;
    this.#store.write(() => {
      deleteSessionSerial(s, entry.id);
      // A unit left with no serial was the wrong scan altogether; the count follows.
      if (removeSerial(state, unit, entry.id)) {
        deleteSessionUnit(s, unit.id);
        if (state.currentUnitId === unit.id) state.currentUnitId = null;
      } else {
        state.currentUnitId = unit.id;
      }
      appendEvent(s, {
        type: 'serial_removed',
        productId: line.productId,
        serial: entry.serial,
        serialKey: entry.key,
        ...actorFields(actor),
        reference: state.poNumber,
        details: { sessionId: state.sessionId, slot: entry.slot, unitRemoved: unit.serials.length === 0 },
      });
      this.#touch(state);
    });
    const expect = receiveExpect(state);
    return {
      ok: true,
      code: 'OK',
      message: `Removed ${entry.serial} (${line.name}).`,
      expect,
      view: this.#view(state, false),
    };
  }

  close(
    sessionId: number,
    actor: Actor,
    location: { warehouse: string | null; location: string | null },
  ): ReceiveSummary {
    const state = this.#active(sessionId);
    const missing = incompleteUnit(state);
    if (missing) {
      const line = lineById(state, missing.lineId);
      const expect = receiveExpect(state);
      throw new AppError(
        'SERIAL_EMPTY',
        `${line.name} unit ${expect.unit} still needs its ${expect.slotLabel}. Scan it, or remove the unit's other serial, before closing.`,
      );
    }
    const s = this.#store.statements;
    const now = new Date().toISOString();
    const today = now.slice(0, 10);
    const caseSensitive = this.#rules().caseSensitiveSerials;
    const scopeOrg = this.#rules().uniquenessScope === 'organization';
    const perLine = new Map<number, number>();
    try {
      this.#store.write(() => {
        const current = sessionVersion(s, sessionId);
        if (!current || current.version !== this.#sessions.get(sessionId)?.version || current.status !== 'active') {
          throw new AppError(
            'CONFLICT',
            'This session changed at another station. Reopen it to see its current state.',
          );
        }
        const insertUnit = s.sql(
          `INSERT INTO units (product_id, status, lot, expires_on, warehouse, location, purchase_date, unit_cost_cents, po_line_id, work_session_id, created_at, updated_at)
           VALUES (?, 'in_stock', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        const insertSerial = s.sql(
          'INSERT INTO unit_serials (unit_id, product_id, slot, serial, serial_key, scope_product_id) VALUES (?, ?, ?, ?, ?, ?)',
        );
        for (const unit of state.units) {
          const line = lineById(state, unit.lineId);
          const unitId = Number(
            insertUnit.run(
              line.productId,
              unit.lot,
              unit.expiresOn,
              location.warehouse,
              location.location,
              today,
              line.unitCostCents,
              line.lineId,
              sessionId,
              now,
              now,
            ).lastInsertRowid,
          );
          perLine.set(line.lineId, (perLine.get(line.lineId) ?? 0) + 1);
          for (const serial of unit.serials) {
            const key = serialKey(serial.serial, { caseSensitive });
            insertSerial.run(unitId, line.productId, serial.slot, serial.serial, key, scopeOrg ? 0 : line.productId);
            appendEvent(s, {
              type: 'received',
              at: now,
              unitId,
              productId: line.productId,
              serial: serial.serial,
              serialKey: key,
              ...actorFields(actor),
              reference: state.poNumber,
              details: {
                slot: serial.slot,
                slotLabel: slotLabelOf(line, serial.slot),
                unitCostCents: line.unitCostCents,
                lot: unit.lot,
                manual: serial.manual,
                sessionId,
              },
            });
          }
        }
        for (const [lineId, n] of perLine) {
          const line = lineById(state, lineId);
          s.sql('UPDATE po_lines SET qty_received = qty_received + ? WHERE id = ?').run(n, lineId);
          if (!needsSerials(state, line)) {
            appendEvent(s, {
              type: 'received',
              at: now,
              productId: line.productId,
              ...actorFields(actor),
              reference: state.poNumber,
              details: { quantity: n, sku: line.sku, withoutSerials: true, sessionId },
            });
          }
        }
        const open = s
          .sql<[number], { n: number }>(
            'SELECT count(*) AS n FROM po_lines WHERE po_id = ? AND qty_received < qty_ordered',
          )
          .get(state.poId)!.n;
        s.sql('UPDATE purchase_orders SET status = ?, updated_at = ? WHERE id = ?').run(
          open === 0 ? 'received' : 'open',
          now,
          state.poId,
        );
        setSessionStatus(s, sessionId, 'closed', now);
      });
    } catch (error) {
      if (error instanceof Error && /UNIQUE constraint failed: unit_serials/.test(error.message)) {
        this.#sessions.delete(sessionId);
        throw new AppError(
          'SERIAL_ALREADY_IN_STOCK',
          'One of these serials was put in stock at another desk while this session was open. Nothing was closed; reopen the PO to see which.',
        );
      }
      throw error;
    }
    this.#sessions.delete(sessionId);
    const lines = this.#lines(state.poId);
    const poStatus = s
      .sql<[number], { status: 'open' | 'received' | 'closed' }>('SELECT status FROM purchase_orders WHERE id = ?')
      .get(state.poId)!.status;
    return {
      sessionId,
      poNumber: state.poNumber,
      units: state.units.length,
      serials: state.units.reduce((n, u) => n + u.serials.length, 0),
      lines: lines.map((l) => ({
        sku: l.sku,
        name: l.name,
        units: perLine.get(l.lineId) ?? 0,
        qtyReceived: l.qtyReceivedBefore,
        qtyOrdered: l.qtyOrdered,
      })),
      poStatus,
    };
  }

  // ---- internals ----

  #lookups(state: ReceiveState, rules: OrganizationRules): ReceiveLookups {
    const s = this.#store.statements;
    const matching = { caseSensitive: rules.caseSensitiveSerials };
    return {
      productIdByCode: (code) => productByCode(s, code)?.productId,
      knownCode: (code) => knownCode(s, code),
      knownUnit: (productId, key) => {
        const unit = unitBySerial(s, rules.uniquenessScope === 'organization' ? 0 : productId, key);
        if (!unit) return undefined;
        const last = unit.status === 'sold' ? lastShipmentOf(s, unit.unitId) : undefined;
        return {
          status: unit.status,
          productName: unit.productName,
          poNumber: unit.poNumber,
          receivedAt: unit.receivedAt,
          lastOrder: last?.orderNumber ?? null,
        };
      },
      receivedOnPo: (key) =>
        s
          .sql<[number, string], { sku: string }>(
            `SELECT p.sku FROM unit_serials us JOIN units u ON u.id = us.unit_id JOIN po_lines pl ON pl.id = u.po_line_id
             JOIN products p ON p.id = u.product_id WHERE pl.po_id = ? AND us.serial_key = ? LIMIT 1`,
          )
          .get(state.poId, key),
      serialKey: (serial) => serialKey(serial, matching),
    };
  }

  /** Persists an outcome (inside the caller's transaction) and updates the in-memory state. */
  #apply(
    state: ReceiveState,
    outcome: ReceiveOutcome,
    raw: string,
    source: ScanSource,
    actor: Actor,
    touch = true,
  ): void {
    const s = this.#store.statements;
    const now = new Date().toISOString();
    const manual = source === 'manual';
    switch (outcome.kind) {
      case 'reject':
        appendEvent(s, {
          type: 'scan_rejected',
          at: now,
          ...actorFields(actor),
          reference: state.poNumber,
          details: {
            code: outcome.code,
            raw: raw.slice(0, RAW_IN_LEDGER),
            source,
            sessionId: state.sessionId,
            kind: 'receive',
          },
        });
        return;
      case 'new-unit': {
        const id = insertSessionUnit(
          s,
          state.sessionId,
          { lineId: outcome.lineId, unitId: null, lot: outcome.lot, expiresOn: outcome.expiresOn, manual },
          now,
        );
        const unit: SessionUnit = {
          id,
          lineId: outcome.lineId,
          serials: [],
          lot: outcome.lot,
          expiresOn: outcome.expiresOn,
          manual,
          at: now,
        };
        addUnit(state, unit);
        if (outcome.serial) {
          const serialId = insertSessionSerial(
            s,
            state.sessionId,
            {
              sessionUnitId: id,
              slot: outcome.serial.slot,
              serial: outcome.serial.serial,
              serialKey: outcome.serial.key,
              manual,
              overrideEventId: null,
            },
            now,
          );
          addSerial(state, unit, {
            id: serialId,
            slot: outcome.serial.slot,
            serial: outcome.serial.serial,
            key: outcome.serial.key,
            manual,
            overridden: false,
          });
        }
        const line = lineById(state, outcome.lineId);
        state.currentLineId = line.lineId;
        state.currentUnitId = needsSerials(state, line) && unit.serials.length < line.serialsPerUnit ? id : null;
        break;
      }
      case 'add-serial': {
        const unit = unitById(state, outcome.unitId)!;
        const serialId = insertSessionSerial(
          s,
          state.sessionId,
          {
            sessionUnitId: unit.id,
            slot: outcome.slot,
            serial: outcome.serial,
            serialKey: outcome.key,
            manual,
            overrideEventId: null,
          },
          now,
        );
        addSerial(state, unit, {
          id: serialId,
          slot: outcome.slot,
          serial: outcome.serial,
          key: outcome.key,
          manual,
          overridden: false,
        });
        if (outcome.lot || outcome.expiresOn) {
          unit.lot = unit.lot ?? outcome.lot;
          unit.expiresOn = unit.expiresOn ?? outcome.expiresOn;
          updateSessionUnit(s, unit.id, { lot: unit.lot, expiresOn: unit.expiresOn });
        }
        const line = lineById(state, unit.lineId);
        if (unit.serials.length >= line.serialsPerUnit) state.currentUnitId = null;
        break;
      }
    }
    if (touch) this.#touch(state);
  }

  #touch(state: ReceiveState): void {
    const cached = this.#sessions.get(state.sessionId);
    const version = touchSession(this.#store.statements, state.sessionId, new Date().toISOString(), {
      poId: state.poId,
      serialsSkipped: state.serialsSkipped,
      currentLineId: state.currentLineId,
    });
    if (cached) cached.version = version;
  }

  #verdict(state: ReceiveState, outcome: ReceiveOutcome): ReceiveVerdict {
    const { ok, code, message } = outcomeMessage(state, outcome);
    const view = this.#view(state, false);
    return { ok, code, message, expect: view.expect, view };
  }

  #active(sessionId: number): ReceiveState {
    const state = this.#load(sessionId);
    const status = this.#sessions.get(sessionId)!.status;
    if (status !== 'active' && status !== 'parked') {
      throw new AppError(
        'CONFLICT',
        `This receiving session is already ${status}. Scan the PO again to start a new one.`,
      );
    }
    return state;
  }

  /** The session's state: from memory when nobody else changed it, else rebuilt from the store. */
  #load(sessionId: number): ReceiveState {
    const s = this.#store.statements;
    const current = sessionVersion(s, sessionId);
    if (!current) throw new AppError('NOT_FOUND', `There is no receiving session ${sessionId}.`);
    const cached = this.#sessions.get(sessionId);
    if (cached && cached.version === current.version) {
      cached.status = current.status;
      return cached.state;
    }
    const row = getSession(s, sessionId)!;
    if (row.kind !== 'receive') throw new AppError('NOT_FOUND', `Session ${sessionId} is not a receiving session.`);
    const header = JSON.parse(row.state) as { poId: number; serialsSkipped: boolean; currentLineId: number | null };
    const po = s
      .sql<[number], PoHeader>(
        'SELECT po.id, po.po_number, v.name AS vendor, v.skip_serial_prompt, po.status FROM purchase_orders po JOIN vendors v ON v.id = po.vendor_id WHERE po.id = ?',
      )
      .get(header.poId)!;
    const units = new Map<number, SessionUnit>();
    for (const u of listSessionUnits(s, sessionId)) {
      units.set(u.id, {
        id: u.id,
        lineId: u.line_id,
        serials: [],
        lot: u.lot,
        expiresOn: u.expires_on,
        manual: u.manual === 1,
        at: u.created_at,
      });
    }
    for (const serial of listSessionSerials(s, sessionId)) {
      units.get(serial.session_unit_id)?.serials.push({
        id: serial.id,
        slot: serial.slot,
        serial: serial.serial,
        key: serial.serial_key,
        manual: serial.manual === 1,
        overridden: serial.override_event_id !== null,
      });
    }
    const state: ReceiveState = {
      sessionId,
      poId: po.id,
      poNumber: po.po_number,
      vendor: po.vendor,
      serialsSkipped: header.serialsSkipped,
      startedAt: row.created_at,
      lines: this.#lines(po.id),
      units: [],
      index: emptySessionIndex(),
      currentUnitId: null,
      currentLineId: header.currentLineId,
    };
    for (const unit of units.values()) addUnit(state, unit);
    state.currentUnitId = incompleteUnit(state)?.id ?? null;
    this.#sessions.set(sessionId, { state, version: current.version, status: current.status });
    return state;
  }

  #lines(poId: number): ReceiveLineInfo[] {
    return this.#store.statements
      .sql<
        [number],
        {
          id: number;
          line_no: number;
          product_id: number;
          sku: string;
          name: string;
          track_serials: number;
          serials_per_unit: number;
          serial_slot_labels: string;
          serial_pattern: string | null;
          serial_length: number | null;
          qty_ordered: number;
          qty_received: number;
          unit_cost_cents: number | null;
        }
      >(
        `SELECT pl.id, pl.line_no, pl.product_id, p.sku, p.name, p.track_serials, p.serials_per_unit, p.serial_slot_labels,
                p.serial_pattern, p.serial_length, pl.qty_ordered, pl.qty_received, pl.unit_cost_cents
         FROM po_lines pl JOIN products p ON p.id = pl.product_id WHERE pl.po_id = ? ORDER BY pl.line_no`,
      )
      .all(poId)
      .map((r) => ({
        lineId: r.id,
        lineNo: r.line_no,
        productId: r.product_id,
        sku: r.sku,
        name: r.name,
        trackSerials: r.track_serials === 1,
        serialsPerUnit: r.serials_per_unit,
        slotLabels: JSON.parse(r.serial_slot_labels) as string[],
        pattern: r.serial_pattern,
        length: r.serial_length,
        qtyOrdered: r.qty_ordered,
        qtyReceivedBefore: r.qty_received,
        unitCostCents: r.unit_cost_cents,
      }));
  }

  #view(state: ReceiveState, resumed: boolean): ReceiveSessionView {
    const status =
      this.#sessions.get(state.sessionId)?.status ??
      sessionVersion(this.#store.statements, state.sessionId)?.status ??
      'active';
    const lines = state.lines.map((line) => {
      const units = unitsOnLine(state, line.lineId);
      const serialsScanned = serialsOnLine(state, line.lineId);
      const expectedUnits = Math.max(line.qtyOrdered - line.qtyReceivedBefore, units);
      return {
        lineId: line.lineId,
        lineNo: line.lineNo,
        sku: line.sku,
        name: line.name,
        trackSerials: line.trackSerials,
        serialsPerUnit: line.serialsPerUnit,
        slotLabels: Array.from({ length: line.serialsPerUnit }, (_, i) => slotLabelOf(line, i + 1)),
        qtyOrdered: line.qtyOrdered,
        qtyReceivedBefore: line.qtyReceivedBefore,
        unitsScanned: units,
        serialsScanned,
        serialsNeeded: needsSerials(state, line) ? expectedUnits * line.serialsPerUnit : 0,
      };
    });
    const recent = state.units
      .slice(-RECENT_UNITS)
      .reverse()
      .map((unit) => this.#recentEntry(state, unit));
    return {
      sessionId: state.sessionId,
      poNumber: state.poNumber,
      vendor: state.vendor,
      status,
      resumed,
      startedAt: state.startedAt,
      serialsSkipped: state.serialsSkipped,
      lines,
      recent,
      totals: {
        unitsDone: lines.reduce((n, l) => n + l.unitsScanned, 0),
        unitsTotal: lines.reduce((n, l) => n + Math.max(l.qtyOrdered - l.qtyReceivedBefore, l.unitsScanned), 0),
        serialsDone: lines.reduce((n, l) => n + l.serialsScanned, 0),
        serialsTotal: lines.reduce((n, l) => n + l.serialsNeeded, 0),
      },
      expect: receiveExpect(state),
    };
  }

  #recentEntry(state: ReceiveState, unit: SessionUnit): ScannedUnit {
    const memo = this.#recent.get(unit);
    if (memo && memo.lot === unit.lot && memo.expiresOn === unit.expiresOn && sameItems(memo.serials, unit.serials)) {
      return memo.entry;
    }
    const line = lineById(state, unit.lineId);
    const entry: ScannedUnit = {
      id: unit.id,
      lineId: unit.lineId,
      sku: line.sku,
      productName: line.name,
      serials: [...unit.serials]
        .sort((a, b) => a.slot - b.slot)
        .map((x) => ({
          slot: x.slot,
          label: slotLabelOf(line, x.slot),
          serial: x.serial,
          manual: x.manual,
          overridden: x.overridden,
        })),
      slots: needsSerials(state, line) ? line.serialsPerUnit : 0,
      lot: unit.lot,
      expiresOn: unit.expiresOn,
      manual: unit.manual,
      at: unit.at,
    };
    this.#recent.set(unit, { serials: [...unit.serials], lot: unit.lot, expiresOn: unit.expiresOn, entry });
    return entry;
  }
}

/** Same entries in the same order (serial entries are never changed in place). */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

function actorFields(actor: Actor) {
  return { stationId: actor.stationId, operatorId: actor.operatorId, shiftId: actor.shiftId };
}

function outcomeMessage(
  state: ReceiveState,
  outcome: ReceiveOutcome,
): { ok: boolean; code: VerdictCode; message: string } {
  switch (outcome.kind) {
    case 'reject':
      return { ok: false, code: outcome.code, message: outcome.message };
    case 'new-unit': {
      const line = lineById(state, outcome.lineId);
      const n = line.qtyReceivedBefore + unitsOnLine(state, line.lineId);
      const what = outcome.serial ? `${outcome.serial.serial} — ` : '';
      return { ok: true, code: 'OK', message: `${what}${line.name}, unit ${n} of ${line.qtyOrdered}` };
    }
    case 'add-serial': {
      const unit = unitById(state, outcome.unitId)!;
      const line = lineById(state, unit.lineId);
      return {
        ok: true,
        code: 'OK',
        message: `${outcome.serial} — ${slotLabelOf(line, outcome.slot)} of ${line.name}`,
      };
    }
  }
}
