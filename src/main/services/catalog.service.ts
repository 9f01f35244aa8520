import type { OrderRow, ProductRow, PurchaseOrderRow } from '../../shared/ipc/catalog.contract';
import { likeContains } from '../store/repositories/catalog.repository';
import type { Store } from '../store/store';

export interface PageQuery {
  readonly search?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface Page<T> {
  readonly total: number;
  readonly rows: T[];
}

interface ProductDbRow {
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
  barcodes: string | null;
  in_stock: number;
}

/** Read-only lists of products, orders and purchase orders. */
export class CatalogService {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  listProducts(q: PageQuery): Page<ProductRow> {
    const s = this.#store.statements;
    const search = q.search?.trim() ? likeContains(q.search.trim()) : null;
    const where = `(? IS NULL OR p.sku LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM product_barcodes b WHERE b.product_id = p.id AND b.code LIKE ? ESCAPE '\\'))`;
    const total = s
      .sql<unknown[], { n: number }>(`SELECT count(*) AS n FROM products p WHERE ${where}`)
      .get(search, search, search, search)!.n;
    const rows = s
      .sql<unknown[], ProductDbRow>(
        `SELECT p.*, (SELECT group_concat(code, '|') FROM product_barcodes b WHERE b.product_id = p.id) AS barcodes,
           (SELECT count(*) FROM units u WHERE u.product_id = p.id AND u.status = 'in_stock') AS in_stock
         FROM products p WHERE ${where} ORDER BY p.sku LIMIT ? OFFSET ?`,
      )
      .all(search, search, search, search, q.limit, q.offset);
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id,
        sku: r.sku,
        name: r.name,
        trackSerials: r.track_serials === 1,
        serialsPerUnit: r.serials_per_unit,
        serialSlotLabels: JSON.parse(r.serial_slot_labels) as string[],
        serialPattern: r.serial_pattern,
        serialLength: r.serial_length,
        warrantyMonths: r.warranty_months,
        unitWeightG: r.unit_weight_g,
        barcodes: r.barcodes ? r.barcodes.split('|') : [],
        inStock: r.in_stock,
      })),
    };
  }

  listOrders(q: PageQuery): Page<OrderRow> {
    const s = this.#store.statements;
    const search = q.search?.trim() ? likeContains(q.search.trim()) : null;
    const where = `(? IS NULL OR o.order_number LIKE ? ESCAPE '\\' OR o.customer_name LIKE ? ESCAPE '\\')`;
    const total = s
      .sql<unknown[], { n: number }>(`SELECT count(*) AS n FROM orders o WHERE ${where}`)
      .get(search, search, search)!.n;
    const rows = s
      .sql<
        unknown[],
        {
          id: number;
          order_number: string;
          customer_name: string;
          ship_to: string;
          status: OrderRow['status'];
          created_at: string;
          lines: number;
          units: number;
        }
      >(
        `SELECT o.id, o.order_number, o.customer_name, o.ship_to, o.status, o.created_at,
           (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) AS lines,
           (SELECT coalesce(sum(qty), 0) FROM order_lines l WHERE l.order_id = o.id) AS units
         FROM orders o WHERE ${where} ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?`,
      )
      .all(search, search, search, q.limit, q.offset);
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id,
        orderNumber: r.order_number,
        customerName: r.customer_name,
        shipTo: r.ship_to,
        status: r.status,
        lines: r.lines,
        units: r.units,
        createdAt: r.created_at,
      })),
    };
  }

  listPurchaseOrders(q: PageQuery): Page<PurchaseOrderRow> {
    const s = this.#store.statements;
    const search = q.search?.trim() ? likeContains(q.search.trim()) : null;
    const where = `(? IS NULL OR po.po_number LIKE ? ESCAPE '\\' OR v.name LIKE ? ESCAPE '\\')`;
    const from = 'FROM purchase_orders po JOIN vendors v ON v.id = po.vendor_id';
    const total = s
      .sql<unknown[], { n: number }>(`SELECT count(*) AS n ${from} WHERE ${where}`)
      .get(search, search, search)!.n;
    const rows = s
      .sql<
        unknown[],
        {
          id: number;
          po_number: string;
          vendor: string;
          status: PurchaseOrderRow['status'];
          created_at: string;
          lines: number;
          qty_ordered: number;
          qty_received: number;
        }
      >(
        `SELECT po.id, po.po_number, v.name AS vendor, po.status, po.created_at,
           (SELECT count(*) FROM po_lines l WHERE l.po_id = po.id) AS lines,
           (SELECT coalesce(sum(qty_ordered), 0) FROM po_lines l WHERE l.po_id = po.id) AS qty_ordered,
           (SELECT coalesce(sum(qty_received), 0) FROM po_lines l WHERE l.po_id = po.id) AS qty_received
         ${from} WHERE ${where} ORDER BY po.created_at DESC, po.id DESC LIMIT ? OFFSET ?`,
      )
      .all(search, search, search, q.limit, q.offset);
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id,
        poNumber: r.po_number,
        vendor: r.vendor,
        status: r.status,
        lines: r.lines,
        qtyOrdered: r.qty_ordered,
        qtyReceived: r.qty_received,
        createdAt: r.created_at,
      })),
    };
  }
}
