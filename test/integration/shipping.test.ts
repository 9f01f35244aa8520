import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/shared/settings';
import { ShippingService } from '../../src/main/services/shipping.service';
import { verifyLedger } from '../../src/main/store/ledger';
import type { Store } from '../../src/main/store/store';
import { GTIN14, UPC, imei } from '../support/catalog-fixture';
import { addOrder, shipHarness, type ShipHarness } from '../support/ship-fixture';
import { tempStore } from '../support/temp-store';

function start(h: ShipHarness, orderNumber: string) {
  const session = h.shipping.start(orderNumber, h.actor);
  const scan = (raw: string) => h.shipping.scan(session.sessionId, raw, 'wedge', h.actor);
  return { session, scan };
}

function rows<T>(store: Store, sql: string, ...params: unknown[]): T[] {
  return store.db.prepare(sql).all(...params) as T[];
}

describe('scan & ship', () => {
  it('refuses unknown and already shipped orders', () => {
    const h = shipHarness(tempStore().store);
    expect(() => h.shipping.start('SO-404', h.actor)).toThrow(expect.objectContaining({ code: 'UNKNOWN_ORDER' }));
    h.store.db.prepare("UPDATE orders SET status = 'shipped' WHERE order_number = 'SO-1'").run();
    expect(() => h.shipping.start('SO-1', h.actor)).toThrow(expect.objectContaining({ code: 'ORDER_NOT_OPEN' }));
  });

  it('ships a dual-IMEI phone, a cable and a laptop with one shipped-serial row per code', () => {
    const h = shipHarness(tempStore().store);
    addOrder(h.store, 'SO-10', [
      { productId: h.fixture.products.phone, qty: 1 },
      { productId: h.fixture.products.cable, qty: 1 },
      { productId: h.fixture.products.laptop, qty: 1 },
    ]);
    const { session, scan } = start(h, 'SO-10');
    expect(session.expect.step).toBe('item');
    expect(scan(UPC.phone).expect).toMatchObject({ step: 'serial', slot: 1, slotLabel: 'IMEI 1' });
    const upc = scan(UPC.phone);
    expect(upc).toMatchObject({ ok: false, code: 'SERIAL_IS_KNOWN_BARCODE' });
    expect(upc.view.lastRejection).toMatchObject({ overridable: false });
    // IMEI 2 first: slots may be scanned in any order; the recorded slot is kept.
    const second = scan(imei(2));
    expect(second).toMatchObject({ ok: true });
    expect(second.expect).toMatchObject({ step: 'serial', slot: 1, slotLabel: 'IMEI 1' });
    expect(scan(imei(3))).toMatchObject({ ok: false, code: 'SERIAL_OTHER_UNIT' });
    expect(scan(imei(1))).toMatchObject({ ok: true });
    expect(scan(UPC.cable).expect.step).toBe('item');
    expect(() => h.shipping.ship(session.sessionId, h.actor)).toThrow(
      expect.objectContaining({ code: 'SHIP_INCOMPLETE' }),
    );
    scan(UPC.laptop);
    const ready = scan('laptp00001');
    expect(ready.view.canShip).toBe(true);
    expect(ready.expect.step).toBe('ship');
    // The screen's other commands are not items: refused in words, nothing recorded as packed.
    const park = scan('CMD:PARK');
    expect(park).toMatchObject({ ok: false, code: 'UNKNOWN_BARCODE' });
    expect(park.message).toBe(
      'CMD:PARK is the PARK command barcode: on the ship screen it does what F4 does. It is not an item or a serial.',
    );
    expect(park.view.canShip).toBe(true);
    const shipped = scan('CMD:SHIP');
    expect(shipped).toMatchObject({ ok: true });
    expect(shipped.shipped?.serials.map((s) => [s.sku, s.serial, s.slotLabel])).toEqual([
      ['PH-100', imei(1), 'IMEI 1'],
      ['PH-100', imei(2), 'IMEI 2'],
      ['LT-300', 'laptp00001', 'Serial'],
    ]);
    const shippedRows = rows<{ serial: string; slot: number; order_line_id: number; unit_id: number }>(
      h.store,
      'SELECT serial, slot, order_line_id, unit_id FROM shipped_serials ORDER BY id',
    );
    expect(shippedRows).toHaveLength(3);
    expect(shippedRows[0]!.order_line_id).toBe(shippedRows[1]!.order_line_id);
    expect(shippedRows[0]!.unit_id).toBe(h.phones[0]);
    expect(rows(h.store, 'SELECT status FROM units WHERE id IN (?, ?)', h.phones[0], h.laptops[0])).toEqual([
      { status: 'sold' },
      { status: 'sold' },
    ]);
    expect(rows(h.store, "SELECT status FROM orders WHERE order_number = 'SO-10'")).toEqual([{ status: 'shipped' }]);
    const shipment = rows<{ operator_id: number; shift_id: number }>(
      h.store,
      'SELECT operator_id, shift_id FROM shipments',
    )[0]!;
    expect(shipment).toEqual({ operator_id: h.actor.operatorId, shift_id: h.actor.shiftId });
    const events = rows<{ type: string; operator_id: number; shift_id: number }>(
      h.store,
      "SELECT type, operator_id, shift_id FROM serial_events WHERE type = 'shipped'",
    );
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.operator_id === h.actor.operatorId && e.shift_id === h.actor.shiftId)).toBe(true);
    expect(verifyLedger(h.store.db).ok).toBe(true);
  });

  it('refuses a duplicate serial within the order, and allows it when the rule says so', () => {
    const h = shipHarness(tempStore().store);
    addOrder(h.store, 'SO-11', [{ productId: h.fixture.products.laptop, qty: 2 }]);
    const { scan } = start(h, 'SO-11');
    scan(UPC.laptop);
    scan('LAPTP00001');
    scan(UPC.laptop);
    expect(scan('LAPTP00001')).toMatchObject({ ok: false, code: 'SERIAL_DUPLICATE_IN_ORDER' });
  });

  it('refuses a serial already shipped and not returned, naming the order', () => {
    const h = shipHarness(tempStore().store);
    addOrder(h.store, 'SO-12', [{ productId: h.fixture.products.laptop, qty: 1 }]);
    addOrder(h.store, 'SO-13', [{ productId: h.fixture.products.laptop, qty: 1 }]);
    const first = start(h, 'SO-12');
    first.scan(UPC.laptop);
    first.scan('LAPTP00002');
    h.shipping.ship(first.session.sessionId, h.actor);
    const second = start(h, 'SO-13');
    second.scan(UPC.laptop);
    const verdict = second.scan('LAPTP00002');
    expect(verdict).toMatchObject({ ok: false, code: 'SERIAL_NOT_IN_STOCK' });
    expect(verdict.message).toContain('SO-12');
  });

  it("refuses another product's serial", () => {
    const h = shipHarness(tempStore().store);
    h.store.db.prepare("UPDATE products SET serial_pattern = NULL WHERE sku = 'LT-300'").run();
    addOrder(h.store, 'SO-14', [{ productId: h.fixture.products.laptop, qty: 1 }]);
    const { scan } = start(h, 'SO-14');
    scan(UPC.laptop);
    const wrong = scan(imei(5));
    expect(wrong).toMatchObject({ ok: false, code: 'WRONG_ITEM' });
    expect(wrong.message).toContain('Phone X');
  });

  it('needs a supervisor PIN and a reason to accept a serial that was never received; all recorded', () => {
    const h = shipHarness(tempStore().store);
    addOrder(h.store, 'SO-15', [{ productId: h.fixture.products.laptop, qty: 1 }]);
    const { session, scan } = start(h, 'SO-15');
    scan(UPC.laptop);
    const refused = scan('NEWSN00001');
    expect(refused).toMatchObject({ ok: false, code: 'SERIAL_NOT_IN_STOCK' });
    expect(refused.view.lastRejection).toMatchObject({ overridable: true });
    const id = session.sessionId;
    expect(() =>
      h.shipping.override(id, { supervisor: 'Sam', pin: '0000', reason: 'label reprinted' }, h.actor),
    ).toThrow(expect.objectContaining({ code: 'OVERRIDE_DENIED' }));
    expect(() =>
      h.shipping.override(id, { supervisor: 'Pat', pin: '2468', reason: 'label reprinted' }, h.actor),
    ).toThrow(/only a supervisor/);
    const accepted = h.shipping.override(
      id,
      { supervisor: 'Sam', pin: '4812', reason: 'label reprinted by vendor' },
      h.actor,
    );
    expect(accepted).toMatchObject({ ok: true });
    expect(accepted.message).toContain('Sam');
    expect(accepted.view.recent[0]?.serials[0]).toMatchObject({ serial: 'NEWSN00001', overridden: true });
    h.shipping.ship(id, h.actor);
    expect(rows(h.store, 'SELECT overridden FROM shipped_serials')).toEqual([{ overridden: 1 }]);
    const override = rows<{ details: string; operator_id: number }>(
      h.store,
      "SELECT details, operator_id FROM serial_events WHERE type = 'override_granted'",
    )[0]!;
    expect(JSON.parse(override.details)).toMatchObject({
      code: 'SERIAL_NOT_IN_STOCK',
      reason: 'label reprinted by vendor',
      approvedBy: 'Sam',
    });
    expect(rows(h.store, "SELECT count(*) AS n FROM serial_events WHERE type = 'unknown_serial_shipped'")).toEqual([
      { n: 1 },
    ]);
    expect(
      rows(
        h.store,
        "SELECT u.status FROM unit_serials us JOIN units u ON u.id = us.unit_id WHERE us.serial = 'NEWSN00001'",
      ),
    ).toEqual([{ status: 'sold' }]);
  });

  it('locks a supervisor out after five wrong PINs', () => {
    const h = shipHarness(tempStore().store);
    addOrder(h.store, 'SO-16', [{ productId: h.fixture.products.laptop, qty: 1 }]);
    const { session, scan } = start(h, 'SO-16');
    scan(UPC.laptop);
    scan('NEWSN00002');
    for (let i = 0; i < 5; i += 1) {
      expect(() =>
        h.shipping.override(session.sessionId, { supervisor: 'Sam', pin: '9999', reason: 'testing' }, h.actor),
      ).toThrow(expect.objectContaining({ code: 'OVERRIDE_DENIED' }));
    }
    expect(() =>
      h.shipping.override(session.sessionId, { supervisor: 'Sam', pin: '4812', reason: 'testing' }, h.actor),
    ).toThrow(/Too many wrong PINs/);
  });

  it('accepts unknown serials when the rule allows it, creating the unit as sold', () => {
    const h = shipHarness(tempStore().store, { requireShippedSerialInStock: false });
    addOrder(h.store, 'SO-17', [{ productId: h.fixture.products.laptop, qty: 1 }]);
    const { session, scan } = start(h, 'SO-17');
    scan(UPC.laptop);
    expect(scan('NEWSN00003')).toMatchObject({ ok: true });
    h.shipping.ship(session.sessionId, h.actor);
    expect(rows(h.store, "SELECT count(*) AS n FROM serial_events WHERE type = 'unknown_serial_shipped'")).toEqual([
      { n: 1 },
    ]);
  });

  it('gives an accepted unknown serial to a unit in stock without a serial, so stock counts stay true', () => {
    const h = shipHarness(tempStore().store, { requireShippedSerialInStock: false });
    const laptop = h.fixture.products.laptop;
    // Received before serial tracking was turned on: in stock, no serial on record.
    const legacy = Number(
      h.store.db
        .prepare("INSERT INTO units (product_id, status, created_at, updated_at) VALUES (?, 'in_stock', 1, 1)")
        .run(laptop).lastInsertRowid,
    );
    const unitsBefore = rows(h.store, 'SELECT count(*) AS n FROM units')[0];
    addOrder(h.store, 'SO-17B', [{ productId: laptop, qty: 1 }]);
    const { session, scan } = start(h, 'SO-17B');
    scan(UPC.laptop);
    expect(scan('NEWSN00004')).toMatchObject({ ok: true });
    h.shipping.ship(session.sessionId, h.actor);
    expect(rows(h.store, 'SELECT count(*) AS n FROM units')[0]).toEqual(unitsBefore);
    expect(
      rows(
        h.store,
        "SELECT us.unit_id, u.status FROM unit_serials us JOIN units u ON u.id = us.unit_id WHERE us.serial = 'NEWSN00004'",
      ),
    ).toEqual([{ unit_id: legacy, status: 'sold' }]);
    expect(rows(h.store, "SELECT unit_id FROM shipped_serials WHERE serial = 'NEWSN00004'")).toEqual([
      { unit_id: legacy },
    ]);
  });

  it('requires pre-allocated serials, and a supervisor swap releases the reserved unit', () => {
    const h = shipHarness(tempStore().store);
    addOrder(h.store, 'SO-18', [{ productId: h.fixture.products.laptop, qty: 1, serials: ['LAPTP00003'] }]);
    const { session, scan } = start(h, 'SO-18');
    expect(session.lines[0]?.allocated).toEqual(['LAPTP00003']);
    scan(UPC.laptop);
    expect(scan('LAPTP00001')).toMatchObject({ ok: false, code: 'SERIAL_NOT_ALLOCATED' });
    h.shipping.override(
      session.sessionId,
      { supervisor: 'Sam', pin: '4812', reason: 'reserved unit damaged' },
      h.actor,
    );
    h.shipping.ship(session.sessionId, h.actor);
    expect(
      rows(h.store, 'SELECT id, status FROM units WHERE id IN (?, ?) ORDER BY id', h.laptops[0], h.laptops[2]),
    ).toEqual([
      { id: h.laptops[0], status: 'sold' },
      { id: h.laptops[2], status: 'in_stock' },
    ]);
  });

  it('ships the reserved unit without complaint when it is the one scanned', () => {
    const h = shipHarness(tempStore().store);
    addOrder(h.store, 'SO-19', [{ productId: h.fixture.products.laptop, qty: 1, serials: ['LAPTP00003'] }]);
    const { session, scan } = start(h, 'SO-19');
    scan(UPC.laptop);
    expect(scan('LAPTP00003')).toMatchObject({ ok: true });
    expect(h.shipping.ship(session.sessionId, h.actor).serials).toHaveLength(1);
  });

  it('never mixes orders: another order number asks to park, the same one is harmless', () => {
    const h = shipHarness(tempStore().store);
    addOrder(h.store, 'SO-20', [{ productId: h.fixture.products.laptop, qty: 1 }]);
    addOrder(h.store, 'SO-21', [{ productId: h.fixture.products.cable, qty: 1 }]);
    const { session, scan } = start(h, 'SO-20');
    expect(scan('SO-20')).toMatchObject({ ok: true });
    const other = scan('SO-21');
    expect(other).toMatchObject({ ok: false, code: 'CONFLICT', switchOrder: 'SO-21' });
    expect(other.view.totals.unitsDone).toBe(0);
    h.shipping.park(session.sessionId);
    const next = start(h, 'SO-21');
    next.scan(UPC.cable);
    h.shipping.ship(next.session.sessionId, h.actor);
    const back = h.shipping.start('SO-20', h.actor);
    expect(back).toMatchObject({ sessionId: session.sessionId, resumed: true, status: 'active' });
  });

  it('fills item and serial from one GS1 scan', () => {
    const h = shipHarness(tempStore().store);
    addOrder(h.store, 'SO-22', [{ productId: h.fixture.products.laptop, qty: 1 }]);
    const { scan } = start(h, 'SO-22');
    const verdict = scan(`]d201${GTIN14.laptop}21LAPTP00002`);
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.expect.step).toBe('ship');
  });

  it('resumes exactly after a restart and voids only with a supervisor', () => {
    const h = shipHarness(tempStore().store);
    addOrder(h.store, 'SO-23', [{ productId: h.fixture.products.phone, qty: 1 }]);
    const { session, scan } = start(h, 'SO-23');
    scan(UPC.phone);
    scan(imei(1));
    const fresh = new ShippingService(
      h.store,
      () => DEFAULT_RULES,
      () => ({ weigh: false, print: false }),
      h.auth,
    );
    const resumed = fresh.start('SO-23', h.actor);
    expect(resumed.expect).toMatchObject({ step: 'serial', slotLabel: 'IMEI 2' });
    expect(() =>
      fresh.voidSession(session.sessionId, { supervisor: 'Pat', pin: '2468', reason: 'customer cancelled' }, h.actor),
    ).toThrow(expect.objectContaining({ code: 'OVERRIDE_DENIED' }));
    fresh.voidSession(session.sessionId, { supervisor: 'Sam', pin: '4812', reason: 'customer cancelled' }, h.actor);
    expect(rows(h.store, "SELECT status FROM orders WHERE order_number = 'SO-23'")).toEqual([{ status: 'open' }]);
    expect(rows(h.store, 'SELECT status FROM units WHERE id = ?', h.phones[0])).toEqual([{ status: 'in_stock' }]);
  });

  it('weighs the parcel against the expected weight when the station weighs', () => {
    const h = shipHarness(
      tempStore().store,
      { weightTolerancePercent: 5, packagingWeightG: 100 },
      { weigh: true, print: false },
    );
    addOrder(h.store, 'SO-24', [{ productId: h.fixture.products.laptop, qty: 1 }]);
    const { session, scan } = start(h, 'SO-24');
    scan(UPC.laptop);
    const packed = scan('LAPTP00001');
    expect(packed.expect.step).toBe('weigh');
    // Known before weighing: the laptop's 2100 g plus 100 g of packaging.
    expect(packed.view.expectedWeight).toEqual({ grams: 2200, tolerancePercent: 5 });
    expect(packed.view.weight).toBeNull();
    expect(() => h.shipping.ship(session.sessionId, h.actor)).toThrow(/not weighed/);
    const heavy = h.shipping.weigh(session.sessionId, 2600, h.actor);
    expect(heavy).toMatchObject({ ok: false, code: 'WEIGHT_OUT_OF_TOLERANCE' });
    expect(heavy.message).toContain('2200 g');
    expect(() => h.shipping.ship(session.sessionId, h.actor)).toThrow(/out of tolerance/);
    expect(h.shipping.weigh(session.sessionId, 2230, h.actor)).toMatchObject({ ok: true });
    const result = h.shipping.ship(session.sessionId, h.actor);
    expect(result.weightG).toBe(2230);
  });
});
