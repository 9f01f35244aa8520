import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Store } from '../src/main/store/store';
import { BulkLoad } from './lib/bulk-load';
import { customerName, operatorName, shipTo } from './lib/catalog';
import { formatBytes, formatCount, formatSeconds, parseCount, table } from './lib/format';
import { type LedgerBuild, startLedgerBuild } from './lib/ledger-build';
import { LEDGER_COLUMNS, orderNumber, writeLedger } from './lib/ledger-rows';
import { STATUS_NAMES, type SeedPlan, buildPlan } from './lib/plan';
import { Prng, hashUnit } from './lib/random';
import {
  DAY,
  PACKERS,
  PACK_STATIONS,
  RECEIVERS,
  SPAN_DAYS,
  STATION_COUNT,
  SUPERVISORS,
  dateAfterMonths,
  dateAt,
  isoAt,
  realMs,
  shiftIdAt,
  shiftOperator,
} from './lib/timeline';

export interface SeedOptions {
  /** Folder for packbench.db; must not hold a store with data already. */
  readonly dataDir: string;
  readonly units: number;
  /** Rows in shipped_serials (one per code per shipment). */
  readonly shippedSerials: number;
  readonly products?: number;
  /** Total orders; by default about one shipped order per three unit shipments. */
  readonly orders?: number;
  readonly seed?: number;
  /** Build the ledger on a second thread while the main thread writes the rest (default true). */
  readonly parallelLedger?: boolean;
  readonly onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

export interface SeedSummary {
  readonly file: string;
  readonly options: {
    readonly units: number;
    readonly shippedSerials: number;
    readonly products: number;
    readonly orders: number;
    readonly seed: number;
  };
  readonly rows: Readonly<Record<string, number>>;
  readonly totalRows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly phases: readonly { readonly phase: string; readonly seconds: number }[];
  readonly fileBytes: number;
  /** How the ledger got in: built alongside on a second thread, or written on the main one. */
  readonly ledger: 'second thread' | 'main thread';
  /** Why the second thread was not used, when it was asked for. */
  readonly ledgerFallback?: string;
}

export const DEFAULT_PRODUCTS = 2_000;
export const DEFAULT_SEED = 1;
const PROGRESS_EVERY = 100_000;
/**
 * Indexes whose keys the writer produces in ascending order (rows go in by id, in time
 * order): appending to them costs less than sorting them afterwards, and they come out
 * just as compact. Every other secondary index is rebuilt once at the end.
 */
const APPEND_ORDER_INDEXES: ReadonlySet<string> = new Set([
  'shipped_serials_by_created',
  'shipped_serials_by_order',
  'shipments_by_order',
  'units_by_po_line',
]);

/** Scratch file the second thread builds the ledger in, next to the store. */
const LEDGER_SCRATCH = 'packbench.seed-ledger.tmp.db';

/** Fills a new store with years of realistic warehouse history, fast. */
export async function seedStore(options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const phases: { phase: string; seconds: number }[] = [];
  let phaseStarted = started;
  const endPhase = (phase: string): void => {
    const now = performance.now();
    phases.push({ phase, seconds: (now - phaseStarted) / 1000 });
    phaseStarted = now;
  };
  const seed = options.seed ?? DEFAULT_SEED;
  const report = options.onProgress ?? (() => undefined);

  report({ phase: 'plan', done: 0, total: 1 });
  const planOptions = {
    units: options.units,
    shippedSerials: options.shippedSerials,
    products: options.products ?? DEFAULT_PRODUCTS,
    orders: options.orders,
    seed,
  };
  const plan = buildPlan(planOptions);
  report({ phase: 'plan', done: 1, total: 1 });
  endPhase('plan');

  const store = Store.open({ dataDir: options.dataDir });
  const rows: Record<string, number> = {};
  const scratch = path.join(options.dataDir, LEDGER_SCRATCH);
  let build: LedgerBuild | null = null;
  let ledger: SeedSummary['ledger'] = 'main thread';
  let ledgerFallback: string | undefined;
  try {
    const existing = store.db
      .prepare<[], { n: number }>(
        'SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM units) + (SELECT count(*) FROM orders) AS n',
      )
      .get()!.n;
    if (existing > 0) {
      throw new Error(`${store.file} already holds products, units or orders; seed into an empty folder`);
    }
    const bulk = new BulkLoad(store.db, { keepIndexes: APPEND_ORDER_INDEXES });
    if (options.parallelLedger ?? true) {
      try {
        build = startLedgerBuild(
          { plan: planOptions, file: scratch, ...bulk.definitionOf('serial_events') },
          (phase, done, total) => report({ phase, done, total }),
        );
      } catch (error) {
        ledgerFallback = error instanceof Error ? error.message : String(error);
      }
    }
    const writer = new Writer(bulk, plan, rows, report);
    writer.reference();
    endPhase('reference data');
    writer.receiving();
    endPhase('receiving');
    writer.shipping();
    endPhase('shipping');
    const indexProgress = (name: string, done: number, total: number): void =>
      report({ phase: `indexes${name ? ` (${name})` : ''}`, done, total });
    if (build) {
      // The main thread would only wait for the ledger: index the other tables meanwhile.
      bulk.buildIndexesExcept(new Set(['serial_events']), indexProgress);
      endPhase('indexes of other tables');
      try {
        rows['serial_events'] = await build.done;
        endPhase('waiting for the ledger thread');
        report({ phase: 'copying the ledger in', done: 0, total: 1 });
        bulk.copyTableFrom(scratch, 'serial_events');
        ledger = 'second thread';
      } catch (error) {
        ledgerFallback = error instanceof Error ? error.message : String(error);
      }
    }
    if (ledger === 'main thread') writer.ledger();
    endPhase('ledger');
    bulk.finish(indexProgress);
    endPhase('indexes + analyze');
  } finally {
    await build?.stop();
    fs.rmSync(scratch, { force: true });
    store.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
  return {
    file: store.file,
    options: {
      units: options.units,
      shippedSerials: options.shippedSerials,
      products: plan.products.length,
      orders: plan.orders,
      seed,
    },
    rows,
    totalRows,
    seconds,
    rowsPerSecond: totalRows / seconds,
    phases,
    fileBytes: fs.statSync(store.file).size,
    ledger,
    ...(ledgerFallback === undefined ? {} : { ledgerFallback }),
  };
}

/** Streams a plan into the store, table by table, in id order. */
class Writer {
  readonly #bulk: BulkLoad;
  readonly #plan: SeedPlan;
  readonly #rows: Record<string, number>;
  readonly #report: (progress: SeedProgress) => void;
  readonly #prng: Prng;

  constructor(bulk: BulkLoad, plan: SeedPlan, rows: Record<string, number>, report: (progress: SeedProgress) => void) {
    this.#bulk = bulk;
    this.#plan = plan;
    this.#rows = rows;
    this.#report = report;
    // Separate from the plan's stream: names and addresses do not shift the plan.
    this.#prng = new Prng(plan.seed ^ 0x51ed2701);
  }

  #insert(table: string, columns: string, params: readonly unknown[]): void {
    this.#bulk.insert(table, columns, params);
    this.#rows[table] = (this.#rows[table] ?? 0) + 1;
  }

  reference(): void {
    const plan = this.#plan;
    const seed = plan.seed;
    const createdAt = isoAt(0);
    for (let s = 1; s <= STATION_COUNT; s += 1) {
      const name =
        s <= PACK_STATIONS
          ? `PACK-${String(s).padStart(2, '0')}`
          : `RECV-${String(s - PACK_STATIONS).padStart(2, '0')}`;
      this.#insert('stations', 'id, name, created_at', [s, name, createdAt]);
    }
    const roles = [
      ...Array<string>(PACKERS).fill('packer'),
      ...Array<string>(RECEIVERS).fill('receiver'),
      ...Array<string>(SUPERVISORS).fill('supervisor'),
    ];
    // Seeded operators have no usable PIN: nobody can sign in as them.
    roles.forEach((role, i) =>
      this.#insert('operators', 'id, name, role, pin_hash, active, created_at', [
        i + 1,
        operatorName(i),
        role,
        'disabled',
        1,
        createdAt,
      ]),
    );
    let shiftId = 0;
    for (let day = 0; day < SPAN_DAYS; day += 1) {
      for (let station = 1; station <= STATION_COUNT; station += 1) {
        for (let half = 0; half < 2; half += 1) {
          shiftId += 1;
          const startMs = realMs(day * DAY + half * (DAY / 2));
          this.#insert('shifts', 'id, operator_id, station_id, started_at, ended_at, end_reason', [
            shiftId,
            shiftOperator(seed, shiftId),
            station,
            new Date(startMs).toISOString(),
            new Date(startMs + 8 * 3_600_000).toISOString(),
            'end of shift',
          ]);
        }
      }
    }
    plan.vendors.forEach((name, i) => this.#insert('vendors', 'id, name, skip_serial_prompt', [i + 1, name, 0]));
    for (const p of plan.products) {
      this.#insert(
        'products',
        'id, sku, name, track_serials, serials_per_unit, serial_slot_labels, serial_pattern, serial_length, warranty_months, unit_weight_g, demo, created_at, updated_at',
        [
          p.id,
          p.sku,
          p.name,
          p.tracked ? 1 : 0,
          p.serialsPerUnit,
          JSON.stringify(p.slotLabels),
          p.serialPattern,
          p.serialLength,
          p.warrantyMonths,
          p.weightG,
          0,
          createdAt,
          createdAt,
        ],
      );
      for (const b of p.barcodes) this.#insert('product_barcodes', 'code, product_id, kind', [b.code, p.id, b.kind]);
    }
  }

  receiving(): void {
    const plan = this.#plan;
    const total = plan.units;
    let u = 0;
    plan.purchaseOrders.forEach((po, i) => {
      this.#insert('purchase_orders', 'id, po_number, vendor_id, status, demo, created_at, updated_at', [
        i + 1,
        po.number,
        po.vendorId,
        po.status,
        0,
        isoAt(po.createdAt),
        isoAt(po.updatedAt),
      ]);
      for (const line of po.lines) {
        this.#insert('po_lines', 'id, po_id, line_no, product_id, qty_ordered, qty_received, unit_cost_cents', [
          line.id,
          i + 1,
          line.lineNo,
          line.productIndex + 1,
          line.qtyOrdered,
          line.qtyReceived,
          line.costCents,
        ]);
        for (let n = 0; n < line.qtyReceived; n += 1, u += 1) {
          this.#unit(u, po.number);
          if (u % PROGRESS_EVERY === 0) this.#report({ phase: 'receiving', done: u, total });
        }
      }
    });
    this.#report({ phase: 'receiving', done: total, total });
  }

  #unit(u: number, poNumber: string): void {
    const plan = this.#plan;
    const productId = plan.unitProduct[u]!;
    const product = plan.products[productId - 1]!;
    const status = STATUS_NAMES[plan.unitStatus[u]!]!;
    const received = plan.unitReceived[u]!;
    const where = hashUnit(plan.seed, u, 0x10c);
    const location =
      status === 'sold'
        ? null
        : status === 'returned'
          ? 'RETURNS'
          : status === 'defective'
            ? 'QUARANTINE'
            : `${String.fromCharCode(65 + Math.floor(where * 12))}${String(1 + (Math.floor(where * 997) % 40)).padStart(2, '0')}-${1 + (Math.floor(where * 7919) % 6)}`;
    this.#insert(
      'units',
      'id, product_id, status, lot, warehouse, location, purchase_date, warranty_expires_on, unit_cost_cents, po_line_id, created_at, updated_at',
      [
        u + 1,
        productId,
        status,
        product.lotTracked ? `L${dateAt(received).slice(2, 7).replace('-', '')}-${poNumber.slice(-3)}` : null,
        where < 0.85 ? 'MAIN' : 'ANNEX',
        location,
        dateAt(received),
        product.warrantyMonths > 0 ? dateAfterMonths(received, product.warrantyMonths) : null,
        plan.unitCost[u],
        plan.unitPoLine[u],
        isoAt(received),
        isoAt(plan.unitUpdated[u]!),
      ],
    );
    for (let code = plan.unitFirstCode[u]!, slot = 1; code < plan.unitFirstCode[u + 1]!; code += 1, slot += 1) {
      this.#insert('unit_serials', 'unit_id, product_id, slot, serial, serial_key, scope_product_id', [
        u + 1,
        productId,
        slot,
        plan.serials[code],
        plan.keys[code],
        productId,
      ]);
    }
  }

  shipping(): void {
    const plan = this.#plan;
    const prng = this.#prng;
    const untracked = plan.products.filter((p) => !p.tracked);
    const tracked = plan.products.filter((p) => p.tracked);
    let cancelled = 0;
    const writeCancelled = (beforeGroup: number): void => {
      while (cancelled < plan.cancelledOrders.length && plan.cancelledOrders[cancelled]!.beforeGroup === beforeGroup) {
        const order = plan.cancelledOrders[cancelled]!;
        this.#order(order.id, 'cancelled', Math.max(0, order.at - Math.floor(prng.next() * 2 * DAY)), order.at);
        const lines = prng.int(1, 2);
        for (let l = 1; l <= lines; l += 1) this.#orderLine(order.id, l, prng.pick(tracked).id, prng.int(1, 2));
        cancelled += 1;
      }
    };

    let rowsDone = 0;
    for (let g = 0; g < plan.groups; g += 1) {
      writeCancelled(g);
      const orderId = plan.groupOrder[g]!;
      const at = plan.groupTime[g]!;
      this.#order(orderId, 'shipped', Math.max(0, at - Math.floor(hashUnit(plan.seed, g, 0x0c7) * 3 * DAY)), at);
      // One line per product in the parcel, in the order the packer met them.
      const lineProducts: number[] = [];
      const lineIds: number[] = [];
      const lineQty: number[] = [];
      let weight = 150 + Math.floor(hashUnit(plan.seed, g, 0x3e1) * 450);
      for (let m = plan.groupStart[g]!; m < plan.groupStart[g + 1]!; m += 1) {
        const u = plan.cycleUnit[plan.groupMembers[m]!]!;
        const productId = plan.unitProduct[u]!;
        const lineIndex = lineProducts.indexOf(productId);
        if (lineIndex === -1) {
          lineProducts.push(productId);
          lineQty.push(1);
        } else lineQty[lineIndex] = lineQty[lineIndex]! + 1;
        weight += plan.products[productId - 1]!.weightG;
      }
      lineProducts.forEach((productId, i) => lineIds.push(this.#orderLine(orderId, i + 1, productId, lineQty[i]!)));
      if (untracked.length > 0 && prng.chance(0.2)) {
        const accessory = prng.pick(untracked);
        const qty = prng.int(1, 3);
        this.#orderLine(orderId, lineProducts.length + 1, accessory.id, qty);
        weight += accessory.weightG * qty;
      }
      const station = plan.groupStation[g]!;
      const shift = shiftIdAt(at, station);
      const shippedAt = isoAt(at);
      this.#insert('shipments', 'id, order_id, station_id, operator_id, shift_id, shipped_at, weight_g, label', [
        g + 1,
        orderId,
        station,
        shiftOperator(plan.seed, shift),
        shift,
        shippedAt,
        weight,
        null,
      ]);
      for (let m = plan.groupStart[g]!; m < plan.groupStart[g + 1]!; m += 1) {
        const u = plan.cycleUnit[plan.groupMembers[m]!]!;
        const productId = plan.unitProduct[u]!;
        const product = plan.products[productId - 1]!;
        const lineId = lineIds[lineProducts.indexOf(productId)]!;
        for (let code = plan.unitFirstCode[u]!, slot = 1; code < plan.unitFirstCode[u + 1]!; code += 1, slot += 1) {
          this.#insert(
            'shipped_serials',
            'shipment_id, serial, serial_key, order_id, order_line_id, product_id, unit_id, slot, slot_label, overridden, shipped_at, created_at',
            [
              g + 1,
              plan.serials[code],
              plan.keys[code],
              orderId,
              lineId,
              productId,
              u + 1,
              slot,
              product.slotLabels[slot - 1] ?? null,
              0,
              shippedAt,
              shippedAt,
            ],
          );
          rowsDone += 1;
          if (rowsDone % PROGRESS_EVERY === 0)
            this.#report({ phase: 'shipping', done: rowsDone, total: plan.shippedRows });
        }
      }
    }
    writeCancelled(plan.groups);

    // Open orders hold the reserved units, their serials pre-allocated to the lines.
    for (const order of plan.openOrders) {
      this.#order(order.id, order.status, order.at, order.at);
      const products = [...new Set(order.units.map((u) => plan.unitProduct[u]!))];
      products.forEach((productId, i) => {
        const members = order.units.filter((u) => plan.unitProduct[u] === productId);
        const lineId = this.#orderLine(order.id, i + 1, productId, members.length);
        for (const u of members) {
          for (let code = plan.unitFirstCode[u]!; code < plan.unitFirstCode[u + 1]!; code += 1) {
            this.#insert('order_line_serials', 'order_line_id, serial, serial_key, unit_id', [
              lineId,
              plan.serials[code],
              plan.keys[code],
              u + 1,
            ]);
          }
        }
      });
    }
    this.#bulk.flush();
    this.#report({ phase: 'shipping', done: plan.shippedRows, total: plan.shippedRows });
  }

  #order(id: number, status: string, createdAt: number, updatedAt: number): void {
    this.#insert('orders', 'id, order_number, customer_name, ship_to, status, demo, created_at, updated_at', [
      id,
      orderNumber(id),
      customerName(this.#prng),
      shipTo(this.#prng),
      status,
      0,
      isoAt(createdAt),
      isoAt(updatedAt),
    ]);
  }

  #orderLine(orderId: number, lineNo: number, productId: number, qty: number): number {
    const id = (this.#rows['order_lines'] ?? 0) + 1;
    this.#insert('order_lines', 'id, order_id, line_no, product_id, qty', [id, orderId, lineNo, productId, qty]);
    return id;
  }

  /** The ledger written here, row by row: the fallback when it cannot be built alongside. */
  ledger(): void {
    const total = this.#plan.eventCount;
    writeLedger(
      this.#plan,
      (row) => this.#bulk.insert('serial_events', LEDGER_COLUMNS, row),
      (done) => this.#report({ phase: 'ledger', done, total }),
    );
    this.#rows['serial_events'] = total;
  }
}

export function formatSummary(summary: SeedSummary): string {
  const rows: string[][] = [['table', 'rows']];
  for (const [name, count] of Object.entries(summary.rows)) rows.push([name, formatCount(count)]);
  rows.push(['total', formatCount(summary.totalRows)]);
  const phases: string[][] = [['phase', 'time']];
  for (const p of summary.phases) phases.push([p.phase, formatSeconds(p.seconds)]);
  return [
    table(rows),
    '',
    table(phases),
    '',
    `Seeded ${summary.file}`,
    `${formatCount(summary.totalRows)} rows in ${formatSeconds(summary.seconds)} (${formatCount(summary.rowsPerSecond)} rows/s), file ${formatBytes(summary.fileBytes)}`,
    `Ledger written on the ${summary.ledger}${summary.ledgerFallback ? ` (second thread unavailable: ${summary.ledgerFallback})` : ''}`,
  ].join('\n');
}

/** Progress on one rewritten line when attached to a terminal, sparse lines otherwise. */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (p: SeedProgress) => void {
  let lastPhase = '';
  let lastPrinted = 0;
  return (p) => {
    const now = performance.now();
    const finished = p.done >= p.total;
    if (!stream.isTTY) {
      if (p.phase !== lastPhase || finished || now - lastPrinted > 10_000) {
        stream.write(`${p.phase}: ${formatCount(p.done)} / ${formatCount(p.total)}\n`);
        lastPrinted = now;
      }
    } else {
      stream.write(`\r\x1b[2K${p.phase}: ${formatCount(p.done)} / ${formatCount(p.total)}${finished ? '\n' : ''}`);
    }
    lastPhase = p.phase;
  };
}

const USAGE = `Usage: node bin/tsnode.mjs bench/seed.ts --data-dir DIR [--units 1M] [--shipped 5M] [--products 2000] [--orders N] [--seed 1]`;

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      units: { type: 'string' },
      shipped: { type: 'string' },
      products: { type: 'string' },
      orders: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values['data-dir']) throw new Error(`--data-dir is required (an empty folder for the seeded store)\n${USAGE}`);
  const units = parseCount(values.units, '--units') ?? 100_000;
  const summary = await seedStore({
    dataDir: values['data-dir'],
    units,
    shippedSerials: parseCount(values.shipped, '--shipped') ?? units * 5,
    products: parseCount(values.products, '--products'),
    orders: parseCount(values.orders, '--orders'),
    seed: parseCount(values.seed, '--seed'),
    onProgress: progressPrinter(),
  });
  console.log(formatSummary(summary));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
