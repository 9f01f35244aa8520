import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ShippedQuery, SHIPPED_SORT_COLUMNS, type ShippedSerialRow } from '../../src/shared/ipc/serials.contract';
import { DEFAULT_RULES } from '../../src/shared/settings';
import { EventBus } from '../../src/main/event-bus';
import { ExportService } from '../../src/main/exports/export.service';
import { SerialsService } from '../../src/main/services/serials.service';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { Store } from '../../src/main/store/store';
import { tempDir, tempStore } from '../support/temp-store';

type Sort = { column: (typeof SHIPPED_SORT_COLUMNS)[number]; direction: 'asc' | 'desc' };

const PRODUCTS = [
  { sku: 'CAM-2', name: 'camera', months: 12 },
  { sku: 'CAM-1', name: 'Camera', months: 24 },
  { sku: 'AUD-1', name: 'Amplifier', months: null },
  { sku: 'ZZ-9', name: 'zebra printer', months: 6 },
  { sku: 'BAT-1', name: 'Battery pack', months: 0 },
] as const;

/**
 * Writes shipped rows straight into a real store (the shipping flow is tested elsewhere),
 * with ship dates, serials and order numbers deliberately out of insertion order and
 * ties on every sort key, so each order the list offers can be told apart.
 */
function fill(store: Store, rows = 60): void {
  const db = store.db;
  const now = '2025-06-01T00:00:00.000Z';
  const productIds = PRODUCTS.map(
    (p) =>
      db
        .prepare(
          `INSERT INTO products (sku, name, track_serials, warranty_months, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?)`,
        )
        .run(p.sku, p.name, p.months, now, now).lastInsertRowid as number,
  );
  const orderIds = ['so-7', 'SO-10', 'SO-2', 'so-33', 'SO-4'].map(
    (n) =>
      db
        .prepare('INSERT INTO orders (order_number, status, created_at, updated_at) VALUES (?, ?, ?, ?)')
        .run(n, 'shipped', now, now).lastInsertRowid as number,
  );
  const lines = new Map<string, number>();
  for (let i = 0; i < rows; i += 1) {
    const productId = productIds[(i * 3) % productIds.length]!;
    // Every product ships in several orders, so sorting one product by order has work to do.
    const orderId = orderIds[(i * 7 + Math.floor(i / 5)) % orderIds.length]!;
    const lineKey = `${orderId}/${productId}`;
    if (!lines.has(lineKey)) {
      lines.set(
        lineKey,
        db
          .prepare('INSERT INTO order_lines (order_id, line_no, product_id, qty) VALUES (?, ?, ?, 1)')
          .run(orderId, lines.size + 1, productId).lastInsertRowid as number,
      );
    }
    // Ship dates on a handful of days (ties), some of them month ends where warranty months roll over.
    const day = ['2024-01-31', '2024-02-29', '2023-11-30', '2024-01-31', '2025-03-15', '2022-08-31'][i % 6]!;
    const shippedAt = `${day}T${String(8 + (i % 3)).padStart(2, '0')}:00:00.000Z`;
    const createdAt = `2025-0${1 + (i % 4)}-0${1 + ((i * 5) % 7)}T10:00:00.000Z`;
    const unitId = db
      .prepare("INSERT INTO units (product_id, status, created_at, updated_at) VALUES (?, 'sold', ?, ?)")
      .run(productId, now, now).lastInsertRowid as number;
    const shipmentId = db.prepare('INSERT INTO shipments (order_id, shipped_at) VALUES (?, ?)').run(orderId, shippedAt)
      .lastInsertRowid as number;
    const serial = i % 5 === 0 ? `sn${(97 * i) % 101}` : `SN${(97 * i) % 101}`;
    db.prepare(
      `INSERT INTO shipped_serials (shipment_id, serial, serial_key, order_id, order_line_id, product_id, unit_id, slot, shipped_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ).run(
      shipmentId,
      serial,
      serial.toUpperCase(),
      orderId,
      lines.get(lineKey),
      productId,
      unitId,
      shippedAt,
      createdAt,
    );
  }
}

const cmp = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;

/** The order a person expects, worked out from what each row shows. */
function expected(rows: readonly ShippedSerialRow[], sort: Sort): number[] {
  const key = (r: ShippedSerialRow): (string | null)[] => {
    switch (sort.column) {
      case 'serial':
        return [r.serial.toUpperCase()];
      case 'order':
        return [r.orderNumber.toUpperCase()];
      case 'product':
        return [r.productName.toLowerCase(), r.sku.toUpperCase(), r.createdAt];
      case 'shippedAt':
        return [r.shippedAt];
      case 'createdAt':
        return [r.createdAt];
      case 'warranty':
        return [r.warranty.expiresOn];
    }
  };
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i += 1) {
        const c = cmp(ka[i]!, kb[i]!);
        if (c !== 0) return sign * c;
      }
      return sign * (a.id - b.id);
    })
    .map((r) => r.id);
}

/** Reads the whole list page by page, as a screen scrolling down would. */
function pages(service: SerialsService, query: Omit<ShippedQuery, 'offset' | 'limit'>, size = 7): ShippedSerialRow[] {
  const out: ShippedSerialRow[] = [];
  for (let offset = 0; ; offset += size) {
    const page = service.listShipped(ShippedQuery.parse({ ...query, offset, limit: size }));
    out.push(...page.rows);
    if (page.rows.length < size) return out;
  }
}

function expectEveryOrder(service: SerialsService, filter: Omit<ShippedQuery, 'sort'> = {}): void {
  for (const column of SHIPPED_SORT_COLUMNS) {
    for (const direction of ['asc', 'desc'] as const) {
      const rows = pages(service, { ...filter, sort: { column, direction } });
      expect(rows.length, `${column} ${direction}`).toBeGreaterThan(0);
      expect(
        rows.map((r) => r.id),
        `${column} ${direction}`,
      ).toEqual(expected(rows, { column, direction }));
    }
  }
}

describe('sorting the shipped serial list', () => {
  it('orders the whole list correctly by every column, both ways, across pages', () => {
    const { store } = tempStore();
    fill(store);
    const service = new SerialsService(store, () => DEFAULT_RULES);
    expect(pages(service, {})).toHaveLength(60);
    expectEveryOrder(service);
  });

  it('keeps every order with a SKU, an order, a name, a search or a pasted list as filter', () => {
    const { store } = tempStore();
    fill(store);
    const service = new SerialsService(store, () => DEFAULT_RULES);
    expectEveryOrder(service, { sku: 'cam-1' });
    expectEveryOrder(service, { order: 'so-10' });
    expectEveryOrder(service, { name: 'CAMERA' });
    expectEveryOrder(service, { search: 'sn1' });
    expectEveryOrder(service, { serials: ['sn1', 'SN13', 'sn30', 'nope'] });
    expectEveryOrder(service, { sku: 'cam-1', name: 'amer' });
    expect(pages(service, { sku: 'cam-1', name: 'amer' }).map((r) => r.id)).toEqual(
      pages(service, { sku: 'cam-1' }).map((r) => r.id),
    );
    // A SKU and a name that is not that product's: nothing, not the SKU's rows.
    expect(service.listShipped(ShippedQuery.parse({ sku: 'CAM-1', name: 'zebra' }))).toMatchObject({
      total: 0,
      rows: [],
    });
    expect(service.listShipped(ShippedQuery.parse({ sku: 'NO-SUCH-SKU' }))).toMatchObject({ total: 0, rows: [] });
  });

  it('follows a product rename and a change of warranty months', () => {
    const { store } = tempStore();
    fill(store);
    const service = new SerialsService(store, () => DEFAULT_RULES);
    const firstBy = (sort: Sort) => service.listShipped(ShippedQuery.parse({ sort, limit: 1 })).rows[0]!;
    expect(firstBy({ column: 'product', direction: 'asc' }).sku).toBe('AUD-1');
    store.db.prepare("UPDATE products SET name = 'Zulu amplifier' WHERE sku = 'AUD-1'").run();
    expect(firstBy({ column: 'product', direction: 'asc' }).sku).toBe('BAT-1');
    expect(firstBy({ column: 'product', direction: 'desc' }).sku).toBe('AUD-1');

    // The longest warranty ends last; giving the no-warranty product five years moves it to the top.
    expect(firstBy({ column: 'warranty', direction: 'desc' }).sku).not.toBe('AUD-1');
    store.db.prepare("UPDATE products SET warranty_months = 60 WHERE sku = 'AUD-1'").run();
    const top = firstBy({ column: 'warranty', direction: 'desc' });
    expect(top).toMatchObject({ sku: 'AUD-1', warranty: { months: 60 } });
    store.db.prepare("UPDATE products SET warranty_months = 0 WHERE sku = 'CAM-1'").run();
    expectEveryOrder(service);
  });

  it('gives a store from before the sort indexes the same orders once upgraded', () => {
    for (const before of [1, 2]) {
      const dataDir = tempDir();
      const old = Store.open({ dataDir, migrations: MIGRATIONS.slice(0, before) });
      fill(old, 30);
      old.close();
      const store = Store.open({ dataDir });
      expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
      const service = new SerialsService(store, () => DEFAULT_RULES);
      expectEveryOrder(service);
      expectEveryOrder(service, { sku: 'CAM-2' });
      store.close();
    }
  });

  it('lists one product by order number as the whole list does, and follows an order renumbered', () => {
    const { store } = tempStore();
    fill(store, 80);
    const service = new SerialsService(store, () => DEFAULT_RULES);
    const expectSameAsWholeList = () => {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { column: 'order', direction } as const;
        const everything = pages(service, { sort }, 11);
        for (const sku of ['CAM-1', 'ZZ-9']) {
          // The product's rows, in the order the unfiltered list puts them.
          const fromWholeList = everything.filter((r) => r.sku === sku);
          expect(new Set(fromWholeList.map((r) => r.orderNumber)).size, sku).toBeGreaterThan(2);
          expect(
            pages(service, { sku, sort }).map((r) => r.id),
            `${sku} ${direction}`,
          ).toEqual(fromWholeList.map((r) => r.id));
        }
      }
    };
    expectSameAsWholeList();
    const firstByOrder = () =>
      service.listShipped(ShippedQuery.parse({ sku: 'CAM-1', sort: { column: 'order', direction: 'asc' }, limit: 1 }))
        .rows[0]!.orderNumber;
    // The order that sorts last among the product's orders is renumbered to sort first.
    const last = service.listShipped(
      ShippedQuery.parse({ sku: 'CAM-1', sort: { column: 'order', direction: 'desc' }, limit: 1 }),
    ).rows[0]!.orderNumber;
    expect(firstByOrder()).not.toBe(last);
    store.db.prepare("UPDATE orders SET order_number = 'AA-1' WHERE order_number = ?").run(last);
    expect(firstByOrder()).toBe('AA-1');
    expectSameAsWholeList();
  });

  it('exports every row of the list as shown, in its order, with the warranty it shows', async () => {
    const { store } = tempStore();
    fill(store, 80);
    const service = new SerialsService(store, () => DEFAULT_RULES);
    const dir = tempDir();
    const exportsService = new ExportService(store, new EventBus(), service, () => dir);
    for (const query of [
      { sku: 'CAM-1', sort: { column: 'order', direction: 'asc' } },
      { sort: { column: 'warranty', direction: 'desc' } },
      { search: 'sn1', sort: { column: 'serial', direction: 'asc' } },
    ] as const) {
      const shown = pages(service, query);
      const all = service.allShipped(ShippedQuery.parse(query), 3);
      expect(all.total, JSON.stringify(query)).toBe(shown.length);
      expect([...all.rows()], JSON.stringify(query)).toEqual(shown);

      const file = path.join(dir, 'shipped.csv');
      const outcome = await exportsService.toFile({ kind: 'shipped-serials', query }, 'csv', file);
      expect(outcome.rows).toBe(shown.length);
      const lines = parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<
        string,
        string
      >[];
      expect(lines.map((l) => [l.Serial, l.Order, l['Warranty until'], l.Warranty])).toEqual(
        shown.map((r) => [r.serial, r.orderNumber, r.warranty.expiresOn ?? '', r.warranty.status]),
      );
      fs.rmSync(file);
    }
  });

  it('reads the first page of each order off an index, without sorting the table', () => {
    const { store } = tempStore();
    fill(store);
    const statements = store.statements;
    const seen: string[] = [];
    const original = statements.sql.bind(statements);
    statements.sql = ((text: string) => {
      if (/LIMIT \? OFFSET \?$/.test(text)) seen.push(text);
      return original(text);
    }) as typeof statements.sql;
    const service = new SerialsService(store, () => DEFAULT_RULES);
    for (const filter of [{}, { sku: 'CAM-1' }, { sku: 'CAM-1', name: 'camera' }]) {
      for (const column of SHIPPED_SORT_COLUMNS) {
        for (const direction of ['asc', 'desc'] as const) {
          seen.length = 0;
          service.listShipped(ShippedQuery.parse({ ...filter, sort: { column, direction }, limit: 5 }));
          const params = (seen[0]!.match(/\?/g) ?? []).map(() => 1);
          const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${seen[0]!}`).all(...params) as { detail: string }[])
            .map((r) => r.detail)
            .join('; ');
          expect(plan, `${JSON.stringify(filter)} ${column} ${direction}`).not.toMatch(/TEMP B-TREE/);
        }
      }
    }
  });
});
