/**
 * One export measured in a process of its own, so its peak RSS is the export's alone and
 * not whatever the benchmark runner held before. Started by queries-exports.bench.ts:
 *   node bin/tsnode.mjs bench/queries-exports.child.ts '{"mode":"csv","dataDir":"…","file":"…"}'
 * Prints one JSON line: rows, seconds, RSS before the export and peak RSS (MiB).
 */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { DEFAULT_RULES } from '../src/shared/settings';
import { EventBus } from '../src/main/event-bus';
import { shiftLogShippedQuery, type ShiftLogFilter } from '../src/main/exports/export-queries';
import { ExportService } from '../src/main/exports/export.service';
import { CHUNK_CHARS } from '../src/main/exports/sinks';
import { FILE_HIGH_WATER } from '../src/main/exports/zip-writer';
import { SerialsService } from '../src/main/services/serials.service';
import { Store } from '../src/main/store/store';

export interface ChildRequest {
  readonly mode: 'raw' | 'csv' | 'xlsx';
  readonly dataDir: string;
  readonly file: string;
  readonly filter: ShiftLogFilter;
}

export interface ChildResult {
  readonly rows: number;
  readonly seconds: number;
  /** CPU time of all the process's threads (user + system): steadier than wall time on a busy machine. */
  readonly cpuSeconds: number;
  readonly rssBeforeMb: number;
  readonly peakRssMb: number;
  readonly bytes: number;
}

/**
 * The lower bound an export is compared with: the export's own SELECT through a read-only
 * connection, fields joined with commas (no quoting, no neutralizing, no progress, no
 * BOM), written in the same chunk size to the same kind of stream with backpressure.
 */
async function rawLoop(file: string, dbFile: string, filter: ShiftLogFilter): Promise<number> {
  const reader = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
  const out = fs.createWriteStream(file, { flags: 'wx', highWaterMark: FILE_HIGH_WATER });
  const { statement, params } = shiftLogShippedQuery(reader, filter);
  let rows = 0;
  let chunk = '';
  for (const row of statement.iterate(params) as Iterable<unknown[]>) {
    chunk += `${row.join(',')}\r\n`;
    rows += 1;
    if (chunk.length >= CHUNK_CHARS) {
      const more = out.write(chunk);
      chunk = '';
      if (!more) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
  }
  await new Promise<void>((resolve, reject) => out.end(chunk, () => resolve()).once('error', reject));
  reader.close();
  return rows;
}

/**
 * Peak resident memory of this process. getrusage's maxRSS is no use here: Linux carries it
 * over from the parent through fork and exec, so a child of a runner that just seeded a store
 * would report the runner's peak. VmHWM belongs to this process's own address space; where
 * there is no /proc, RSS sampled every 10 ms stands in.
 */
function peakRssSampler(): () => number {
  let sampled = process.memoryUsage().rss;
  const timer = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 10);
  timer.unref();
  return () => {
    clearInterval(timer);
    const status = fs.existsSync('/proc/self/status') ? fs.readFileSync('/proc/self/status', 'utf8') : '';
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return hwm ? Number(hwm[1]) * 1024 : Math.max(sampled, process.memoryUsage().rss);
  };
}

async function main(request: ChildRequest): Promise<ChildResult> {
  const store = Store.open({ dataDir: request.dataDir, readonly: true });
  try {
    const rssBefore = process.memoryUsage().rss;
    const peakRss = peakRssSampler();
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    let rows: number;
    if (request.mode === 'raw') {
      rows = await rawLoop(request.file, store.file, request.filter);
    } else {
      const service = new ExportService(
        store,
        new EventBus(),
        new SerialsService(store, () => DEFAULT_RULES),
        () => '',
      );
      rows = (await service.toFile({ kind: 'shift-log', ...request.filter }, request.mode, request.file)).rows;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    return {
      rows,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rssBeforeMb: rssBefore / 1048576,
      peakRssMb: peakRss() / 1048576,
      bytes: fs.statSync(request.file).size,
    };
  } finally {
    store.close();
  }
}

main(JSON.parse(process.argv[2] ?? '{}') as ChildRequest).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
