import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/main/store/ledger';
import { ensureStation } from '../../src/main/store/repositories/stations.repository';
import { Store } from '../../src/main/store/store';
import { seedCatalog } from '../support/catalog-fixture';
import { addOrder, stockUnits } from '../support/ship-fixture';
import { tempDir } from '../support/temp-store';

const root = path.resolve(__dirname, '../..');
const ORDERS = 400;

function prepare(): string {
  const dataDir = tempDir();
  const store = Store.open({ dataDir });
  const { products } = seedCatalog(store);
  store.write(() => ensureStation(store.statements, 'PACK-1', new Date().toISOString()));
  stockUnits(
    store,
    products.laptop,
    Array.from({ length: ORDERS }, (_, i) => [`KSN${String(i + 1).padStart(7, '0')}`]),
  );
  for (let i = 1; i <= ORDERS; i += 1) addOrder(store, `KO-${i}`, [{ productId: products.laptop, qty: 1 }]);
  store.close();
  return dataDir;
}

/** Runs the child until it has printed `lines` lines starting with `marker`, then kills it (after `delayMs`). */
function runAndKill(dataDir: string, mode: string, marker: string, lines: number, delayMs: number): Promise<string[]> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin/tsnode.mjs'), path.join(root, 'test/support/ship-child.ts'), dataDir, String(ORDERS), mode],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const seen: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let buffer = '';
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) if (line.startsWith(marker)) seen.push(line.slice(marker.length + 1));
      if (!armed && seen.length >= lines) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(seen) : reject(new Error(`child ended ${code}: ${stderr}`)),
    );
  });
}

function assertAllOrNothing(dataDir: string, acknowledged: readonly string[]): void {
  const store = Store.open({ dataDir });
  const rows = store.db
    .prepare(
      `SELECT o.order_number AS orderNumber, o.status,
         (SELECT count(*) FROM shipments s WHERE s.order_id = o.id) AS shipments,
         (SELECT count(*) FROM shipped_serials ss WHERE ss.order_id = o.id) AS serials,
         (SELECT count(*) FROM work_sessions w WHERE w.reference = o.order_number AND w.status = 'closed') AS closedSessions
       FROM orders o WHERE o.order_number LIKE 'KO-%'`,
    )
    .all() as { orderNumber: string; status: string; shipments: number; serials: number; closedSessions: number }[];
  const sold = store.db.prepare("SELECT count(*) AS n FROM units WHERE status = 'sold'").get() as { n: number };
  let shipped = 0;
  for (const row of rows) {
    if (row.status === 'shipped') {
      shipped += 1;
      expect(row).toMatchObject({ shipments: 1, serials: 1, closedSessions: 1 });
    } else {
      expect(row).toMatchObject({ shipments: 0, serials: 0, closedSessions: 0 });
    }
  }
  for (const order of acknowledged) expect(rows.find((r) => r.orderNumber === order)?.status).toBe('shipped');
  expect(sold.n).toBe(shipped);
  expect(verifyLedger(store.db).ok).toBe(true);
  expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  store.close();
}

describe('shipping survives a killed process', () => {
  it('is all-or-nothing when killed during ship transactions', async () => {
    const dataDir = prepare();
    // Killed at an arbitrary moment while shipping continuously: many kills land inside a transaction.
    const acknowledged = await runAndKill(dataDir, 'ship', 'SHIPPED', 25, 3);
    expect(acknowledged.length).toBeGreaterThanOrEqual(25);
    assertAllOrNothing(dataDir, acknowledged);
  });

  it('keeps a fully packed order packed (not shipped) when killed between the last scan and ship', async () => {
    const dataDir = prepare();
    const packed = await runAndKill(dataDir, 'pack-only', 'PACKED', 10, 0);
    const store = Store.open({ dataDir });
    for (const order of packed) {
      const session = store.db
        .prepare("SELECT id, status FROM work_sessions WHERE reference = ? AND kind = 'ship'")
        .get(order) as { id: number; status: string };
      expect(session.status).toBe('active');
      const serials = store.db
        .prepare('SELECT count(*) AS n FROM work_session_serials WHERE session_id = ?')
        .get(session.id) as { n: number };
      expect(serials.n).toBe(1);
    }
    expect(store.db.prepare('SELECT count(*) AS n FROM shipped_serials').get()).toEqual({ n: 0 });
    store.close();
    assertAllOrNothing(dataDir, []);
  });
});
