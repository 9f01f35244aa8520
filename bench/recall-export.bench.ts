import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { DEFAULT_RULES } from '../src/shared/settings';
import type { ExportRequest } from '../src/shared/ipc/exports.contract';
import { EventBus } from '../src/main/event-bus';
import { ExportService } from '../src/main/exports/export.service';
import { CHUNK_CHARS } from '../src/main/exports/sinks';
import { FILE_HIGH_WATER } from '../src/main/exports/zip-writer';
import { SerialsService } from '../src/main/services/serials.service';
import { Store } from '../src/main/store/store';
import type { Benchmark, BenchFigure } from './lib/benchmark';
import { formatCount } from './lib/format';

/** Raw and exporter runs interleave so a busy spell hits both; the fastest of each counts. */
const ROUNDS = 3;
/** A recall of a product sold for years: the SKU whose shipped rows come nearest this. */
const TARGET_ROWS = 100_000;

interface Timed {
  readonly rows: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly bytes: number;
}

async function timed(file: string, work: () => Promise<number>): Promise<Timed> {
  fs.rmSync(file, { force: true });
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const rows = await work();
  const cpu = process.cpuUsage(cpuStart);
  const result = {
    rows,
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    bytes: fs.statSync(file).size,
  };
  fs.rmSync(file, { force: true });
  return result;
}

/**
 * The lower bound: one hand-written SELECT of the same rows and columns through a read-only
 * connection, fields joined with commas (no quoting, no neutralizing, no BOM, no progress),
 * in the exporter's chunk size to the same kind of stream, waiting for `drain`.
 */
async function rawLoop(dbFile: string, file: string, sql: string, param: number): Promise<number> {
  const reader = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
  const out = fs.createWriteStream(file, { flags: 'wx', highWaterMark: FILE_HIGH_WATER });
  let rows = 0;
  let chunk = '';
  try {
    for (const row of reader.prepare(sql).raw(true).iterate(param) as Iterable<unknown[]>) {
      chunk += `${row.join(',')}\r\n`;
      rows += 1;
      if (chunk.length >= CHUNK_CHARS) {
        const more = out.write(chunk);
        chunk = '';
        if (!more) await new Promise<void>((resolve) => out.once('drain', resolve));
      }
    }
    await new Promise<void>((resolve, reject) => out.end(chunk, () => resolve()).once('error', reject));
  } finally {
    reader.close();
  }
  return rows;
}

/**
 * The recall list as the Shipped Serial Numbers screen exports it (newest first): serial,
 * slot, order, customer, SKU, product, ship and record times, warranty end and status.
 */
const RAW_SHIPPED = `SELECT ss.serial, ss.slot_label, o.order_number, o.customer_name, p.sku, p.name, ss.shipped_at, ss.created_at,
    w.expires_on, CASE WHEN w.expires_on IS NULL THEN 'none' WHEN w.expires_on >= date('now') THEN 'in-warranty' ELSE 'expired' END
  FROM shipped_serials ss
    JOIN orders o ON o.id = ss.order_id
    JOIN products p ON p.id = ss.product_id
    JOIN shipped_serial_warranty w ON w.id = ss.id
  WHERE ss.product_id = ?
  ORDER BY ss.created_at DESC, ss.id DESC`;

/** Every serial of the product with its unit's status and place (the product serial export). */
const RAW_PRODUCT_SERIALS = `SELECT p.sku, p.name, us.serial,
    coalesce(json_extract(p.serial_slot_labels, '$[' || (us.slot - 1) || ']'), 'Serial ' || us.slot),
    u.status, u.warehouse, u.location, u.lot, po.po_number, u.created_at
  FROM units u JOIN unit_serials us ON us.unit_id = u.id JOIN products p ON p.id = u.product_id
    LEFT JOIN po_lines pl ON pl.id = u.po_line_id LEFT JOIN purchase_orders po ON po.id = pl.po_id
  WHERE u.product_id = ?
  ORDER BY u.id, us.slot`;

function pickSku(db: Database): { id: number; sku: string; shipped: number } {
  return db
    .prepare(
      `SELECT p.id, p.sku, t.n AS shipped FROM products p JOIN (
         SELECT product_id, count(*) AS n FROM shipped_serials INDEXED BY shipped_serials_by_product GROUP BY product_id
       ) t ON t.product_id = p.id ORDER BY abs(t.n - ${TARGET_ROWS}), p.id LIMIT 1`,
    )
    .get() as { id: number; sku: string; shipped: number };
}

const recallExport: Benchmark = {
  name: 'recall-export',
  title: 'Recall export of one SKU (CSV) against the raw select-and-write loop',
  async run(context) {
    const seeded = context.seeded();
    const store = Store.open({ dataDir: seeded.dataDir, readonly: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-recall-bench-'));
    const figures: BenchFigure[] = [];
    try {
      const product = pickSku(store.db);
      const units = store.db
        .prepare('SELECT count(*) FROM unit_serials WHERE product_id = ?')
        .pluck()
        .get(product.id) as number;
      const exports = new ExportService(
        store,
        new EventBus(),
        new SerialsService(store, () => DEFAULT_RULES),
        () => dir,
      );
      const cases: readonly {
        label: string;
        request: ExportRequest;
        sql: string;
        rows: number;
      }[] = [
        {
          label: `shipped serials of SKU ${product.sku} (recall)`,
          request: { kind: 'shipped-serials', query: { sku: product.sku } },
          sql: RAW_SHIPPED,
          rows: product.shipped,
        },
        {
          label: `product serials of SKU ${product.sku}`,
          request: { kind: 'product-serials', skus: [product.sku] },
          sql: RAW_PRODUCT_SERIALS,
          rows: units,
        },
      ];
      for (const c of cases) {
        let raw: Timed | undefined;
        let exporter: Timed | undefined;
        let rawCpu = Infinity;
        let exporterCpu = Infinity;
        for (let round = 1; round <= ROUNDS; round += 1) {
          context.log(`recall-export: ${c.label}, round ${round} of ${ROUNDS}`);
          const file = path.join(dir, 'export.csv');
          const r = await timed(file, () => rawLoop(store.file, file, c.sql, product.id));
          const e = await timed(file, async () => (await exports.toFile(c.request, 'csv', file)).rows);
          for (const [label, t] of [
            ['raw loop', r],
            ['exporter', e],
          ] as const) {
            if (t.rows !== c.rows) throw new Error(`${c.label}: the ${label} wrote ${t.rows} rows, not ${c.rows}.`);
          }
          if (!raw || r.seconds < raw.seconds) raw = r;
          if (!exporter || e.seconds < exporter.seconds) exporter = e;
          rawCpu = Math.min(rawCpu, r.cpuSeconds);
          exporterCpu = Math.min(exporterCpu, e.cpuSeconds);
        }
        const rate = (t: Timed): string => `${formatCount(Math.round(t.rows / t.seconds))} rows/s`;
        const mib = (t: Timed): string => `${(t.bytes / 1048576).toFixed(1)} MiB`;
        figures.push(
          {
            label: `${c.label}, ${formatCount(c.rows)} rows: raw loop`,
            value: rate(raw!),
            note: `${(raw!.seconds * 1000).toFixed(0)} ms (CPU ${(rawCpu * 1000).toFixed(0)} ms), ${mib(raw!)}`,
          },
          {
            label: `${c.label}, ${formatCount(c.rows)} rows: CSV export`,
            value: rate(exporter!),
            note: `${(exporter!.seconds * 1000).toFixed(0)} ms (CPU ${(exporterCpu * 1000).toFixed(0)} ms), ${(exporter!.seconds / raw!.seconds).toFixed(2)}× the raw loop (CPU ${(exporterCpu / rawCpu).toFixed(2)}×), ${mib(exporter!)}`,
          },
        );
      }
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};

export default recallExport;
