import { AppError } from '../../shared/errors';
import type { Allocation, OrderDetail, ProductDetail, PurchaseOrderDetail } from '../../shared/ipc/orders.contract';
import type { InventoryRow, UnitStatus } from '../../shared/ipc/serials.contract';
import { parseScan } from '../../shared/scan';
import type { VerdictCode } from '../../shared/session';
import type { OrganizationRules } from '../../shared/settings';
import { cleanSerial, serialKey } from '../domain/serial';
import { knownCodeRejection } from '../domain/serial-rules';
import { statusWords } from '../domain/unit-lifecycle';
import { appendEvent } from '../store/ledger';
import { serialAllocatedElsewhere } from '../store/repositories/import.repository';
import { knownCode, lastShipmentOf, productByCode } from '../store/repositories/scan-lookup.repository';
import type { Actor, SessionKind } from '../store/repositories/work-session.repository';
import type { Store } from '../store/store';
import type { SerialsService } from './serials.service';

/** Received serials listed per receiving session; the count says when there are more. */
const SERIALS_PER_RECEIPT = 2000;

type OrderStatus = OrderDetail['status'];

interface OrderHead {
  id: number;
  order_number: string;
  customer_name: string;
  ship_to: string;
  status: OrderStatus;
  created_at: string;
  updated_at: string;
}

interface LineInfo {
  lineId: number;
  lineNo: number;
  productId: number;
  sku: string;
  name: string;
  qty: number;
  trackSerials: boolean;
  serialsPerUnit: number;
  slotLabels: string[];
}

interface StockUnit {
  id: number;
  product_id: number;
  name: string;
  status: UnitStatus;
}

export interface AllocateResult {
  readonly results: { line: number; input: string; ok: boolean; code: VerdictCode; message: string }[];
  readonly accepted: number;
  readonly rejected: number;
  readonly order: OrderDetail;
}

function slotLabel(labels: readonly string[], serialsPerUnit: number, slot: number): string {
  return labels[slot - 1] ?? (serialsPerUnit === 1 ? 'Serial' : `Serial ${slot}`);
}

const NOT_OPEN: Readonly<Record<Exclude<OrderStatus, 'open'>, string>> = {
  packing: 'is being packed',
  shipped: 'has shipped',
  cancelled: 'is cancelled',
};

/**
 * Order, purchase-order and product detail with their serials, and pre-entering serials on an
 * open order: the units are reserved, and the ship wizard then requires exactly those.
 */
export class OrdersService {
  readonly #store: Store;
  readonly #rules: () => OrganizationRules;
  readonly #serials: SerialsService;

  constructor(store: Store, rules: () => OrganizationRules, serials: SerialsService) {
    this.#store = store;
    this.#rules = rules;
    this.#serials = serials;
  }

  #key(serial: string): string {
    return serialKey(serial, { caseSensitive: this.#rules().caseSensitiveSerials });
  }

  order(orderNumber: string): OrderDetail {
    return this.#detail(this.#orderHead(orderNumber));
  }

  purchaseOrder(poNumber: string): PurchaseOrderDetail {
    const s = this.#store.statements;
    const po = s
      .sql<
        [string],
        {
          id: number;
          po_number: string;
          vendor: string;
          status: PurchaseOrderDetail['status'];
          created_at: string;
          updated_at: string;
        }
      >(
        `SELECT po.id, po.po_number, v.name AS vendor, po.status, po.created_at, po.updated_at
         FROM purchase_orders po JOIN vendors v ON v.id = po.vendor_id WHERE po.po_number = ?`,
      )
      .get(poNumber.trim());
    if (!po) throw new AppError('UNKNOWN_PO', `There is no purchase order "${poNumber.trim()}".`);
    const lines = s
      .sql<
        [number],
        {
          id: number;
          line_no: number;
          sku: string;
          name: string;
          track_serials: number;
          qty_ordered: number;
          qty_received: number;
          unit_cost_cents: number | null;
        }
      >(
        `SELECT pl.id, pl.line_no, p.sku, p.name, p.track_serials, pl.qty_ordered, pl.qty_received, pl.unit_cost_cents
         FROM po_lines pl JOIN products p ON p.id = pl.product_id WHERE pl.po_id = ? ORDER BY pl.line_no`,
      )
      .all(po.id);
    const groups = s
      .sql<[number], { session_id: number | null; units: number; first_unit: number }>(
        `SELECT u.work_session_id AS session_id, count(*) AS units, min(u.id) AS first_unit
         FROM units u JOIN po_lines pl ON pl.id = u.po_line_id WHERE pl.po_id = ?
         GROUP BY u.work_session_id ORDER BY min(u.id)`,
      )
      .all(po.id);
    const serialsOf = s.sql<
      [number, number | null, number],
      {
        unit_id: number;
        sku: string;
        name: string;
        serial_slot_labels: string;
        serials_per_unit: number;
        slot: number;
        serial: string;
        status: UnitStatus;
      }
    >(
      `SELECT u.id AS unit_id, p.sku, p.name, p.serial_slot_labels, p.serials_per_unit, us.slot, us.serial, u.status
       FROM units u JOIN po_lines pl ON pl.id = u.po_line_id JOIN products p ON p.id = u.product_id
       JOIN unit_serials us ON us.unit_id = u.id
       WHERE pl.po_id = ? AND u.work_session_id IS ? ORDER BY u.id, us.slot LIMIT ?`,
    );
    const countSerials = s.sql<[number, number | null], { n: number }>(
      `SELECT count(*) AS n FROM units u JOIN po_lines pl ON pl.id = u.po_line_id JOIN unit_serials us ON us.unit_id = u.id
       WHERE pl.po_id = ? AND u.work_session_id IS ?`,
    );
    // Who put the units in stock is on the ledger; a session without serial events falls back to its own row.
    const receivedEvent = s.sql<[number], { at: string; station: string | null; operator: string | null }>(
      `SELECT e.at, st.name AS station, op.name AS operator FROM serial_events e
       LEFT JOIN stations st ON st.id = e.station_id LEFT JOIN operators op ON op.id = e.operator_id
       WHERE e.unit_id = ? AND e.type = 'received' ORDER BY e.id LIMIT 1`,
    );
    const sessionRow = s.sql<[number], { at: string; station: string | null; operator: string | null }>(
      `SELECT w.updated_at AS at, st.name AS station, op.name AS operator FROM work_sessions w
       LEFT JOIN stations st ON st.id = w.station_id LEFT JOIN operators op ON op.id = w.operator_id WHERE w.id = ?`,
    );
    return {
      poNumber: po.po_number,
      vendor: po.vendor,
      status: po.status,
      createdAt: po.created_at,
      updatedAt: po.updated_at,
      lines: lines.map((l) => ({
        lineId: l.id,
        lineNo: l.line_no,
        sku: l.sku,
        productName: l.name,
        trackSerials: l.track_serials === 1,
        qtyOrdered: l.qty_ordered,
        qtyReceived: l.qty_received,
        unitCostCents: l.unit_cost_cents,
      })),
      receipts: groups.map((g) => {
        const who =
          receivedEvent.get(g.first_unit) ?? (g.session_id === null ? undefined : sessionRow.get(g.session_id));
        return {
          sessionId: g.session_id,
          receivedBy: who?.operator ?? null,
          station: who?.station ?? null,
          receivedAt: who?.at ?? null,
          units: g.units,
          serialsTotal: countSerials.get(po.id, g.session_id)!.n,
          serials: serialsOf.all(po.id, g.session_id, SERIALS_PER_RECEIPT).map((r) => ({
            unitId: r.unit_id,
            sku: r.sku,
            productName: r.name,
            slot: r.slot,
            slotLabel: slotLabel(JSON.parse(r.serial_slot_labels) as string[], r.serials_per_unit, r.slot),
            serial: r.serial,
            status: r.status,
          })),
        };
      }),
      openSession: this.#openWork('receive', po.po_number),
    };
  }

  product(query: {
    sku: string;
    status?: UnitStatus | undefined;
    search?: string | undefined;
    offset: number;
    limit: number;
  }): ProductDetail {
    const s = this.#store.statements;
    const p = s
      .sql<
        [string],
        {
          id: number;
          sku: string;
          name: string;
          track_serials: number;
          serials_per_unit: number;
          serial_slot_labels: string;
          serial_pattern: string | null;
          serial_length: number | null;
          warranty_months: number | null;
          unit_weight_g: number | null;
          created_at: string;
          updated_at: string;
        }
      >('SELECT * FROM products WHERE sku = ?')
      .get(query.sku.trim());
    if (!p) throw new AppError('NOT_FOUND', `There is no product with SKU ${query.sku.trim()}.`);
    return {
      product: {
        id: p.id,
        sku: p.sku,
        name: p.name,
        trackSerials: p.track_serials === 1,
        serialsPerUnit: p.serials_per_unit,
        serialSlotLabels: JSON.parse(p.serial_slot_labels) as string[],
        serialPattern: p.serial_pattern,
        serialLength: p.serial_length,
        warrantyMonths: p.warranty_months,
        unitWeightG: p.unit_weight_g,
        barcodes: s
          .sql<[number], { code: string; kind: string }>(
            'SELECT code, kind FROM product_barcodes WHERE product_id = ? ORDER BY id',
          )
          .all(p.id),
        createdAt: p.created_at,
        updatedAt: p.updated_at,
      },
      serials: this.#serials.listInventory({
        status: query.status,
        search: query.search,
        sku: p.sku,
        offset: query.offset,
        limit: query.limit,
      }),
    };
  }

  availableUnits(query: {
    orderNumber: string;
    lineId: number;
    search?: string | undefined;
    offset: number;
    limit: number;
  }): {
    line: { lineId: number; sku: string; productName: string; qty: number; allocatedUnits: number };
    total: number;
    rows: InventoryRow[];
  } {
    const head = this.#orderHead(query.orderNumber);
    const line = this.#line(head, query.lineId);
    const page = this.#serials.listInventory({
      status: 'in_stock',
      sku: line.sku,
      search: query.search,
      offset: query.offset,
      limit: query.limit,
    });
    return {
      line: {
        lineId: line.lineId,
        sku: line.sku,
        productName: line.name,
        qty: line.qty,
        allocatedUnits: this.#held(line.lineId).size,
      },
      total: page.total,
      rows: page.rows,
    };
  }

  /**
   * Pre-enters serials on an open order line. Each serial gets its own verdict, like a pasted
   * list; the accepted units are reserved in the same transaction that checked them.
   */
  allocate(orderNumber: string, lineId: number, inputs: readonly string[], actor: Actor): AllocateResult {
    const s = this.#store.statements;
    const rules = this.#rules();
    return this.#store.write(() => {
      const head = this.#orderHead(orderNumber);
      this.#requireOpen(head);
      const line = this.#line(head, lineId);
      if (!line.trackSerials) {
        throw new AppError(
          'BAD_REQUEST',
          `${line.name} does not track serials, so there are no serials to pre-enter on it.`,
        );
      }
      const held = this.#held(line.lineId);
      /** Serials that came with the order but name no unit yet, by key: a matching unit claims its row. */
      const unclaimed = new Map(
        s
          .sql<[number], { id: number; serial_key: string }>(
            'SELECT id, serial_key FROM order_line_serials WHERE order_line_id = ? AND unit_id IS NULL',
          )
          .all(line.lineId)
          .map((r) => [r.serial_key, r.id]),
      );
      const taken = new Map<number, string>();
      const results: AllocateResult['results'] = [];
      const now = new Date().toISOString();
      inputs.forEach((input, index) => {
        if (input.trim() === '') return;
        const verdict = (code: VerdictCode, message: string) =>
          results.push({ line: index + 1, input, ok: code === 'OK', code, message });
        const parsed = parseScan(input);
        if (parsed.error) return verdict(parsed.error.code, parsed.error.message);
        if (parsed.gs1) {
          if (!parsed.gs1.serial) {
            return verdict('SERIAL_EMPTY', "This GS1 code carries no serial (21). Scan the unit's serial barcode.");
          }
          const named = parsed.gs1.gtin ? productByCode(s, parsed.gs1.gtin) : undefined;
          if (parsed.gs1.gtin && named?.productId !== line.productId) {
            return verdict(
              'GS1_PRODUCT_MISMATCH',
              `This code's GTIN ${parsed.gs1.gtin} is not ${line.name}. Check the unit in your hand.`,
            );
          }
        }
        const serial = cleanSerial(parsed.gs1?.serial ?? parsed.text);
        if (!serial) return verdict('SERIAL_EMPTY', "Nothing was read — scan the unit's serial again.");
        if (rules.rejectSerialEqualToKnownCode && !parsed.gs1) {
          const hit = knownCode(s, serial);
          if (hit) {
            const known = knownCodeRejection(hit, 'serial');
            return verdict(known.code, known.message);
          }
        }
        const key = this.#key(serial);
        const units = s
          .sql<[string], StockUnit>(
            `SELECT u.id, u.product_id, p.name, u.status FROM unit_serials us JOIN units u ON u.id = us.unit_id
             JOIN products p ON p.id = u.product_id WHERE us.serial_key = ? ORDER BY u.id`,
          )
          .all(key);
        const unit = units.find((u) => u.product_id === line.productId);
        if (!unit) {
          return units.length > 0
            ? verdict('WRONG_ITEM', `${serial} is the serial of a ${units[0]!.name}, not of ${line.name}.`)
            : verdict(
                'SERIAL_NOT_IN_STOCK',
                `We have no ${line.name} with serial ${serial}: it was never received into stock. Only units in stock can be reserved.`,
              );
        }
        const earlier = taken.get(unit.id);
        if (earlier !== undefined) {
          return this.#key(earlier) === key
            ? verdict('SERIAL_DUPLICATE_IN_ORDER', `${serial} is entered twice in this list; it is reserved once.`)
            : verdict(
                'SERIAL_DUPLICATE_IN_UNIT',
                `${serial} and ${earlier} are codes of the same ${line.name}; the unit is reserved once.`,
              );
        }
        if (held.has(unit.id)) {
          return verdict('SERIAL_DUPLICATE_IN_ORDER', `${serial} is already reserved on this line.`);
        }
        if (unit.status !== 'in_stock') return verdict(...this.#notFree(unit, serial, head));
        const elsewhere = serialAllocatedElsewhere(
          s,
          key,
          rules.uniquenessScope === 'organization' ? null : line.productId,
          head.order_number,
        );
        if (elsewhere) {
          return verdict('CONFLICT', `${serial} is already pre-entered on order ${elsewhere}. Pick another unit.`);
        }
        const codes = s
          .sql<[number], { slot: number; serial: string }>(
            'SELECT slot, serial FROM unit_serials WHERE unit_id = ? ORDER BY slot',
          )
          .all(unit.id)
          .map((c) => ({ ...c, key: this.#key(c.serial) }));
        const claims = codes.filter((c) => unclaimed.has(c.key));
        const used = held.size + unclaimed.size;
        if (claims.length === 0 && used >= line.qty) {
          return verdict(
            'OVER_SCAN',
            `Line ${line.lineNo} needs ${line.qty} ${line.name}${line.qty === 1 ? '' : 's'} and ${used} ${used === 1 ? 'is' : 'are'} already reserved. Release one before reserving ${serial}.`,
          );
        }
        s.sql("UPDATE units SET status = 'reserved', updated_at = ? WHERE id = ? AND status = 'in_stock'").run(
          now,
          unit.id,
        );
        // Every code of the unit is listed, so the packer may scan whichever label faces up.
        for (const code of codes) {
          const claimed = unclaimed.get(code.key);
          if (claimed !== undefined) {
            s.sql('UPDATE order_line_serials SET unit_id = ?, serial = ? WHERE id = ?').run(
              unit.id,
              code.serial,
              claimed,
            );
            unclaimed.delete(code.key);
          } else {
            s.sql(
              'INSERT INTO order_line_serials (order_line_id, serial, serial_key, unit_id) VALUES (?, ?, ?, ?)',
            ).run(line.lineId, code.serial, code.key, unit.id);
          }
        }
        appendEvent(s, {
          type: 'reserved',
          at: now,
          unitId: unit.id,
          productId: line.productId,
          serial,
          serialKey: key,
          ...actor,
          reference: head.order_number,
          details: {
            orderLineId: line.lineId,
            lineNo: line.lineNo,
            codes: codes.map((c) => c.serial),
            preEntered: true,
          },
        });
        held.add(unit.id);
        taken.set(unit.id, serial);
        const n = held.size + unclaimed.size;
        verdict(
          'OK',
          `Reserved ${line.name} ${codes.map((c) => c.serial).join(' / ')} for ${head.order_number} — ${n} of ${line.qty}.`,
        );
      });
      const accepted = results.filter((r) => r.ok).length;
      return {
        results,
        accepted,
        rejected: results.length - accepted,
        order: this.#detail(this.#orderHead(orderNumber)),
      };
    });
  }

  /** Takes a pre-entered serial (any code of its unit) off an open order; the unit goes back in stock. */
  release(orderNumber: string, rawSerial: string, actor: Actor): { message: string; order: OrderDetail } {
    const s = this.#store.statements;
    return this.#store.write(() => {
      const head = this.#orderHead(orderNumber);
      this.#requireOpen(head);
      const parsed = parseScan(rawSerial);
      const serial = cleanSerial(parsed.gs1?.serial ?? parsed.text);
      const key = this.#key(serial);
      const row = s
        .sql<
          [number, string],
          { id: number; order_line_id: number; line_no: number; product_id: number; unit_id: number | null }
        >(
          `SELECT ols.id, ols.order_line_id, ol.line_no, ol.product_id, ols.unit_id
           FROM order_line_serials ols JOIN order_lines ol ON ol.id = ols.order_line_id
           WHERE ol.order_id = ? AND ols.serial_key = ?`,
        )
        .get(head.id, key);
      if (!row) {
        throw new AppError(
          'NOT_FOUND',
          `${serial || rawSerial.trim()} is not pre-entered on order ${head.order_number}.`,
        );
      }
      const now = new Date().toISOString();
      let message: string;
      if (row.unit_id === null) {
        s.sql('DELETE FROM order_line_serials WHERE id = ?').run(row.id);
        message = `${serial} is no longer required on order ${head.order_number}.`;
      } else {
        s.sql('DELETE FROM order_line_serials WHERE order_line_id = ? AND unit_id = ?').run(
          row.order_line_id,
          row.unit_id,
        );
        const back = s
          .sql("UPDATE units SET status = 'in_stock', updated_at = ? WHERE id = ? AND status = 'reserved'")
          .run(now, row.unit_id);
        message =
          back.changes === 1
            ? `${serial} released from order ${head.order_number}; the unit is back in stock.`
            : `${serial} is no longer required on order ${head.order_number}.`;
      }
      appendEvent(s, {
        type: 'released',
        at: now,
        unitId: row.unit_id,
        productId: row.product_id,
        serial,
        serialKey: key,
        ...actor,
        reference: head.order_number,
        details: { orderLineId: row.order_line_id, lineNo: row.line_no, reason: 'released from the order' },
      });
      return { message, order: this.#detail(head) };
    });
  }

  // ---- internals ----

  #orderHead(orderNumber: string): OrderHead {
    const head = this.#store.statements
      .sql<[string], OrderHead>(
        'SELECT id, order_number, customer_name, ship_to, status, created_at, updated_at FROM orders WHERE order_number = ?',
      )
      .get(orderNumber.trim());
    if (!head) throw new AppError('UNKNOWN_ORDER', `There is no order "${orderNumber.trim()}".`);
    return head;
  }

  #requireOpen(head: OrderHead): void {
    if (head.status === 'open') return;
    throw new AppError(
      'ORDER_NOT_OPEN',
      `Order ${head.order_number} ${NOT_OPEN[head.status]}; serials can be pre-entered or released only while it is open.` +
        (head.status === 'packing' ? ' Void or finish the packing first.' : ''),
    );
  }

  #lines(orderId: number): LineInfo[] {
    return this.#store.statements
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
        }
      >(
        `SELECT ol.id, ol.line_no, ol.product_id, p.sku, p.name, ol.qty, p.track_serials, p.serials_per_unit, p.serial_slot_labels
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
      }));
  }

  #line(head: OrderHead, lineId: number): LineInfo {
    const line = this.#lines(head.id).find((l) => l.lineId === lineId);
    if (!line) throw new AppError('NOT_FOUND', `Order ${head.order_number} has no line ${lineId}.`);
    return line;
  }

  /** The units reserved on a line. */
  #held(lineId: number): Set<number> {
    return new Set(
      this.#store.statements
        .sql<[number], { unit_id: number }>(
          'SELECT DISTINCT unit_id FROM order_line_serials WHERE order_line_id = ? AND unit_id IS NOT NULL',
        )
        .all(lineId)
        .map((r) => r.unit_id),
    );
  }

  /** Why a unit of the right product cannot be reserved now. */
  #notFree(unit: StockUnit, serial: string, head: OrderHead): [VerdictCode, string] {
    const s = this.#store.statements;
    if (unit.status === 'reserved') {
      const holder = s
        .sql<[number], { order_number: string; line_no: number; order_id: number }>(
          `SELECT o.order_number, ol.line_no, o.id AS order_id FROM order_line_serials ols
           JOIN order_lines ol ON ol.id = ols.order_line_id JOIN orders o ON o.id = ol.order_id
           WHERE ols.unit_id = ? LIMIT 1`,
        )
        .get(unit.id);
      if (holder?.order_id === head.id) {
        return ['SERIAL_DUPLICATE_IN_ORDER', `${serial} is already reserved on line ${holder.line_no} of this order.`];
      }
      return [
        'SERIAL_NOT_IN_STOCK',
        holder
          ? `${serial} is reserved for order ${holder.order_number}. Pick a unit that is free.`
          : `${serial} is held back by a supervisor (reserved, not for an order). Pick a unit that is free.`,
      ];
    }
    if (unit.status === 'sold') {
      const last = lastShipmentOf(s, unit.id);
      return [
        'SERIAL_NOT_IN_STOCK',
        `${serial} already shipped${last ? ` on order ${last.orderNumber} on ${last.shippedAt.slice(0, 10)}` : ''}. Only units in stock can be reserved.`,
      ];
    }
    return ['SERIAL_NOT_IN_STOCK', `${serial} is ${statusWords(unit.status)}. Only units in stock can be reserved.`];
  }

  #openWork(kind: SessionKind, reference: string): OrderDetail['openSession'] {
    const row = this.#store.statements
      .sql<
        [SessionKind, string],
        {
          id: number;
          status: 'active' | 'parked';
          created_at: string;
          updated_at: string;
          station: string | null;
          operator: string | null;
          units: number;
        }
      >(
        `SELECT w.id, w.status, w.created_at, w.updated_at, st.name AS station, op.name AS operator,
           (SELECT count(*) FROM work_session_units wu WHERE wu.session_id = w.id) AS units
         FROM work_sessions w LEFT JOIN stations st ON st.id = w.station_id LEFT JOIN operators op ON op.id = w.operator_id
         WHERE w.kind = ? AND w.reference = ? AND w.status IN ('active', 'parked') ORDER BY w.id DESC LIMIT 1`,
      )
      .get(kind, reference);
    return row
      ? {
          sessionId: row.id,
          status: row.status,
          station: row.station,
          operator: row.operator,
          startedAt: row.created_at,
          updatedAt: row.updated_at,
          units: row.units,
        }
      : null;
  }

  #detail(head: OrderHead): OrderDetail {
    const s = this.#store.statements;
    const lines = this.#lines(head.id);
    const allocations = s
      .sql<
        [number],
        {
          order_line_id: number;
          serial: string;
          unit_id: number | null;
          status: UnitStatus | null;
          warehouse: string | null;
          location: string | null;
        }
      >(
        `SELECT ols.order_line_id, ols.serial, ols.unit_id, u.status, u.warehouse, u.location
         FROM order_line_serials ols JOIN order_lines ol ON ol.id = ols.order_line_id LEFT JOIN units u ON u.id = ols.unit_id
         WHERE ol.order_id = ? ORDER BY ols.id`,
      )
      .all(head.id);
    const codesOf = s.sql<[number], { slot: number; serial: string }>(
      'SELECT slot, serial FROM unit_serials WHERE unit_id = ? ORDER BY slot',
    );
    const shipments = s
      .sql<
        [number],
        { id: number; shipped_at: string; weight_g: number | null; station: string | null; operator: string | null }
      >(
        `SELECT sh.id, sh.shipped_at, sh.weight_g, st.name AS station, op.name AS operator FROM shipments sh
         LEFT JOIN stations st ON st.id = sh.station_id LEFT JOIN operators op ON op.id = sh.operator_id
         WHERE sh.order_id = ? ORDER BY sh.id`,
      )
      .all(head.id);
    const shipped = s
      .sql<
        [number],
        {
          shipment_id: number;
          serial: string;
          sku: string;
          name: string;
          slot: number;
          slot_label: string | null;
          unit_id: number;
          shipped_at: string;
          overridden: number;
        }
      >(
        `SELECT ss.shipment_id, ss.serial, p.sku, p.name, ss.slot, ss.slot_label, ss.unit_id, ss.shipped_at, ss.overridden
         FROM shipped_serials ss JOIN products p ON p.id = ss.product_id WHERE ss.order_id = ? ORDER BY ss.id`,
      )
      .all(head.id);
    return {
      orderNumber: head.order_number,
      customerName: head.customer_name,
      shipTo: head.ship_to,
      status: head.status,
      createdAt: head.created_at,
      updatedAt: head.updated_at,
      lines: lines.map((line) => {
        const byUnit = new Map<string, Allocation>();
        for (const a of allocations.filter((x) => x.order_line_id === line.lineId)) {
          if (a.unit_id === null) {
            byUnit.set(`serial:${a.serial}`, {
              unitId: null,
              status: null,
              serials: [{ slot: null, label: null, serial: a.serial }],
              warehouse: null,
              location: null,
            });
          } else if (!byUnit.has(`unit:${a.unit_id}`)) {
            byUnit.set(`unit:${a.unit_id}`, {
              unitId: a.unit_id,
              status: a.status,
              serials: codesOf
                .all(a.unit_id)
                .map((c) => ({ ...c, label: slotLabel(line.slotLabels, line.serialsPerUnit, c.slot) })),
              warehouse: a.warehouse,
              location: a.location,
            });
          }
        }
        return {
          lineId: line.lineId,
          lineNo: line.lineNo,
          sku: line.sku,
          productName: line.name,
          qty: line.qty,
          trackSerials: line.trackSerials,
          serialsPerUnit: line.serialsPerUnit,
          slotLabels: Array.from({ length: line.serialsPerUnit }, (_, i) =>
            slotLabel(line.slotLabels, line.serialsPerUnit, i + 1),
          ),
          allocated: [...byUnit.values()],
        };
      }),
      shipments: shipments.map((sh) => ({
        shipmentId: sh.id,
        shippedAt: sh.shipped_at,
        station: sh.station,
        operator: sh.operator,
        weightG: sh.weight_g,
        serials: shipped
          .filter((x) => x.shipment_id === sh.id)
          .map((x) => ({
            serial: x.serial,
            sku: x.sku,
            productName: x.name,
            slot: x.slot,
            slotLabel: x.slot_label,
            unitId: x.unit_id,
            shippedAt: x.shipped_at,
            overridden: x.overridden === 1,
          })),
      })),
      openSession: this.#openWork('ship', head.order_number),
      canAllocate: head.status === 'open',
    };
  }
}
