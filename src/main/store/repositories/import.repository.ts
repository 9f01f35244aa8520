import type { StatementCache } from '../statements';
import type { ProductRecord } from './catalog.repository';

export interface ProductRef {
  readonly id: number;
  readonly sku: string;
  readonly name: string;
}

export interface StoredOrder {
  readonly id: number;
  readonly order_number: string;
  readonly customer_name: string;
  readonly ship_to: string;
  readonly status: 'open' | 'packing' | 'shipped' | 'cancelled';
}

export interface StoredOrderLine {
  readonly id: number;
  readonly product_id: number;
  readonly qty: number;
  /** Pre-allocated serials in insertion order. */
  readonly serials: readonly string[];
}

export interface StoredPurchaseOrder {
  readonly id: number;
  readonly po_number: string;
  readonly vendor: string;
  readonly status: 'open' | 'received' | 'closed';
  /** Units received on any of its lines so far. */
  readonly received: number;
}

export interface StoredPoLine {
  readonly product_id: number;
  readonly qty_ordered: number;
  readonly unit_cost_cents: number | null;
}

/** The product a barcode names, if any. */
export function barcodeOwner(s: StatementCache, code: string): ProductRef | undefined {
  return s
    .sql<[string], ProductRef>(
      'SELECT p.id, p.sku, p.name FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ?',
    )
    .get(code);
}

export function findOrderByNumber(s: StatementCache, orderNumber: string): StoredOrder | undefined {
  return s
    .sql<[string], StoredOrder>(
      'SELECT id, order_number, customer_name, ship_to, status FROM orders WHERE order_number = ?',
    )
    .get(orderNumber);
}

export function orderLinesOf(s: StatementCache, orderId: number): StoredOrderLine[] {
  const lines = s
    .sql<[number], { id: number; product_id: number; qty: number }>(
      'SELECT id, product_id, qty FROM order_lines WHERE order_id = ? ORDER BY line_no',
    )
    .all(orderId);
  const serialsOf = s.sql<[number], { serial: string }>(
    'SELECT serial FROM order_line_serials WHERE order_line_id = ? ORDER BY id',
  );
  return lines.map((line) => ({ ...line, serials: serialsOf.all(line.id).map((r) => r.serial) }));
}

/**
 * The number of another not-yet-shipped order that already holds this serial key.
 * `productId` null means serials are unique organization-wide.
 */
export function serialAllocatedElsewhere(
  s: StatementCache,
  serialKey: string,
  productId: number | null,
  orderNumber: string,
): string | undefined {
  return s
    .sql<[string, number | null, number | null, string], { order_number: string }>(
      `SELECT o.order_number FROM order_line_serials ls
         JOIN order_lines l ON l.id = ls.order_line_id
         JOIN orders o ON o.id = l.order_id
       WHERE ls.serial_key = ? AND (? IS NULL OR l.product_id = ?)
         AND o.status IN ('open', 'packing') AND o.order_number <> ?
       LIMIT 1`,
    )
    .get(serialKey, productId, productId, orderNumber)?.order_number;
}

export interface OrderHeaderWrite {
  readonly orderNumber: string;
  readonly customerName: string;
  readonly shipTo: string;
}

export function insertOrder(s: StatementCache, o: OrderHeaderWrite, demo: boolean, now: string): number {
  return Number(
    s
      .sql(
        `INSERT INTO orders (order_number, customer_name, ship_to, status, demo, created_at, updated_at)
         VALUES (?, ?, ?, 'open', ?, ?, ?)`,
      )
      .run(o.orderNumber, o.customerName, o.shipTo, demo ? 1 : 0, now, now).lastInsertRowid,
  );
}

export function updateOrderHeader(s: StatementCache, orderId: number, o: OrderHeaderWrite, now: string): void {
  s.sql('UPDATE orders SET customer_name = ?, ship_to = ?, updated_at = ? WHERE id = ?').run(
    o.customerName,
    o.shipTo,
    now,
    orderId,
  );
}

/** Removes an order's lines and their pre-allocated serials, before its lines are written anew. */
export function deleteOrderLines(s: StatementCache, orderId: number): void {
  s.sql('DELETE FROM order_line_serials WHERE order_line_id IN (SELECT id FROM order_lines WHERE order_id = ?)').run(
    orderId,
  );
  s.sql('DELETE FROM order_lines WHERE order_id = ?').run(orderId);
}

export function insertOrderLine(
  s: StatementCache,
  orderId: number,
  lineNo: number,
  productId: number,
  qty: number,
): number {
  return Number(
    s
      .sql('INSERT INTO order_lines (order_id, line_no, product_id, qty) VALUES (?, ?, ?, ?)')
      .run(orderId, lineNo, productId, qty).lastInsertRowid,
  );
}

export function insertOrderLineSerial(s: StatementCache, orderLineId: number, serial: string, serialKey: string): void {
  s.sql('INSERT INTO order_line_serials (order_line_id, serial, serial_key) VALUES (?, ?, ?)').run(
    orderLineId,
    serial,
    serialKey,
  );
}

export function findPurchaseOrderByNumber(s: StatementCache, poNumber: string): StoredPurchaseOrder | undefined {
  return s
    .sql<[string], StoredPurchaseOrder>(
      `SELECT po.id, po.po_number, v.name AS vendor, po.status,
         (SELECT coalesce(sum(qty_received), 0) FROM po_lines l WHERE l.po_id = po.id) AS received
       FROM purchase_orders po JOIN vendors v ON v.id = po.vendor_id
       WHERE po.po_number = ?`,
    )
    .get(poNumber);
}

export function poLinesOf(s: StatementCache, poId: number): StoredPoLine[] {
  return s
    .sql<[number], StoredPoLine>(
      'SELECT product_id, qty_ordered, unit_cost_cents FROM po_lines WHERE po_id = ? ORDER BY line_no',
    )
    .all(poId);
}

export function insertPurchaseOrder(
  s: StatementCache,
  poNumber: string,
  vendorId: number,
  demo: boolean,
  now: string,
): number {
  return Number(
    s
      .sql(
        `INSERT INTO purchase_orders (po_number, vendor_id, status, demo, created_at, updated_at)
         VALUES (?, ?, 'open', ?, ?, ?)`,
      )
      .run(poNumber, vendorId, demo ? 1 : 0, now, now).lastInsertRowid,
  );
}

export function updatePurchaseOrderVendor(s: StatementCache, poId: number, vendorId: number, now: string): void {
  s.sql('UPDATE purchase_orders SET vendor_id = ?, updated_at = ? WHERE id = ?').run(vendorId, now, poId);
}

export function deletePoLines(s: StatementCache, poId: number): void {
  s.sql('DELETE FROM po_lines WHERE po_id = ?').run(poId);
}

export function insertPoLine(
  s: StatementCache,
  poId: number,
  lineNo: number,
  productId: number,
  qty: number,
  unitCostCents: number | null,
): void {
  s.sql('INSERT INTO po_lines (po_id, line_no, product_id, qty_ordered, unit_cost_cents) VALUES (?, ?, ?, ?, ?)').run(
    poId,
    lineNo,
    productId,
    qty,
    unitCostCents,
  );
}

/** Products plus barcodes on record: how much reading the whole catalogue at once would cost. */
export function catalogSize(s: StatementCache): number {
  return s
    .sql<[], { n: number }>('SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM product_barcodes) AS n')
    .get()!.n;
}

export function allProducts(s: StatementCache): IterableIterator<ProductRecord> {
  return s.sql<[], ProductRecord>('SELECT * FROM products').iterate();
}

export function allBarcodes(s: StatementCache): IterableIterator<{ code: string; product_id: number }> {
  return s
    .sql<[], { code: string; product_id: number }>('SELECT code, product_id FROM product_barcodes ORDER BY id')
    .iterate();
}
