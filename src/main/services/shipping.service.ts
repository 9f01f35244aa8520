import { AppError } from '../../shared/errors';
import type { ShipResult, ShipSessionView, ShipVerdict } from '../../shared/ipc/shipping.contract';
import { parseScan } from '../../shared/scan';
import type { ScannedUnit, ScanSource, VerdictCode } from '../../shared/session';
import type { OrganizationRules } from '../../shared/settings';
import { serialKey } from '../domain/serial';
import {
  OVERRIDABLE,
  addShipSerial,
  addShipUnit,
  decideShipScan,
  expectedWeightG,
  incompleteShipUnit,
  missingForShip,
  packedOnLine,
  removeShipSerial,
  shipExpect,
  shipLine,
  shipNeedsSerials,
  shipSerialsOnLine,
  shipUnitById,
  shipUnitNumber,
  shipUnitWithSerial,
  type ShipLineInfo,
  type ShipLookups,
  type ShipOutcome,
  type ShipSerial,
  type ShipStages,
  type ShipState,
  type ShipUnit,
} from '../domain/ship-session';
import { emptySessionIndex } from '../domain/session-index';
import { slotLabelOf } from '../domain/session-prompt';
import { appendEvent } from '../store/ledger';
import { knownCode, productByCode } from '../store/repositories/scan-lookup.repository';
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
import type { AuthService } from './auth.service';

const RECENT_UNITS = 50;

interface Header {
  orderId: number;
  serialsSkipped: boolean;
  weightG: number | null;
  weightOverrideEventId: number | null;
  labelPrinted: boolean;
  lastRejection: ShipState['lastRejection'];
}

/** The organization rules and this station's stages, read once per call. */
interface Settings {
  readonly rules: OrganizationRules;
  readonly stages: ShipStages;
}

interface OrderRow {
  id: number;
  order_number: string;
  customer_name: string;
  ship_to: string;
  status: 'open' | 'packing' | 'shipped' | 'cancelled';
}

/**
 * Scan & ship: every unit of a serial-tracked product gets all its serials before the order
 * can ship; shipping writes the shipment, its shipped serials, unit statuses and ledger
 * events in one transaction.
 */
export class ShippingService {
  readonly #store: Store;
  readonly #rules: () => OrganizationRules;
  readonly #stages: () => ShipStages;
  readonly #auth: AuthService;
  /** Status is as read when the current call began; scans never change it. */
  readonly #sessions = new Map<number, { state: ShipState; version: number; status: SessionStatus }>();
  /** Each unit's entry in the recent list, rebuilt only when its serials change. */
  readonly #recent = new WeakMap<ShipUnit, { readonly serials: readonly ShipSerial[]; readonly entry: ScannedUnit }>();

  constructor(store: Store, rules: () => OrganizationRules, stages: () => ShipStages, auth: AuthService) {
    this.#store = store;
    this.#rules = rules;
    this.#stages = stages;
    this.#auth = auth;
  }

  start(orderNumber: string, actor: Actor): ShipSessionView {
    const s = this.#store.statements;
    const order = s
      .sql<[string], OrderRow>(
        'SELECT id, order_number, customer_name, ship_to, status FROM orders WHERE order_number = ?',
      )
      .get(orderNumber.trim());
    if (!order)
      throw new AppError(
        'UNKNOWN_ORDER',
        `There is no order "${orderNumber.trim()}". Check the packing slip, or import the order first.`,
      );
    const open = findOpenSession(s, 'ship', order.order_number);
    if (open) {
      if (open.status === 'parked')
        this.#store.write(() => setSessionStatus(s, open.id, 'active', new Date().toISOString()));
      return this.#view(this.#load(open.id), true);
    }
    if (order.status === 'shipped' || order.status === 'cancelled') {
      throw new AppError(
        'ORDER_NOT_OPEN',
        `Order ${order.order_number} is ${order.status}; it cannot be packed again.`,
      );
    }
    const rules = this.#rules();
    const header: Header = {
      orderId: order.id,
      serialsSkipped: !rules.captureSerialsOnShip,
      weightG: null,
      weightOverrideEventId: null,
      labelPrinted: false,
      lastRejection: null,
    };
    const now = new Date().toISOString();
    const id = this.#store.write(() => {
      s.sql("UPDATE orders SET status = 'packing', updated_at = ? WHERE id = ?").run(now, order.id);
      return createSession(s, 'ship', order.order_number, actor, header, now);
    });
    return this.#view(this.#load(id), false);
  }

  view(sessionId: number): ShipSessionView {
    return this.#view(this.#load(sessionId), false);
  }

  listOpen() {
    return listOpenSessions(this.#store.statements, 'ship').map((r) => ({
      sessionId: r.id,
      reference: r.reference,
      units: r.units,
      updatedAt: r.updated_at,
      station: r.station,
      operator: r.operator,
    }));
  }

  scan(sessionId: number, raw: string, source: ScanSource, actor: Actor): ShipVerdict {
    // Reading, deciding and recording inside the scan's own transaction: one read snapshot for
    // all the look-ups, and nobody can change the session between the decision and its record.
    const { state, outcome, settings } = this.#store.write(() => {
      const settings = this.#settings();
      const state = this.#active(sessionId);
      const outcome = decideShipScan(state, parseScan(raw), settings.rules, this.#lookups(settings.rules));
      if (outcome.kind === 'reject') {
        this.#recordRejection(state, outcome.rejection, actor, source);
      } else if (outcome.kind === 'new-unit' || outcome.kind === 'add-serial') {
        this.#apply(state, outcome, source === 'manual', null);
        state.lastRejection = null;
        this.#touch(state);
      }
      return { state, outcome, settings };
    });
    if (outcome.kind === 'ship-command') {
      const missing = missingForShip(state);
      if (missing.length > 0 || this.#stageMissing(state, settings)) {
        const error = this.#incomplete(state, settings);
        this.#recordRejection(
          state,
          { code: 'SHIP_INCOMPLETE', message: error.message, raw, target: null },
          actor,
          source,
        );
        return this.#verdict(state, false, 'SHIP_INCOMPLETE', error.message, settings);
      }
      const shipped = this.ship(sessionId, actor);
      return { ...this.#verdict(state, true, 'OK', `Order ${shipped.orderNumber} shipped.`), shipped };
    }
    if (outcome.kind === 'same-order')
      return this.#verdict(state, true, 'OK', `You are packing ${state.orderNumber}. Scan its items.`, settings);
    if (outcome.kind === 'other-order') {
      return {
        ...this.#verdict(
          state,
          false,
          'CONFLICT',
          `This is order ${outcome.orderNumber}. Park ${state.orderNumber} to pack it, or keep packing ${state.orderNumber}.`,
          settings,
        ),
        switchOrder: outcome.orderNumber,
      };
    }
    if (outcome.kind === 'reject')
      return this.#verdict(state, false, outcome.rejection.code, outcome.rejection.message, settings);
    return this.#verdict(state, true, 'OK', this.#acceptedMessage(state, outcome), settings);
  }

  removeSerial(sessionId: number, serial: string, actor: Actor): ShipVerdict {
    const state = this.#active(sessionId);
    const key = serialKey(serial, { caseSensitive: this.#rules().caseSensitiveSerials });
    const unit = shipUnitWithSerial(state, key);
    if (!unit)
      return this.#verdict(
        state,
        false,
        'NOT_FOUND',
        `${serial.trim()} is not packed in this order, so there is nothing to remove.`,
      );
    const entry = unit.serials.find((x) => x.key === key)!;
    const line = shipLine(state, unit.lineId);
    const s = this.#store.statements;
    this.#store.write(() => {
      deleteSessionSerial(s, entry.id);
      if (removeShipSerial(state, unit, entry.id)) {
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
        ...actor,
        reference: state.orderNumber,
        details: { sessionId, slot: entry.slot, kind: 'ship' },
      });
      this.#touch(state);
    });
    return this.#verdict(state, true, 'OK', `Removed ${entry.serial} (${line.name}).`);
  }

  override(
    sessionId: number,
    approval: { supervisor: string; pin: string; reason: string },
    actor: Actor,
  ): ShipVerdict {
    const state = this.#active(sessionId);
    const last = state.lastRejection;
    if (!last) throw new AppError('OVERRIDE_DENIED', 'There is no rejected scan to override.');
    if (!OVERRIDABLE.has(last.code) || (last.code !== 'WEIGHT_OUT_OF_TOLERANCE' && !last.target)) {
      throw new AppError('OVERRIDE_DENIED', `A "${last.code}" rejection cannot be overridden: ${last.message}`);
    }
    const approver = this.#auth.approveAsSupervisor(approval.supervisor, approval.pin);
    const s = this.#store.statements;
    let message = '';
    this.#store.write(() => {
      const eventId = this.#auth.recordOverride(approver, {
        reference: state.orderNumber,
        code: last.code,
        serial: last.target?.serial ?? null,
        serialKey: last.target?.key ?? null,
        reason: approval.reason,
        stationId: actor.stationId,
        shiftId: actor.shiftId,
        details: { packerOperatorId: actor.operatorId, sessionId, raw: last.raw.slice(0, 200), weightG: state.weightG },
      });
      if (last.code === 'WEIGHT_OUT_OF_TOLERANCE') {
        state.weightOverrideEventId = eventId;
        message = `Weight ${state.weightG} g accepted by ${approver.name}.`;
      } else {
        const target = last.target!;
        const unit = target.unitId === null ? null : shipUnitById(state, target.unitId);
        if (target.unitId !== null && !unit)
          throw new AppError('CONFLICT', 'The unit this override was for is no longer in the session.');
        const outcome: ShipOutcome = unit
          ? {
              kind: 'add-serial',
              unitId: unit.id,
              slot: target.slot,
              serial: target.serial,
              key: target.key,
              stockUnitId: target.stockUnitId,
            }
          : {
              kind: 'new-unit',
              lineId: target.lineId,
              serial: { slot: target.slot, serial: target.serial, key: target.key },
              stockUnitId: target.stockUnitId,
            };
        this.#apply(state, outcome, false, eventId);
        message = `${target.serial} accepted by ${approver.name} (${last.code}).`;
      }
      state.lastRejection = null;
      this.#touch(state);
    });
    void s;
    return this.#verdict(state, true, 'OK', message);
  }

  weigh(sessionId: number, grams: number, actor: Actor): ShipVerdict {
    const state = this.#active(sessionId);
    const rules = this.#rules();
    const expected = expectedWeightG(state, rules.packagingWeightG);
    state.weightG = Math.round(grams * 10) / 10;
    state.weightOverrideEventId = null;
    const within =
      expected === null ? null : Math.abs(grams - expected) <= (expected * rules.weightTolerancePercent) / 100;
    if (within === false) {
      const message = `The parcel weighs ${state.weightG} g but should weigh about ${expected} g (±${rules.weightTolerancePercent}%). Check the box contents, re-weigh, or ask a supervisor.`;
      this.#recordRejection(
        state,
        { code: 'WEIGHT_OUT_OF_TOLERANCE', message, raw: `weigh ${grams}`, target: null },
        actor,
        'manual',
      );
      return this.#verdict(state, false, 'WEIGHT_OUT_OF_TOLERANCE', message);
    }
    this.#store.write(() => {
      state.lastRejection = null;
      this.#touch(state);
    });
    return this.#verdict(
      state,
      true,
      'OK',
      expected === null
        ? `Weight ${state.weightG} g recorded.`
        : `Weight ${state.weightG} g is within ${rules.weightTolerancePercent}% of ${expected} g.`,
    );
  }

  /** Every serial packed so far, for the packing label (with each product's GTIN when it has one). */
  packedSerials(
    sessionId: number,
  ): { sku: string; productName: string; slotLabel: string; serial: string; gtin: string | null }[] {
    const state = this.#load(sessionId);
    const gtinOf = this.#store.statements.sql<[number], { code: string }>(
      "SELECT code FROM product_barcodes WHERE product_id = ? AND kind IN ('upc', 'ean', 'gtin') ORDER BY id LIMIT 1",
    );
    return state.units.flatMap((unit) => {
      const line = shipLine(state, unit.lineId);
      const gtin = gtinOf.get(line.productId)?.code ?? null;
      return [...unit.serials]
        .sort((a, b) => a.slot - b.slot)
        .map((x) => ({
          sku: line.sku,
          productName: line.name,
          slotLabel: slotLabelOf(line, x.slot),
          serial: x.serial,
          gtin,
        }));
    });
  }

  /** Records that the label went out (the print stage is filled by the printer). */
  markPrinted(sessionId: number): ShipSessionView {
    const state = this.#active(sessionId);
    state.labelPrinted = true;
    this.#store.write(() => this.#touch(state));
    return this.#view(state, false);
  }

  park(sessionId: number): { parked: boolean } {
    this.#active(sessionId);
    this.#store.write(() => setSessionStatus(this.#store.statements, sessionId, 'parked', new Date().toISOString()));
    this.#sessions.delete(sessionId);
    return { parked: true };
  }

  voidSession(
    sessionId: number,
    approval: { supervisor: string; pin: string; reason: string },
    actor: Actor,
  ): { voided: boolean } {
    const state = this.#active(sessionId);
    const approver = this.#auth.approveAsSupervisor(approval.supervisor, approval.pin);
    const s = this.#store.statements;
    const now = new Date().toISOString();
    this.#store.write(() => {
      setSessionStatus(s, sessionId, 'voided', now);
      s.sql("UPDATE orders SET status = 'open', updated_at = ? WHERE id = ? AND status = 'packing'").run(
        now,
        state.orderId,
      );
      appendEvent(s, {
        type: 'session_voided',
        ...actor,
        reference: state.orderNumber,
        details: {
          sessionId,
          reason: approval.reason,
          approvedBy: approver.name,
          approverId: approver.id,
          units: state.units.length,
        },
      });
    });
    this.#sessions.delete(sessionId);
    return { voided: true };
  }

  ship(sessionId: number, actor: Actor): ShipResult {
    const state = this.#active(sessionId);
    if (missingForShip(state).length > 0 || this.#stageMissing(state)) throw this.#incomplete(state);
    const s = this.#store.statements;
    const rules = this.#rules();
    const scopeOrg = rules.uniquenessScope === 'organization';
    const now = new Date().toISOString();
    const serials: ShipResult['serials'] = [];
    const shipmentId = this.#store.write(() => {
      const current = sessionVersion(s, sessionId);
      if (!current || current.version !== this.#sessions.get(sessionId)?.version || current.status !== 'active') {
        throw new AppError(
          'CONFLICT',
          'This order changed at another station. Scan it again to see its current state.',
        );
      }
      const order = s.sql<[number], { status: string }>('SELECT status FROM orders WHERE id = ?').get(state.orderId)!;
      if (order.status === 'shipped' || order.status === 'cancelled')
        throw new AppError('ORDER_NOT_OPEN', `Order ${state.orderNumber} is already ${order.status}.`);
      const shipment = Number(
        s
          .sql(
            'INSERT INTO shipments (order_id, station_id, operator_id, shift_id, work_session_id, shipped_at, weight_g) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(state.orderId, actor.stationId, actor.operatorId, actor.shiftId, sessionId, now, state.weightG)
          .lastInsertRowid,
      );
      const sell = s.sql("UPDATE units SET status = 'sold', updated_at = ? WHERE id = ?");
      const insertShipped = s.sql(
        `INSERT INTO shipped_serials (shipment_id, serial, serial_key, order_id, order_line_id, product_id, unit_id, slot, slot_label, overridden, shipped_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      // The oldest unit in stock that carries no serial (received before tracking was turned on).
      // A unit sold a moment ago in this loop is no longer in stock, so it is never picked twice.
      const oldestUnserialed = (productId: number) =>
        s
          .sql<[number], { id: number }>(
            "SELECT id FROM units WHERE product_id = ? AND status = 'in_stock' AND NOT EXISTS (SELECT 1 FROM unit_serials us WHERE us.unit_id = units.id) ORDER BY id LIMIT 1",
          )
          .get(productId);
      const usedStock = new Set<number>();
      for (const unit of state.units) {
        const line = shipLine(state, unit.lineId);
        let unitId = unit.unitId;
        if (!shipNeedsSerials(state, line)) {
          // Items without serials leave stock first-in, first-out when stock exists.
          const stock = oldestUnserialed(line.productId);
          if (stock) sell.run(now, stock.id);
          continue;
        }
        if (unitId === null) {
          // A serial not on record, accepted by the rules or a supervisor. A unit in stock without
          // any serial (received before tracking was turned on) is the one leaving, so it takes the
          // serial; only when there is none is a unit created, so stock counts stay true.
          const unserialed = oldestUnserialed(line.productId);
          if (unserialed) {
            unitId = unserialed.id;
            sell.run(now, unitId);
          } else {
            unitId = Number(
              s
                .sql("INSERT INTO units (product_id, status, created_at, updated_at) VALUES (?, 'sold', ?, ?)")
                .run(line.productId, now, now).lastInsertRowid,
            );
          }
          for (const serial of unit.serials) {
            s.sql(
              'INSERT INTO unit_serials (unit_id, product_id, slot, serial, serial_key, scope_product_id) VALUES (?, ?, ?, ?, ?, ?)',
            ).run(unitId, line.productId, serial.slot, serial.serial, serial.key, scopeOrg ? 0 : line.productId);
            appendEvent(s, {
              type: 'unknown_serial_shipped',
              at: now,
              unitId,
              productId: line.productId,
              serial: serial.serial,
              serialKey: serial.key,
              ...actor,
              reference: state.orderNumber,
              details: { overrideEventId: serial.overrideEventId },
            });
          }
        } else {
          if (usedStock.has(unitId))
            throw new AppError(
              'SERIAL_DUPLICATE_IN_ORDER',
              `One unit was packed twice in ${state.orderNumber}. Remove the duplicate.`,
            );
          sell.run(now, unitId);
        }
        usedStock.add(unitId);
        for (const serial of [...unit.serials].sort((a, b) => a.slot - b.slot)) {
          const label = slotLabelOf(line, serial.slot);
          insertShipped.run(
            shipment,
            serial.serial,
            serial.key,
            state.orderId,
            line.lineId,
            line.productId,
            unitId,
            serial.slot,
            label,
            serial.overrideEventId === null ? 0 : 1,
            now,
            now,
          );
          appendEvent(s, {
            type: 'shipped',
            at: now,
            unitId,
            productId: line.productId,
            serial: serial.serial,
            serialKey: serial.key,
            ...actor,
            reference: state.orderNumber,
            details: {
              shipmentId: shipment,
              slot: serial.slot,
              slotLabel: label,
              overrideEventId: serial.overrideEventId,
            },
          });
          serials.push({
            sku: line.sku,
            name: line.name,
            serial: serial.serial,
            slotLabel: label,
            overridden: serial.overrideEventId !== null,
          });
        }
      }
      // Reserved units that were swapped for others go back to stock.
      for (const line of state.lines) {
        for (const allocation of line.allocated) {
          if (allocation.unitId !== null && !usedStock.has(allocation.unitId)) {
            const released = s
              .sql("UPDATE units SET status = 'in_stock', updated_at = ? WHERE id = ? AND status = 'reserved'")
              .run(now, allocation.unitId);
            if (released.changes > 0)
              appendEvent(s, {
                type: 'released',
                at: now,
                unitId: allocation.unitId,
                productId: line.productId,
                serial: allocation.serial,
                serialKey: allocation.key,
                ...actor,
                reference: state.orderNumber,
                details: { reason: 'swapped at packing' },
              });
          }
        }
      }
      s.sql("UPDATE orders SET status = 'shipped', updated_at = ? WHERE id = ?").run(now, state.orderId);
      setSessionStatus(s, sessionId, 'closed', now);
      return shipment;
    });
    this.#sessions.delete(sessionId);
    return {
      shipmentId,
      orderNumber: state.orderNumber,
      shippedAt: now,
      units: state.units.length,
      serials,
      weightG: state.weightG,
    };
  }

  // ---- internals ----

  #settings(): Settings {
    return { rules: this.#rules(), stages: this.#stages() };
  }

  #stageMissing(state: ShipState, settings: Settings = this.#settings()): boolean {
    const { stages } = settings;
    if (stages.weigh && (state.weightG === null || this.#weightOutOfTolerance(state, settings.rules))) return true;
    return stages.print && !state.labelPrinted;
  }

  #weightOutOfTolerance(state: ShipState, rules: OrganizationRules = this.#rules()): boolean {
    if (state.weightG === null || state.weightOverrideEventId !== null) return false;
    const expected = expectedWeightG(state, rules.packagingWeightG);
    return expected !== null && Math.abs(state.weightG - expected) > (expected * rules.weightTolerancePercent) / 100;
  }

  #incomplete(state: ShipState, settings: Settings = this.#settings()): AppError {
    const missing = missingForShip(state);
    const parts = missing.map((m) => {
      const bits = [];
      if (m.unitsMissing > 0) bits.push(`${m.unitsMissing} more unit${m.unitsMissing === 1 ? '' : 's'}`);
      const serialsOfPacked =
        m.serialsMissing -
        m.unitsMissing *
          (shipLine(state, m.lineId).serialsPerUnit * (shipNeedsSerials(state, shipLine(state, m.lineId)) ? 1 : 0));
      if (serialsOfPacked > 0)
        bits.push(`${serialsOfPacked} serial${serialsOfPacked === 1 ? '' : 's'} of packed units`);
      return `${m.name}: ${bits.join(' and ')}`;
    });
    const { stages } = settings;
    if (stages.weigh && state.weightG === null) parts.push('the parcel is not weighed');
    else if (stages.weigh && this.#weightOutOfTolerance(state, settings.rules))
      parts.push('the weight is out of tolerance');
    if (stages.print && !state.labelPrinted) parts.push('the label is not printed');
    return new AppError(
      'SHIP_INCOMPLETE',
      `${state.orderNumber} cannot ship yet — still missing: ${parts.join('; ')}.`,
      { missing },
    );
  }

  #recordRejection(
    state: ShipState,
    rejection: NonNullable<ShipState['lastRejection']>,
    actor: Actor,
    source: ScanSource,
  ): void {
    this.#store.write(() => {
      appendEvent(this.#store.statements, {
        type: 'scan_rejected',
        ...actor,
        serial: rejection.target?.serial ?? null,
        serialKey: rejection.target?.key ?? null,
        reference: state.orderNumber,
        details: {
          code: rejection.code,
          raw: rejection.raw.slice(0, 200),
          source,
          sessionId: state.sessionId,
          kind: 'ship',
        },
      });
      state.lastRejection = rejection;
      this.#touch(state);
    });
  }

  #apply(state: ShipState, outcome: ShipOutcome, manual: boolean, overrideEventId: number | null): void {
    const s = this.#store.statements;
    const now = new Date().toISOString();
    if (outcome.kind === 'new-unit') {
      const id = insertSessionUnit(
        s,
        state.sessionId,
        { lineId: outcome.lineId, unitId: outcome.stockUnitId, lot: null, expiresOn: null, manual },
        now,
      );
      const unit: ShipUnit = { id, lineId: outcome.lineId, unitId: outcome.stockUnitId, serials: [], manual, at: now };
      addShipUnit(state, unit);
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
            overrideEventId,
          },
          now,
        );
        addShipSerial(state, unit, {
          id: serialId,
          slot: outcome.serial.slot,
          serial: outcome.serial.serial,
          key: outcome.serial.key,
          manual,
          overrideEventId,
        });
      }
      const line = shipLine(state, outcome.lineId);
      state.currentUnitId = shipNeedsSerials(state, line) && unit.serials.length < line.serialsPerUnit ? id : null;
    } else if (outcome.kind === 'add-serial') {
      const unit = shipUnitById(state, outcome.unitId)!;
      const serialId = insertSessionSerial(
        s,
        state.sessionId,
        {
          sessionUnitId: unit.id,
          slot: outcome.slot,
          serial: outcome.serial,
          serialKey: outcome.key,
          manual,
          overrideEventId,
        },
        now,
      );
      addShipSerial(state, unit, {
        id: serialId,
        slot: outcome.slot,
        serial: outcome.serial,
        key: outcome.key,
        manual,
        overrideEventId,
      });
      if (unit.unitId === null && outcome.stockUnitId !== null) {
        unit.unitId = outcome.stockUnitId;
        updateSessionUnit(s, unit.id, { unitId: outcome.stockUnitId });
      }
      const line = shipLine(state, unit.lineId);
      state.currentUnitId = unit.serials.length < line.serialsPerUnit ? unit.id : null;
    }
  }

  #acceptedMessage(state: ShipState, outcome: ShipOutcome): string {
    if (outcome.kind === 'new-unit') {
      const line = shipLine(state, outcome.lineId);
      return `${outcome.serial ? `${outcome.serial.serial} — ` : ''}${line.name}, unit ${packedOnLine(state, line.lineId)} of ${line.qty}`;
    }
    if (outcome.kind === 'add-serial') {
      const unit = shipUnitById(state, outcome.unitId)!;
      const line = shipLine(state, unit.lineId);
      return `${outcome.serial} — ${slotLabelOf(line, outcome.slot)} of ${line.name}, unit ${shipUnitNumber(state, unit)}`;
    }
    return 'OK';
  }

  #touch(state: ShipState): void {
    const header: Header = {
      orderId: state.orderId,
      serialsSkipped: state.serialsSkipped,
      weightG: state.weightG,
      weightOverrideEventId: state.weightOverrideEventId,
      labelPrinted: state.labelPrinted,
      lastRejection: state.lastRejection,
    };
    const version = touchSession(this.#store.statements, state.sessionId, new Date().toISOString(), header);
    const cached = this.#sessions.get(state.sessionId);
    if (cached) cached.version = version;
  }

  #verdict(
    state: ShipState,
    ok: boolean,
    code: VerdictCode,
    message: string,
    settings: Settings = this.#settings(),
  ): ShipVerdict {
    const view = this.#view(state, false, settings);
    return { ok, code, message, expect: view.expect, view, switchOrder: null, shipped: null };
  }

  /** Look-ups for one scan; the rules may ask the same code twice, the store is asked once. */
  #lookups(rules: OrganizationRules): ShipLookups {
    const s = this.#store.statements;
    const products = new Map<string, number | undefined>();
    const codes = new Map<string, ReturnType<typeof knownCode>>();
    return {
      productIdByCode: (code) => {
        if (!products.has(code)) products.set(code, productByCode(s, code)?.productId);
        return products.get(code);
      },
      knownCode: (code) => {
        if (!codes.has(code)) codes.set(code, knownCode(s, code));
        return codes.get(code);
      },
      stockUnit: (productId, key) => {
        const unit = s
          .sql<
            [number, string],
            {
              unitId: number;
              productId: number;
              productName: string;
              status: 'in_stock' | 'reserved' | 'sold' | 'returned' | 'defective';
              slot: number;
              codes: string;
              reservedForOrderId: number | null;
            }
          >(
            // The unit's other codes and its reservation come along: one statement per serial scanned.
            `SELECT u.id AS unitId, u.product_id AS productId, p.name AS productName, u.status, us.slot,
               (SELECT json_group_array(json_array(c.slot, c.serial_key)) FROM unit_serials c WHERE c.unit_id = u.id) AS codes,
               (SELECT ol.order_id FROM order_line_serials ols JOIN order_lines ol ON ol.id = ols.order_line_id
                 WHERE ols.unit_id = u.id LIMIT 1) AS reservedForOrderId
             FROM unit_serials us JOIN units u ON u.id = us.unit_id JOIN products p ON p.id = u.product_id
             WHERE us.scope_product_id = ? AND us.serial_key = ?`,
          )
          .get(rules.uniquenessScope === 'organization' ? 0 : productId, key);
        if (!unit || unit.productId !== productId) return undefined;
        const codes = (JSON.parse(unit.codes) as [number, string][]).map(([slot, code]) => ({ slot, key: code }));
        const last =
          unit.status === 'sold'
            ? s
                .sql<[number], { order_number: string; shipped_at: string }>(
                  'SELECT o.order_number, ss.shipped_at FROM shipped_serials ss JOIN orders o ON o.id = ss.order_id WHERE ss.unit_id = ? ORDER BY ss.id DESC LIMIT 1',
                )
                .get(unit.unitId)
            : undefined;
        return {
          ...unit,
          codes,
          lastShippedOrder: last?.order_number ?? null,
          lastShippedAt: last?.shipped_at ?? null,
        };
      },
      otherProductWithSerial: (key, productId) =>
        s
          .sql<[string, number], { name: string }>(
            'SELECT p.name FROM unit_serials us JOIN products p ON p.id = us.product_id WHERE us.serial_key = ? AND us.product_id <> ? LIMIT 1',
          )
          .get(key, productId)?.name,
      serialKey: (serial) => serialKey(serial, { caseSensitive: rules.caseSensitiveSerials }),
    };
  }

  #active(sessionId: number): ShipState {
    const state = this.#load(sessionId);
    const status = this.#sessions.get(sessionId)!.status;
    if (status !== 'active' && status !== 'parked') {
      throw new AppError(
        'CONFLICT',
        `This packing session is already ${status}. Scan the order again to start a new one.`,
      );
    }
    return state;
  }

  #load(sessionId: number): ShipState {
    const s = this.#store.statements;
    const current = sessionVersion(s, sessionId);
    if (!current) throw new AppError('NOT_FOUND', `There is no packing session ${sessionId}.`);
    const cached = this.#sessions.get(sessionId);
    if (cached && cached.version === current.version) {
      cached.status = current.status;
      return cached.state;
    }
    const row = getSession(s, sessionId)!;
    if (row.kind !== 'ship') throw new AppError('NOT_FOUND', `Session ${sessionId} is not a packing session.`);
    const header = JSON.parse(row.state) as Header;
    const order = s
      .sql<[number], OrderRow>('SELECT id, order_number, customer_name, ship_to, status FROM orders WHERE id = ?')
      .get(header.orderId)!;
    const units = new Map<number, ShipUnit>();
    for (const u of listSessionUnits(s, sessionId))
      units.set(u.id, {
        id: u.id,
        lineId: u.line_id,
        unitId: u.unit_id,
        serials: [],
        manual: u.manual === 1,
        at: u.created_at,
      });
    for (const x of listSessionSerials(s, sessionId)) {
      units.get(x.session_unit_id)?.serials.push({
        id: x.id,
        slot: x.slot,
        serial: x.serial,
        key: x.serial_key,
        manual: x.manual === 1,
        overrideEventId: x.override_event_id,
      });
    }
    const state: ShipState = {
      sessionId,
      orderId: order.id,
      orderNumber: order.order_number,
      customerName: order.customer_name,
      shipTo: order.ship_to,
      startedAt: row.created_at,
      serialsSkipped: header.serialsSkipped,
      lines: this.#lines(order.id),
      units: [],
      index: emptySessionIndex(),
      currentUnitId: null,
      weightG: header.weightG,
      weightOverrideEventId: header.weightOverrideEventId,
      labelPrinted: header.labelPrinted,
      lastRejection: header.lastRejection,
    };
    for (const unit of units.values()) addShipUnit(state, unit);
    state.currentUnitId = incompleteShipUnit(state)?.id ?? null;
    this.#sessions.set(sessionId, { state, version: current.version, status: current.status });
    return state;
  }

  #lines(orderId: number): ShipLineInfo[] {
    const s = this.#store.statements;
    const allocations = s
      .sql<[number], { order_line_id: number; serial: string; serial_key: string; unit_id: number | null }>(
        'SELECT ols.order_line_id, ols.serial, ols.serial_key, ols.unit_id FROM order_line_serials ols JOIN order_lines ol ON ol.id = ols.order_line_id WHERE ol.order_id = ? ORDER BY ols.id',
      )
      .all(orderId);
    return s
      .sql<
        [number],
        {
          id: number;
          line_no: number;
          product_id: number;
          sku: string;
          name: string;
          qty: number;
          track_serials: number;
          serials_per_unit: number;
          serial_slot_labels: string;
          serial_pattern: string | null;
          serial_length: number | null;
          unit_weight_g: number | null;
        }
      >(
        `SELECT ol.id, ol.line_no, ol.product_id, p.sku, p.name, ol.qty, p.track_serials, p.serials_per_unit, p.serial_slot_labels, p.serial_pattern, p.serial_length, p.unit_weight_g
         FROM order_lines ol JOIN products p ON p.id = ol.product_id WHERE ol.order_id = ? ORDER BY ol.line_no`,
      )
      .all(orderId)
      .map((r) => ({
        lineId: r.id,
        lineNo: r.line_no,
        productId: r.product_id,
        sku: r.sku,
        name: r.name,
        qty: r.qty,
        trackSerials: r.track_serials === 1,
        serialsPerUnit: r.serials_per_unit,
        slotLabels: JSON.parse(r.serial_slot_labels) as string[],
        pattern: r.serial_pattern,
        length: r.serial_length,
        unitWeightG: r.unit_weight_g,
        allocated: allocations
          .filter((a) => a.order_line_id === r.id)
          .map((a) => ({ serial: a.serial, key: a.serial_key, unitId: a.unit_id })),
      }));
  }

  #view(state: ShipState, resumed: boolean, settings: Settings = this.#settings()): ShipSessionView {
    const status =
      this.#sessions.get(state.sessionId)?.status ??
      sessionVersion(this.#store.statements, state.sessionId)?.status ??
      'active';
    const { stages, rules } = settings;
    const lines = state.lines.map((line) => {
      return {
        lineId: line.lineId,
        lineNo: line.lineNo,
        sku: line.sku,
        name: line.name,
        qty: line.qty,
        packed: packedOnLine(state, line.lineId),
        trackSerials: line.trackSerials,
        serialsPerUnit: line.serialsPerUnit,
        slotLabels: Array.from({ length: line.serialsPerUnit }, (_, i) => slotLabelOf(line, i + 1)),
        serialsScanned: shipSerialsOnLine(state, line.lineId),
        serialsNeeded: shipNeedsSerials(state, line) ? line.qty * line.serialsPerUnit : 0,
        allocated: line.allocated.map((a) => a.serial),
      };
    });
    const recent = state.units
      .slice(-RECENT_UNITS)
      .reverse()
      .map((unit) => this.#recentEntry(state, unit));
    const expected = expectedWeightG(state, rules.packagingWeightG);
    const missing = missingForShip(state);
    const last = state.lastRejection;
    return {
      sessionId: state.sessionId,
      orderNumber: state.orderNumber,
      customerName: state.customerName,
      shipTo: state.shipTo,
      status,
      resumed,
      startedAt: state.startedAt,
      serialsSkipped: state.serialsSkipped,
      lines,
      recent,
      totals: {
        unitsDone: lines.reduce((n, l) => n + l.packed, 0),
        unitsTotal: lines.reduce((n, l) => n + l.qty, 0),
        serialsDone: lines.reduce((n, l) => n + l.serialsScanned, 0),
        serialsTotal: lines.reduce((n, l) => n + l.serialsNeeded, 0),
      },
      expect: shipExpect(state, stages),
      stages,
      expectedWeight: { grams: expected, tolerancePercent: rules.weightTolerancePercent },
      weight:
        state.weightG === null
          ? null
          : {
              grams: state.weightG,
              expectedG: expected,
              tolerancePercent: rules.weightTolerancePercent,
              withinTolerance:
                expected === null
                  ? null
                  : !this.#weightOutOfTolerance({ ...state, weightOverrideEventId: null }, rules),
              overridden: state.weightOverrideEventId !== null,
            },
      labelPrinted: state.labelPrinted,
      canShip: missing.length === 0 && !this.#stageMissing(state, settings),
      missing,
      lastRejection: last
        ? {
            code: last.code,
            message: last.message,
            overridable:
              OVERRIDABLE.has(last.code) && (last.code === 'WEIGHT_OUT_OF_TOLERANCE' || last.target !== null),
          }
        : null,
    };
  }

  #recentEntry(state: ShipState, unit: ShipUnit): ScannedUnit {
    const memo = this.#recent.get(unit);
    if (memo && sameItems(memo.serials, unit.serials)) return memo.entry;
    const line = shipLine(state, unit.lineId);
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
          overridden: x.overrideEventId !== null,
        })),
      slots: shipNeedsSerials(state, line) ? line.serialsPerUnit : 0,
      lot: null,
      expiresOn: null,
      manual: unit.manual,
      at: unit.at,
    };
    this.#recent.set(unit, { serials: [...unit.serials], entry });
    return entry;
  }
}

/** Same entries in the same order (serial entries are never changed in place). */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
