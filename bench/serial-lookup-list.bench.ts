import { serialKey } from '../src/main/domain/serial';
import { SerialsService } from '../src/main/services/serials.service';
import { ShippedQuery, SHIPPED_SORT_COLUMNS, type ShippedSortColumn } from '../src/shared/ipc/serials.contract';
import { DEFAULT_RULES } from '../src/shared/settings';
import { Store } from '../src/main/store/store';
import type { Benchmark, BenchFigure } from './lib/benchmark';
import { formatCount } from './lib/format';

const PASTED = 10_000;
const PAGE = 100;
const COUNT_LIMIT = 100_000;

/** The columns a results row shows, the same in the service and in every raw query. */
const COLUMNS = `ss.id, ss.serial, ss.slot_label, o.order_number, o.customer_name, p.sku, p.name AS product_name,
  ss.shipped_at, ss.created_at, ss.overridden, p.warranty_months`;
const JOINS = 'JOIN orders o ON o.id = ss.order_id JOIN products p ON p.id = ss.product_id';

/** Hand-written ORDER BY per column, as someone tuning the raw query for the same indexes would write it. */
const RAW_ORDER: Readonly<Record<ShippedSortColumn, { join: string; order: (d: string) => string }>> = {
  serial: { join: '', order: (d) => `ss.serial_key ${d}, ss.id ${d}` },
  order: { join: '', order: (d) => `o.order_number ${d}, ss.id ${d}` },
  product: {
    join: '',
    order: (d) => `p.name COLLATE NOCASE ${d}, p.sku ${d}, p.id ${d}, ss.created_at ${d}, ss.id ${d}`,
  },
  shippedAt: { join: '', order: (d) => `ss.shipped_at ${d}, ss.id ${d}` },
  createdAt: { join: '', order: (d) => `ss.created_at ${d}, ss.id ${d}` },
  warranty: {
    join: 'JOIN shipped_serial_warranty w ON w.id = ss.id',
    order: (d) => `w.expires_on ${d}, w.id ${d}`,
  },
};

/** One product's rows in each list order (product order is ship-record order within one product). */
const RAW_SKU_ORDER: Readonly<Record<Exclude<ShippedSortColumn, 'order'>, (d: string, t?: string) => string>> = {
  serial: (d, t = '') => `${t}serial_key ${d}, ${t}id ${d}`,
  product: (d, t = '') => `${t}created_at ${d}, ${t}id ${d}`,
  shippedAt: (d, t = '') => `${t}shipped_at ${d}, ${t}id ${d}`,
  createdAt: (d, t = '') => `${t}created_at ${d}, ${t}id ${d}`,
  warranty: (d, t = '') => `${t}shipped_at ${d}, ${t}id ${d}`,
};

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Median of `runs` timings of each of two pieces of work, taken alternately so neither
 * always runs on the pages the other just read.
 */
function compare(runs: number, a: () => unknown, b: () => unknown): { a: number; b: number } {
  a();
  b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    for (const [work, out] of i % 2 === 0
      ? ([
          [a, ta],
          [b, tb],
        ] as const)
      : ([
          [b, tb],
          [a, ta],
        ] as const)) {
      const start = process.hrtime.bigint();
      work();
      out.push(ms(start));
    }
  }
  const median = (v: number[]): number => v.sort((x, y) => x - y)[Math.floor(v.length / 2)]!;
  return { a: median(ta), b: median(tb) };
}

const f1 = (v: number): string => `${v.toFixed(1)} ms`;
const f2 = (v: number): string => `${v.toFixed(2)} ms`;

/** Checks the service and the raw query gave the same rows, so a ratio compares equal work. */
function sameIds(label: string, service: readonly { id: number }[], raw: readonly { id: number }[]): void {
  const a = service.map((r) => r.id).join(',');
  const b = raw.map((r) => r.id).join(',');
  if (a !== b) throw new Error(`${label}: the service and the raw query disagree on the rows of the first page`);
}

const serialList: Benchmark = {
  name: 'serial-list',
  title: 'Shipped Serial Numbers list: paste, search, sort',
  run(context) {
    const seeded = context.seeded();
    const store = Store.open({ dataDir: seeded.dataDir });
    const figures: BenchFigure[] = [];
    try {
      const db = store.db;
      const service = new SerialsService(store, () => DEFAULT_RULES);
      const list = (q: ShippedQuery) => service.listShipped(ShippedQuery.parse(q));
      const maxId = db.prepare('SELECT max(id) FROM shipped_serials').pluck().get() as number;
      const serialOf = db.prepare('SELECT serial FROM shipped_serials WHERE id = ?').pluck();
      // Spread over the whole table; a few made-up serials so the not-found list has work to do.
      const pasted = Array.from({ length: PASTED }, (_, i) =>
        i % 100 === 99 ? `NEVER-SHIPPED-${i}` : (serialOf.get(1 + ((i * 7919) % maxId)) as string),
      );

      // 1. Exact look-up of 10,000 pasted serials: total, not-found list and the first page.
      const keysJson = JSON.stringify([...new Set(pasted.map((s) => serialKey(s, { caseSensitive: false })))]);
      const rawCounts = db.prepare(
        'SELECT j.value, (SELECT count(*) FROM shipped_serials WHERE serial_key = j.value) AS n FROM json_each(?) j',
      );
      const rawPasted = db.prepare(
        `SELECT ${COLUMNS} FROM (SELECT ss.id FROM json_each(?) k CROSS JOIN shipped_serials ss ON ss.serial_key = k.value
           ORDER BY ss.created_at DESC, ss.id DESC LIMIT ${PAGE}) x
         JOIN shipped_serials ss ON ss.id = x.id ${JOINS} ORDER BY ss.created_at DESC, ss.id DESC`,
      );
      const rawExact = () => {
        const counts = rawCounts.all(keysJson) as { value: string; n: number }[];
        return {
          total: counts.reduce((n, c) => n + c.n, 0),
          missing: counts.filter((c) => c.n === 0).length,
          rows: rawPasted.all(keysJson) as { id: number }[],
        };
      };
      const page = list({ serials: pasted, limit: PAGE });
      const raw = rawExact();
      sameIds('exact look-up', page.rows, raw.rows);
      if (page.total !== raw.total || page.notFound.length !== raw.missing)
        throw new Error(
          `exact look-up: totals differ (${page.total}/${raw.total}, ${page.notFound.length}/${raw.missing})`,
        );
      const exact = compare(9, () => list({ serials: pasted, limit: PAGE }), rawExact);
      figures.push({
        label: `exact look-up, ${formatCount(PASTED)} pasted serials`,
        value: f1(exact.a),
        note: `${formatCount(page.total)} rows, ${page.notFound.length} not found; best raw SQL ${f1(exact.b)} (per-key counts + first page), ratio ${(exact.a / exact.b).toFixed(2)}×`,
      });

      // 2. Substring search of a 4-character fragment, first page: the tail of a letters-and-digits
      // serial (few matches) and of an all-digit one (the digits of IMEIs repeat far more often).
      const fragments = [
        pasted.find((s) => /[A-Z]/i.test(s) && !s.startsWith('NEVER'))!.slice(-4),
        pasted.find((s) => /^\d+$/.test(s))!.slice(-4),
      ];
      const ftsCount = db.prepare(
        `SELECT count(*) FROM (SELECT 1 FROM shipped_serials_search WHERE shipped_serials_search MATCH ? LIMIT ${COUNT_LIMIT + 1})`,
      );
      const ftsPage = db.prepare(
        `SELECT ${COLUMNS} FROM shipped_serials ss ${JOINS}
         WHERE ss.id IN (SELECT rowid FROM shipped_serials_search WHERE shipped_serials_search MATCH ?)
         ORDER BY ss.created_at DESC, ss.id DESC LIMIT ${PAGE}`,
      );
      // The fastest LIKE form found: one sequential pass over the table (matching order numbers
      // looked up first), never an index walk that would read each row at random.
      const likeWhere = `FROM shipped_serials ss NOT INDEXED
        WHERE ss.serial LIKE @p OR ss.order_id IN (SELECT id FROM orders WHERE order_number LIKE @p)`;
      const likeCount = db.prepare(`SELECT count(*) FROM (SELECT 1 ${likeWhere} LIMIT ${COUNT_LIMIT + 1})`);
      const likePage = db.prepare(
        `SELECT ${COLUMNS} FROM (SELECT ss.id ${likeWhere} ORDER BY ss.created_at DESC, ss.id DESC LIMIT ${PAGE}) x
         JOIN shipped_serials ss ON ss.id = x.id ${JOINS} ORDER BY ss.created_at DESC, ss.id DESC`,
      );
      for (const fragment of fragments) {
        const match = `"${fragment}"`;
        const searchPage = list({ search: fragment, limit: PAGE });
        const rawFts = () => ({ n: ftsCount.pluck().get(match), rows: ftsPage.all(match) as { id: number }[] });
        const rawLike = () => ({
          n: likeCount.pluck().get({ p: `%${fragment}%` }),
          rows: likePage.all({ p: `%${fragment}%` }) as { id: number }[],
        });
        sameIds('substring search (index)', searchPage.rows, rawFts().rows);
        // A scan of millions of rows is timed once; it is the check of the same answer too.
        const likeStart = process.hrtime.bigint();
        const likeResult = rawLike();
        const like = ms(likeStart);
        sameIds('substring search (LIKE)', searchPage.rows, likeResult.rows);
        if (likeResult.n !== searchPage.total) throw new Error(`substring search: LIKE counts ${String(likeResult.n)}`);
        const search = compare(21, () => list({ search: fragment, limit: PAGE }), rawFts);
        figures.push({
          label: `substring search "${fragment}", first page`,
          value: f2(search.a),
          note: `${formatCount(searchPage.total)} matches; best raw SQL (same index) ${f2(search.b)}, ratio ${(search.a / search.b).toFixed(2)}×; LIKE '%…%' scan ${f1(like)}, ${(like / search.a).toFixed(0)}× slower`,
        });
      }
      const fragment = fragments[0]!;
      const short = (() => {
        try {
          list({ search: fragment.slice(0, 2) });
          return 'answered';
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
      })();
      figures.push({ label: `search "${fragment.slice(0, 2)}" (below trigram size)`, value: 'refused', note: short });

      // 3. First page sorted by each column, both ways, against the hand-tuned raw query.
      const total = db.prepare('SELECT max(id) FROM shipped_serials').pluck();
      for (const column of SHIPPED_SORT_COLUMNS) {
        for (const direction of ['desc', 'asc'] as const) {
          const d = direction.toUpperCase();
          // The ids first, joined afterwards: with the three-way join in one SELECT, SQLite's
          // planner on a large analyzed store sorts every row instead of walking the index.
          const { join, order } = RAW_ORDER[column];
          const rawSort = db.prepare(
            `SELECT ${COLUMNS} FROM (SELECT ss.id FROM shipped_serials ss ${column === 'order' ? 'JOIN orders o ON o.id = ss.order_id' : ''}
               ${column === 'product' ? 'JOIN products p ON p.id = ss.product_id' : ''} ${join}
               ORDER BY ${order(d)} LIMIT ${PAGE}) x
             JOIN shipped_serials ss ON ss.id = x.id ${JOINS} ${join} ORDER BY ${order(d)}`,
          );
          const q = { sort: { column, direction }, limit: PAGE } as const;
          sameIds(`sort by ${column} ${direction}`, list(q).rows, rawSort.all() as { id: number }[]);
          const t = compare(
            11,
            () => list(q),
            () => [total.get(), rawSort.all()],
          );
          figures.push({
            label: `first page by ${column} ${direction}`,
            value: f2(t.a),
            note: `raw ${f2(t.b)}, ratio ${(t.a / t.b).toFixed(2)}×`,
          });
        }
      }

      // 4. The same with a SKU filter on the product shipped most (a recall's first screen).
      const sku = db
        .prepare(
          `SELECT p.sku FROM products p JOIN (SELECT product_id, count(*) AS n FROM shipped_serials GROUP BY product_id ORDER BY n DESC LIMIT 1) t ON t.product_id = p.id`,
        )
        .pluck()
        .get() as string;
      const productId = db.prepare('SELECT id FROM products WHERE sku = ?').pluck().get(sku) as number;
      const skuCount = db.prepare(
        `SELECT count(*) FROM (SELECT 1 FROM shipped_serials WHERE product_id = ? LIMIT ${COUNT_LIMIT + 1})`,
      );
      for (const column of SHIPPED_SORT_COLUMNS) {
        for (const direction of ['desc', 'asc'] as const) {
          const d = direction.toUpperCase();
          // The same answer by hand, on the index each order has for one product.
          const inner =
            column === 'order'
              ? `SELECT id FROM shipped_serial_order_numbers WHERE product_id = @p ORDER BY order_number ${d}, id ${d} LIMIT ${PAGE}`
              : `SELECT id FROM shipped_serials WHERE product_id = @p ORDER BY ${RAW_SKU_ORDER[column](d)} LIMIT ${PAGE}`;
          const rawSku = db.prepare(
            `SELECT ${COLUMNS} FROM (${inner}) x JOIN shipped_serials ss ON ss.id = x.id ${JOINS} ${
              column === 'order'
                ? `ORDER BY o.order_number ${d}, ss.id ${d}`
                : `ORDER BY ${RAW_SKU_ORDER[column](d, 'ss.')}`
            }`,
          );
          const q = { sku, sort: { column, direction }, limit: PAGE } as const;
          const skuPage = list(q);
          sameIds(`SKU by ${column} ${direction}`, skuPage.rows, rawSku.all({ p: productId }) as { id: number }[]);
          const t = compare(
            11,
            () => list(q),
            () => [skuCount.get(productId), rawSku.all({ p: productId })],
          );
          let note = `raw ${f2(t.b)}, ratio ${(t.a / t.b).toFixed(2)}×`;
          if (column === 'createdAt' && direction === 'desc')
            note += `; ${skuPage.totalIsLowerBound ? 'over ' : ''}${formatCount(skuPage.total)} shipped rows of this SKU`;
          if (column === 'order') {
            // What this order cost before shipped_serial_order_numbers: every row of the SKU sorted.
            const sorted = db.prepare(
              `SELECT ss.id FROM shipped_serials ss JOIN orders o ON o.id = ss.order_id WHERE ss.product_id = ?
               ORDER BY o.order_number ${d}, ss.id ${d} LIMIT ${PAGE}`,
            );
            const start = process.hrtime.bigint();
            sorted.all(productId);
            note += `; sorting the SKU's rows instead ${f1(ms(start))}`;
          }
          figures.push({ label: `SKU ${sku} by ${column} ${direction}`, value: f2(t.a), note });
        }
      }
    } finally {
      store.close();
    }
    return figures;
  },
};

export default serialList;
