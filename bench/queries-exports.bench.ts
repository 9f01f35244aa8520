import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DEFAULT_RULES } from '../src/shared/settings';
import { ShippedQuery, SHIPPED_SORT_COLUMNS } from '../src/shared/ipc/serials.contract';
import { EventBus } from '../src/main/event-bus';
import { ExportService } from '../src/main/exports/export.service';
import { SerialsService } from '../src/main/services/serials.service';
import { Store } from '../src/main/store/store';
import type { Benchmark, BenchFigure } from './lib/benchmark';
import { formatCount } from './lib/format';

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Samples RSS while `work` runs (exports yield to the event loop, so the sampler runs). */
async function peakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMb: peak / 1048576 };
  } finally {
    clearInterval(timer);
  }
}

const queriesExports: Benchmark = {
  name: 'queries-exports',
  title: 'Shipped-serial queries and streaming exports',
  async run(context) {
    const seeded = context.seeded();
    const store = Store.open({ dataDir: seeded.dataDir, readonly: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-export-bench-'));
    const figures: BenchFigure[] = [];
    try {
      const serials = new SerialsService(store, () => DEFAULT_RULES);
      const db = store.db;
      const maxId = (db.prepare('SELECT max(id) AS n FROM shipped_serials').get() as { n: number }).n;
      const pick = db.prepare('SELECT serial FROM shipped_serials WHERE id = ?').pluck();
      const pasted = Array.from({ length: 10_000 }, (_, i) => pick.get(1 + ((i * 7919) % maxId)) as string);

      // Exact look-up of 10,000 pasted serials.
      let start = process.hrtime.bigint();
      serials.listShipped(ShippedQuery.parse({ serials: pasted, limit: 200 }));
      const exact = ms(start);
      start = process.hrtime.bigint();
      db.prepare(
        'SELECT ss.id FROM shipped_serials ss WHERE ss.serial_key IN (SELECT value FROM json_each(?)) ORDER BY ss.created_at DESC LIMIT 200',
      ).all(JSON.stringify(pasted.map((s) => s.toUpperCase())));
      const exactRaw = ms(start);
      figures.push({
        label: 'exact look-up, 10,000 pasted serials',
        value: `${exact.toFixed(1)} ms`,
        note: `raw IN-list query ${exactRaw.toFixed(1)} ms; ratio ${(exact / exactRaw).toFixed(2)}× (service also lists the not-found ones and counts)`,
      });

      // Substring search of a 4-character fragment, first page.
      const fragment = (pasted[0] ?? 'ABCD').slice(-4);
      start = process.hrtime.bigint();
      const page = serials.listShipped(ShippedQuery.parse({ search: fragment, limit: 100 }));
      const search = ms(start);
      start = process.hrtime.bigint();
      db.prepare('SELECT id FROM shipped_serials WHERE serial LIKE ? ORDER BY created_at DESC LIMIT 100').all(
        `%${fragment}%`,
      );
      const like = ms(start);
      figures.push({
        label: `substring search "${fragment}", first page`,
        value: `${search.toFixed(1)} ms`,
        note: `${page.total}${page.totalIsLowerBound ? '+' : ''} matches; LIKE '%…%' scan ${like.toFixed(1)} ms (${(like / search).toFixed(0)}× slower)`,
      });

      // First page sorted by each column.
      for (const column of SHIPPED_SORT_COLUMNS) {
        start = process.hrtime.bigint();
        serials.listShipped(ShippedQuery.parse({ sort: { column, direction: 'desc' }, limit: 100 }));
        figures.push({ label: `first page sorted by ${column}`, value: `${ms(start).toFixed(1)} ms` });
      }

      // Exports: the shift log of everything shipped, CSV and XLSX, against a raw select-and-write loop.
      const exportsService = new ExportService(store, new EventBus(), serials, () => dir);
      const rawFile = path.join(dir, 'raw.csv');
      const raw = await peakRss(async () => {
        const out = fs.createWriteStream(rawFile);
        const reader = new BetterSqlite3(store.file, { readonly: true });
        let rows = 0;
        const t = process.hrtime.bigint();
        for (const row of reader
          .prepare(
            `SELECT ss.created_at, st.name, op.name, sh.shift_id, o.order_number, p.sku, p.name, ss.serial, ss.slot_label, ss.overridden, sh.weight_g
             FROM shipped_serials ss JOIN shipments sh ON sh.id = ss.shipment_id JOIN orders o ON o.id = ss.order_id JOIN products p ON p.id = ss.product_id
             LEFT JOIN stations st ON st.id = sh.station_id LEFT JOIN operators op ON op.id = sh.operator_id ORDER BY ss.created_at, ss.id`,
          )
          .raw(true)
          .iterate() as Iterable<unknown[]>) {
          if (!out.write(`${row.join(',')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
          rows += 1;
        }
        await new Promise<void>((r) => out.end(() => r()));
        reader.close();
        return { rows, seconds: ms(t) / 1000 };
      });
      figures.push({
        label: `raw select-and-write loop, ${formatCount(raw.value.rows)} rows`,
        value: `${formatCount(Math.round(raw.value.rows / raw.value.seconds))} rows/s`,
        note: `${raw.value.seconds.toFixed(1)} s, peak RSS ${raw.peakMb.toFixed(0)} MB`,
      });
      for (const format of ['csv', 'xlsx'] as const) {
        const t = process.hrtime.bigint();
        const result = await peakRss(() =>
          exportsService.toFile(
            { kind: 'shift-log', from: '2000-01-01', to: '2100-01-01' },
            format,
            path.join(dir, `shift.${format}`),
          ),
        );
        const seconds = ms(t) / 1000;
        figures.push({
          label: `shift log ${format.toUpperCase()}, ${formatCount(result.value.rows)} rows`,
          value: `${formatCount(Math.round(result.value.rows / seconds))} rows/s`,
          note: `${seconds.toFixed(1)} s, ${(seconds / raw.value.seconds).toFixed(2)}× the raw loop, peak RSS ${result.peakMb.toFixed(0)} MB`,
        });
      }
      // Recall export of one SKU.
      const sku = (
        db
          .prepare('SELECT p.sku FROM shipped_serials ss JOIN products p ON p.id = ss.product_id WHERE ss.id = 1')
          .get() as { sku: string }
      ).sku;
      const t = process.hrtime.bigint();
      const recall = await exportsService.toFile(
        { kind: 'shipped-serials', query: { sku } },
        'csv',
        path.join(dir, 'recall.csv'),
      );
      figures.push({
        label: `recall export of ${sku}`,
        value: `${formatCount(recall.rows)} rows in ${(ms(t) / 1000).toFixed(2)} s`,
      });
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};

export default queriesExports;
