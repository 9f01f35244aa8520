import type { Statement } from 'better-sqlite3';
import { Store } from '../src/main/store/store';
import type { Benchmark } from './lib/benchmark';
import { formatCount, percentile } from './lib/format';
import { Prng } from './lib/random';

const WARM_UP = 2_000;
const MEASURED = 10_000;

/** The lookup a supervisor's exact serial search and the returns check depend on. */
const BARE = 'SELECT id FROM shipped_serials WHERE serial_key = ?';
const FULL = `SELECT ss.*, p.sku, p.name AS product_name, o.order_number
  FROM shipped_serials ss
  JOIN products p ON p.id = ss.product_id
  JOIN orders o ON o.id = ss.order_id
  WHERE ss.serial_key = ?
  ORDER BY ss.id DESC`;

function requireIndex(store: Store, sql: string, expected: string): string {
  const plan = store.db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all('X')
    .map((row) => (row as { detail: string }).detail)
    .join('; ');
  if (!plan.includes(expected)) throw new Error(`The serial lookup no longer uses ${expected}: ${plan}`);
  return plan;
}

function time(statement: Statement, key: string): { micros: number; rows: number } {
  const start = process.hrtime.bigint();
  const rows = statement.all(key).length;
  return { micros: Number(process.hrtime.bigint() - start) / 1_000, rows };
}

const serialLookup: Benchmark = {
  name: 'serial-lookup',
  title: 'Exact shipped-serial lookup',
  run(context) {
    const seeded = context.seeded();
    const store = Store.open({ dataDir: seeded.dataDir });
    try {
      const barePlan = requireIndex(store, BARE, 'COVERING INDEX shipped_serials_by_key');
      requireIndex(store, FULL, 'INDEX shipped_serials_by_key');
      const bare = store.db.prepare(BARE);
      const full = store.db.prepare(FULL);

      // Keys of rows picked at random by id: every one is known to have shipped.
      const maxId = store.db.prepare<[], { n: number }>('SELECT max(id) AS n FROM shipped_serials').get()!.n;
      const keyOf = store.db.prepare<[number], { serial_key: string }>(
        'SELECT serial_key FROM shipped_serials WHERE id = ?',
      );
      const prng = new Prng(0xbe7c);
      const keys = Array.from(
        { length: WARM_UP + MEASURED },
        () => keyOf.get(1 + Math.floor(prng.next() * maxId))!.serial_key,
      );

      for (const key of keys.slice(0, WARM_UP)) {
        bare.all(key);
        full.all(key);
      }
      const bareMicros = new Float64Array(MEASURED);
      const fullMicros = new Float64Array(MEASURED);
      let rows = 0;
      keys.slice(WARM_UP).forEach((key, i) => {
        // Alternate which query goes first so neither always finds the pages the other just read.
        const first = i % 2 === 0 ? bare : full;
        const a = time(first, key);
        const b = time(first === bare ? full : bare, key);
        const [bareRun, fullRun] = first === bare ? [a, b] : [b, a];
        if (bareRun.rows === 0 || fullRun.rows !== bareRun.rows) {
          throw new Error(
            `Serial ${key} is in shipped_serials but the lookups found ${bareRun.rows} and ${fullRun.rows} rows`,
          );
        }
        bareMicros[i] = bareRun.micros;
        fullMicros[i] = fullRun.micros;
        rows += bareRun.rows;
      });
      bareMicros.sort();
      fullMicros.sort();
      const us = (v: number): string => `${v.toFixed(1)} µs`;
      const ratio = (p: number): string => `${(percentile(fullMicros, p) / percentile(bareMicros, p)).toFixed(2)}×`;
      return [
        {
          label: 'keys looked up',
          value: formatCount(MEASURED),
          note: `after ${formatCount(WARM_UP)} warm-up lookups; ${(rows / MEASURED).toFixed(2)} shipped rows per key on average`,
        },
        { label: 'bare index probe p50', value: us(percentile(bareMicros, 50)), note: barePlan },
        { label: 'bare index probe p99', value: us(percentile(bareMicros, 99)) },
        {
          label: 'full rows + product + order p50',
          value: us(percentile(fullMicros, 50)),
          note: 'what a results list needs',
        },
        { label: 'full rows + product + order p99', value: us(percentile(fullMicros, 99)) },
        {
          label: 'full / bare at p50',
          value: ratio(50),
          note: 'the price of reading rows and joins over the bare index probe',
        },
        { label: 'full / bare at p99', value: ratio(99) },
      ];
    } finally {
      store.close();
    }
  },
};

export default serialLookup;
