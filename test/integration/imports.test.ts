import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import type { ImportKind, ImportPreview, RowError } from '../../src/shared/ipc/imports.contract';
import { DEFAULT_RULES, type OrganizationRules } from '../../src/shared/settings';
import { EventBus } from '../../src/main/event-bus';
import { ImportService } from '../../src/main/services/import.service';
import { verifyLedger } from '../../src/main/store/ledger';
import { Store } from '../../src/main/store/store';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/imports');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

const PRODUCT_HEADER =
  'sku,name,barcodes,has_serial_numbers,serials_per_unit,serial_labels,serial_pattern,serial_length,warranty_months,unit_weight_g';

const openStores: Store[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const store of openStores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

interface Station {
  readonly store: Store;
  readonly bus: EventBus;
  readonly imports: ImportService;
  clock: number;
}

function station(rules: OrganizationRules = DEFAULT_RULES): Station {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-imports-'));
  dirs.push(dataDir);
  const store = Store.open({ dataDir });
  openStores.push(store);
  const bus = new EventBus();
  const st: Station = {
    store,
    bus,
    clock: Date.parse('2025-03-01T09:00:00Z'),
    imports: undefined as unknown as ImportService,
  };
  (st as { imports: ImportService }).imports = new ImportService(store, bus, () => rules, { now: () => st.clock });
  return st;
}

const TABLES = [
  'products',
  'product_barcodes',
  'vendors',
  'purchase_orders',
  'po_lines',
  'orders',
  'order_lines',
  'order_line_serials',
  'serial_events',
] as const;

/** Row counts and the last change time of every table an import touches. */
function snapshot(store: Store): Record<string, unknown> {
  const counts: Record<string, unknown> = {};
  for (const table of TABLES) counts[table] = store.db.prepare(`SELECT count(*) AS n FROM ${table}`).pluck().get();
  counts['products.updated'] = store.db.prepare('SELECT max(updated_at) FROM products').pluck().get();
  counts['orders.updated'] = store.db.prepare('SELECT max(updated_at) FROM orders').pluck().get();
  counts['po.updated'] = store.db.prepare('SELECT max(updated_at) FROM purchase_orders').pluck().get();
  return counts;
}

async function preview(
  st: Station,
  kind: ImportKind,
  content: string,
  fileName = `${kind}.csv`,
): Promise<ImportPreview> {
  return st.imports.preview({ kind, fileName, content });
}

async function importFile(st: Station, kind: ImportKind, content: string, fileName = `${kind}.csv`) {
  const p = await preview(st, kind, content, fileName);
  expect(p.errors).toEqual([]);
  return st.imports.commit(p.importId);
}

/** Previews a bad file and checks it names exactly the expected problem and wrote nothing. */
async function expectRejected(
  st: Station,
  kind: ImportKind,
  content: string,
  expected: { row: number; column: string | null; message: RegExp },
): Promise<RowError> {
  const before = snapshot(st.store);
  const p = await preview(st, kind, content);
  expect(p.errors).toHaveLength(1);
  const error = p.errors[0]!;
  expect(error.row).toBe(expected.row);
  expect(error.column).toBe(expected.column);
  expect(error.message).toMatch(expected.message);
  expect(() => st.imports.commit(p.importId)).toThrow(expect.objectContaining({ code: 'IMPORT_INVALID' }));
  expect(snapshot(st.store)).toEqual(before);
  return error;
}

function captureError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the call to fail');
}

describe('bad files are refused with a specific error and nothing is written', () => {
  it('an orders file given to the products import lists the missing and the found columns', async () => {
    const st = station();
    const error = await expectRejected(st, 'products', fixture('orders.csv'), {
      row: 1,
      column: null,
      message: /missing the required column name/,
    });
    expect(error.message).toContain('Columns found: order_number, customer_name, ship_to, sku, qty, serials');
    expect(error.message).toContain('looks like an orders file');
  });

  it('an orders file without a qty column names the missing column', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    const error = await expectRejected(st, 'orders', 'order_number,sku,quantity\nSO-1,PH-100,1\n', {
      row: 1,
      column: null,
      message: /missing the required column qty/,
    });
    expect(error.message).toContain('Columns found: order_number, sku, quantity');
  });

  it('a qty that is not a number', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    await expectRejected(st, 'orders', 'order_number,sku,qty\nSO-1,PH-100,1\nSO-2,LT-300,two\n', {
      row: 3,
      column: 'qty',
      message: /^qty must be a whole number above 0, got "two"$/,
    });
  });

  it('a negative qty', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    await expectRejected(st, 'orders', 'order_number,sku,qty\nSO-1,PH-100,-3\n', {
      row: 2,
      column: 'qty',
      message: /^qty must be a whole number above 0, got "-3"$/,
    });
  });

  it('an order line for a SKU the store does not know', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    await expectRejected(st, 'orders', 'order_number,sku,qty\nSO-1,PH-100,1\nSO-1,XYZ,1\n', {
      row: 3,
      column: 'sku',
      message: /^SKU "XYZ" is not a known product — import products first$/,
    });
  });

  it('an unknown SKU in an order that also has a bad qty row: both rows are reported at once', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    const before = snapshot(st.store);
    const p = await preview(st, 'orders', 'order_number,sku,qty\nSO-1,XYZ,1\nSO-1,PH-100,two\nSO-2,PH-100,1\n');
    expect(p.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'sku'],
      [3, 'qty'],
    ]);
    expect(p.errors[0]!.message).toBe('SKU "XYZ" is not a known product — import products first');
    expect(() => st.imports.commit(p.importId)).toThrow(expect.objectContaining({ code: 'IMPORT_INVALID' }));
    expect(snapshot(st.store)).toEqual(before);
  });

  it('the same SKU twice in one products file', async () => {
    const st = station();
    await expectRejected(st, 'products', 'sku,name\nA1,First\nB2,Second\na1,Again in lower case\n', {
      row: 4,
      column: 'sku',
      message: /^SKU "a1" appears again on line 4 \(first on line 2\)/,
    });
  });

  it('a serial pattern that is not a valid regular expression', async () => {
    const st = station();
    await expectRejected(st, 'products', 'sku,name,serial_pattern\nA1,First,^[A-Z0-9\n', {
      row: 2,
      column: 'serial_pattern',
      message: /^serial_pattern is not a valid regular expression: "\^\[A-Z0-9"/,
    });
  });

  it('serials_per_unit of 0', async () => {
    const st = station();
    await expectRejected(st, 'products', 'sku,name,serials_per_unit\nA1,First,0\n', {
      row: 2,
      column: 'serials_per_unit',
      message: /^serials_per_unit must be a whole number from 1 to 10, got "0"$/,
    });
  });

  it('serial labels that do not match serials_per_unit', async () => {
    const st = station();
    await expectRejected(st, 'products', 'sku,name,serials_per_unit,serial_labels\nPH,Phone,3,IMEI 1|IMEI 2\n', {
      row: 2,
      column: 'serial_labels',
      message: /lists 2 labels \(IMEI 1 \| IMEI 2\) but serials_per_unit is 3/,
    });
  });

  it('a barcode that already belongs to another product', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    const before = st.store.db.prepare('SELECT code, product_id FROM product_barcodes ORDER BY id').all();
    await expectRejected(st, 'products', 'sku,name,barcodes\nNEW-1,New phone,0841210000021\n', {
      row: 2,
      column: 'barcodes',
      message: /^barcode "0841210000021" already belongs to product PH-100 \(Phone X 128 GB dual SIM\)/,
    });
    expect(st.store.db.prepare('SELECT code, product_id FROM product_barcodes ORDER BY id').all()).toEqual(before);
  });

  it("a barcode that is another product's SKU, in the store or in the same file", async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    await expectRejected(st, 'products', 'sku,name,barcodes\nNEW-1,New phone,lt-300\n', {
      row: 2,
      column: 'barcodes',
      message: /is the SKU of product LT-300/,
    });
    await expectRejected(st, 'products', 'sku,name,barcodes\nNEW-1,New phone,NEW-2\nNEW-2,Other,\n', {
      row: 2,
      column: 'barcodes',
      message: /is the SKU of the product on line 3/,
    });
  });

  it('one barcode on two rows of the file', async () => {
    const st = station();
    await expectRejected(st, 'products', 'sku,name,barcodes\nA1,First,111\nB2,Second,222|111\n', {
      row: 3,
      column: 'barcodes',
      message: /barcode "111" is also listed on line 2 for SKU "A1"/,
    });
  });

  it('an empty file', async () => {
    const st = station();
    await expectRejected(st, 'products', '', { row: 1, column: null, message: /The file is empty/ });
    await expectRejected(st, 'products', '\uFEFF\r\n\r\n', { row: 1, column: null, message: /The file is empty/ });
    await expectRejected(st, 'products', 'SKU,Name\r\n', {
      row: 1,
      column: null,
      message: /header row but no data rows/,
    });
  });

  it('a quoted field that is never closed, at the line it starts on', async () => {
    const st = station();
    await expectRejected(st, 'products', 'sku,name\nA1,First\nB2,"Second\nC3,Third\n', {
      row: 3,
      column: null,
      message: /never closed/,
    });
  });

  it('a unit cost with a currency sign or too many decimals', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    await expectRejected(st, 'pos', 'po_number,vendor,sku,qty,unit_cost\nPO-1,Acme,PH-100,1,$12.50\n', {
      row: 2,
      column: 'unit_cost',
      message: /without a currency sign, such as 12.50; got "\$12.50"/,
    });
    await expectRejected(st, 'pos', 'po_number,vendor,sku,qty,unit_cost\nPO-1,Acme,PH-100,1,12.345\n', {
      row: 2,
      column: 'unit_cost',
      message: /at most 2 decimals/,
    });
  });

  it('rows of one order naming different customers, and of one PO naming different vendors', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    await expectRejected(st, 'orders', 'order_number,customer_name,sku,qty\nSO-1,Ada,PH-100,1\nSO-1,Bo,LT-300,1\n', {
      row: 3,
      column: 'customer_name',
      message: /customer_name "Bo" differs from "Ada" on line 2 for order SO-1/,
    });
    await expectRejected(st, 'pos', 'po_number,vendor,sku,qty\nPO-1,Acme,PH-100,1\nPO-1,Globex,LT-300,1\n', {
      row: 3,
      column: 'vendor',
      message: /vendor "Globex" differs from "Acme" on line 2 for PO PO-1/,
    });
  });

  it('pre-allocated serials beyond qty × serials per unit, or on a product without serials', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    await expectRejected(st, 'orders', 'order_number,sku,qty,serials\nSO-1,LT-300,1,A1|A2\n', {
      row: 2,
      column: 'serials',
      message: /2 serials are listed but qty 1 of SKU "LT-300" \(1 serial per unit\) takes at most 1/,
    });
    await expectRejected(st, 'orders', 'order_number,sku,qty,serials\nSO-1,CB-USB-C1,1,X1\n', {
      row: 2,
      column: 'serials',
      message: /does not track serial numbers/,
    });
    await expectRejected(st, 'orders', 'order_number,sku,qty,serials\nSO-1,LT-300,1,ab1\nSO-2,LT-300,1,AB1\n', {
      row: 3,
      column: 'serials',
      message: /serial "AB1" is already pre-allocated to order SO-1 on line 2/,
    });
  });

  it('keeps the first 1000 errors and says more exist', async () => {
    const st = station();
    const rows = Array.from({ length: 1500 }, (_, i) => `S${i},Name ${i},,${i % 2 ? 'maybe' : 'yes'},0`);
    const p = await preview(
      st,
      'products',
      `sku,name,barcodes,has_serial_numbers,serials_per_unit\n${rows.join('\n')}\n`,
    );
    expect(p.errors).toHaveLength(1000);
    expect(p.errorsTruncated).toBe(true);
    expect(p.errors[0]).toMatchObject({ row: 2, column: 'serials_per_unit' });
    expect(p.errors.map((e) => e.row)).toEqual([...p.errors.map((e) => e.row)].sort((a, b) => a - b));
    expect(snapshot(st.store)['products']).toBe(0);
  });
});

describe('CSV dialects', () => {
  it('reads a file with a byte-order mark and CRLF line endings, with correct line numbers', async () => {
    const st = station();
    const content = fixture('products-bom-crlf.csv');
    expect(content.startsWith('\uFEFF')).toBe(true);
    expect(content).toContain('\r\n');
    const p = await preview(st, 'products', content);
    expect(p.errors).toEqual([
      { row: 4, column: 'has_serial_numbers', message: 'has_serial_numbers must be yes or no, got "maybe"' },
    ]);

    const fixed = await preview(st, 'products', content.replace('maybe', 'no'));
    expect(fixed.errors).toEqual([]);
    st.imports.commit(fixed.importId);
    const rows = st.store.db.prepare('SELECT sku, name, track_serials FROM products ORDER BY sku').all();
    expect(rows).toEqual([
      { sku: 'BOM-1', name: 'First after BOM', track_serials: 0 },
      { sku: 'BOM-2', name: 'Second', track_serials: 1 },
      { sku: 'BOM-3', name: 'Third', track_serials: 0 },
    ]);
  });

  it('keeps newlines and doubled quotes inside quoted fields and still numbers later lines right', async () => {
    const st = station();
    const content = fixture('products-quoted-newline.csv');
    const p = await preview(st, 'products', content);
    expect(p.errors).toEqual([
      {
        row: 8,
        column: 'warranty_months',
        message: 'warranty_months must be a whole number of months (0 or more), got "forever"',
      },
    ]);
    const fixed = await preview(st, 'products', content.replace('forever', '6'));
    st.imports.commit(fixed.importId);
    const name = st.store.db.prepare("SELECT name FROM products WHERE sku = 'QN-1'").pluck().get();
    expect(name).toBe('Label printer\n4 inch, with "peel" option');
  });

  it('counts lines right in a CRLF file with a multi-line field and blank lines', async () => {
    const st = station();
    const content = 'sku,name,serials_per_unit\r\nA1,"two\r\nlines",1\r\n\r\nB2,Fine,1\r\nC3,Bad,11\r\n';
    const p = await preview(st, 'products', content);
    expect(p.errors).toEqual([{ row: 6, column: 'serials_per_unit', message: expect.stringContaining('got "11"') }]);
  });

  it('ignores extra columns and reads headers in any case, with spaces around them', async () => {
    const st = station();
    const p = await preview(st, 'products', fixture('products-extra-columns.csv'));
    expect(p.errors).toEqual([]);
    expect(p.counts).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: 0 });
    expect(p.sample[0]).toMatchObject({ sku: 'SW-600', name: 'Smartwatch 44 mm', action: 'create' });
    expect(Object.keys(p.sample[0]!)).not.toContain('colour');
    st.imports.commit(p.importId);
    const rows = st.store.db
      .prepare('SELECT sku, name, track_serials, serial_slot_labels FROM products ORDER BY sku')
      .all();
    expect(rows).toEqual([
      { sku: 'ST-601', name: 'Watch strap', track_serials: 0, serial_slot_labels: '["Serial"]' },
      { sku: 'SW-600', name: 'Smartwatch 44 mm', track_serials: 1, serial_slot_labels: '["Serial"]' },
    ]);
  });

  it('reads a 50 MB products file and reports its few bad rows at their exact lines', async () => {
    const st = station();
    const bad = new Map<number, { column: string; cell: string }>([
      [1234, { column: 'serials_per_unit', cell: '0' }],
      [187_654, { column: 'warranty_months', cell: '-1' }],
      [301_337, { column: 'unit_weight_g', cell: 'heavy' }],
    ]);
    const parts = [`${PRODUCT_HEADER}\n`];
    let size = parts[0]!.length;
    let line = 1;
    while (size < 50 * 1024 * 1024) {
      line += 1;
      const fault = bad.get(line);
      // Every 1000th name spans two lines, so line numbers must follow the file, not the records.
      const name =
        line % 1000 === 0 ? `"Bulk item ${line}\nsecond line"` : `"Bulk item ${line}, stainless steel, boxed"`;
      const spu = fault?.column === 'serials_per_unit' ? fault.cell : '2';
      const warranty = fault?.column === 'warranty_months' ? fault.cell : '24';
      const weight = fault?.column === 'unit_weight_g' ? fault.cell : `${line % 5000}.5`;
      const row = `BULK-${line},${name},${400_000_000_000 + line}|ALIAS-${line},yes,${spu},IMEI 1|IMEI 2,^[0-9]{15}$,15,${warranty},${weight}\n`;
      parts.push(row);
      size += row.length;
      if (line % 1000 === 0) line += 1;
    }
    const content = parts.join('');
    parts.length = 0;

    const started = Date.now();
    const p = await preview(st, 'products', content);
    expect(Date.now() - started).toBeLessThan(30_000);

    expect(p.errors.map((e) => [e.row, e.column])).toEqual([...bad].map(([row, { column }]) => [row, column]));
    expect(p.errors[0]!.message).toBe('serials_per_unit must be a whole number from 1 to 10, got "0"');
    expect(p.errors[1]!.message).toMatch(/warranty_months .* got "-1"/);
    expect(p.errors[2]!.message).toMatch(/unit_weight_g .* got "heavy"/);
    expect(p.counts.created).toBe(p.records - bad.size);
    expect(p.records).toBeGreaterThan(300_000);
    expect(() => st.imports.commit(p.importId)).toThrow(expect.objectContaining({ code: 'IMPORT_INVALID' }));
    expect(snapshot(st.store)['products']).toBe(0);
  }, 60_000);
});

describe('committing', () => {
  it('writes products, orders and purchase orders as the files describe them', async () => {
    const st = station();
    const products = await importFile(st, 'products', fixture('products.csv'));
    expect(products.counts).toEqual({ created: 4, updated: 0, unchanged: 0, skipped: 0 });
    const phone = st.store.db.prepare("SELECT * FROM products WHERE sku = 'PH-100'").get() as Record<string, unknown>;
    expect(phone).toMatchObject({
      name: 'Phone X 128 GB dual SIM',
      track_serials: 1,
      serials_per_unit: 2,
      serial_slot_labels: '["IMEI 1","IMEI 2"]',
      serial_pattern: '^[0-9]{15}$',
      warranty_months: 24,
      unit_weight_g: 420,
      demo: 0,
    });
    expect(st.store.db.prepare("SELECT sku, name FROM products WHERE sku = 'LT-300'").get()).toEqual({
      sku: 'LT-300',
      name: 'Laptop 14" i5, 16 GB',
    });
    expect(
      st.store.db.prepare('SELECT code, kind FROM product_barcodes WHERE product_id = ? ORDER BY id').all(phone['id']),
    ).toEqual([
      { code: '0841210000021', kind: 'ean' },
      { code: 'PHX-ALIAS', kind: 'alias' },
    ]);
    // Blank has_serial_numbers follows the organization default (serial-tracked).
    expect(st.store.db.prepare("SELECT track_serials, serial_length FROM products WHERE sku = 'MN-400'").get()).toEqual(
      {
        track_serials: 1,
        serial_length: 12,
      },
    );

    const pos = await importFile(st, 'pos', fixture('pos.csv'));
    expect(pos.counts).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: 0 });
    expect(st.store.db.prepare('SELECT name FROM vendors ORDER BY name').pluck().all()).toEqual([
      'Contoso Devices',
      'Northwind Electronics',
    ]);
    expect(
      st.store.db
        .prepare(
          `SELECT po.po_number, l.line_no, p.sku, l.qty_ordered, l.unit_cost_cents FROM po_lines l
           JOIN purchase_orders po ON po.id = l.po_id JOIN products p ON p.id = l.product_id ORDER BY po.po_number, l.line_no`,
        )
        .all(),
    ).toEqual([
      { po_number: 'PO-2401', line_no: 1, sku: 'PH-100', qty_ordered: 10, unit_cost_cents: 39999 },
      { po_number: 'PO-2401', line_no: 2, sku: 'CB-USB-C1', qty_ordered: 50, unit_cost_cents: 250 },
      { po_number: 'PO-2402', line_no: 1, sku: 'LT-300', qty_ordered: 5, unit_cost_cents: null },
      { po_number: 'PO-2402', line_no: 2, sku: 'MN-400', qty_ordered: 3, unit_cost_cents: 18000 },
    ]);

    const orders = await importFile(st, 'orders', fixture('orders.csv'));
    expect(orders.counts).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: 0 });
    expect(
      st.store.db.prepare("SELECT customer_name, ship_to, status FROM orders WHERE order_number = 'SO-1001'").get(),
    ).toEqual({
      customer_name: 'Ada Lindqvist',
      ship_to: '12 Harbour Road, Gothenburg',
      status: 'open',
    });
    expect(
      st.store.db
        .prepare(
          `SELECT o.order_number, l.line_no, p.sku, l.qty FROM order_lines l JOIN orders o ON o.id = l.order_id
           JOIN products p ON p.id = l.product_id ORDER BY o.order_number, l.line_no`,
        )
        .all(),
    ).toEqual([
      { order_number: 'SO-1001', line_no: 1, sku: 'PH-100', qty: 1 },
      { order_number: 'SO-1001', line_no: 2, sku: 'CB-USB-C1', qty: 2 },
      { order_number: 'SO-1002', line_no: 1, sku: 'LT-300', qty: 2 },
      { order_number: 'SO-1002', line_no: 2, sku: 'CB-USB-C1', qty: 1 },
      { order_number: 'SO-1003', line_no: 1, sku: 'MN-400', qty: 1 },
    ]);
    // Serials keep the text as written; the key is case-folded as matching is case-insensitive by default.
    expect(st.store.db.prepare('SELECT serial, serial_key FROM order_line_serials ORDER BY id').all()).toEqual([
      { serial: '356938035643809', serial_key: '356938035643809' },
      { serial: '356938035643817', serial_key: '356938035643817' },
      { serial: 'lt0000001a', serial_key: 'LT0000001A' },
      { serial: 'LT0000002B', serial_key: 'LT0000002B' },
    ]);
  });

  it('appends one hash-chained ledger event per commit', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'), 'catalogue-march.csv');
    await importFile(st, 'pos', fixture('pos.csv'), 'po-march.csv');
    const events = st.store.db.prepare('SELECT type, reference, details FROM serial_events ORDER BY id').all() as {
      type: string;
      reference: string;
      details: string;
    }[];
    expect(events.map((e) => [e.type, e.reference])).toEqual([
      ['import_committed', 'catalogue-march.csv'],
      ['import_committed', 'po-march.csv'],
    ]);
    expect(JSON.parse(events[0]!.details)).toEqual({
      kind: 'products',
      counts: { created: 4, updated: 0, unchanged: 0, skipped: 0 },
    });
    expect(verifyLedger(st.store.db).ok).toBe(true);
  });

  it('writes all rows or none when the store fails part-way through', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    const p = await preview(st, 'orders', fixture('orders.csv'));
    expect(p.errors).toEqual([]);
    // Simulates a write failing after the first orders are already in the transaction.
    st.store.db.exec(
      "CREATE TEMP TRIGGER fail_third_order BEFORE INSERT ON orders WHEN NEW.order_number = 'SO-1003' BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    const before = snapshot(st.store);
    expect(() => st.imports.commit(p.importId)).toThrow(/disk full/);
    expect(snapshot(st.store)).toEqual(before);
    expect(before['orders']).toBe(0);

    st.store.db.exec('DROP TRIGGER temp.fail_third_order');
    const result = st.imports.commit(p.importId);
    expect(result.counts.created).toBe(3);
    expect(snapshot(st.store)['orders']).toBe(3);
  });

  it('refuses the commit when the store changed so that the file no longer fits', async () => {
    const st = station();
    await importFile(st, 'products', 'sku,name\nKEEP,Kept\nGONE,Removed later\n');
    const p = await preview(st, 'orders', 'order_number,sku,qty\nSO-1,KEEP,1\nSO-2,GONE,1\n');
    expect(p.errors).toEqual([]);
    st.store.db.prepare("DELETE FROM products WHERE sku = 'GONE'").run();
    const before = snapshot(st.store);
    const error = captureError(() => st.imports.commit(p.importId));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('line 3: SKU "GONE" is not a known product');
    expect(snapshot(st.store)).toEqual(before);
  });

  it('refuses to commit a file that has errors', async () => {
    const st = station();
    const p = await preview(st, 'products', 'sku,name,serials_per_unit\nA1,Fine,1\nB2,Broken,zero\n');
    expect(p.errors).toHaveLength(1);
    expect(p.counts.created).toBe(1);
    const error = captureError(() => st.imports.commit(p.importId));
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toContain('has 1 error');
    expect(snapshot(st.store)['products']).toBe(0);
  });

  it('refuses unknown, expired, discarded and already committed imports', async () => {
    const st = station();
    expect(captureError(() => st.imports.commit('no-such-import')).code).toBe('IMPORT_EXPIRED');

    const stale = await preview(st, 'products', 'sku,name\nA1,First\n');
    st.clock += 15 * 60 * 1000 + 1;
    expect(captureError(() => st.imports.commit(stale.importId)).code).toBe('IMPORT_EXPIRED');

    const fresh = await preview(st, 'products', 'sku,name\nA1,First\n');
    st.clock += 14 * 60 * 1000;
    expect(st.imports.commit(fresh.importId).counts.created).toBe(1);
    expect(captureError(() => st.imports.commit(fresh.importId)).code).toBe('IMPORT_EXPIRED');

    const dropped = await preview(st, 'products', 'sku,name\nB2,Second\n');
    expect(st.imports.discard(dropped.importId)).toEqual({ discarded: true });
    expect(st.imports.discard(dropped.importId)).toEqual({ discarded: false });
    expect(captureError(() => st.imports.commit(dropped.importId)).code).toBe('IMPORT_EXPIRED');
    expect(snapshot(st.store)['products']).toBe(1);
  });

  it('marks created records as demo data when asked', async () => {
    const st = station();
    const p = await st.imports.preview(
      { kind: 'products', fileName: 'demo.csv', content: fixture('products.csv') },
      { demo: true },
    );
    st.imports.commit(p.importId);
    expect(st.store.db.prepare('SELECT DISTINCT demo FROM products').pluck().all()).toEqual([1]);
    const o = await importFile(st, 'orders', fixture('orders.csv'));
    expect(o.counts.created).toBe(3);
    expect(st.store.db.prepare('SELECT DISTINCT demo FROM orders').pluck().all()).toEqual([0]);
  });
});

describe('re-importing', () => {
  it('finds everything unchanged the second time and writes nothing new', async () => {
    const st = station();
    for (const [kind, file] of [
      ['products', 'products.csv'],
      ['pos', 'pos.csv'],
      ['orders', 'orders.csv'],
    ] as const) {
      await importFile(st, kind, fixture(file));
      const before = snapshot(st.store);
      const again = await preview(st, kind, fixture(file));
      expect(again.errors).toEqual([]);
      expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: again.records, skipped: 0 });
      expect(again.sample.every((r) => r['action'] === 'unchanged')).toBe(true);
      const result = st.imports.commit(again.importId);
      expect(result.counts.unchanged).toBe(again.records);
      expect({ ...snapshot(st.store), serial_events: 0 }).toEqual({ ...before, serial_events: 0 });
    }
  });

  it('updates changed records by SKU, order number and PO number', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    await importFile(st, 'orders', fixture('orders.csv'));
    await importFile(st, 'pos', fixture('pos.csv'));

    const products = await preview(
      st,
      'products',
      `${PRODUCT_HEADER}\nMN-400,Monitor 27 inch 4K,0841210000052,,,,,12,36,\nNEW-1,New thing,,no,,,,,,\n`,
    );
    expect(products.counts).toEqual({ created: 1, updated: 1, unchanged: 0, skipped: 0 });
    st.imports.commit(products.importId);
    expect(
      st.store.db
        .prepare("SELECT code FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE p.sku = 'MN-400'")
        .pluck()
        .all(),
    ).toEqual(['0841210000052']);

    const orders = await preview(
      st,
      'orders',
      'order_number,customer_name,ship_to,sku,qty,serials\nSO-1002,Bo Svensson,4 Mill Lane,LT-300,1,LT0000009Z\n',
    );
    expect(orders.counts).toEqual({ created: 0, updated: 1, unchanged: 0, skipped: 0 });
    st.imports.commit(orders.importId);
    const lines = st.store.db
      .prepare(
        `SELECT l.line_no, l.qty, group_concat(s.serial) AS serials FROM order_lines l JOIN orders o ON o.id = l.order_id
         LEFT JOIN order_line_serials s ON s.order_line_id = l.id WHERE o.order_number = 'SO-1002' GROUP BY l.id`,
      )
      .all();
    expect(lines).toEqual([{ line_no: 1, qty: 1, serials: 'LT0000009Z' }]);
    expect(st.store.db.prepare('SELECT count(*) FROM order_line_serials').pluck().get()).toBe(3);

    const pos = await preview(st, 'pos', 'po_number,vendor,sku,qty,unit_cost\nPO-2402,Litware Mobile,LT-300,5,\n');
    expect(pos.counts).toEqual({ created: 0, updated: 1, unchanged: 0, skipped: 0 });
    st.imports.commit(pos.importId);
    expect(
      st.store.db
        .prepare(
          "SELECT v.name FROM purchase_orders po JOIN vendors v ON v.id = po.vendor_id WHERE po_number = 'PO-2402'",
        )
        .pluck()
        .get(),
    ).toBe('Litware Mobile');
  });

  it('leaves an order that has already shipped unchanged, with a note', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    await importFile(st, 'orders', 'order_number,customer_name,sku,qty\n1042,Ada,PH-100,1\n1043,Bo,LT-300,1\n');
    st.store.db.prepare("UPDATE orders SET status = 'shipped' WHERE order_number = '1042'").run();
    const before = st.store.db
      .prepare(
        "SELECT l.qty, l.product_id FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_number = '1042'",
      )
      .all();

    const changed = 'order_number,customer_name,sku,qty\n1042,Ada,PH-100,5\n1043,Bo,LT-300,2\n';
    const p = await preview(st, 'orders', changed);
    expect(p.errors).toEqual([]);
    expect(p.counts).toEqual({ created: 0, updated: 1, unchanged: 0, skipped: 1 });
    expect(p.notes).toEqual(['Order 1042 has already shipped; it was left unchanged.']);
    expect(p.sample.map((r) => [r['order_number'], r['action']])).toEqual([
      ['1042', 'skip'],
      ['1043', 'update'],
    ]);
    const result = st.imports.commit(p.importId);
    expect(result.notes).toEqual(['Order 1042 has already shipped; it was left unchanged.']);
    expect(
      st.store.db
        .prepare(
          "SELECT l.qty, l.product_id FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_number = '1042'",
        )
        .all(),
    ).toEqual(before);
    expect(
      st.store.db
        .prepare("SELECT l.qty FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_number = '1043'")
        .pluck()
        .get(),
    ).toBe(2);
  });

  it('skips an order that shipped between preview and commit', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    await importFile(st, 'orders', 'order_number,sku,qty\n1042,PH-100,1\n');
    const p = await preview(st, 'orders', 'order_number,sku,qty\n1042,PH-100,3\n');
    expect(p.counts.updated).toBe(1);
    st.store.db.prepare("UPDATE orders SET status = 'shipped' WHERE order_number = '1042'").run();
    const result = st.imports.commit(p.importId);
    expect(result.counts).toEqual({ created: 0, updated: 0, unchanged: 0, skipped: 1 });
    expect(result.notes).toEqual(['Order 1042 has already shipped; it was left unchanged.']);
    expect(st.store.db.prepare('SELECT qty FROM order_lines').pluck().all()).toEqual([1]);
  });

  it('leaves a purchase order that has started receiving unchanged, with a note', async () => {
    const st = station();
    await importFile(st, 'products', fixture('products.csv'));
    await importFile(st, 'pos', fixture('pos.csv'));
    st.store.db
      .prepare(
        "UPDATE po_lines SET qty_received = 1 WHERE po_id = (SELECT id FROM purchase_orders WHERE po_number = 'PO-2401') AND line_no = 1",
      )
      .run();
    const p = await preview(st, 'pos', fixture('pos.csv').replace(',10,399.99', ',12,399.99'));
    expect(p.counts).toEqual({ created: 0, updated: 0, unchanged: 1, skipped: 1 });
    expect(p.notes).toEqual(['PO PO-2401 has already been received in part or in full; it was left unchanged.']);
    st.imports.commit(p.importId);
    expect(
      st.store.db.prepare('SELECT qty_ordered FROM po_lines WHERE line_no = 1 ORDER BY po_id').pluck().all(),
    ).toEqual([10, 5]);
  });
});

describe('progress', () => {
  it('reports parse, validate and write progress for a large file', async () => {
    const st = station();
    const events: { phase: string; done: number; total: number; importId: string }[] = [];
    st.bus.subscribe((name, payload) => {
      if (name === 'imports:progress') events.push(payload as (typeof events)[number]);
    });
    const rows = Array.from({ length: 5000 }, (_, i) => `P-${i},Product ${i} ✓`);
    const content = `sku,name\n${rows.join('\n')}\n`;
    const p = await preview(st, 'products', content);
    expect(p.errors).toEqual([]);

    const parse = events.filter((e) => e.phase === 'parse');
    expect(parse.length).toBeGreaterThanOrEqual(3);
    expect(parse.every((e) => e.total === Buffer.byteLength(content) && e.importId === p.importId)).toBe(true);
    expect(parse.map((e) => e.done)).toEqual([...parse.map((e) => e.done)].sort((a, b) => a - b));
    expect(parse.at(-1)!.done).toBe(Buffer.byteLength(content));

    const validate = events.filter((e) => e.phase === 'validate');
    expect(validate.length).toBeGreaterThanOrEqual(2);
    expect(validate.at(-1)).toMatchObject({ done: 5000, total: 5000 });

    events.length = 0;
    st.imports.commit(p.importId);
    const write = events.filter((e) => e.phase === 'write');
    expect(write[0]).toMatchObject({ done: 0, total: 5000 });
    expect(write.at(-1)).toMatchObject({ done: 5000, total: 5000 });
  });

  it('lets other work run while a large file is previewed', async () => {
    const st = station();
    const rows = Array.from({ length: 20_000 }, (_, i) => `P-${i},Product ${i}`);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    try {
      await preview(st, 'products', `sku,name\n${rows.join('\n')}\n`);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(2);
  });
});
