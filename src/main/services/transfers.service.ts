import { AppError } from '../../shared/errors';
import type {
  Place as PlaceInput,
  TransferPlace,
  TransferSummary,
  TransferVerdict,
  TransferView,
} from '../../shared/ipc/transfers.contract';
import { parseScan } from '../../shared/scan';
import type { ScanSource, VerdictCode } from '../../shared/session';
import type { OrganizationRules } from '../../shared/settings';
import { serialKey } from '../domain/serial';
import {
  decideTransferScan,
  isAt,
  placeLabel,
  placesProblem,
  transferExpect,
  transferReference,
  type CandidateUnit,
  type Place,
  type TransferLookups,
  type TransferState,
  type TransferUnit,
} from '../domain/transfer-session';
import { slotLabelOf } from '../domain/session-prompt';
import type { UnitStatus } from '../domain/unit-lifecycle';
import { appendEvent } from '../store/ledger';
import { knownCode, productByCode } from '../store/repositories/scan-lookup.repository';
import {
  createSession,
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
  type Actor,
} from '../store/repositories/work-session.repository';
import type { Store } from '../store/store';

const RECENT_UNITS = 50;
const RAW_IN_LEDGER = 200;

interface Header {
  from: Place;
  to: Place;
}

interface UnitDbRow {
  unit_id: number;
  product_id: number;
  sku: string;
  name: string;
  serial_slot_labels: string;
  serials_per_unit: number;
  status: UnitStatus;
  warehouse: string | null;
  location: string | null;
}

function place(input: PlaceInput): Place {
  const location = input.location?.trim();
  return { warehouse: input.warehouse.trim(), location: location ? location : null };
}

/**
 * Transfers between warehouses and locations, on the same session engine as receiving: every
 * accepted scan is persisted before it is answered, so a restart resumes the transfer; confirming
 * moves every unit in one transaction with a ledger event per unit.
 */
export class TransfersService {
  readonly #store: Store;
  readonly #rules: () => OrganizationRules;
  readonly #sessions = new Map<number, { state: TransferState; version: number }>();

  constructor(store: Store, rules: () => OrganizationRules) {
    this.#store = store;
    this.#rules = rules;
  }

  start(fromInput: PlaceInput, toInput: PlaceInput, actor: Actor): TransferView {
    const from = place(fromInput);
    const to = place(toInput);
    const problem = placesProblem(from, to);
    if (problem) throw new AppError('BAD_REQUEST', problem);
    const s = this.#store.statements;
    const reference = transferReference(from, to);
    const open = findOpenSession(s, 'transfer', reference);
    if (open) {
      if (open.status === 'parked')
        this.#store.write(() => setSessionStatus(s, open.id, 'active', new Date().toISOString()));
      return this.#view(this.#load(open.id), true);
    }
    const header: Header = { from, to };
    const id = this.#store.write(() =>
      createSession(s, 'transfer', reference, actor, header, new Date().toISOString()),
    );
    return this.#view(this.#load(id), false);
  }

  view(sessionId: number): TransferView {
    return this.#view(this.#load(sessionId), false);
  }

  listOpen() {
    return listOpenSessions(this.#store.statements, 'transfer').map((r) => ({
      sessionId: r.id,
      reference: r.reference,
      units: r.units,
      updatedAt: r.updated_at,
      station: r.station,
      operator: r.operator,
    }));
  }

  /**
   * Every place units stand at, with its in-stock count, for picking a transfer's ends. Places
   * are matched without regard to case, as a transfer matches them, so "main" and "MAIN" are one.
   */
  places(): TransferPlace[] {
    return this.#store.statements
      .sql<[], { warehouse: string; location: string | null; in_stock: number }>(
        `SELECT min(trim(warehouse)) AS warehouse, nullif(min(trim(coalesce(location, ''))), '') AS location,
                sum(status = 'in_stock') AS in_stock
         FROM units WHERE trim(coalesce(warehouse, '')) <> ''
         GROUP BY upper(trim(warehouse)), upper(trim(coalesce(location, '')))
         ORDER BY upper(min(trim(warehouse))), upper(min(trim(coalesce(location, ''))))`,
      )
      .all()
      .map((r) => ({ warehouse: r.warehouse, location: r.location, inStock: r.in_stock }));
  }

  scan(sessionId: number, raw: string, source: ScanSource, actor: Actor): TransferVerdict {
    const state = this.#active(sessionId);
    const outcome = decideTransferScan(state, parseScan(raw), this.#rules(), this.#lookups());
    const s = this.#store.statements;
    const now = new Date().toISOString();
    if (outcome.kind === 'reject') {
      this.#store.write(() =>
        appendEvent(s, {
          type: 'scan_rejected',
          at: now,
          ...actor,
          reference: state.reference,
          details: { code: outcome.code, raw: raw.slice(0, RAW_IN_LEDGER), source, sessionId, kind: 'transfer' },
        }),
      );
      return this.#verdict(state, false, outcome.code, outcome.message);
    }
    const manual = source === 'manual';
    this.#store.write(() => {
      const id = insertSessionUnit(
        s,
        sessionId,
        { lineId: 0, unitId: outcome.unit.unitId, lot: null, expiresOn: null, manual },
        now,
      );
      insertSessionSerial(
        s,
        sessionId,
        {
          sessionUnitId: id,
          slot: outcome.scanned.slot,
          serial: outcome.scanned.serial,
          serialKey: outcome.scanned.key,
          manual,
          overrideEventId: null,
        },
        now,
      );
      state.units.push({ id, unit: outcome.unit, scanned: outcome.scanned, manual, at: now });
      this.#touch(state);
    });
    const n = state.units.length;
    return this.#verdict(
      state,
      true,
      'OK',
      `${outcome.scanned.serial} — ${outcome.unit.productName} added (${n} unit${n === 1 ? '' : 's'} to move).`,
    );
  }

  /** Takes a unit out of the transfer by any of its codes. */
  remove(sessionId: number, serial: string, actor: Actor): TransferVerdict {
    const state = this.#active(sessionId);
    const key = serialKey(serial, { caseSensitive: this.#rules().caseSensitiveSerials });
    const entry = state.units.find((u) => u.scanned.key === key || u.unit.codes.some((c) => c.key === key));
    if (!entry) {
      return this.#verdict(
        state,
        false,
        'NOT_FOUND',
        `${serial.trim()} is not in this transfer, so there is nothing to remove.`,
      );
    }
    const s = this.#store.statements;
    this.#store.write(() => {
      deleteSessionUnit(s, entry.id);
      state.units = state.units.filter((u) => u.id !== entry.id);
      appendEvent(s, {
        type: 'serial_removed',
        unitId: entry.unit.unitId,
        productId: entry.unit.productId,
        serial: entry.scanned.serial,
        serialKey: entry.scanned.key,
        ...actor,
        reference: state.reference,
        details: { sessionId, kind: 'transfer' },
      });
      this.#touch(state);
    });
    return this.#verdict(
      state,
      true,
      'OK',
      `Removed ${entry.scanned.serial} (${entry.unit.productName}); it stays at ${placeLabel(state.from)}.`,
    );
  }

  confirm(sessionId: number, actor: Actor): TransferSummary {
    const state = this.#active(sessionId);
    if (state.units.length === 0) {
      throw new AppError(
        'BAD_REQUEST',
        `Nothing to move yet: scan the serial of each unit at ${placeLabel(state.from)}, then confirm.`,
      );
    }
    const s = this.#store.statements;
    const now = new Date().toISOString();
    const moved: TransferSummary['units'] = [];
    this.#store.write(() => {
      const current = sessionVersion(s, sessionId);
      if (!current || current.version !== this.#sessions.get(sessionId)?.version || current.status !== 'active') {
        throw new AppError('CONFLICT', 'This transfer changed at another station. Reopen it to see its current state.');
      }
      const read = s.sql<[number], { status: UnitStatus; warehouse: string | null; location: string | null }>(
        'SELECT status, warehouse, location FROM units WHERE id = ?',
      );
      const move = s.sql('UPDATE units SET warehouse = ?, location = ?, updated_at = ? WHERE id = ?');
      for (const entry of state.units) {
        const unit = read.get(entry.unit.unitId)!;
        if (unit.status !== 'in_stock' || !isAt(unit, state.from)) {
          const where =
            unit.status !== 'in_stock'
              ? unit.status.replace('_', ' ')
              : `at ${unit.warehouse ? placeLabel({ warehouse: unit.warehouse, location: unit.location }) : 'no recorded place'}`;
          throw new AppError(
            'CONFLICT',
            `${entry.scanned.serial} (${entry.unit.productName}) changed since it was scanned: it is now ${where}. Nothing was moved; remove it from the transfer and confirm again.`,
            { serial: entry.scanned.serial },
          );
        }
        move.run(state.to.warehouse, state.to.location, now, entry.unit.unitId);
        const from = { warehouse: unit.warehouse!, location: unit.location };
        appendEvent(s, {
          type: 'transferred',
          at: now,
          unitId: entry.unit.unitId,
          productId: entry.unit.productId,
          serial: entry.scanned.serial,
          serialKey: entry.scanned.key,
          ...actor,
          reference: state.reference,
          details: { from, to: state.to, sessionId },
        });
        moved.push({
          unitId: entry.unit.unitId,
          sku: entry.unit.sku,
          productName: entry.unit.productName,
          serials: entry.unit.codes.map((c) => c.serial),
          from,
        });
      }
      setSessionStatus(s, sessionId, 'closed', now);
    });
    this.#sessions.delete(sessionId);
    return {
      sessionId,
      reference: state.reference,
      from: state.from,
      to: state.to,
      moved: moved.length,
      units: moved,
      message: `Moved ${moved.length} unit${moved.length === 1 ? '' : 's'} from ${placeLabel(state.from)} to ${placeLabel(state.to)}.`,
    };
  }

  // ---- internals ----

  #lookups(): TransferLookups {
    const s = this.#store.statements;
    const rules = this.#rules();
    return {
      unitsWithSerial: (key) =>
        s
          .sql<[string], { unit_id: number }>('SELECT unit_id FROM unit_serials WHERE serial_key = ? ORDER BY unit_id')
          .all(key)
          .map((r) => this.#unit(r.unit_id)),
      productIdByGtin: (gtin) => productByCode(s, gtin)?.productId,
      knownCode: (code) => knownCode(s, code),
      serialKey: (serial) => serialKey(serial, { caseSensitive: rules.caseSensitiveSerials }),
    };
  }

  #unit(unitId: number): CandidateUnit {
    const s = this.#store.statements;
    const u = s
      .sql<[number], UnitDbRow>(
        `SELECT u.id AS unit_id, u.product_id, p.sku, p.name, p.serial_slot_labels, p.serials_per_unit, u.status, u.warehouse, u.location
         FROM units u JOIN products p ON p.id = u.product_id WHERE u.id = ?`,
      )
      .get(unitId)!;
    const caseSensitive = this.#rules().caseSensitiveSerials;
    const reservedFor =
      u.status === 'reserved'
        ? (s
            .sql<[number], { order_number: string }>(
              `SELECT o.order_number FROM order_line_serials ols JOIN order_lines ol ON ol.id = ols.order_line_id
               JOIN orders o ON o.id = ol.order_id WHERE ols.unit_id = ? LIMIT 1`,
            )
            .get(unitId)?.order_number ?? null)
        : null;
    return {
      unitId: u.unit_id,
      productId: u.product_id,
      sku: u.sku,
      productName: u.name,
      slotLabels: JSON.parse(u.serial_slot_labels) as string[],
      serialsPerUnit: u.serials_per_unit,
      status: u.status,
      warehouse: u.warehouse,
      location: u.location,
      codes: s
        .sql<[number], { slot: number; serial: string }>(
          'SELECT slot, serial FROM unit_serials WHERE unit_id = ? ORDER BY slot',
        )
        .all(unitId)
        .map((c) => ({ ...c, key: serialKey(c.serial, { caseSensitive }) })),
      reservedFor,
    };
  }

  #touch(state: TransferState): void {
    const version = touchSession(this.#store.statements, state.sessionId, new Date().toISOString());
    const cached = this.#sessions.get(state.sessionId);
    if (cached) cached.version = version;
  }

  #active(sessionId: number): TransferState {
    const state = this.#load(sessionId);
    const row = sessionVersion(this.#store.statements, sessionId)!;
    if (row.status !== 'active' && row.status !== 'parked') {
      throw new AppError(
        'CONFLICT',
        `This transfer is already ${row.status === 'closed' ? 'confirmed' : row.status}. Start a new one to move more units.`,
      );
    }
    return state;
  }

  /** The transfer's state: from memory when nobody else changed it, else rebuilt from the store. */
  #load(sessionId: number): TransferState {
    const s = this.#store.statements;
    const current = sessionVersion(s, sessionId);
    if (!current) throw new AppError('NOT_FOUND', `There is no transfer ${sessionId}.`);
    const cached = this.#sessions.get(sessionId);
    if (cached && cached.version === current.version) return cached.state;
    const row = getSession(s, sessionId)!;
    if (row.kind !== 'transfer') throw new AppError('NOT_FOUND', `Session ${sessionId} is not a transfer.`);
    const header = JSON.parse(row.state) as Header;
    const scanned = new Map(listSessionSerials(s, sessionId).map((x) => [x.session_unit_id, x]));
    const units: TransferUnit[] = [];
    for (const u of listSessionUnits(s, sessionId)) {
      const code = scanned.get(u.id);
      if (u.unit_id === null || !code) continue;
      units.push({
        id: u.id,
        unit: this.#unit(u.unit_id),
        scanned: { slot: code.slot, serial: code.serial, key: code.serial_key },
        manual: u.manual === 1,
        at: u.created_at,
      });
    }
    const state: TransferState = {
      sessionId,
      reference: row.reference,
      from: header.from,
      to: header.to,
      startedAt: row.created_at,
      units,
    };
    this.#sessions.set(sessionId, { state, version: current.version });
    return state;
  }

  #verdict(state: TransferState, ok: boolean, code: VerdictCode, message: string): TransferVerdict {
    const view = this.#view(state, false);
    return { ok, code, message, expect: view.expect, view };
  }

  #view(state: TransferState, resumed: boolean): TransferView {
    const status = sessionVersion(this.#store.statements, state.sessionId)?.status ?? 'active';
    const products = new Map<string, { sku: string; productName: string; units: number }>();
    for (const entry of state.units) {
      const p = products.get(entry.unit.sku) ?? { sku: entry.unit.sku, productName: entry.unit.productName, units: 0 };
      p.units += 1;
      products.set(entry.unit.sku, p);
    }
    return {
      sessionId: state.sessionId,
      reference: state.reference,
      from: state.from,
      to: state.to,
      status,
      resumed,
      startedAt: state.startedAt,
      count: state.units.length,
      products: [...products.values()],
      recent: state.units
        .slice(-RECENT_UNITS)
        .reverse()
        .map((entry) => ({
          id: entry.id,
          unitId: entry.unit.unitId,
          sku: entry.unit.sku,
          productName: entry.unit.productName,
          serials: entry.unit.codes.map((c) => ({
            slot: c.slot,
            label: slotLabelOf(entry.unit, c.slot),
            serial: c.serial,
          })),
          scanned: entry.scanned.serial,
          from: { warehouse: entry.unit.warehouse ?? '', location: entry.unit.location },
          manual: entry.manual,
          at: entry.at,
        })),
      expect: transferExpect(state, status === 'closed'),
    };
  }
}
