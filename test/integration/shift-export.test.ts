import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/main/app-context';
import type { Caller } from '../../src/main/dispatcher';
import { seedCatalog, UPC } from '../support/catalog-fixture';
import { addOrder, stockUnits } from '../support/ship-fixture';
import { tempDir } from '../support/temp-store';

async function station() {
  const dataDir = tempDir();
  const context = createAppContext({ dataDir, mode: 'cli', stationName: 'PACK-7' });
  const fixture = seedCatalog(context.store);
  const supervisor: Caller = { id: 's', trusted: true, operator: null };
  await context.dispatcher.dispatch('auth:create-first-supervisor', { name: 'Sam', pin: '4812' }, supervisor);
  await context.dispatcher.dispatch('operators:add', { name: 'Pat', role: 'packer', pin: '2468' }, supervisor);
  const call = (caller: Caller, channel: string, input?: unknown) =>
    context.dispatcher.dispatch(channel, input, caller);
  /** A packer's whole shift: sign in, ship one laptop with its serial, and (optionally) sign out. */
  const shift = async (serial: string, order: string, signOut = true) => {
    const packer: Caller = { id: `p-${order}`, trusted: true, operator: null };
    expect(await call(packer, 'auth:sign-in', { name: 'Pat', pin: '2468' })).toMatchObject({ ok: true });
    stockUnits(context.store, fixture.products.laptop, [[serial]]);
    addOrder(context.store, order, [{ productId: fixture.products.laptop, qty: 1 }]);
    const start = (await call(packer, 'shipping:start', { orderNumber: order })) as { value: { sessionId: number } };
    await call(packer, 'shipping:scan', { sessionId: start.value.sessionId, raw: UPC.laptop });
    await call(packer, 'shipping:scan', { sessionId: start.value.sessionId, raw: serial });
    expect(await call(packer, 'shipping:ship', { sessionId: start.value.sessionId })).toMatchObject({ ok: true });
    if (signOut) await call(packer, 'auth:sign-out', {});
    return packer;
  };
  const files = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder).sort() : []);
  return { dataDir, context, supervisor, call, shift, files };
}

describe('shift serial log written at shift end', () => {
  it('writes each ended shift’s log once into the chosen folder, and nothing for shifts that ended before', async () => {
    const { context, supervisor, call, shift, files } = await station();
    const folder = tempDir('packbench-shift-logs-');
    // A shift that ends before the feature is on is not written later in a burst.
    await shift('SHIFT00001', 'SO-S1');
    await context.services.shiftExport.idle();

    const saved = await call(supervisor, 'settings:update-station', {
      shiftExport: { enabled: true, folder, format: 'csv' },
    });
    expect(saved).toMatchObject({
      ok: true,
      value: { station: { shiftExport: { enabled: true, folder, effectiveFolder: folder, last: null } } },
    });
    expect(files(folder)).toEqual([]);

    await shift('SHIFT00002', 'SO-S2');
    await context.services.shiftExport.idle();
    const written = files(folder);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^shift-log_PACK-7_Pat_\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}_shift-\d+\.csv$/);
    const text = fs.readFileSync(path.join(folder, written[0]!), 'utf8');
    expect(text).toContain('SHIFT00002');
    expect(text).toContain('SO-S2');
    // Only this shift: the earlier shift's serial is not in it.
    expect(text).not.toContain('SHIFT00001');

    // Another run (the retry timer) writes nothing twice.
    expect(await context.services.shiftExport.exportEndedShifts()).toEqual([]);
    expect(files(folder)).toEqual(written);

    const view = context.services.admin.settings().station.shiftExport;
    expect(view.last).toMatchObject({ operator: 'Pat', rows: 1, error: null, file: path.join(folder, written[0]!) });
    await context.close();
  });

  it('finds the shift’s rows when the station’s local day is not the UTC day', async () => {
    // A zone whose date differs from UTC's right now: UTC-11 before 11:00Z, UTC+14 after.
    const zone = new Date().getUTCHours() < 11 ? 'Pacific/Pago_Pago' : 'Pacific/Kiritimati';
    const before = process.env.TZ;
    process.env.TZ = zone;
    try {
      const { context, supervisor, call, shift, files } = await station();
      const folder = tempDir('packbench-shift-logs-');
      await call(supervisor, 'settings:update-station', { shiftExport: { enabled: true, folder, format: 'csv' } });
      await shift('SHIFT00009', 'SO-S9');
      await context.services.shiftExport.idle();
      const written = files(folder);
      expect(written).toHaveLength(1);
      expect(fs.readFileSync(path.join(folder, written[0]!), 'utf8')).toContain('SHIFT00009');
      expect(context.services.admin.settings().station.shiftExport.last).toMatchObject({ rows: 1, error: null });
      await context.close();
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('writes the log of a shift ended by the idle timeout, as XLSX when chosen', async () => {
    const { context, supervisor, call, shift, files } = await station();
    const folder = tempDir('packbench-shift-logs-');
    await call(supervisor, 'settings:update-station', { shiftExport: { enabled: true, folder, format: 'xlsx' } });
    const packer = await shift('IDLE000001', 'SO-I1', false);
    // The packer walked away: the next call from that window finds the shift idle and ends it.
    packer.lastCallAt = Date.now() - 31 * 60_000;
    expect(await call(packer, 'shipping:list-open', {})).toBeDefined();
    expect(packer.operator).toBeNull();
    await context.services.shiftExport.idle();
    const written = files(folder);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/\.xlsx$/);
    // An XLSX file is a zip: it starts with PK.
    expect(fs.readFileSync(path.join(folder, written[0]!)).subarray(0, 2).toString()).toBe('PK');
    await context.close();
  });

  it('keeps a shift whose folder was away and writes it when the folder is back; no half file is left', async () => {
    const { context, supervisor, call, shift, files } = await station();
    const parent = tempDir('packbench-share-');
    const folder = path.join(parent, 'logs');
    fs.mkdirSync(folder);
    await call(supervisor, 'settings:update-station', { shiftExport: { enabled: true, folder } });
    fs.rmSync(folder, { recursive: true });

    await shift('AWAY000001', 'SO-A1');
    await context.services.shiftExport.idle();
    const failed = context.services.admin.settings().station.shiftExport.last;
    expect(failed).toMatchObject({ operator: 'Pat', file: null });
    expect(failed?.error).toContain('does not exist');
    expect(failed?.error).toContain('tried again later');

    fs.mkdirSync(folder);
    await context.services.shiftExport.exportEndedShifts();
    const written = files(folder);
    expect(written).toHaveLength(1);
    expect(fs.readFileSync(path.join(folder, written[0]!), 'utf8')).toContain('AWAY000001');
    expect(written.some((name) => name.includes('partial'))).toBe(false);
    expect(context.services.admin.settings().station.shiftExport.last).toMatchObject({ error: null });
    await context.close();
  });

  it('refuses a folder that is not there or not a full path, and lets only a supervisor change it', async () => {
    const { context, supervisor, call, dataDir } = await station();
    const missing = path.join(dataDir, 'no-such-folder');
    const refused = await call(supervisor, 'settings:update-station', {
      shiftExport: { enabled: true, folder: missing },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((refused as { error: { message: string } }).error.message).toContain(`The folder ${missing} does not exist`);
    expect(
      await call(supervisor, 'settings:update-station', { shiftExport: { enabled: true, folder: 'logs' } }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('full path') } });
    expect(context.services.admin.settings().station.shiftExport.enabled).toBe(false);

    const packer: Caller = { id: 'p', trusted: true, operator: null };
    await call(packer, 'auth:sign-in', { name: 'Pat', pin: '2468' });
    expect(
      await call(packer, 'settings:update-station', { shiftExport: { enabled: true, folder: dataDir } }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(context.services.admin.settings().station.shiftExport.enabled).toBe(false);

    // With no folder chosen, the logs go to the station's export folder.
    expect(
      await call(supervisor, 'settings:update-station', { shiftExport: { enabled: true, folder: '' } }),
    ).toMatchObject({
      ok: true,
      value: { station: { shiftExport: { enabled: true, effectiveFolder: path.join(dataDir, 'exports') } } },
    });
    await context.close();
  });
});
