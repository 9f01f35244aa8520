import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStore, type SeedSummary } from '../../bench/seed';
import { isValidLuhn } from '../../bench/lib/codes';
import { serialKey } from '../../src/main/domain/serial';
import { SerialsService } from '../../src/main/services/serials.service';
import { DEFAULT_RULES } from '../../src/shared/settings';
import { verifyLedger } from '../../src/main/store/ledger';
import { Store } from '../../src/main/store/store';

const UNITS = 2_000;
const SHIPPED = 5_000;

describe('benchmark seeder', () => {
  const dirs: string[] = [];
  let dataDir: string;
  let summary: SeedSummary;
  let store: Store;

  const makeDir = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-seed-'));
    dirs.push(dir);
    return dir;
  };
  const count = (sql: string): number => (store.db.prepare(sql).pluck().get() as number) ?? 0;

  beforeAll(async () => {
    dataDir = makeDir();
    summary = await seedStore({ dataDir, units: UNITS, shippedSerials: SHIPPED, seed: 7 });
    store = Store.open({ dataDir });
  });

  afterAll(() => {
    store?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes exactly the units and shipped serial rows asked for', () => {
    expect(count('SELECT count(*) FROM units')).toBe(UNITS);
    expect(count('SELECT count(*) FROM shipped_serials')).toBe(SHIPPED);
    expect(summary.rows['units']).toBe(UNITS);
    expect(summary.rows['shipped_serials']).toBe(SHIPPED);
    expect(count('SELECT count(*) FROM products')).toBe(2_000);
    expect(count('SELECT count(*) FROM orders')).toBe(summary.options.orders);
  });

  it('gives every serial-tracked unit one unique code per slot, keyed as the station keys scans', () => {
    expect(
      count(
        'SELECT count(*) FROM (SELECT 1 FROM unit_serials GROUP BY scope_product_id, serial_key HAVING count(*) > 1)',
      ),
    ).toBe(0);
    expect(
      count(`SELECT count(*) FROM units u JOIN products p ON p.id = u.product_id
             WHERE p.serials_per_unit <> (SELECT count(*) FROM unit_serials s WHERE s.unit_id = u.id)`),
    ).toBe(0);
    const rows = store.db
      .prepare('SELECT serial, serial_key, scope_product_id, product_id FROM unit_serials')
      .all() as {
      serial: string;
      serial_key: string;
      scope_product_id: number;
      product_id: number;
    }[];
    for (const row of rows) {
      expect(row.serial_key).toBe(serialKey(row.serial, { caseSensitive: false }));
      expect(row.scope_product_id).toBe(row.product_id);
    }
    const imeis = rows.filter((r) => /^\d{15}$/.test(r.serial));
    expect(imeis.length).toBeGreaterThan(0);
    expect(imeis.every((r) => isValidLuhn(r.serial))).toBe(true);
    expect(rows.some((r) => /^00\d{9}$/.test(r.serial))).toBe(true);
  });

  it('mixes unit statuses like a working warehouse, each consistent with its history', () => {
    const mix = Object.fromEntries(
      (
        store.db.prepare('SELECT status, count(*) AS n FROM units GROUP BY status').all() as {
          status: string;
          n: number;
        }[]
      ).map((r) => [r.status, r.n]),
    );
    expect(Object.keys(mix).sort()).toEqual(['defective', 'in_stock', 'reserved', 'returned', 'sold']);
    expect(mix['sold']).toBeGreaterThan(UNITS / 2);
    // Sold and returned units left the building; reserved ones sit on an open order.
    expect(
      count(`SELECT count(*) FROM units u WHERE status IN ('sold', 'returned')
             AND NOT EXISTS (SELECT 1 FROM shipped_serials s WHERE s.unit_id = u.id)`),
    ).toBe(0);
    expect(
      count(`SELECT count(*) FROM units u WHERE status = 'reserved' AND NOT EXISTS (
               SELECT 1 FROM order_line_serials ols JOIN order_lines l ON l.id = ols.order_line_id
               JOIN orders o ON o.id = l.order_id WHERE ols.unit_id = u.id AND o.status IN ('open', 'packing'))`),
    ).toBe(0);
  });

  it('ties every shipped row to the unit, order, line and shipment it went out on', () => {
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(
      count(`SELECT count(*) FROM shipped_serials ss
             LEFT JOIN units u ON u.id = ss.unit_id
             LEFT JOIN orders o ON o.id = ss.order_id
             LEFT JOIN order_lines l ON l.id = ss.order_line_id
             LEFT JOIN shipments sh ON sh.id = ss.shipment_id
             LEFT JOIN unit_serials us ON us.unit_id = ss.unit_id AND us.slot = ss.slot
             WHERE u.id IS NULL OR o.id IS NULL OR l.order_id IS NOT ss.order_id OR sh.order_id IS NOT ss.order_id
                OR l.product_id IS NOT ss.product_id OR u.product_id IS NOT ss.product_id
                OR us.serial IS NOT ss.serial OR o.status <> 'shipped' OR ss.shipped_at <= u.created_at`),
    ).toBe(0);
  });

  it('records both codes of a two-code unit in every shipment of it, and units shipped again after a return', () => {
    expect(
      count(`SELECT count(*) FROM (
               SELECT ss.shipment_id, ss.unit_id, count(*) AS n, max(p.serials_per_unit) AS want
               FROM shipped_serials ss JOIN products p ON p.id = ss.product_id
               GROUP BY ss.shipment_id, ss.unit_id HAVING n <> want)`),
    ).toBe(0);
    const twoCode = store.db
      .prepare(
        `SELECT group_concat(slot_label, '|') AS labels FROM (
           SELECT ss.shipment_id, ss.unit_id, ss.slot_label FROM shipped_serials ss
           JOIN products p ON p.id = ss.product_id WHERE p.serials_per_unit = 2 ORDER BY ss.shipment_id, ss.unit_id, ss.slot)
         GROUP BY shipment_id, unit_id LIMIT 1`,
      )
      .pluck()
      .get();
    expect(twoCode).toBe('IMEI 1|IMEI 2');
    expect(
      count(
        'SELECT count(*) FROM (SELECT unit_id FROM shipped_serials WHERE slot = 1 GROUP BY unit_id HAVING count(*) >= 2)',
      ),
    ).toBeGreaterThan(0);
  });

  it('fills the shipped-serial search as shipping would: a fragment of a serial or an order number finds its rows', () => {
    const serials = new SerialsService(store, () => DEFAULT_RULES);
    const sample = store.db
      .prepare(
        'SELECT ss.serial, ss.order_id, o.order_number FROM shipped_serials ss JOIN orders o ON o.id = ss.order_id WHERE ss.id = ?',
      )
      .get(Math.ceil(SHIPPED / 2)) as { serial: string; order_id: number; order_number: string };
    const page = { sort: { column: 'createdAt', direction: 'desc' }, offset: 0, limit: 1000 } as const;

    const fragment = sample.serial.slice(3, 10).toLowerCase();
    const bySerial = serials.listShipped({ ...page, search: fragment });
    expect(bySerial.rows.map((r) => r.serial)).toContain(sample.serial);
    expect(bySerial.rows.every((r) => `${r.serial} ${r.orderNumber}`.toLowerCase().includes(fragment))).toBe(true);

    const byOrder = serials.listShipped({ ...page, search: sample.order_number });
    expect(byOrder.rows.length).toBe(count(`SELECT count(*) FROM shipped_serials WHERE order_id = ${sample.order_id}`));
    expect(byOrder.rows.every((r) => r.orderNumber === sample.order_number)).toBe(true);
  });

  it('writes a ledger whose hash chain verifies, in time order', () => {
    const verification = verifyLedger(store.db);
    expect(verification.ok).toBe(true);
    expect(verification.events).toBe(summary.rows['serial_events']);
    expect(verification.events).toBeGreaterThan(UNITS + SHIPPED / 2);
    expect(
      count('SELECT count(*) FROM serial_events e JOIN serial_events f ON f.id = e.id + 1 WHERE f.at < e.at'),
    ).toBe(0);
    expect(count("SELECT count(*) FROM serial_events WHERE type = 'received'")).toBe(UNITS);
  });

  it('leaves a store that opens normally: WAL journal and the same indexes as a new store', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const fresh = Store.open({ dataDir: makeDir() });
    const indexes = (s: Store): unknown[] =>
      s.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all();
    try {
      expect(indexes(store)).toEqual(indexes(fresh));
    } finally {
      fresh.close();
    }
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('builds the ledger on a second thread, and the same seed gives the same ledger without it', async () => {
    expect(summary.ledger).toBe('second thread');
    const again = await seedStore({
      dataDir: makeDir(),
      units: UNITS,
      shippedSerials: SHIPPED,
      seed: 7,
      parallelLedger: false,
    });
    expect(again.ledger).toBe('main thread');
    const other = Store.open({ dataDir: path.dirname(again.file) });
    try {
      const head = (s: Store): unknown =>
        s.db.prepare('SELECT hash FROM serial_events ORDER BY id DESC LIMIT 1').pluck().get();
      expect(head(other)).toBe(head(store));
      expect(verifyLedger(other.db).ok).toBe(true);
    } finally {
      other.close();
    }
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('seed-ledger'))).toEqual([]);
  });

  it('refuses to seed over a store that already has data', async () => {
    await expect(seedStore({ dataDir, units: 10, shippedSerials: 10 })).rejects.toThrow(
      /already holds products, units or orders/,
    );
  });

  it('says why shipped rows cannot be placed when there are no units to ship', async () => {
    await expect(seedStore({ dataDir: makeDir(), units: 0, shippedSerials: 10 })).rejects.toThrow(/cannot be placed/);
  });
});
