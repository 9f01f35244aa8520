import { gtinVariants } from '../../../shared/scan';
import type { KnownCodeHit } from '../../domain/serial-rules';
import type { StatementCache } from '../statements';

export interface ProductHit {
  readonly productId: number;
  readonly via: 'barcode' | 'sku';
  readonly code: string;
}

/** The product a scanned item code names: a barcode (any GTIN form) or a SKU. */
export function productByCode(s: StatementCache, code: string): ProductHit | undefined {
  const barcode = s.sql<[string], { product_id: number; code: string }>(
    'SELECT product_id, code FROM product_barcodes WHERE code = ?',
  );
  const exact = barcode.get(code);
  if (exact) return { productId: exact.product_id, via: 'barcode', code: exact.code };
  for (const variant of gtinVariants(code)) {
    if (variant === code) continue;
    const hit = barcode.get(variant);
    if (hit) return { productId: hit.product_id, via: 'barcode', code: hit.code };
  }
  const sku = s.sql<[string], { id: number; sku: string }>('SELECT id, sku FROM products WHERE sku = ?').get(code);
  return sku ? { productId: sku.id, via: 'sku', code: sku.sku } : undefined;
}

/**
 * Whether a scanned code is certainly no product barcode, SKU, order number or PO number.
 * Nearly every serial scanned is none of them, and one statement answers that where naming
 * the hit needs up to four. Codes that read as a GTIN have other spellings to try, so for
 * them the answer is always "not sure".
 */
function certainlyUnknownCode(s: StatementCache, code: string): boolean {
  if (gtinVariants(code).length > 0) return false;
  const hit = s
    .sql<[{ code: string }], number>(
      `SELECT EXISTS (SELECT 1 FROM product_barcodes WHERE code = @code)
           OR EXISTS (SELECT 1 FROM products WHERE sku = @code)
           OR EXISTS (SELECT 1 FROM orders WHERE order_number = @code)
           OR EXISTS (SELECT 1 FROM purchase_orders WHERE po_number = @code)`,
    )
    .pluck()
    .get({ code });
  return hit === 0;
}

/** Whether a would-be serial is really a product barcode, SKU, order number or PO number. */
export function knownCode(s: StatementCache, code: string): KnownCodeHit | undefined {
  if (certainlyUnknownCode(s, code)) return undefined;
  const product = (id: number) =>
    s.sql<[number], { name: string }>('SELECT name FROM products WHERE id = ?').get(id)!.name;
  const barcode = s.sql<[string], { product_id: number; kind: string }>(
    'SELECT product_id, kind FROM product_barcodes WHERE code = ?',
  );
  for (const variant of new Set([code, ...gtinVariants(code)])) {
    const hit = barcode.get(variant);
    if (hit) return { kind: 'barcode', name: product(hit.product_id), barcodeKind: hit.kind };
  }
  const sku = s.sql<[string], { name: string }>('SELECT name FROM products WHERE sku = ?').get(code);
  if (sku) return { kind: 'sku', name: sku.name };
  const order = s
    .sql<[string], { order_number: string }>('SELECT order_number FROM orders WHERE order_number = ?')
    .get(code);
  if (order) return { kind: 'order', name: order.order_number };
  const po = s
    .sql<[string], { po_number: string }>('SELECT po_number FROM purchase_orders WHERE po_number = ?')
    .get(code);
  if (po) return { kind: 'po', name: po.po_number };
  return undefined;
}

export interface KnownUnit {
  readonly unitId: number;
  readonly productId: number;
  readonly productName: string;
  readonly sku: string;
  readonly status: 'in_stock' | 'reserved' | 'sold' | 'returned' | 'defective';
  readonly slot: number;
  readonly poNumber: string | null;
  readonly receivedAt: string;
}

/** The unit that already carries this serial within the uniqueness scope, if any. */
export function unitBySerial(s: StatementCache, scopeProductId: number, serialKey: string): KnownUnit | undefined {
  return s
    .sql<[number, string], KnownUnit>(
      `SELECT u.id AS unitId, u.product_id AS productId, p.name AS productName, p.sku AS sku, u.status AS status,
              us.slot AS slot, po.po_number AS poNumber, u.created_at AS receivedAt
       FROM unit_serials us
       JOIN units u ON u.id = us.unit_id
       JOIN products p ON p.id = u.product_id
       LEFT JOIN po_lines pl ON pl.id = u.po_line_id
       LEFT JOIN purchase_orders po ON po.id = pl.po_id
       WHERE us.scope_product_id = ? AND us.serial_key = ?`,
    )
    .get(scopeProductId, serialKey);
}

/** The order a unit last shipped on, for messages about sold units. */
export function lastShipmentOf(
  s: StatementCache,
  unitId: number,
): { orderNumber: string; shippedAt: string } | undefined {
  return s
    .sql<[number], { orderNumber: string; shippedAt: string }>(
      `SELECT o.order_number AS orderNumber, ss.shipped_at AS shippedAt
       FROM shipped_serials ss JOIN orders o ON o.id = ss.order_id
       WHERE ss.unit_id = ? ORDER BY ss.id DESC LIMIT 1`,
    )
    .get(unitId);
}
