import type { StatementCache } from '../statements';

export interface ProductRecord {
  readonly id: number;
  readonly sku: string;
  readonly name: string;
  readonly track_serials: 0 | 1;
  readonly serials_per_unit: number;
  readonly serial_slot_labels: string;
  readonly serial_pattern: string | null;
  readonly serial_length: number | null;
  readonly warranty_months: number | null;
  readonly unit_weight_g: number | null;
}

export interface ProductWrite {
  readonly sku: string;
  readonly name: string;
  readonly trackSerials: boolean;
  readonly serialsPerUnit: number;
  readonly serialSlotLabels: readonly string[];
  readonly serialPattern: string | null;
  readonly serialLength: number | null;
  readonly warrantyMonths: number | null;
  readonly unitWeightG: number | null;
  readonly barcodes: readonly string[];
  readonly demo?: boolean;
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
export function likeContains(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function findProductBySku(s: StatementCache, sku: string): ProductRecord | undefined {
  return s.sql<[string], ProductRecord>('SELECT * FROM products WHERE sku = ?').get(sku);
}

export function barcodesOf(s: StatementCache, productId: number): string[] {
  return s
    .sql<[number], { code: string }>('SELECT code FROM product_barcodes WHERE product_id = ? ORDER BY id')
    .all(productId)
    .map((r) => r.code);
}

/** Which product a barcode already names, if any. */
export function productIdByBarcode(s: StatementCache, code: string): number | undefined {
  return s.sql<[string], { product_id: number }>('SELECT product_id FROM product_barcodes WHERE code = ?').get(code)
    ?.product_id;
}

export function insertProduct(s: StatementCache, p: ProductWrite, now: string): number {
  const result = s
    .sql(
      `INSERT INTO products (sku, name, track_serials, serials_per_unit, serial_slot_labels, serial_pattern,
         serial_length, warranty_months, unit_weight_g, demo, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      p.sku,
      p.name,
      p.trackSerials ? 1 : 0,
      p.serialsPerUnit,
      JSON.stringify(p.serialSlotLabels),
      p.serialPattern,
      p.serialLength,
      p.warrantyMonths,
      p.unitWeightG,
      p.demo ? 1 : 0,
      now,
      now,
    );
  const id = Number(result.lastInsertRowid);
  replaceBarcodes(s, id, p.barcodes);
  return id;
}

export function updateProduct(s: StatementCache, id: number, p: ProductWrite, now: string): void {
  s.sql(
    `UPDATE products SET name = ?, track_serials = ?, serials_per_unit = ?, serial_slot_labels = ?,
       serial_pattern = ?, serial_length = ?, warranty_months = ?, unit_weight_g = ?, updated_at = ?
     WHERE id = ?`,
  ).run(
    p.name,
    p.trackSerials ? 1 : 0,
    p.serialsPerUnit,
    JSON.stringify(p.serialSlotLabels),
    p.serialPattern,
    p.serialLength,
    p.warrantyMonths,
    p.unitWeightG,
    now,
    id,
  );
  replaceBarcodes(s, id, p.barcodes);
}

function replaceBarcodes(s: StatementCache, productId: number, codes: readonly string[]): void {
  s.sql('DELETE FROM product_barcodes WHERE product_id = ?').run(productId);
  const insert = s.sql('INSERT INTO product_barcodes (code, product_id, kind) VALUES (?, ?, ?)');
  for (const code of codes) insert.run(code, productId, barcodeKind(code));
}

/** A numeric code of GTIN length is a UPC/EAN/GTIN; anything else is an alias. */
export function barcodeKind(code: string): 'upc' | 'ean' | 'gtin' | 'alias' {
  if (!/^\d+$/.test(code)) return 'alias';
  if (code.length === 12) return 'upc';
  if (code.length === 13) return 'ean';
  if (code.length === 8 || code.length === 14) return 'gtin';
  return 'alias';
}

export function findVendorId(s: StatementCache, name: string): number | undefined {
  return s.sql<[string], { id: number }>('SELECT id FROM vendors WHERE name = ?').get(name)?.id;
}

export function ensureVendor(s: StatementCache, name: string): number {
  const existing = findVendorId(s, name);
  if (existing !== undefined) return existing;
  return Number(s.sql('INSERT INTO vendors (name) VALUES (?)').run(name).lastInsertRowid);
}

export interface CountRow {
  readonly n: number;
}

export function countRows(
  s: StatementCache,
  table: 'products' | 'orders' | 'purchase_orders' | 'units' | 'shipped_serials',
): number {
  // Table names come from the closed union above, never from input.
  return s.sql<[], CountRow>(`SELECT count(*) AS n FROM ${table}`).get()!.n;
}
