import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureVendor, insertProduct } from '../src/main/store/repositories/catalog.repository';
import { ReceivingService } from '../src/main/services/receiving.service';
import { AuthService } from '../src/main/services/auth.service';
import { ShippingService } from '../src/main/services/shipping.service';
import { StationService } from '../src/main/services/station.service';
import { readRules } from '../src/main/store/repositories/settings.repository';
import { DB_FILE_NAME } from '../src/main/store/open';
import { Store } from '../src/main/store/store';
import type { Benchmark, BenchFigure } from './lib/benchmark';
import { formatCount, percentile } from './lib/format';

const RECEIVE_UNITS = 5_000;
const SHIP_ORDERS = 50;
const UNITS_PER_ORDER = 20;
const actor = { stationId: null, operatorId: null, shiftId: null };

function micros(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1000;
}

function stats(samples: number[]): { p50: number; p99: number; total: number } {
  const sorted = Float64Array.from(samples).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), total: samples.reduce((a, b) => a + b, 0) };
}

/** A private copy of the seeded store, so the cached one stays as seeded. */
function copyOfSeeded(dataDir: string): { store: Store; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-bench-'));
  const source = Store.open({ dataDir });
  source.db.prepare('VACUUM INTO ?').run(path.join(dir, DB_FILE_NAME));
  source.close();
  return { store: Store.open({ dataDir: dir }), dir };
}

/**
 * The raw lower bound for one scan on the same store with the same pragmas: one indexed
 * uniqueness lookup and one insert in its own IMMEDIATE transaction (as the service persists
 * every scan). Each call times one such scan. The bench takes one raw sample next to every
 * service scan, so a busy spell on a shared machine lands on both sides of the ratio.
 */
function rawProbe(store: Store): () => number {
  store.db.exec('CREATE TABLE bench_raw (id INTEGER PRIMARY KEY, key TEXT NOT NULL) STRICT');
  const lookup = store.db.prepare('SELECT unit_id FROM unit_serials WHERE scope_product_id = ? AND serial_key = ?');
  const insert = store.db.prepare('INSERT INTO bench_raw (key) VALUES (?)');
  const write = store.db.transaction((key: string) => insert.run(key));
  let next = 0;
  return () => {
    const key = `RAWBOUND${String(next++).padStart(7, '0')}`;
    const start = process.hrtime.bigint();
    lookup.get(1, key);
    write.immediate(key);
    return micros(start);
  };
}

const scanPaths: Benchmark = {
  name: 'scan-paths',
  title: 'Receive and ship scans on a seeded store',
  run(context) {
    const seeded = context.seeded();
    const { store, dir } = copyOfSeeded(seeded.dataDir);
    try {
      const now = new Date().toISOString();
      const s = store.statements;
      const { productId, poId } = store.write(() => {
        const productId = insertProduct(
          s,
          {
            sku: 'BENCH-PH',
            name: 'Bench phone',
            trackSerials: true,
            serialsPerUnit: 1,
            serialSlotLabels: ['Serial'],
            serialPattern: '[A-Z0-9]{12}',
            serialLength: null,
            warrantyMonths: 24,
            unitWeightG: 400,
            barcodes: ['BENCH-UPC-1'],
          },
          now,
        );
        const vendor = ensureVendor(s, 'Bench vendor');
        const poId = Number(
          s
            .sql(
              "INSERT INTO purchase_orders (po_number, vendor_id, created_at, updated_at) VALUES ('PO-BENCH', ?, ?, ?)",
            )
            .run(vendor, now, now).lastInsertRowid,
        );
        s.sql(
          'INSERT INTO po_lines (po_id, line_no, product_id, qty_ordered, unit_cost_cents) VALUES (?, 1, ?, ?, 1000)',
        ).run(poId, productId, RECEIVE_UNITS);
        return { productId, poId };
      });
      void poId;
      context.log(`scan-paths: receiving ${RECEIVE_UNITS} serials…`);
      // The rules and stages come from the store, as they do at a station.
      const rules = () => readRules(store.statements);
      const station = new StationService(store, 'BENCH');
      const receiving = new ReceivingService(store, rules);
      const session = receiving.start('PO-BENCH', actor);
      receiving.scan(session.sessionId, 'BENCH-UPC-1', 'wedge', actor);
      const raw = rawProbe(store);
      const rawReceive: number[] = [];
      const receiveSamples: number[] = [];
      for (let i = 0; i < RECEIVE_UNITS; i += 1) {
        rawReceive.push(raw());
        const serial = `BS${String(i).padStart(10, '0')}`;
        const start = process.hrtime.bigint();
        const verdict = receiving.scan(session.sessionId, serial, 'wedge', actor);
        receiveSamples.push(micros(start));
        if (!verdict.ok) throw new Error(`receive scan refused: ${verdict.message}`);
      }
      const closeStart = process.hrtime.bigint();
      receiving.close(session.sessionId, actor, { warehouse: 'MAIN', location: 'BENCH' });
      const closeMs = micros(closeStart) / 1000;

      context.log('scan-paths: shipping 20-unit orders…');
      store.write(() => {
        for (let o = 0; o < SHIP_ORDERS; o += 1) {
          const order = Number(
            s
              .sql("INSERT INTO orders (order_number, customer_name, created_at, updated_at) VALUES (?, 'Bench', ?, ?)")
              .run(`SO-BENCH-${o}`, now, now).lastInsertRowid,
          );
          s.sql('INSERT INTO order_lines (order_id, line_no, product_id, qty) VALUES (?, 1, ?, ?)').run(
            order,
            productId,
            UNITS_PER_ORDER,
          );
        }
      });
      const shipping = new ShippingService(
        store,
        rules,
        () => station.shipStages(),
        new AuthService(store, station.id),
      );
      const rawShip: number[] = [];
      const shipScan: number[] = [];
      const shipCommit: number[] = [];
      let next = 0;
      for (let o = 0; o < SHIP_ORDERS; o += 1) {
        const ship = shipping.start(`SO-BENCH-${o}`, actor);
        for (let u = 0; u < UNITS_PER_ORDER; u += 1) {
          shipping.scan(ship.sessionId, 'BENCH-UPC-1', 'wedge', actor);
          rawShip.push(raw());
          const serial = `BS${String(next++).padStart(10, '0')}`;
          const start = process.hrtime.bigint();
          const verdict = shipping.scan(ship.sessionId, serial, 'wedge', actor);
          shipScan.push(micros(start));
          if (!verdict.ok) throw new Error(`ship scan refused: ${verdict.message}`);
        }
        const start = process.hrtime.bigint();
        shipping.ship(ship.sessionId, actor);
        shipCommit.push(micros(start));
      }

      const rawAll = stats([...rawReceive, ...rawShip]);
      const rawDuringReceive = stats(rawReceive);
      const rawDuringShip = stats(rawShip);
      const receive = stats(receiveSamples);
      const shipStats = stats(shipScan);
      const commit = stats(shipCommit);
      const us = (n: number) => `${n.toFixed(0)} µs`;
      const figures: BenchFigure[] = [
        {
          label: 'raw bound per scan (lookup + insert txn)',
          value: `p50 ${us(rawAll.p50)}, p99 ${us(rawAll.p99)}`,
          note: `p50 ${us(rawDuringReceive.p50)} beside receive, ${us(rawDuringShip.p50)} beside ship`,
        },
        {
          label: `receive serial scan (${formatCount(RECEIVE_UNITS)})`,
          value: `p50 ${us(receive.p50)}, p99 ${us(receive.p99)}`,
          note: `ratio to raw p50 beside it ${(receive.p50 / rawDuringReceive.p50).toFixed(2)}×`,
        },
        {
          label: 'receive 5,000 serials, total',
          value: `${(receive.total / 1e6).toFixed(2)} s`,
          note: `close (units in stock) ${closeMs.toFixed(0)} ms`,
        },
        {
          label: `ship serial scan (${formatCount(shipScan.length)})`,
          value: `p50 ${us(shipStats.p50)}, p99 ${us(shipStats.p99)}`,
          note: `ratio to raw p50 beside it ${(shipStats.p50 / rawDuringShip.p50).toFixed(2)}×`,
        },
        {
          label: `ship commit, ${UNITS_PER_ORDER}-unit order`,
          value: `p50 ${(commit.p50 / 1000).toFixed(1)} ms, p99 ${(commit.p99 / 1000).toFixed(1)} ms`,
        },
      ];
      return figures;
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default scanPaths;
