import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/main/app-context';
import type { Caller } from '../../src/main/dispatcher';
import { seedCatalog } from '../support/catalog-fixture';
import { tempDir } from '../support/temp-store';

async function station() {
  const dataDir = tempDir();
  const context = createAppContext({ dataDir, mode: 'cli', stationName: 'SUP-2' });
  seedCatalog(context.store);
  const supervisor: Caller = { id: 's', trusted: true, operator: null };
  await context.dispatcher.dispatch('auth:create-first-supervisor', { name: 'Sam', pin: '4812' }, supervisor);
  await context.dispatcher.dispatch('operators:add', { name: 'Rae', role: 'receiver', pin: '1357' }, supervisor);
  const receiver: Caller = { id: 'r', trusted: true, operator: null };
  await context.dispatcher.dispatch('auth:sign-in', { name: 'Rae', pin: '1357' }, receiver);
  const call = (caller: Caller, channel: string, input?: unknown) =>
    context.dispatcher.dispatch(channel, input, caller);
  const product = (sku: string) =>
    context.store.db
      .prepare(
        'SELECT track_serials AS tracked, serials_per_unit AS perUnit, serial_slot_labels AS labels, serial_pattern AS pattern FROM products WHERE sku = ?',
      )
      .get(sku) as { tracked: number; perUnit: number; labels: string; pattern: string | null } | undefined;
  const importProducts = async (content: string) => {
    const preview = await context.services.imports.preview({ kind: 'products', fileName: 'products.csv', content });
    return preview;
  };
  return { dataDir, context, supervisor, receiver, call, product, importProducts };
}

describe('supervisor-only changes are refused in the station, not only hidden on screen', () => {
  it('answers FORBIDDEN to a receiver changing rules, station, backups, products, or asking for the dashboard', async () => {
    const { context, receiver, call } = await station();
    const attempts: [string, unknown][] = [
      ['settings:update-rules', { rules: { allowDuplicateSerialsInOrder: true } }],
      ['settings:update-station', { stages: { weigh: true } }],
      ['settings:update-backup', { keep: 1 }],
      ['backup:run-now', {}],
      ['products:update', { sku: 'LT-300', patch: { trackSerials: false } }],
      ['products:bulk-update', { skus: ['LT-300'], patch: { warrantyMonths: 0 } }],
      ['dashboard:get', {}],
    ];
    for (const [channel, input] of attempts) {
      expect(await call(receiver, channel, input), channel).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Only a supervisor can do this.' },
      });
    }
    const settings = context.services.admin.settings();
    expect(settings.rules.allowDuplicateSerialsInOrder).toBe(false);
    expect(settings.station.stages.weigh).toBe(false);
    expect(settings.backup.keep).toBe(14);
    expect(fs.existsSync(context.services.admin.backupFolder())).toBe(false);
    await context.close();
  });
});

describe('imports through the station', () => {
  it('lets only a supervisor import products, anyone signed in import orders, and nobody signed out', async () => {
    const { context, supervisor, receiver, call, product } = await station();
    const preview = async (kind: string, content: string) => {
      const answer = (await call(receiver, 'imports:preview', { kind, fileName: `${kind}.csv`, content })) as {
        ok: true;
        value: { importId: string; errors: unknown[] };
      };
      expect(answer.value.errors).toEqual([]);
      return answer.value.importId;
    };
    const products = await preview('products', 'sku,name\nNEW-1,Carton sealer\n');
    expect(await call(receiver, 'imports:commit', { importId: products })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('Only a supervisor can import products') },
    });
    expect(product('NEW-1')).toBeUndefined();
    const signedOut: Caller = { id: 'x', trusted: true, operator: null };
    expect(await call(signedOut, 'imports:commit', { importId: products })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    // The preview is still there for the supervisor to commit.
    await call(supervisor, 'auth:sign-in', { name: 'Sam', pin: '4812' });
    expect(await call(supervisor, 'imports:commit', { importId: products })).toMatchObject({ ok: true });
    expect(product('NEW-1')).toBeDefined();
    const orders = await preview('orders', 'order_number,sku,qty\nSO-IMP-1,NEW-1,1\n');
    expect(await call(receiver, 'imports:commit', { importId: orders })).toMatchObject({ ok: true });
    await context.close();
  });
});

describe('products through CSV', () => {
  it('round-trips an edit: export, change "Has serial numbers" and labels, import, the product changes', async () => {
    const { context, dataDir, importProducts, product } = await station();
    const file = path.join(dataDir, 'products.csv');
    await context.services.exports.toFile({ kind: 'products' }, 'csv', file);
    const lines = fs
      .readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/);
    const header = lines[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['sku', 'has_serial_numbers', 'serials_per_unit', 'serial_labels']));
    const col = (name: string) => header.indexOf(name);
    const edited = lines.map((line, i) => {
      if (i === 0 || !line.startsWith('LT-300,')) return line;
      const cells = line.split(',');
      cells[col('serials_per_unit')] = '2';
      cells[col('serial_labels')] = 'Board|Chassis';
      return cells.join(',');
    });
    expect(edited.join('\n')).not.toBe(lines.join('\n'));
    const preview = await importProducts(edited.join('\n'));
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toMatchObject({ updated: 1, unchanged: 3 });
    await context.services.imports.commit(preview.importId);
    expect(product('LT-300')).toMatchObject({ tracked: 1, perUnit: 2, labels: '["Board","Chassis"]' });
    await context.close();
  });

  it('rejects rows whose serial settings contradict each other, names row and column, and changes nothing', async () => {
    const { context, importProducts, product } = await station();
    const csv = [
      'sku,name,barcodes,has_serial_numbers,serials_per_unit,serial_labels,serial_pattern,serial_length',
      'NEW-1,Scanner,,yes,0,,,',
      'NEW-2,Router,,yes,1,,([A-Z,',
      'NEW-3,Phone,,yes,2,IMEI,,',
      'NEW-4,Fine product,,yes,1,,,',
    ].join('\n');
    const preview = await importProducts(csv);
    const errors = preview.errors.map((e) => ({ row: e.row, column: e.column }));
    expect(errors).toEqual(
      expect.arrayContaining([
        { row: 2, column: 'serials_per_unit' },
        { row: 3, column: 'serial_pattern' },
        { row: 4, column: 'serial_labels' },
      ]),
    );
    expect(preview.errors.find((e) => e.row === 3)?.message).toContain('not a valid regular expression');
    expect(preview.errors.find((e) => e.row === 4)?.message).toContain('give one label per serial');
    expect(preview.errors.some((e) => e.row === 5)).toBe(false);
    // All or nothing: the good row is not written while others are wrong.
    await expect(Promise.resolve().then(() => context.services.imports.commit(preview.importId))).rejects.toThrow(
      /3 errors.*Nothing was imported/,
    );
    expect(product('NEW-4')).toBeUndefined();
    await context.close();
  });

  it('new products follow the organization default when "Has serial numbers" is blank', async () => {
    const { context, supervisor, call, importProducts, product } = await station();
    const csv = 'sku,name,has_serial_numbers\nDEF-ON,Follows default,\nDEF-NO,Says no,no\n';
    const on = await importProducts(csv);
    await context.services.imports.commit(on.importId);
    expect(product('DEF-ON')?.tracked).toBe(1);
    expect(product('DEF-NO')?.tracked).toBe(0);

    await call(supervisor, 'settings:update-rules', { rules: { newProductsTrackSerials: false } });
    const off = await importProducts('sku,name,has_serial_numbers\nDEF-OFF,Follows default,\nDEF-YES,Says yes,yes\n');
    await context.services.imports.commit(off.importId);
    expect(product('DEF-OFF')?.tracked).toBe(0);
    expect(product('DEF-YES')?.tracked).toBe(1);
    await context.close();
  });
});

describe('turning serial tracking on', () => {
  it('invents no serials, and says how many shipped and in-stock units have none', async () => {
    const { context, supervisor, call } = await station();
    const cable = (context.store.db.prepare("SELECT id FROM products WHERE sku = 'CB-1'").get() as { id: number }).id;
    const now = new Date().toISOString();
    const unit = context.store.db.prepare(
      'INSERT INTO units (product_id, status, created_at, updated_at) VALUES (?, ?, ?, ?)',
    );
    for (const status of ['sold', 'sold', 'in_stock']) unit.run(cable, status, now, now);
    const answer = (await call(supervisor, 'products:update', { sku: 'CB-1', patch: { trackSerials: true } })) as {
      ok: true;
      value: { notes: string[] };
    };
    expect(answer.ok).toBe(true);
    expect(answer.value.notes).toEqual([
      expect.stringContaining('the 2 unit(s) already shipped keep no serials (none are invented)'),
      expect.stringContaining('1 unit(s) already in stock have no serial on record'),
    ]);
    expect(context.store.db.prepare('SELECT count(*) AS n FROM unit_serials').get()).toEqual({ n: 0 });
    expect(context.store.db.prepare("SELECT track_serials AS t FROM products WHERE sku = 'CB-1'").get()).toEqual({
      t: 1,
    });
    await context.close();
  });
});

describe('vendors whose units skip the serial prompt', () => {
  it('is set by a supervisor in the rules, recorded, and receiving from that vendor asks for no serials', async () => {
    const { context, supervisor, receiver, call } = await station();
    expect(context.services.admin.settings().vendors).toEqual([{ name: 'Northwind', skipSerialPrompt: false }]);
    expect(
      await call(receiver, 'settings:update-rules', { rules: {}, vendorSkips: { Northwind: true } }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await call(supervisor, 'settings:update-rules', { rules: {}, vendorSkips: { Nobody: true, Northwind: true } }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('Nobody') } });
    expect(context.services.admin.settings().vendors[0]!.skipSerialPrompt).toBe(false);

    expect(
      await call(supervisor, 'settings:update-rules', { rules: {}, vendorSkips: { northwind: true } }),
    ).toMatchObject({ ok: true, value: { vendors: [{ name: 'Northwind', skipSerialPrompt: true }] } });
    const event = context.store.db
      .prepare("SELECT details FROM serial_events WHERE reference = 'settings' ORDER BY id DESC LIMIT 1")
      .get() as { details: string };
    expect(JSON.parse(event.details)).toEqual({ vendorsSkipSerialPrompt: { Northwind: { from: false, to: true } } });
    expect(await call(receiver, 'receiving:start', { poNumber: 'PO-1' })).toMatchObject({
      ok: true,
      value: { serialsSkipped: true },
    });
    await context.close();
  });
});
