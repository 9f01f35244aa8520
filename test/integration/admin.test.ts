import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/main/app-context';
import type { Caller } from '../../src/main/dispatcher';
import { UPC } from '../support/catalog-fixture';
import { addOrder, stockUnits } from '../support/ship-fixture';
import { seedCatalog } from '../support/catalog-fixture';
import { tempDir } from '../support/temp-store';

async function station() {
  const dataDir = tempDir();
  const context = createAppContext({ dataDir, mode: 'cli', stationName: 'ADMIN-1' });
  const fixture = seedCatalog(context.store);
  const supervisor: Caller = { id: 's', trusted: true, operator: null };
  await context.dispatcher.dispatch('auth:create-first-supervisor', { name: 'Sam', pin: '4812' }, supervisor);
  await context.dispatcher.dispatch('operators:add', { name: 'Pat', role: 'packer', pin: '2468' }, supervisor);
  const packer: Caller = { id: 'p', trusted: true, operator: null };
  await context.dispatcher.dispatch('auth:sign-in', { name: 'Pat', pin: '2468' }, packer);
  const call = (caller: Caller, channel: string, input?: unknown) =>
    context.dispatcher.dispatch(channel, input, caller);
  return { dataDir, context, fixture, supervisor, packer, call };
}

describe('settings, products, backups and dashboard', () => {
  it('shows every rule with its default and explanation; only a supervisor may change them', async () => {
    const { call, supervisor, packer, context } = await station();
    const view = await call(packer, 'settings:get');
    expect(view).toMatchObject({
      ok: true,
      value: {
        rules: { uniquenessScope: 'product', allowOverReceipt: false },
        defaults: { captureSerialsOnShip: true },
      },
    });
    const value = (view as { value: { rules: object; explanations: Record<string, string> } }).value;
    expect(Object.keys(value.explanations).sort()).toEqual(Object.keys(value.rules).sort());
    expect(await call(packer, 'settings:update-rules', { rules: { allowOverReceipt: true } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await call({ id: 'x', trusted: true, operator: null }, 'settings:update-rules', {
        rules: { allowOverReceipt: true },
      }),
    ).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await call(supervisor, 'settings:update-rules', { rules: { allowOverReceipt: true } })).toMatchObject({
      ok: true,
      value: { rules: { allowOverReceipt: true } },
    });
    const event = context.store.db
      .prepare("SELECT details, operator_id FROM serial_events WHERE reference = 'settings'")
      .get() as { details: string };
    expect(JSON.parse(event.details)).toEqual({ settings: { allowOverReceipt: { from: false, to: true } } });
    await context.close();
  });

  it('refuses organization-wide uniqueness while a serial exists on two products, and locks case matching once serials exist', async () => {
    const { call, supervisor, context, fixture } = await station();
    stockUnits(context.store, fixture.products.laptop, [['SAME000001']]);
    stockUnits(context.store, fixture.products.tablet, [['SAME000001']]);
    const clash = await call(supervisor, 'settings:update-rules', { rules: { uniquenessScope: 'organization' } });
    expect(clash).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('SAME000001') },
    });
    expect(await call(supervisor, 'settings:update-rules', { rules: { caseSensitiveSerials: true } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await context.close();
  });

  it('edits a product, refusing bad patterns and label counts, and bulk-enables tracking without inventing serials', async () => {
    const { call, supervisor, context, fixture } = await station();
    expect(
      await call(supervisor, 'products:update', { sku: 'LT-300', patch: { serialPattern: '([A-Z' } }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      await call(supervisor, 'products:update', { sku: 'PH-100', patch: { serialSlotLabels: ['IMEI'] } }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      await call(supervisor, 'products:update', {
        sku: 'LT-300',
        patch: { warrantyMonths: 48, barcodes: ['084120000027', 'LT300-ALIAS'] },
      }),
    ).toMatchObject({ ok: true });
    expect(
      await call(supervisor, 'products:update', { sku: 'TB-200', patch: { barcodes: [UPC.laptop] } }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // A cable already sold without serials: tracking on says so and invents nothing.
    const now = new Date().toISOString();
    context.store.db
      .prepare("INSERT INTO units (product_id, status, created_at, updated_at) VALUES (?, 'sold', ?, ?)")
      .run(fixture.products.cable, now, now);
    const bulk = await call(supervisor, 'products:bulk-update', {
      skus: ['CB-1', 'TB-200'],
      patch: { trackSerials: true, warrantyMonths: 6 },
    });
    expect(bulk).toMatchObject({
      ok: true,
      value: { updated: 2, notes: [expect.stringContaining('none are invented')] },
    });
    expect(context.store.db.prepare('SELECT count(*) AS n FROM unit_serials').get()).toEqual({ n: 0 });
    expect(
      await call(supervisor, 'products:bulk-update', { skus: ['CB-1', 'NOPE'], patch: { warrantyMonths: 1 } }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(context.store.db.prepare("SELECT warranty_months AS m FROM products WHERE sku = 'CB-1'").get()).toEqual({
      m: 6,
    });
    await context.close();
  });

  it('round-trips the product catalogue through CSV export and import', async () => {
    const { context, dataDir } = await station();
    const file = path.join(dataDir, 'products.csv');
    await context.services.exports.toFile({ kind: 'products' }, 'csv', file);
    const content = fs.readFileSync(file, 'utf8');
    expect(content.split('\n')[0]).toContain('has_serial_numbers');
    const preview = await context.services.imports.preview({ kind: 'products', fileName: 'products.csv', content });
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    await context.close();
  });

  it('takes online backups and keeps the newest N', async () => {
    const { call, supervisor, context } = await station();
    await call(supervisor, 'settings:update-backup', { keep: 2 });
    for (let i = 0; i < 3; i += 1) expect(await call(supervisor, 'backup:run-now')).toMatchObject({ ok: true });
    const folder = context.services.admin.backupFolder();
    const files = fs.readdirSync(folder).filter((f) => f.endsWith('.db'));
    expect(files).toHaveLength(2);
    const copy = new BetterSqlite3(path.join(folder, files[1]!), { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM products').get()).toEqual({ n: 4 });
    copy.close();
    await context.close();
  });

  it('summarises the day for the supervisor', async () => {
    const { call, supervisor, packer, context, fixture } = await station();
    stockUnits(context.store, fixture.products.laptop, [['DASH000001']]);
    addOrder(context.store, 'SO-D1', [{ productId: fixture.products.laptop, qty: 1 }]);
    const start = (await call(packer, 'shipping:start', { orderNumber: 'SO-D1' })) as { value: { sessionId: number } };
    const sessionId = start.value.sessionId;
    await call(packer, 'shipping:scan', { sessionId, raw: UPC.laptop });
    await call(packer, 'shipping:scan', { sessionId, raw: 'NOTASERIAL!' });
    await call(packer, 'shipping:scan', { sessionId, raw: 'DASH000001' });
    await call(packer, 'shipping:ship', { sessionId });
    expect(await call(packer, 'dashboard:get')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const dashboard = (await call(supervisor, 'dashboard:get')) as {
      value: { unitsPerHour: { units: number }[]; perOperator: unknown[]; rejectedByReason: unknown[] };
    };
    expect(dashboard.value.unitsPerHour.reduce((n, h) => n + h.units, 0)).toBe(1);
    expect(dashboard.value.perOperator).toEqual([{ operator: 'Pat', orders: 1, serials: 1 }]);
    expect(dashboard.value.rejectedByReason).toEqual([{ code: 'SERIAL_FORMAT', count: 1 }]);
    await context.close();
  });
});
