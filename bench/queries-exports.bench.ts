import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_RULES } from '../src/shared/settings';
import { ShippedQuery, SHIPPED_SORT_COLUMNS } from '../src/shared/ipc/serials.contract';
import { EventBus } from '../src/main/event-bus';
import { ExportService } from '../src/main/exports/export.service';
import { SerialsService } from '../src/main/services/serials.service';
import { Store } from '../src/main/store/store';
import type { Benchmark, BenchContext, BenchFigure } from './lib/benchmark';
import { formatCount } from './lib/format';
import { seededStore, type StoreSize } from './lib/seeded-store';
import type { ChildRequest, ChildResult } from './queries-exports.child';
import { progressPrinter } from './seed';

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Exports are measured on a store of their own: exactly 1,000,000 shipped serials, whatever --full says. */
const EXPORT_SIZE: StoreSize = { name: '200k-units-1m-shipped', units: 200_000, shippedSerials: 1_000_000 };
const WHOLE_LOG = { from: '2000-01-01', to: '2100-01-01' } as const;
/**
 * Runs interleave raw, CSV, XLSX so a busy spell hits all three alike; the fastest run of
 * each counts (wall and CPU time separately), and the highest peak memory.
 */
const ROUNDS = 3;
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.join(BENCH_DIR, 'queries-exports.child.ts');
const TSNODE = path.join(BENCH_DIR, '..', 'bin', 'tsnode.mjs');

async function runChild(request: ChildRequest): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [TSNODE, CHILD, JSON.stringify(request)], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ChildResult;
}

async function exportFigures(context: BenchContext, dir: string): Promise<BenchFigure[]> {
  context.log(`exports: store with ${formatCount(EXPORT_SIZE.shippedSerials)} shipped serials`);
  const seeded = await seededStore({ size: EXPORT_SIZE, onProgress: progressPrinter() });
  const modes = ['raw', 'csv', 'xlsx'] as const;
  type Mode = (typeof modes)[number];
  const best = new Map<Mode, ChildResult>();
  const cpu = new Map<Mode, number>();
  const peak = new Map<Mode, number>();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const mode of modes) {
      const file = path.join(dir, `shift-log-${mode}.${mode === 'xlsx' ? 'xlsx' : 'csv'}`);
      context.log(`exports: ${mode}, round ${round} of ${ROUNDS}`);
      const result = await runChild({ mode, dataDir: seeded.dataDir, file, filter: WHOLE_LOG });
      fs.rmSync(file, { force: true });
      if (result.rows !== EXPORT_SIZE.shippedSerials)
        throw new Error(`The ${mode} export wrote ${result.rows} rows, not ${EXPORT_SIZE.shippedSerials}.`);
      const previous = best.get(mode);
      if (!previous || result.seconds < previous.seconds) best.set(mode, result);
      cpu.set(mode, Math.min(cpu.get(mode) ?? Infinity, result.cpuSeconds));
      peak.set(mode, Math.max(peak.get(mode) ?? 0, result.peakRssMb));
    }
  }
  const raw = best.get('raw')!;
  const line = (mode: Mode, label: string): BenchFigure => {
    const r = best.get(mode)!;
    const ratio =
      mode === 'raw'
        ? ''
        : `, ${(r.seconds / raw.seconds).toFixed(2)}× the raw loop (CPU ${(cpu.get(mode)! / cpu.get('raw')!).toFixed(2)}×)`;
    return {
      label: `${label}, ${formatCount(r.rows)} rows`,
      value: `${formatCount(Math.round(r.rows / r.seconds))} rows/s`,
      note: `${r.seconds.toFixed(2)} s (CPU ${cpu.get(mode)!.toFixed(2)} s)${ratio}, peak RSS ${peak.get(mode)!.toFixed(0)} MB (${r.rssBeforeMb.toFixed(0)} MB before the export), ${(r.bytes / 1048576).toFixed(0)} MiB file`,
    };
  };
  return [line('raw', 'raw select-and-write loop'), line('csv', 'shift log CSV'), line('xlsx', 'shift log XLSX')];
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

      // Exports: the shift log of a store with 1,000,000 shipped serials, CSV and XLSX,
      // against a bare select-and-write loop over the same query, each in its own process.
      figures.push(...(await exportFigures(context, dir)));
      const exportsService = new ExportService(store, new EventBus(), serials, () => dir);
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
