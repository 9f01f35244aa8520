import type { ShippedSortColumn } from '../../../shared/ipc/serials.contract';
import type { StatementCache } from '../statements';

/** What the Shipped Serial Numbers list asks for, already cleaned and keyed. */
export interface ShippedFilter {
  /** Serial keys of a pasted list, without repeats. */
  readonly keys?: readonly string[] | undefined;
  /** A quoted FTS5 phrase for the trigram search index. */
  readonly match?: string | undefined;
  readonly orderNumber?: string | undefined;
  readonly sku?: string | undefined;
  /** A LIKE pattern for the product name, with `\` as escape. */
  readonly nameLike?: string | undefined;
  readonly sort: { readonly column: ShippedSortColumn; readonly direction: 'asc' | 'desc' };
  readonly offset: number;
  readonly limit: number;
}

export interface ShippedDbRow {
  id: number;
  serial: string;
  slot_label: string | null;
  order_number: string;
  customer_name: string;
  sku: string;
  product_name: string;
  shipped_at: string;
  created_at: string;
  overridden: number;
  warranty_months: number | null;
}

export interface ShippedDbPage {
  readonly total: number;
  readonly totalIsLowerBound: boolean;
  readonly rows: readonly ShippedDbRow[];
  /** Of the pasted keys, those with no shipped row at all (whatever the other filters). */
  readonly missingKeys: readonly string[];
}

interface Sql {
  /** Joins beyond shipped_serials ss that the sort needs. */
  joins: string[];
  where: string[];
  params: unknown[];
}

/**
 * Every ORDER BY here ends in a unique key and matches an index (with the SKU filter, an
 * index led by product_id), so the first page is read straight off the index, never sorted.
 * Product and order orders come from walking products or orders in order and each one's
 * rows through its own index.
 */
function orderBy(column: ShippedSortColumn, dir: 'ASC' | 'DESC', oneProduct: boolean, q: Sql): string {
  switch (column) {
    case 'serial':
      return `ss.serial_key ${dir}, ss.id ${dir}`;
    case 'order':
      q.joins.push('JOIN orders o ON o.id = ss.order_id');
      return `o.order_number ${dir}, ss.id ${dir}`;
    case 'product':
      if (oneProduct) return `ss.created_at ${dir}, ss.id ${dir}`;
      q.joins.push('JOIN products p ON p.id = ss.product_id');
      return `p.name COLLATE NOCASE ${dir}, p.sku ${dir}, p.id ${dir}, ss.created_at ${dir}, ss.id ${dir}`;
    case 'shippedAt':
      return `ss.shipped_at ${dir}, ss.id ${dir}`;
    case 'createdAt':
      return `ss.created_at ${dir}, ss.id ${dir}`;
    case 'warranty':
      // One product has one warranty length, so its rows end their warranty in ship order.
      if (oneProduct) return `ss.shipped_at ${dir}, ss.id ${dir}`;
      q.joins.push('JOIN shipped_serial_warranty w ON w.id = ss.id');
      return `w.expires_on ${dir}, w.id ${dir}`;
  }
}

const PAGE_ROWS_SQL = `SELECT ss.id, ss.serial, ss.slot_label, o.order_number, o.customer_name, p.sku, p.name AS product_name,
       ss.shipped_at, ss.created_at, ss.overridden, p.warranty_months
  FROM json_each(?) j
  CROSS JOIN shipped_serials ss ON ss.id = j.value
  JOIN orders o ON o.id = ss.order_id
  JOIN products p ON p.id = ss.product_id
  ORDER BY j.key`;

/** Counts per pasted key in one pass over the serial index: the total and the not-found list. */
const KEY_COUNTS_SQL = `SELECT j.value AS serial_key, (SELECT count(*) FROM shipped_serials WHERE serial_key = j.value) AS n
  FROM json_each(?) j`;

/** The rows of one page of the list, the number of matches (up to `countLimit`), and the unknown keys. */
export function shippedPage(s: StatementCache, f: ShippedFilter, countLimit: number): ShippedDbPage {
  const q: Sql = { joins: [], where: [], params: [] };
  let source = 'shipped_serials ss';
  const keysJson = f.keys ? JSON.stringify(f.keys) : null;
  const missingKeys: string[] = [];
  let keyTotal = 0;
  if (keysJson !== null) {
    // The pasted list drives: each key is one probe of shipped_serials_by_key.
    source = 'json_each(?) k CROSS JOIN shipped_serials ss ON ss.serial_key = k.value';
    q.params.push(keysJson);
    for (const row of s.sql<[string], { serial_key: string; n: number }>(KEY_COUNTS_SQL).all(keysJson)) {
      if (row.n === 0) missingKeys.push(row.serial_key);
      keyTotal += row.n;
    }
  }
  let oneProduct = false;
  if (f.sku !== undefined) {
    const product = s.sql<[string], { id: number }>('SELECT id FROM products WHERE sku = ?').get(f.sku);
    if (!product) return { total: 0, totalIsLowerBound: false, rows: [], missingKeys };
    q.where.push('ss.product_id = ?');
    q.params.push(product.id);
    oneProduct = true;
  }
  if (f.orderNumber !== undefined) {
    const order = s.sql<[string], { id: number }>('SELECT id FROM orders WHERE order_number = ?').get(f.orderNumber);
    if (!order) return { total: 0, totalIsLowerBound: false, rows: [], missingKeys };
    q.where.push('ss.order_id = ?');
    q.params.push(order.id);
  }
  if (f.nameLike !== undefined) {
    q.where.push("ss.product_id IN (SELECT id FROM products WHERE name LIKE ? ESCAPE '\\')");
    q.params.push(f.nameLike);
  }
  if (f.match !== undefined) {
    q.where.push('ss.id IN (SELECT rowid FROM shipped_serials_search WHERE shipped_serials_search MATCH ?)');
    q.params.push(f.match);
  }
  const whereSql = q.where.length > 0 ? `WHERE ${q.where.join(' AND ')}` : '';

  let total: number;
  let capped = false;
  // Exact totals come free without filters (pasted keys are counted as they are looked up);
  // a filtered count stops at the limit, so the answer stays quick on millions of rows.
  let counted = false;
  if (keysJson !== null && q.where.length === 0) {
    total = keyTotal;
  } else if (q.where.length === 0) {
    // Append-only with no gaps: the newest id is the number of rows.
    total = s.sql<[], { n: number | null }>('SELECT max(id) AS n FROM shipped_serials').get()!.n ?? 0;
  } else if (f.match !== undefined && q.where.length === 1 && keysJson === null) {
    // Every search-index row is one shipped row, so the search alone is counted in the index.
    counted = true;
    total = s
      .sql<[string], { n: number }>(
        `SELECT count(*) AS n FROM (SELECT 1 FROM shipped_serials_search WHERE shipped_serials_search MATCH ? LIMIT ${countLimit + 1})`,
      )
      .get(f.match)!.n;
  } else {
    counted = true;
    total = s
      .sql<unknown[], { n: number }>(
        `SELECT count(*) AS n FROM (SELECT 1 FROM ${source} ${whereSql} LIMIT ${countLimit + 1})`,
      )
      .get(...q.params)!.n;
  }
  if (counted && total > countLimit) {
    total = countLimit;
    capped = true;
  }

  const dir = f.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const order = orderBy(f.sort.column, dir, oneProduct, q);
  const ids = s
    .sql<unknown[], number>(
      `SELECT ss.id FROM ${source} ${q.joins.join(' ')} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(...q.params, f.limit, f.offset);
  const rows = ids.length === 0 ? [] : s.sql<[string], ShippedDbRow>(PAGE_ROWS_SQL).all(JSON.stringify(ids));
  return { total, totalIsLowerBound: capped, rows, missingKeys };
}
