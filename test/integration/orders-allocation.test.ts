import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/shared/settings';
import { OrdersService } from '../../src/main/services/orders.service';
import { ReceivingService } from '../../src/main/services/receiving.service';
import { SerialsService } from '../../src/main/services/serials.service';
import { verifyLedger } from '../../src/main/store/ledger';
import type { Store } from '../../src/main/store/store';
import { GTIN14, UPC, imei } from '../support/catalog-fixture';
import { addOrder, shipHarness, stockUnits, type ShipHarness } from '../support/ship-fixture';
import { tempStore } from '../support/temp-store';

function world() {
  const { store } = tempStore();
  const h = shipHarness(store);
  const serials = new SerialsService(store, () => DEFAULT_RULES);
  const orders = new OrdersService(store, () => DEFAULT_RULES, serials);
  return { h, store, serials, orders };
}

function lineOf(orders: OrdersService, orderNumber: string, sku: string): number {
  return orders.order(orderNumber).lines.find((l) => l.sku === sku)!.lineId;
}

function statusOf(store: Store, unitId: number): string {
  return (store.db.prepare('SELECT status FROM units WHERE id = ?').get(unitId) as { status: string }).status;
}

function shipAll(h: ShipHarness, orderNumber: string, scans: string[]) {
  const session = h.shipping.start(orderNumber, h.actor);
  for (const raw of scans) {
    const verdict = h.shipping.scan(session.sessionId, raw, 'wedge', h.actor);
    if (!verdict.ok) throw new Error(`${raw}: ${verdict.message}`);
  }
  return h.shipping.ship(session.sessionId, h.actor);
}

describe('pre-entering serials on an open order', () => {
  it('reserves units by either of their codes and gives every other serial its own reason', () => {
    const { h, store, orders } = world();
    stockUnits(store, h.fixture.products.tablet, [['TABLT00001']]);
    addOrder(store, 'SO-20', [
      { productId: h.fixture.products.phone, qty: 2 },
      { productId: h.fixture.products.laptop, qty: 1 },
    ]);
    const phoneLine = lineOf(orders, 'SO-20', 'PH-100');
    const result = orders.allocate(
      'SO-20',
      phoneLine,
      [imei(2), '', imei(1), imei(2), UPC.phone, 'LAPTP00001', 'TABLT00001', imei(99), imei(3), imei(5)],
      h.actor,
    );
    expect(result.results.map((r) => [r.line, r.code])).toEqual([
      [1, 'OK'],
      [3, 'SERIAL_DUPLICATE_IN_UNIT'],
      [4, 'SERIAL_DUPLICATE_IN_ORDER'],
      [5, 'SERIAL_IS_KNOWN_BARCODE'],
      [6, 'WRONG_ITEM'],
      [7, 'WRONG_ITEM'],
      [8, 'SERIAL_NOT_IN_STOCK'],
      [9, 'OK'],
      [10, 'OVER_SCAN'],
    ]);
    expect(result).toMatchObject({ accepted: 2, rejected: 7 });
    expect(result.results[4]!.message).toContain('Laptop 14');
    expect(result.results[8]!.message).toMatch(/needs 2 .* 2 are already reserved/);
    expect([statusOf(store, h.phones[0]!), statusOf(store, h.phones[1]!), statusOf(store, h.phones[2]!)]).toEqual([
      'reserved',
      'reserved',
      'in_stock',
    ]);
    // Both codes of each unit are listed, so the packer may scan either label.
    expect(
      store.db
        .prepare('SELECT serial, unit_id FROM order_line_serials WHERE order_line_id = ? ORDER BY serial')
        .all(phoneLine),
    ).toEqual([
      { serial: imei(1), unit_id: h.phones[0] },
      { serial: imei(2), unit_id: h.phones[0] },
      { serial: imei(3), unit_id: h.phones[1] },
      { serial: imei(4), unit_id: h.phones[1] },
    ]);
    const line = result.order.lines.find((l) => l.lineId === phoneLine)!;
    expect(line.allocated).toEqual([
      expect.objectContaining({
        unitId: h.phones[0],
        status: 'reserved',
        serials: [
          { slot: 1, label: 'IMEI 1', serial: imei(1) },
          { slot: 2, label: 'IMEI 2', serial: imei(2) },
        ],
      }),
      expect.objectContaining({ unitId: h.phones[1], status: 'reserved' }),
    ]);
    const reserved = store.db
      .prepare("SELECT unit_id, reference, operator_id FROM serial_events WHERE type = 'reserved' ORDER BY id")
      .all();
    expect(reserved).toEqual([
      { unit_id: h.phones[0], reference: 'SO-20', operator_id: h.actor.operatorId },
      { unit_id: h.phones[1], reference: 'SO-20', operator_id: h.actor.operatorId },
    ]);
    expect(orders.allocate('SO-20', phoneLine, [imei(4)], h.actor).results[0]).toMatchObject({
      ok: false,
      code: 'SERIAL_DUPLICATE_IN_ORDER',
    });
  });

  it('refuses units reserved for another order, shipped units and foreign GS1 codes', () => {
    const { h, store, orders } = world();
    addOrder(store, 'SO-21', [{ productId: h.fixture.products.laptop, qty: 1 }]);
    addOrder(store, 'SO-22', [{ productId: h.fixture.products.laptop, qty: 2 }]);
    addOrder(store, 'SO-23', [{ productId: h.fixture.products.laptop, qty: 1 }]);
    orders.allocate('SO-21', lineOf(orders, 'SO-21', 'LT-300'), ['LAPTP00002'], h.actor);
    shipAll(h, 'SO-23', [UPC.laptop, 'LAPTP00003']);
    const result = orders.allocate(
      'SO-22',
      lineOf(orders, 'SO-22', 'LT-300'),
      ['LAPTP00002', 'LAPTP00003', `(01)${GTIN14.phone}(21)LAPTP00001`, `(01)${GTIN14.laptop}(21)LAPTP00001`],
      h.actor,
    );
    expect(result.results.map((r) => r.code)).toEqual([
      'SERIAL_NOT_IN_STOCK',
      'SERIAL_NOT_IN_STOCK',
      'GS1_PRODUCT_MISMATCH',
      'OK',
    ]);
    expect(result.results[0]!.message).toContain('reserved for order SO-21');
    expect(result.results[1]!.message).toContain('already shipped on order SO-23');
    expect(statusOf(store, h.laptops[0]!)).toBe('reserved');
  });

  it('refuses unknown orders and lines, and orders that are no longer open', () => {
    const { h, store, orders } = world();
    addOrder(store, 'SO-24', [{ productId: h.fixture.products.laptop, qty: 1 }]);
    const line = lineOf(orders, 'SO-24', 'LT-300');
    expect(() => orders.allocate('SO-404', line, ['LAPTP00001'], h.actor)).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_ORDER' }),
    );
    expect(() => orders.allocate('SO-24', line + 1000, ['LAPTP00001'], h.actor)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    orders.allocate('SO-24', line, ['LAPTP00001'], h.actor);
    h.shipping.start('SO-24', h.actor);
    expect(() => orders.allocate('SO-24', line, ['LAPTP00002'], h.actor)).toThrow(
      expect.objectContaining({ code: 'ORDER_NOT_OPEN', message: expect.stringContaining('being packed') }),
    );
    expect(() => orders.release('SO-24', 'LAPTP00001', h.actor)).toThrow(
      expect.objectContaining({ code: 'ORDER_NOT_OPEN' }),
    );
    expect(statusOf(store, h.laptops[1]!)).toBe('in_stock');
    addOrder(store, 'SO-25', [{ productId: h.fixture.products.cable, qty: 1 }]);
    expect(() => orders.allocate('SO-25', lineOf(orders, 'SO-25', 'CB-1'), ['CABLE1'], h.actor)).toThrow(
      /does not track serials/,
    );
  });

  it('releases a unit by either code, back in stock, and its history shows both moves', () => {
    const { h, store, orders, serials } = world();
    addOrder(store, 'SO-26', [{ productId: h.fixture.products.phone, qty: 1 }]);
    orders.allocate('SO-26', lineOf(orders, 'SO-26', 'PH-100'), [imei(1)], h.actor);
    const released = orders.release('so-26', imei(2), h.actor);
    expect(released.message).toContain('back in stock');
    expect(released.order.lines[0]!.allocated).toEqual([]);
    expect(statusOf(store, h.phones[0]!)).toBe('in_stock');
    expect(store.db.prepare('SELECT count(*) AS n FROM order_line_serials').get()).toEqual({ n: 0 });
    expect(() => orders.release('SO-26', imei(2), h.actor)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    const history = serials.history(imei(1));
    expect(history.events.map((e) => [e.type, e.reference])).toEqual([
      ['reserved', 'SO-26'],
      ['released', 'SO-26'],
    ]);
    expect(history.ledger.ok).toBe(true);
  });

  it('counts serials that came with the order import, and lets a received unit claim one', () => {
    const { h, store, orders } = world();
    addOrder(store, 'SO-27', [{ productId: h.fixture.products.laptop, qty: 1, serials: ['LAPIMP0001'] }]);
    const line = lineOf(orders, 'SO-27', 'LT-300');
    expect(orders.order('SO-27').lines[0]!.allocated).toEqual([
      {
        unitId: null,
        status: null,
        serials: [{ slot: null, label: null, serial: 'LAPIMP0001' }],
        warehouse: null,
        location: null,
      },
    ]);
    expect(orders.allocate('SO-27', line, ['LAPTP00001'], h.actor).results[0]!.code).toBe('OVER_SCAN');
    const [arrived] = stockUnits(store, h.fixture.products.laptop, [['LAPIMP0001']]);
    const claim = orders.allocate('SO-27', line, ['lapimp0001'], h.actor);
    expect(claim.results[0]).toMatchObject({ ok: true });
    expect(store.db.prepare('SELECT unit_id FROM order_line_serials WHERE order_line_id = ?').all(line)).toEqual([
      { unit_id: arrived },
    ]);
    expect(statusOf(store, arrived!)).toBe('reserved');
  });
});

describe('shipping an order with pre-entered serials', () => {
  it('accepts exactly the pre-entered serials (by either code) and refuses other in-stock units', () => {
    const { h, store, orders } = world();
    addOrder(store, 'SO-30', [
      { productId: h.fixture.products.laptop, qty: 1 },
      { productId: h.fixture.products.phone, qty: 1 },
    ]);
    const allocated = orders.allocate('SO-30', lineOf(orders, 'SO-30', 'LT-300'), ['LAPTP00002'], h.actor);
    expect(allocated.accepted).toBe(1);
    orders.allocate('SO-30', lineOf(orders, 'SO-30', 'PH-100'), [imei(4)], h.actor);
    const session = h.shipping.start('SO-30', h.actor);
    const scan = (raw: string) => h.shipping.scan(session.sessionId, raw, 'wedge', h.actor);
    expect(scan(UPC.laptop).ok).toBe(true);
    expect(scan('LAPTP00001')).toMatchObject({ ok: false, code: 'SERIAL_NOT_ALLOCATED' });
    expect(scan('LAPTP00002')).toMatchObject({ ok: true });
    expect(scan(UPC.phone).ok).toBe(true);
    expect(scan(imei(1))).toMatchObject({ ok: false, code: 'SERIAL_NOT_ALLOCATED' });
    expect(scan(imei(3))).toMatchObject({ ok: true });
    expect(scan(imei(4))).toMatchObject({ ok: true });
    const shipped = h.shipping.ship(session.sessionId, h.actor);
    expect(shipped.serials.map((s) => s.serial)).toEqual(['LAPTP00002', imei(3), imei(4)]);
    expect([statusOf(store, h.laptops[1]!), statusOf(store, h.laptops[0]!), statusOf(store, h.phones[1]!)]).toEqual([
      'sold',
      'in_stock',
      'sold',
    ]);
    const detail = orders.order('SO-30');
    expect(detail).toMatchObject({ status: 'shipped', canAllocate: false, openSession: null });
    expect(detail.lines[0]!.allocated[0]).toMatchObject({ unitId: h.laptops[1], status: 'sold' });
    expect(detail.shipments).toHaveLength(1);
    expect(detail.shipments[0]).toMatchObject({ station: 'PACK-1', operator: 'Pat' });
    expect(detail.shipments[0]!.serials.map((s) => [s.serial, s.slotLabel, s.overridden])).toEqual([
      ['LAPTP00002', 'Serial', false],
      [imei(3), 'IMEI 1', false],
      [imei(4), 'IMEI 2', false],
    ]);
    expect(verifyLedger(store.db).ok).toBe(true);
  });
});

describe('order, purchase order and product detail', () => {
  it('shows an order being packed with its open session', () => {
    const { h, store, orders } = world();
    addOrder(store, 'SO-40', [{ productId: h.fixture.products.laptop, qty: 2 }]);
    const session = h.shipping.start('SO-40', h.actor);
    h.shipping.scan(session.sessionId, UPC.laptop, 'wedge', h.actor);
    const detail = orders.order('so-40');
    expect(detail).toMatchObject({
      orderNumber: 'SO-40',
      customerName: 'Ada Lindqvist',
      shipTo: '12 Harbour Road',
      status: 'packing',
      canAllocate: false,
      openSession: { sessionId: session.sessionId, status: 'active', station: 'PACK-1', operator: 'Pat', units: 1 },
      shipments: [],
    });
    expect(detail.lines[0]).toMatchObject({ sku: 'LT-300', qty: 2, trackSerials: true, slotLabels: ['Serial'] });
    expect(() => orders.order('SO-404')).toThrow(expect.objectContaining({ code: 'UNKNOWN_ORDER' }));
  });

  it('lists the in-stock units a line can pick from', () => {
    const { h, store, orders } = world();
    addOrder(store, 'SO-41', [{ productId: h.fixture.products.laptop, qty: 2 }]);
    const line = lineOf(orders, 'SO-41', 'LT-300');
    const before = orders.availableUnits({ orderNumber: 'SO-41', lineId: line, offset: 0, limit: 50 });
    expect(before.total).toBe(3);
    expect(before.rows.every((r) => r.sku === 'LT-300' && r.status === 'in_stock')).toBe(true);
    orders.allocate('SO-41', line, ['LAPTP00001'], h.actor);
    const after = orders.availableUnits({ orderNumber: 'SO-41', lineId: line, offset: 0, limit: 50 });
    expect(after.line).toMatchObject({ qty: 2, allocatedUnits: 1 });
    expect(after.rows.map((r) => r.codes[0]!.serial).sort()).toEqual(['LAPTP00002', 'LAPTP00003']);
    const searched = orders.availableUnits({
      orderNumber: 'SO-41',
      lineId: line,
      search: 'p00003',
      offset: 0,
      limit: 50,
    });
    expect(searched.rows.map((r) => r.codes[0]!.serial)).toEqual(['LAPTP00003']);
  });

  it("groups a PO's received serials by receiving session, with who received them", () => {
    const { h, store, orders } = world();
    const receiving = new ReceivingService(store, () => DEFAULT_RULES);
    const place = { warehouse: 'MAIN', location: 'DOCK-1' };
    const first = receiving.start('PO-1', h.actor);
    receiving.scan(first.sessionId, UPC.laptop, 'wedge', h.actor);
    receiving.scan(first.sessionId, 'RCV0000001', 'wedge', h.actor);
    receiving.scan(first.sessionId, UPC.phone, 'wedge', h.actor);
    receiving.scan(first.sessionId, imei(50), 'wedge', h.actor);
    receiving.scan(first.sessionId, imei(51), 'wedge', h.actor);
    receiving.close(first.sessionId, h.actor, place);
    const second = receiving.start('PO-1', h.actor);
    receiving.scan(second.sessionId, UPC.laptop, 'wedge', h.actor);
    receiving.scan(second.sessionId, 'RCV0000002', 'wedge', h.actor);
    receiving.close(second.sessionId, h.actor, place);
    const third = receiving.start('PO-1', h.actor);
    receiving.scan(third.sessionId, UPC.cable, 'wedge', h.actor);

    const po = orders.purchaseOrder('po-1');
    expect(po).toMatchObject({ poNumber: 'PO-1', vendor: 'Northwind', status: 'open' });
    expect(po.lines.map((l) => [l.sku, l.qtyOrdered, l.qtyReceived, l.unitCostCents])).toEqual([
      ['PH-100', 3, 1, 45000],
      ['LT-300', 2, 2, 80000],
      ['CB-1', 5, 0, 250],
    ]);
    expect(po.receipts.map((r) => [r.sessionId, r.units, r.serialsTotal, r.receivedBy, r.station])).toEqual([
      [first.sessionId, 2, 3, 'Pat', 'PACK-1'],
      [second.sessionId, 1, 1, 'Pat', 'PACK-1'],
    ]);
    expect(po.receipts[0]!.serials.map((x) => [x.serial, x.sku, x.slotLabel, x.status])).toEqual([
      ['RCV0000001', 'LT-300', 'Serial', 'in_stock'],
      [imei(50), 'PH-100', 'IMEI 1', 'in_stock'],
      [imei(51), 'PH-100', 'IMEI 2', 'in_stock'],
    ]);
    expect(po.receipts[0]!.receivedAt).toBeTruthy();
    expect(po.openSession).toMatchObject({ sessionId: third.sessionId, units: 1, operator: 'Pat' });
    expect(() => orders.purchaseOrder('PO-404')).toThrow(expect.objectContaining({ code: 'UNKNOWN_PO' }));
  });

  it("shows a product's barcodes and its units by status", () => {
    const { h, store, orders } = world();
    addOrder(store, 'SO-42', [{ productId: h.fixture.products.laptop, qty: 1 }]);
    orders.allocate('SO-42', lineOf(orders, 'SO-42', 'LT-300'), ['LAPTP00003'], h.actor);
    const detail = orders.product({ sku: 'lt-300', offset: 0, limit: 100 });
    expect(detail.product).toMatchObject({
      sku: 'LT-300',
      name: 'Laptop 14',
      serialsPerUnit: 1,
      warrantyMonths: 36,
      barcodes: [{ code: UPC.laptop, kind: expect.any(String) }],
    });
    expect(detail.serials.counts).toMatchObject({ in_stock: 2, reserved: 1, all: 3 });
    const reserved = orders.product({ sku: 'LT-300', status: 'reserved', offset: 0, limit: 100 });
    expect(reserved.serials.rows.map((r) => r.codes[0]!.serial)).toEqual(['LAPTP00003']);
    expect(() => orders.product({ sku: 'NOPE', offset: 0, limit: 10 })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});
