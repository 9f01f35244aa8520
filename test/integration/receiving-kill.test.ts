import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/shared/settings';
import { ReceivingService } from '../../src/main/services/receiving.service';
import { Store } from '../../src/main/store/store';
import { UPC, seedCatalog } from '../support/catalog-fixture';
import { tempDir } from '../support/temp-store';

const root = path.resolve(__dirname, '../..');

describe('receiving survives a killed process', () => {
  it('keeps every acknowledged serial after SIGKILL mid-session', async () => {
    const dataDir = tempDir();
    const store = Store.open({ dataDir });
    const { products } = seedCatalog(store);
    const now = new Date().toISOString();
    const vendor = (store.db.prepare('SELECT id FROM vendors LIMIT 1').get() as { id: number }).id;
    const po = Number(
      store.db
        .prepare(
          "INSERT INTO purchase_orders (po_number, vendor_id, created_at, updated_at) VALUES ('PO-BIG', ?, ?, ?)",
        )
        .run(vendor, now, now).lastInsertRowid,
    );
    store.db
      .prepare('INSERT INTO po_lines (po_id, line_no, product_id, qty_ordered) VALUES (?, 1, ?, 100000)')
      .run(po, products.laptop);
    store.close();

    const child = spawn(
      process.execPath,
      [
        path.join(root, 'bin/tsnode.mjs'),
        path.join(root, 'test/support/receive-child.ts'),
        dataDir,
        'PO-BIG',
        UPC.laptop,
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const acked: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) if (line.startsWith('ACK ')) acked.push(line.slice(4));
        if (acked.length >= 60 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${stderr}`)),
      );
    });
    expect(acked.length).toBeGreaterThanOrEqual(60);

    const reopened = Store.open({ dataDir });
    const service = new ReceivingService(reopened, () => DEFAULT_RULES);
    const view = service.start('PO-BIG', { stationId: null, operatorId: null, shiftId: null });
    expect(view.resumed).toBe(true);
    const stored = new Set(
      (reopened.db.prepare('SELECT serial FROM work_session_serials').all() as { serial: string }[]).map(
        (r) => r.serial,
      ),
    );
    for (const serial of acked) expect(stored.has(serial)).toBe(true);
    // Nothing beyond what was acknowledged, plus at most the one in flight when the kill landed.
    expect(stored.size).toBeLessThanOrEqual(acked.length + 1);
    expect(view.totals.unitsDone).toBe(stored.size);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });
});
