import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import { DB_FILE_NAME } from '../../src/main/store/open';
import { imei, UPC } from '../support/catalog-fixture';
import { addOrder, shipHarness } from '../support/ship-fixture';
import { tempDir, tempStore } from '../support/temp-store';

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/cli');

function cli(dataDir: string, args: string[], input?: string, env?: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/packbench.mjs'), '--data-dir', dataDir, ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60_000,
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('packbench CLI', () => {
  it('imports CSVs, reporting row errors with exit code 1 and writing nothing', () => {
    const dir = tempDir();
    expect(cli(dir, ['import', 'products', path.join(fixtures, 'products.csv')]).code).toBe(0);
    const bad = cli(dir, ['--json', 'import', 'orders', path.join(fixtures, 'orders-bad.csv')]);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as { ok: boolean; preview: { errors: { row: number; column: string }[] } };
    expect(report.ok).toBe(false);
    expect(report.preview.errors.map((e) => [e.row, e.column])).toEqual(
      expect.arrayContaining([
        [2, 'sku'],
        [3, 'qty'],
      ]),
    );
    const status = JSON.parse(cli(dir, ['--json', 'status']).stdout) as {
      counts: { orders: number; products: number };
    };
    expect(status.counts).toMatchObject({ orders: 0, products: 3 });
  });

  it('refuses usage errors with exit code 2', () => {
    const dir = tempDir();
    expect(cli(dir, ['frobnicate']).code).toBe(2);
    expect(cli(dir, ['import', 'widgets', 'x.csv']).code).toBe(2);
    expect(cli(dir, ['import', 'products', path.join(dir, 'missing.csv')]).code).toBe(2);
  });

  it('refuses a store that is not a Packbench database, leaving it untouched', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DB_FILE_NAME), 'not a database at all');
    const result = cli(dir, ['status']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not a SQLite database');
    expect(fs.readFileSync(path.join(dir, DB_FILE_NAME), 'utf8')).toBe('not a database at all');
  });

  it('loads demo data once and checks the store', () => {
    const dir = tempDir();
    const demo = cli(dir, ['--json', 'demo-data']);
    expect(demo.code).toBe(0);
    const summary = JSON.parse(demo.stdout) as { products: number; orders: number; purchaseOrders: number };
    expect(summary.products).toBeGreaterThanOrEqual(30);
    expect(summary.orders).toBeGreaterThanOrEqual(50);
    expect(summary.purchaseOrders).toBeGreaterThanOrEqual(5);
    expect(cli(dir, ['demo-data']).code).toBe(1);
    const check = cli(dir, ['--json', 'check']);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, ledger: { ok: true } });
  });

  it('receives and ships through scripted sessions, one JSON line per input line', () => {
    const dir = tempDir();
    for (const kind of ['products', 'pos', 'orders'])
      expect(cli(dir, ['import', kind, path.join(fixtures, `${kind}.csv`)]).code).toBe(0);
    expect(cli(dir, ['operators', 'add', '--name', 'Sam', '--role', 'supervisor', '--pin', '4812']).code).toBe(0);
    expect(cli(dir, ['operators', 'add', '--name', 'Pat', '--role', 'packer', '--pin', '2468']).code).toBe(0);
    expect(cli(dir, ['operators', 'list']).stdout).toContain('Pat\tpacker');

    const noOperator = cli(dir, ['session', 'receive', '--po', 'PO-9'], '');
    expect(noOperator.code).toBe(2);

    const receive = cli(
      dir,
      ['session', 'receive', '--po', 'PO-9', '--operator', 'Sam', '--pin', '4812'],
      [
        '084120000010',
        imei(1),
        imei(2),
        '084120000010',
        imei(3),
        '084120000010',
        imei(4),
        '084120000027',
        '\\x02BADSERIAL\\r',
        'LAPTOP0001',
        '!remove ' + imei(4),
        imei(4),
        '084120000034',
        '!close',
      ].join('\n') + '\n',
    );
    const lines = jsonLines(receive.stdout);
    expect(lines).toHaveLength(15);
    expect(lines[0]).toMatchObject({
      line: 1,
      input: '084120000010',
      ok: true,
      code: 'OK',
      expect: { step: 'serial', slotLabel: 'IMEI 1' },
    });
    expect(lines[5]).toMatchObject({ line: 6, ok: false, code: 'SERIAL_IS_KNOWN_BARCODE' });
    expect(lines[8]).toMatchObject({ line: 9, input: '\\x02BADSERIAL\\r', ok: false, code: 'SERIAL_FORMAT' });
    expect(lines[10]).toMatchObject({ line: 11, ok: true, message: expect.stringContaining('Removed') });
    expect(lines[13]).toMatchObject({ line: 14, ok: true, message: 'Closed: 4 units, 5 serials put in stock.' });
    expect(lines[14]).toMatchObject({ summary: true, ok: false, accepted: 12, rejected: 2, closed: true });
    expect(receive.code).toBe(1);

    const ship = cli(
      dir,
      ['session', 'ship', '--order', 'SO-9', '--operator', 'Pat', '--pin', '2468'],
      [
        '084120000010',
        '084120000010',
        imei(1),
        imei(1),
        imei(2),
        '!ship',
        '084120000034',
        '!override Pat 2468 please',
        'SHIP',
      ].join('\n') + '\n',
    );
    const shipped = jsonLines(ship.stdout);
    expect(shipped[0]).toMatchObject({ ok: true, expect: { step: 'serial', slot: 1, slotLabel: 'IMEI 1' } });
    expect(shipped[1]).toMatchObject({ ok: false, code: 'SERIAL_IS_KNOWN_BARCODE' });
    expect(shipped[3]).toMatchObject({ ok: false, code: 'SERIAL_DUPLICATE_IN_UNIT' });
    expect(shipped[5]).toMatchObject({ ok: false, code: 'SHIP_INCOMPLETE' });
    expect(shipped[7]).toMatchObject({ ok: false, code: 'OVERRIDE_DENIED' });
    expect(shipped[8]).toMatchObject({ ok: true, message: 'Order SO-9 shipped.' });
    expect(shipped[9]).toMatchObject({ summary: true, shipped: true });
    const check = JSON.parse(cli(dir, ['--json', 'check']).stdout) as { ok: boolean; ledger: { events: number } };
    expect(check.ok).toBe(true);
    expect(check.ledger.events).toBeGreaterThan(10);

    // Warranty / return questions from the command line.
    const lookup = cli(dir, [
      '--json',
      'serials',
      'shipped',
      '--serial',
      imei(2),
      '--serial',
      'NEVER-1',
      '--sort',
      'serial:asc',
    ]);
    expect(lookup.code).toBe(1);
    const page = JSON.parse(lookup.stdout) as {
      rows: { serial: string; orderNumber: string; slotLabel: string }[];
      notFound: string[];
    };
    expect(page.rows).toEqual([expect.objectContaining({ serial: imei(2), orderNumber: 'SO-9', slotLabel: 'IMEI 2' })]);
    expect(page.notFound).toEqual(['NEVER-1']);
    expect(cli(dir, ['serials', 'shipped', '--sort', 'password']).code).toBe(2);
    const history = cli(dir, ['serials', 'history', imei(1)]);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/received[\s\S]*shipped/);

    const returned = cli(
      dir,
      ['session', 'return', '--operator', 'Pat', '--pin', '2468'],
      ['SO-9', imei(2), '!restock', imei(3)].join('\n') + '\n',
    );
    const results = jsonLines(returned.stdout);
    expect(results[1]).toMatchObject({ ok: true, code: 'OK', message: expect.stringContaining('Match') });
    expect(results[2]).toMatchObject({ ok: true, message: expect.stringContaining('back in stock') });
    expect(results[3]).toMatchObject({ ok: false, code: 'NOT_SHIPPED' });
    const stock = JSON.parse(
      cli(dir, ['--json', 'serials', 'list', '--status', 'in_stock', '--sku', 'PH-100']).stdout,
    ) as { total: number };
    expect(stock.total).toBe(2);
  });

  it('moves received units between locations through a scripted transfer', () => {
    const dir = tempDir();
    for (const kind of ['products', 'pos'])
      expect(cli(dir, ['import', kind, path.join(fixtures, `${kind}.csv`)]).code).toBe(0);
    expect(cli(dir, ['operators', 'add', '--name', 'Sam', '--role', 'supervisor', '--pin', '4812']).code).toBe(0);
    const login = ['--operator', 'Sam', '--pin', '4812'];
    const receive = cli(
      dir,
      ['session', 'receive', '--po', 'PO-9', ...login],
      ['084120000010', imei(1), imei(2), '084120000027', 'LAPTOP0001', '!close'].join('\n') + '\n',
    );
    expect(receive.code).toBe(0);
    expect(cli(dir, ['session', 'transfer', '--to', 'MAIN/A-01', ...login], '').code).toBe(2);

    const transfer = cli(
      dir,
      ['session', 'transfer', '--from', 'MAIN/RECEIVING', '--to', 'MAIN/A-01', ...login],
      [imei(2), 'LAPTOP0001', 'NOSUCH0001', imei(1), '!remove LAPTOP0001', '!confirm'].join('\n') + '\n',
    );
    const lines = jsonLines(transfer.stdout);
    expect(lines.map((l) => [l.line, l.ok, l.code])).toEqual([
      [1, true, 'OK'],
      [2, true, 'OK'],
      [3, false, 'SERIAL_NOT_IN_STOCK'],
      [4, false, 'CONFLICT'],
      [5, true, 'OK'],
      [6, true, 'OK'],
      [undefined, false, undefined],
    ]);
    expect(lines[5]).toMatchObject({ message: 'Moved 1 unit from MAIN/RECEIVING to MAIN/A-01.', expect: null });
    expect(lines[6]).toMatchObject({
      summary: true,
      transfer: 'MAIN/RECEIVING -> MAIN/A-01',
      accepted: 4,
      rejected: 2,
      confirmed: true,
    });
    expect(transfer.code).toBe(1);

    const history = cli(dir, ['--json', 'serials', 'history', imei(1)]);
    const events = (JSON.parse(history.stdout) as { events: { type: string; details: Record<string, unknown> }[] })
      .events;
    expect(events.filter((e) => e.type === 'transferred').map((e) => e.details.to)).toEqual([
      { warehouse: 'MAIN', location: 'A-01' },
    ]);
    const stock = JSON.parse(cli(dir, ['--json', 'serials', 'list', '--status', 'in_stock']).stdout) as {
      rows: { sku: string; location: string }[];
    };
    expect(stock.rows.map((r) => [r.sku, r.location]).sort()).toEqual([
      ['LT-300', 'RECEIVING'],
      ['PH-100', 'A-01'],
    ]);
  });
  it('exports the shift log by local days of the machine it runs on (TZ), times written with their offset', () => {
    const { store, dataDir } = tempStore();
    const h = shipHarness(store);
    const shipped = [
      ['LAPTP00001', '2026-11-23T07:30:00.000Z'], // 23:30 on the 22nd in Los Angeles
      ['LAPTP00002', '2026-11-23T08:05:12.000Z'], // 00:05 on the 23rd
      ['LAPTP00003', '2026-11-01T09:15:00.000Z'], // 01:15 PST, the second 01:15 of the day the clocks went back
    ].sort((a, b) => a[1]!.localeCompare(b[1]!));
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (const [serial, at] of shipped) {
        vi.setSystemTime(new Date(at!));
        addOrder(store, `SO-${serial}`, [{ productId: h.fixture.products.laptop, qty: 1 }]);
        const session = h.shipping.start(`SO-${serial}`, h.actor);
        h.shipping.scan(session.sessionId, UPC.laptop, 'wedge', h.actor);
        expect(h.shipping.scan(session.sessionId, serial!, 'wedge', h.actor).ok).toBe(true);
        h.shipping.ship(session.sessionId, h.actor);
      }
    } finally {
      vi.useRealTimers();
    }
    store.close();

    const exported = (day: string, tz: string) => {
      const out = path.join(tempDir(), 'log.csv');
      const run = cli(
        dataDir,
        ['export', 'shift-log', '--from', day, '--to', day, '--format', 'csv', '--out', out],
        undefined,
        { TZ: tz },
      );
      expect(run.code).toBe(0);
      const rows = parse(fs.readFileSync(out, 'utf8').slice(1), { columns: true }) as Record<string, string>[];
      return rows.map((r) => [r.Serial, r.Time]);
    };
    expect(exported('2026-11-22', 'America/Los_Angeles')).toEqual([['LAPTP00001', '2026-11-22T23:30:00-08:00']]);
    expect(exported('2026-11-23', 'America/Los_Angeles')).toEqual([['LAPTP00002', '2026-11-23T00:05:12-08:00']]);
    expect(exported('2026-11-01', 'America/Los_Angeles')).toEqual([['LAPTP00003', '2026-11-01T01:15:00-08:00']]);
    expect(exported('2026-11-23', 'UTC')).toEqual([
      ['LAPTP00001', '2026-11-23T07:30:00+00:00'],
      ['LAPTP00002', '2026-11-23T08:05:12+00:00'],
    ]);
  });
});
