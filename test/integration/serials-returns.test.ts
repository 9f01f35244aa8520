import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/shared/settings';
import { ShippedQuery } from '../../src/shared/ipc/serials.contract';
import { ReturnsService } from '../../src/main/services/returns.service';
import { SerialsService, warrantyFrom } from '../../src/main/services/serials.service';
import { DB_FILE_NAME } from '../../src/main/store/open';
import { Store } from '../../src/main/store/store';
import { UPC, imei } from '../support/catalog-fixture';
import { addOrder, shipHarness, type ShipHarness } from '../support/ship-fixture';
import { tempStore } from '../support/temp-store';

function shipOrder(h: ShipHarness, orderNumber: string, scans: string[]): void {
  const session = h.shipping.start(orderNumber, h.actor);
  for (const raw of scans) {
    const verdict = h.shipping.scan(session.sessionId, raw, 'wedge', h.actor);
    if (!verdict.ok) throw new Error(`${raw}: ${verdict.message}`);
  }
  h.shipping.ship(session.sessionId, h.actor);
}

function world() {
  const { store, dataDir } = tempStore();
  const h = shipHarness(store);
  addOrder(store, 'SO-100', [{ productId: h.fixture.products.phone, qty: 1 }]);
  addOrder(store, 'SO-200', [{ productId: h.fixture.products.laptop, qty: 2 }]);
  addOrder(store, 'SO-300', [{ productId: h.fixture.products.laptop, qty: 1 }]);
  shipOrder(h, 'SO-100', [UPC.phone, imei(1), imei(2)]);
  shipOrder(h, 'SO-200', [UPC.laptop, 'LAPTP00001', UPC.laptop, 'LAPTP00002']);
  const serials = new SerialsService(store, () => DEFAULT_RULES);
  const returns = new ReturnsService(store, () => DEFAULT_RULES);
  const list = (q: Parameters<typeof ShippedQuery.parse>[0] = {}) => serials.listShipped(ShippedQuery.parse(q));
  return { h, store, dataDir, serials, returns, list };
}

describe('shipped serial numbers', () => {
  it('lists newest first with order, product and warranty', () => {
    const { list } = world();
    const page = list();
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.serial)).toEqual(['LAPTP00002', 'LAPTP00001', imei(2), imei(1)]);
    expect(page.rows[0]).toMatchObject({
      orderNumber: 'SO-200',
      sku: 'LT-300',
      productName: 'Laptop 14',
      warranty: { months: 36, status: 'in-warranty' },
    });
    expect(page.rows[3]).toMatchObject({ orderNumber: 'SO-100', slotLabel: 'IMEI 1' });
  });

  it('filters by order, SKU and product name, and sorts by every column', () => {
    const { list } = world();
    expect(list({ order: 'SO-100' }).rows.map((r) => r.slotLabel)).toEqual(['IMEI 2', 'IMEI 1']);
    expect(list({ sku: 'LT-300' }).total).toBe(2);
    expect(list({ name: 'phone' }).total).toBe(2);
    for (const column of ['serial', 'order', 'product', 'shippedAt', 'createdAt', 'warranty'] as const) {
      const asc = list({ sort: { column, direction: 'asc' } }).rows.map((r) => r.id);
      const desc = list({ sort: { column, direction: 'desc' } }).rows.map((r) => r.id);
      expect(asc).toHaveLength(4);
      expect(desc).toEqual([...asc].reverse());
    }
    expect(list({ sort: { column: 'serial', direction: 'asc' } }).rows[0]?.serial).toBe(imei(1));
    expect(() => ShippedQuery.parse({ sort: { column: 'password', direction: 'asc' } })).toThrow();
  });

  it('finds substrings of serials and order numbers, and refuses a one-character search', () => {
    const { list } = world();
    expect(list({ search: 'ptp0000' }).total).toBe(2);
    expect(
      list({ search: 'so-1' })
        .rows.map((r) => r.serial)
        .sort(),
    ).toEqual([imei(1), imei(2)].sort());
    expect(list({ search: 'zz"x%' }).total).toBe(0);
    expect(() => list({ search: 'L' })).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
  });

  it('looks up a pasted list exactly and lists the serials that were not found', () => {
    const { list } = world();
    const page = list({
      serials: ['  laptp00001 ', '', 'LAPTP00001', 'NEVER-SHIPPED\r', 'A%', 'B_1', 'O\'Brien"', imei(2)],
    });
    expect(page.rows.map((r) => r.serial).sort()).toEqual(['LAPTP00001', imei(2)].sort());
    expect(page.notFound).toEqual(['NEVER-SHIPPED', 'A%', 'B_1', 'O\'Brien"']);
  });

  it('looks up 100,000 pasted serials', () => {
    const { list } = world();
    const many = Array.from({ length: 100_000 }, (_, i) => `MISSING${i}`);
    many.push('LAPTP00002');
    const page = list({ serials: many, limit: 10 });
    expect(page.total).toBe(1);
    expect(page.notFound).toHaveLength(100_000);
  });
});

describe('returns and serial history', () => {
  it('matches a unit returned on its order, restocks it, and ships it again without a false error', () => {
    const { h, store, serials, returns, list } = world();
    const verdict = returns.check('LAPTP00001', 'SO-200', h.actor);
    expect(verdict).toMatchObject({
      verdict: 'match',
      ok: true,
      canDispose: true,
      shipped: { orderNumber: 'SO-200' },
      warranty: { status: 'in-warranty' },
    });
    returns.dispose('LAPTP00001', 'SO-200', 'restock', 'unopened', h.actor);
    expect(store.db.prepare('SELECT status FROM units WHERE id = ?').get(h.laptops[0])).toEqual({ status: 'in_stock' });
    shipOrder(h, 'SO-300', [UPC.laptop, 'LAPTP00001']);
    expect(list({ serials: ['LAPTP00001'] }).rows.map((r) => r.orderNumber)).toEqual(['SO-300', 'SO-200']);
    const history = serials.history('laptp00001');
    expect(history.units).toHaveLength(1);
    expect(history.events.map((e) => e.type)).toEqual([
      'shipped',
      'return_checked',
      'returned',
      'restocked',
      'shipped',
    ]);
    expect(history.events[0]).toMatchObject({ reference: 'SO-200', operator: 'Pat', station: 'PACK-1' });
    expect(history.ledger.ok).toBe(true);
  });

  it('flags a unit shipped on another order, and one we never shipped', () => {
    const { h, returns } = world();
    const swapped = returns.check(imei(2), 'SO-200', h.actor);
    expect(swapped).toMatchObject({ verdict: 'SHIPPED_ON_OTHER_ORDER', ok: false, shipped: { orderNumber: 'SO-100' } });
    expect(swapped.message).toContain('SO-100');
    const never = returns.check('LAPTP00003', undefined, h.actor);
    expect(never).toMatchObject({ verdict: 'NOT_SHIPPED', ok: false, canDispose: false });
    expect(() => returns.dispose('LAPTP00003', undefined, 'restock', undefined, h.actor)).toThrow(
      expect.objectContaining({ code: 'NOT_SHIPPED' }),
    );
    expect(returns.check('FOREIGN-1', undefined, h.actor)).toMatchObject({ verdict: 'NOT_SHIPPED', unit: null });
  });

  it('finds a two-code unit by either code and marks it defective', () => {
    const { h, returns, store } = world();
    const result = returns.dispose(imei(2), 'SO-100', 'defective', 'screen cracked', h.actor);
    expect(result.status).toBe('defective');
    expect(store.db.prepare('SELECT status FROM units WHERE id = ?').get(h.phones[0])).toEqual({ status: 'defective' });
    expect(() => returns.dispose(imei(1), 'SO-100', 'restock', undefined, h.actor)).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  it('shows a tampered history as broken', () => {
    const { store, dataDir } = world();
    store.close();
    const raw = new BetterSqlite3(path.join(dataDir, DB_FILE_NAME));
    raw.exec('DROP TRIGGER serial_events_no_update');
    raw.prepare("UPDATE serial_events SET reference = 'SO-999' WHERE type = 'shipped' AND serial = 'LAPTP00002'").run();
    raw.close();
    const reopened = Store.open({ dataDir });
    const history = new SerialsService(reopened, () => DEFAULT_RULES).history('LAPTP00002');
    expect(history.ledger.ok).toBe(false);
    expect(history.ledger.reason).toMatch(/altered/);
    reopened.close();
  });

  it('computes warranty from the ship date and months', () => {
    expect(warrantyFrom('2025-01-31T10:00:00Z', 12, new Date('2025-06-01'))).toEqual({
      months: 12,
      expiresOn: '2026-01-31',
      status: 'in-warranty',
    });
    expect(warrantyFrom('2020-01-01T10:00:00Z', 12, new Date('2025-06-01')).status).toBe('expired');
    expect(warrantyFrom('2025-01-01T10:00:00Z', null).status).toBe('none');
  });
});

describe('serial inventory and lifecycle', () => {
  it('counts units per status tab and lists one tab', () => {
    const { serials } = world();
    const all = serials.listInventory({ offset: 0, limit: 100 });
    expect(all.counts).toMatchObject({ in_stock: 3, sold: 3, all: 6 });
    const sold = serials.listInventory({ status: 'sold', offset: 0, limit: 100 });
    expect(sold.total).toBe(3);
    expect(sold.rows.every((r) => r.status === 'sold')).toBe(true);
    const phone = sold.rows.find((r) => r.sku === 'PH-100')!;
    expect(phone.codes.map((c) => c.label)).toEqual(['IMEI 1', 'IMEI 2']);
    expect(serials.listInventory({ search: 'aptp0000', offset: 0, limit: 10 }).total).toBe(3);
  });

  it('allows only the lifecycle moves, records each with reason, and refuses a stale screen', () => {
    const { h, serials, store } = world();
    const unit = h.laptops[2]!;
    expect(() =>
      serials.transition({ unitId: unit, from: 'in_stock', to: 'returned', reason: 'test' }, h.actor),
    ).toThrow(/cannot become returned/);
    const reserved = serials.transition(
      { unitId: unit, from: 'in_stock', to: 'reserved', reason: 'held for customer' },
      h.actor,
    );
    expect(reserved.status).toBe('reserved');
    let stale: unknown;
    try {
      serials.transition({ unitId: unit, from: 'in_stock', to: 'sold', reason: 'second screen' }, h.actor);
    } catch (error) {
      stale = error;
    }
    expect(stale).toMatchObject({ code: 'CONFLICT', details: { current: 'reserved' } });
    serials.transition({ unitId: unit, from: 'reserved', to: 'in_stock', reason: 'customer changed mind' }, h.actor);
    const events = store.db
      .prepare("SELECT type, details FROM serial_events WHERE unit_id = ? AND type IN ('reserved', 'released')")
      .all(unit) as { type: string; details: string }[];
    expect(events.map((e) => [e.type, JSON.parse(e.details).reason])).toEqual([
      ['reserved', 'held for customer'],
      ['released', 'customer changed mind'],
    ]);
  });

  it('registers a unit by hand under the uniqueness rules', () => {
    const { h, serials } = world();
    const row = serials.register(
      { sku: 'LT-300', serials: ['FOUND00001'], warehouse: 'MAIN', location: 'A-01', reason: 'found in returns cage' },
      h.actor,
    );
    expect(row).toMatchObject({ status: 'in_stock', location: 'A-01', codes: [{ serial: 'FOUND00001' }] });
    expect(() => serials.register({ sku: 'LT-300', serials: ['found00001'], reason: 'again' }, h.actor)).toThrow(
      expect.objectContaining({ code: 'SERIAL_ALREADY_IN_STOCK' }),
    );
    expect(() => serials.register({ sku: 'PH-100', serials: [imei(40)], reason: 'one code only' }, h.actor)).toThrow(
      /2 serial/,
    );
    expect(() => serials.register({ sku: 'LT-300', serials: [UPC.laptop], reason: 'upc' }, h.actor)).toThrow(
      expect.objectContaining({ code: 'SERIAL_IS_KNOWN_BARCODE' }),
    );
  });
});
