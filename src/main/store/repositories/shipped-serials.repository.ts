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
 * rows through its own index. One product by order number is read off
 * shipped_serial_order_numbers instead (see `orderedIds`).
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

/**
 * The rows of the given ids. The CROSS JOINs fix the loop order, so rows come out in the
 * order of the list (checked in `rowsOf`) without a sort; raw arrays, because building
 * named-column objects in the driver cost more than the joins on an export of 100,000 rows.
 */
const PAGE_ROWS_SQL = `SELECT ss.id, ss.serial, ss.slot_label, o.order_number, o.customer_name, p.sku, p.name,
       ss.shipped_at, ss.created_at, ss.overridden, p.warranty_months
  FROM json_each(?) j
  CROSS JOIN shipped_serials ss ON ss.id = j.value
  CROSS JOIN orders o ON o.id = ss.order_id
  CROSS JOIN products p ON p.id = ss.product_id`;

type RawRow = [number, string, string | null, string, string, string, string, string, string, number, number | null];

/** Counts per pasted key in one pass over the serial index: the total and the not-found list. */
const KEY_COUNTS_SQL = `SELECT j.value AS serial_key, (SELECT count(*) FROM shipped_serials WHERE serial_key = j.value) AS n
  FROM json_each(?) j`;

/** The filters as SQL over `shipped_serials ss`. */
interface Plan {
  readonly q: Sql;
  readonly source: string;
  readonly whereSql: string;
  readonly keysJson: string | null;
  readonly productId: number | undefined;
}

/** Null when a named SKU or order does not exist: nothing can match. */
function plan(s: StatementCache, f: Omit<ShippedFilter, 'offset' | 'limit'>): Plan | null {
  const q: Sql = { joins: [], where: [], params: [] };
  let source = 'shipped_serials ss';
  const keysJson = f.keys ? JSON.stringify(f.keys) : null;
  if (keysJson !== null) {
    // The pasted list drives: each key is one probe of shipped_serials_by_key.
    source = 'json_each(?) k CROSS JOIN shipped_serials ss ON ss.serial_key = k.value';
    q.params.push(keysJson);
  }
  let productId: number | undefined;
  if (f.sku !== undefined) {
    const product = s.sql<[string], { id: number }>('SELECT id FROM products WHERE sku = ?').get(f.sku);
    if (!product) return null;
    q.where.push('ss.product_id = ?');
    q.params.push(product.id);
    productId = product.id;
  }
  if (f.orderNumber !== undefined) {
    const order = s.sql<[string], { id: number }>('SELECT id FROM orders WHERE order_number = ?').get(f.orderNumber);
    if (!order) return null;
    q.where.push('ss.order_id = ?');
    q.params.push(order.id);
  }
  if (f.nameLike !== undefined && productId !== undefined) {
    // With a SKU the name filter holds for all of its rows or none: it is settled here, so the
    // SKU's own index plans stay open to it (a recall list narrowed by name is still one range).
    const named = s
      .sql<[number, string], number>("SELECT 1 FROM products WHERE id = ? AND name LIKE ? ESCAPE '\\'")
      .pluck()
      .get(productId, f.nameLike);
    if (named === undefined) return null;
  } else if (f.nameLike !== undefined) {
    q.where.push("ss.product_id IN (SELECT id FROM products WHERE name LIKE ? ESCAPE '\\')");
    q.params.push(f.nameLike);
  }
  if (f.match !== undefined) {
    q.where.push('ss.id IN (SELECT rowid FROM shipped_serials_search WHERE shipped_serials_search MATCH ?)');
    q.params.push(f.match);
  }
  const whereSql = q.where.length > 0 ? `WHERE ${q.where.join(' AND ')}` : '';
  return { q, source, whereSql, keysJson, productId };
}

/** The ids of the matching rows in the chosen order, from `offset` on (at most `limit`, or all). */
function orderedIds(
  s: StatementCache,
  p: Plan,
  sort: ShippedFilter['sort'],
  offset: number,
  limit: number | null,
): number[] {
  const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
  // A negative limit is none: every row from the offset on.
  const bounds = [limit ?? -1, offset] as const;
  if (p.productId !== undefined && sort.column === 'order' && p.q.where.length === 1 && p.keysJson === null) {
    // A recall's list: one product by order number is one range of this table, already in
    // order. Further filters (an order, a search, a pasted list) narrow the rows through
    // their own indexes first, and sorting what they leave is cheaper than walking the range.
    return s
      .sql<[number, number, number], number>(
        `SELECT id FROM shipped_serial_order_numbers WHERE product_id = ?
         ORDER BY order_number ${dir}, id ${dir} LIMIT ? OFFSET ?`,
      )
      .pluck()
      .all(p.productId, ...bounds);
  }
  const q: Sql = { joins: [], where: p.q.where, params: p.q.params };
  const order = orderBy(sort.column, dir, p.productId !== undefined, q);
  return s
    .sql<unknown[], number>(
      `SELECT ss.id FROM ${p.source} ${q.joins.join(' ')} ${p.whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(...p.q.params, ...bounds);
}

function rowsOf(s: StatementCache, ids: readonly number[]): ShippedDbRow[] {
  if (ids.length === 0) return [];
  const raw = s.sql<[string], RawRow>(PAGE_ROWS_SQL).raw(true).all(JSON.stringify(ids)) as unknown as RawRow[];
  if (raw.some((r, i) => r[0] !== ids[i])) {
    // Not expected with the fixed loop order, but the list's order must never depend on it.
    const at = new Map(ids.map((id, i) => [id, i]));
    raw.sort((a, b) => at.get(a[0])! - at.get(b[0])!);
  }
  return raw.map((r) => ({
    id: r[0],
    serial: r[1],
    slot_label: r[2],
    order_number: r[3],
    customer_name: r[4],
    sku: r[5],
    product_name: r[6],
    shipped_at: r[7],
    created_at: r[8],
    overridden: r[9],
    warranty_months: r[10],
  }));
}

/** The rows of one page of the list, the number of matches (up to `countLimit`), and the unknown keys. */
export function shippedPage(s: StatementCache, f: ShippedFilter, countLimit: number): ShippedDbPage {
  const missingKeys: string[] = [];
  let keyTotal = 0;
  if (f.keys) {
    for (const row of s.sql<[string], { serial_key: string; n: number }>(KEY_COUNTS_SQL).all(JSON.stringify(f.keys))) {
      if (row.n === 0) missingKeys.push(row.serial_key);
      keyTotal += row.n;
    }
  }
  const p = plan(s, f);
  if (!p) return { total: 0, totalIsLowerBound: false, rows: [], missingKeys };
  const { q, source, whereSql, keysJson } = p;

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
  const rows = rowsOf(s, orderedIds(s, p, f.sort, f.offset, f.limit));
  return { total, totalIsLowerBound: capped, rows, missingKeys };
}

/**
 * Every matching row in list order, read in batches, for an export of what the list shows.
 * The ids are taken once up front (8 bytes a row), so no batch pays for skipping the ones
 * before it, and the count for progress is exact; the rows are read batch by batch, so the
 * connection is free between batches. Shipped rows are never changed or removed, so ids
 * taken at the start still name the same rows at the end.
 */
export function shippedAll(
  s: StatementCache,
  f: Omit<ShippedFilter, 'offset' | 'limit'>,
  batch: number,
): { readonly total: number; batches(): Generator<ShippedDbRow[]> } {
  const p = plan(s, f);
  const ids = p ? orderedIds(s, p, f.sort, 0, null) : [];
  return {
    total: ids.length,
    *batches() {
      for (let i = 0; i < ids.length; i += batch) yield rowsOf(s, ids.slice(i, i + batch));
    },
  };
}
