import { AppError } from '../../shared/errors';
import type { ReturnVerdict } from '../../shared/ipc/returns.contract';
import { parseScan } from '../../shared/scan';
import type { OrganizationRules } from '../../shared/settings';
import { cleanSerial, serialKey } from '../domain/serial';
import { appendEvent } from '../store/ledger';
import type { Actor } from '../store/repositories/work-session.repository';
import type { Store } from '../store/store';
import { warrantyFrom } from './serials.service';

interface UnitRow {
  unit_id: number;
  product_id: number;
  sku: string;
  name: string;
  status: string;
  warranty_months: number | null;
}

/**
 * Returns (RMA): is this returned unit the one we shipped? Every check is recorded, matched
 * or not; the disposition puts the unit back in stock or marks it defective.
 */
export class ReturnsService {
  readonly #store: Store;
  readonly #rules: () => OrganizationRules;

  constructor(store: Store, rules: () => OrganizationRules) {
    this.#store = store;
    this.#rules = rules;
  }

  #evaluate(rawSerial: string, orderNumber: string | undefined): ReturnVerdict {
    const s = this.#store.statements;
    const parsed = parseScan(rawSerial);
    const serial = cleanSerial(parsed.gs1?.serial ?? parsed.text);
    if (!serial) throw new AppError('SERIAL_EMPTY', 'Nothing was read — scan the serial of the returned unit.');
    const key = serialKey(serial, { caseSensitive: this.#rules().caseSensitiveSerials });
    if (
      orderNumber &&
      !s.sql<[string], { id: number }>('SELECT id FROM orders WHERE order_number = ?').get(orderNumber)
    ) {
      throw new AppError('UNKNOWN_ORDER', `There is no order "${orderNumber}". Check the return paperwork.`);
    }
    const units = s
      .sql<[string], UnitRow>(
        `SELECT u.id AS unit_id, u.product_id, p.sku, p.name, u.status, p.warranty_months
         FROM unit_serials us JOIN units u ON u.id = us.unit_id JOIN products p ON p.id = u.product_id WHERE us.serial_key = ?`,
      )
      .all(key);
    const shipments = s
      .sql<[string], { unit_id: number; order_number: string; customer_name: string; shipped_at: string }>(
        `SELECT ss.unit_id, o.order_number, o.customer_name, ss.shipped_at FROM shipped_serials ss JOIN orders o ON o.id = ss.order_id
         WHERE ss.serial_key = ? ORDER BY ss.id DESC`,
      )
      .all(key);
    const codes = (unitId: number) =>
      s
        .sql<[number], { slot: number; serial: string }>(
          'SELECT slot, serial FROM unit_serials WHERE unit_id = ? ORDER BY slot',
        )
        .all(unitId);
    const describeUnit = (u: UnitRow) => ({
      unitId: u.unit_id,
      sku: u.sku,
      productName: u.name,
      status: u.status,
      codes: codes(u.unit_id),
    });

    if (shipments.length === 0) {
      const unit = units[0];
      return {
        verdict: 'NOT_SHIPPED',
        ok: false,
        code: 'NOT_SHIPPED',
        message: unit
          ? `${serial} is a ${unit.name} we have on record as ${unit.status.replace('_', ' ')}, but we never shipped it. Do not refund: set it aside for a supervisor.`
          : `We never shipped ${serial} and have no unit with this serial. Do not refund: set it aside for a supervisor.`,
        serial,
        unit: unit ? describeUnit(unit) : null,
        shipped: null,
        warranty: null,
        canDispose: false,
      };
    }
    const latest = shipments[0]!;
    const onOrder = orderNumber
      ? shipments.find((x) => x.order_number.toUpperCase() === orderNumber.toUpperCase())
      : latest;
    const unit = units.find((u) => u.unit_id === (onOrder ?? latest).unit_id) ?? units[0]!;
    const warranty = warrantyFrom((onOrder ?? latest).shipped_at, unit.warranty_months);
    if (!onOrder) {
      return {
        verdict: 'SHIPPED_ON_OTHER_ORDER',
        ok: false,
        code: 'SHIPPED_ON_OTHER_ORDER',
        message: `${serial} was not shipped on ${orderNumber}: it went out on order ${latest.order_number} to ${latest.customer_name} on ${latest.shipped_at.slice(0, 10)}. This may be a swapped unit — set it aside for a supervisor.`,
        serial,
        unit: describeUnit(unit),
        shipped: { orderNumber: latest.order_number, customerName: latest.customer_name, shippedAt: latest.shipped_at },
        warranty,
        canDispose: unit.status === 'sold',
      };
    }
    const warrantyText =
      warranty.status === 'in-warranty'
        ? `in warranty until ${warranty.expiresOn}`
        : warranty.status === 'expired'
          ? `warranty expired on ${warranty.expiresOn}`
          : 'no warranty';
    return {
      verdict: 'match',
      ok: true,
      code: 'OK',
      message:
        unit.status === 'sold'
          ? `Match: ${unit.name} ${serial} shipped on order ${onOrder.order_number} to ${onOrder.customer_name} on ${onOrder.shipped_at.slice(0, 10)} (${warrantyText}).`
          : `${serial} matches order ${onOrder.order_number}, but the unit is already ${unit.status.replace('_', ' ')} — its return was recorded before.`,
      serial,
      unit: describeUnit(unit),
      shipped: {
        orderNumber: onOrder.order_number,
        customerName: onOrder.customer_name,
        shippedAt: onOrder.shipped_at,
      },
      warranty,
      canDispose: unit.status === 'sold',
    };
  }

  check(serial: string, orderNumber: string | undefined, actor: Actor): ReturnVerdict {
    const verdict = this.#evaluate(serial, orderNumber);
    this.#store.write(() =>
      appendEvent(this.#store.statements, {
        type: 'return_checked',
        unitId: verdict.unit?.unitId ?? null,
        serial: verdict.serial,
        serialKey: serialKey(verdict.serial, { caseSensitive: this.#rules().caseSensitiveSerials }),
        ...actor,
        reference: orderNumber ?? verdict.shipped?.orderNumber ?? null,
        details: { verdict: verdict.verdict, shippedOn: verdict.shipped?.orderNumber ?? null },
      }),
    );
    return verdict;
  }

  dispose(
    serial: string,
    orderNumber: string | undefined,
    disposition: 'restock' | 'defective',
    note: string | undefined,
    actor: Actor,
  ) {
    const verdict = this.#evaluate(serial, orderNumber);
    if (!verdict.unit || !verdict.canDispose) {
      throw new AppError(
        verdict.verdict === 'NOT_SHIPPED' ? 'NOT_SHIPPED' : 'CONFLICT',
        verdict.canDispose ? verdict.message : `${verdict.message} Nothing was changed.`,
      );
    }
    const unit = verdict.unit;
    const s = this.#store.statements;
    const now = new Date().toISOString();
    const status = disposition === 'restock' ? 'in_stock' : 'defective';
    const key = serialKey(verdict.serial, { caseSensitive: this.#rules().caseSensitiveSerials });
    this.#store.write(() => {
      const changed = s
        .sql("UPDATE units SET status = 'returned', updated_at = ? WHERE id = ? AND status = 'sold'")
        .run(now, unit.unitId);
      if (changed.changes !== 1)
        throw new AppError('CONFLICT', `${verdict.serial} changed at another station; check it again.`);
      const common = {
        unitId: unit.unitId,
        serial: verdict.serial,
        serialKey: key,
        ...actor,
        reference: verdict.shipped?.orderNumber ?? null,
      };
      appendEvent(s, {
        ...common,
        type: 'returned',
        at: now,
        details: { verdict: verdict.verdict, claimedOrder: orderNumber ?? null, note: note ?? null },
      });
      s.sql('UPDATE units SET status = ?, updated_at = ? WHERE id = ?').run(status, now, unit.unitId);
      appendEvent(s, {
        ...common,
        type: disposition === 'restock' ? 'restocked' : 'marked_defective',
        at: now,
        details: { note: note ?? null },
      });
    });
    return {
      verdict,
      status: status as 'in_stock' | 'defective',
      message:
        disposition === 'restock'
          ? `${verdict.serial} is back in stock and can ship again.`
          : `${verdict.serial} is marked defective and will not ship.`,
    };
  }
}
