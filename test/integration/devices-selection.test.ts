import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src/main/app-context';
import type { Caller } from '../../src/main/dispatcher';
import { FakeHidBackend } from '../../src/main/devices/hid/fake-hid-transport';
import { FakeHotplug, usbHotplugSource, type HotplugSource } from '../../src/main/devices/hotplug';
import { SCALE_USAGE_PAGE } from '../../src/main/devices/scale/hid-pos-scale-report';
import { FakeHidScale } from '../../src/main/devices/scale/hid-pos-scale.simulator';
import { readSetting } from '../../src/main/store/repositories/settings.repository';
import { tempDir } from '../support/temp-store';

// The test reads nested fields of several contracts' outputs through one helper.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Envelope = { ok: boolean; value?: any; error?: { code: string; message: string } };

const STATION = 'PACK-S';
const DYMO = { vendorId: 0x0922, productId: 0x8003 };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A HID backend with two Dymo scales told apart by serial number and by what lies on them. */
function scales(at: Readonly<Record<string, { serial: string; grams: number }>>) {
  const hid = new FakeHidBackend();
  const openedPaths: string[] = [];
  for (const [path, { serial, grams }] of Object.entries(at))
    hid.plug(
      {
        path,
        ...DYMO,
        manufacturer: 'DYMO',
        product: 'M25 Digital Postal Scale',
        serialNumber: serial,
        usagePage: SCALE_USAGE_PAGE,
        usage: 0x20,
      },
      () => {
        openedPaths.push(path);
        return new FakeHidScale({ grams, intervalMs: 50 });
      },
    );
  return { hid, openedPaths };
}

function open(dataDir: string, hid: FakeHidBackend, hotplug: HotplugSource | false = false): AppContext {
  const context = createAppContext({
    dataDir,
    mode: 'browser',
    stationName: STATION,
    hid,
    hotplug,
    startDevices: true,
  });
  let closed = false;
  closers.push(async () => {
    if (!closed) await context.close();
  });
  const close = context.close.bind(context);
  return Object.assign(context, {
    close: async () => {
      closed = true;
      await close();
    },
  });
}

function caller(context: AppContext, who: Caller) {
  return async (channel: string, input?: unknown): Promise<Envelope> =>
    (await context.dispatcher.dispatch(channel, input, who)) as Envelope;
}

async function until<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const scaleState = (context: AppContext) =>
  context.services.devices.statuses().find((s) => s.deviceClass === 'scale')?.state;

const savedScale = (context: AppContext) =>
  (readSetting(context.store.statements, `station.${STATION}.devices`) as { scale: unknown }).scale;

describe('the chosen HID scale across a restart', () => {
  it('is found by its saved identity at a new path, with another scale now at its old one, and the new path is saved', async () => {
    const dataDir = tempDir();
    const before = scales({
      '/dev/hidraw3': { serial: 'DYM-0001', grams: 812 },
      '/dev/hidraw4': { serial: 'DYM-0002', grams: 2000 },
    });
    const first = open(dataDir, before.hid);
    const supervisor = caller(first, { id: 's', trusted: true, operator: null });
    await supervisor('auth:create-first-supervisor', { name: 'Sam', pin: '4812' });
    const chosen = await supervisor('devices:configure', { scale: { kind: 'hid-pos', path: '/dev/hidraw3' } });
    expect(chosen).toMatchObject({ ok: true });
    await until('the scale to connect', () => scaleState(first) === 'connected');
    expect(await supervisor('devices:read-weight', { timeoutMs: 3000 })).toMatchObject({
      ok: true,
      value: { grams: 812 },
    });
    expect(savedScale(first)).toEqual({
      kind: 'hid-pos',
      path: '/dev/hidraw3',
      identity: { ...DYMO, serialNumber: 'DYM-0001' },
    });
    await first.close();

    // The computer restarted and numbered the scales the other way round.
    const after = scales({
      '/dev/hidraw3': { serial: 'DYM-0002', grams: 2000 },
      '/dev/hidraw7': { serial: 'DYM-0001', grams: 812 },
    });
    const second = open(dataDir, after.hid);
    const anyone = caller(second, { id: 'p', trusted: true, operator: null });
    await until('the scale to connect', () => scaleState(second) === 'connected');
    expect(after.openedPaths).toEqual(['/dev/hidraw7']);
    expect(await anyone('devices:read-weight', { timeoutMs: 3000 })).toMatchObject({
      ok: true,
      value: { grams: 812 },
    });
    expect(savedScale(second)).toEqual({
      kind: 'hid-pos',
      path: '/dev/hidraw7',
      identity: { ...DYMO, serialNumber: 'DYM-0001' },
    });
    expect((await anyone('devices:get')).value.config.scale).toMatchObject({ path: '/dev/hidraw7' });
  });

  it('keeps the saved identity when the same path is chosen again from the settings form', async () => {
    const dataDir = tempDir();
    const { hid } = scales({ '/dev/hidraw3': { serial: 'DYM-0001', grams: 812 } });
    const context = open(dataDir, hid);
    const supervisor = caller(context, { id: 's', trusted: true, operator: null });
    await supervisor('auth:create-first-supervisor', { name: 'Sam', pin: '4812' });
    await supervisor('devices:configure', { scale: { kind: 'hid-pos', path: '/dev/hidraw3' } });
    await until('the scale to connect', () => scaleState(context) === 'connected');

    // Unplugged, then saved again as it was: the form knows only the path.
    hid.unplug('/dev/hidraw3');
    await supervisor('devices:configure', { scale: { kind: 'hid-pos', path: '/dev/hidraw3' } });
    expect(savedScale(context)).toEqual({
      kind: 'hid-pos',
      path: '/dev/hidraw3',
      identity: { ...DYMO, serialNumber: 'DYM-0001' },
    });
  });
});

describe('choosing devices at a packer’s station', () => {
  it('is refused by the station until a supervisor approves with their PIN', async () => {
    const { hid } = scales({ '/dev/hidraw3': { serial: 'DYM-0001', grams: 812 } });
    const context = open(tempDir(), hid);
    const setup = caller(context, { id: 's', trusted: true, operator: null });
    await setup('auth:create-first-supervisor', { name: 'Sam', pin: '4812' });
    await setup('operators:add', { name: 'Pat', role: 'packer', pin: '2468' });
    const packerCaller: Caller = { id: 'p', trusted: true, operator: null };
    const packer = caller(context, packerCaller);
    expect(await packer('auth:sign-in', { name: 'Pat', pin: '2468' })).toMatchObject({ ok: true });

    const refused = await packer('devices:configure', { scale: { kind: 'hid-pos', path: '/dev/hidraw3' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await packer('devices:get')).value.config.scale).toBeNull();
    expect(scaleState(context)).toBe('not-configured');

    expect(await packer('auth:approve-supervisor', { name: 'Sam', pin: '4812' })).toMatchObject({ ok: true });
    expect(await packer('devices:configure', { scale: { kind: 'hid-pos', path: '/dev/hidraw3' } })).toMatchObject({
      ok: true,
      value: { config: { scale: { kind: 'hid-pos', path: '/dev/hidraw3' } } },
    });
    await until('the scale to connect', () => scaleState(context) === 'connected');
  });
});

describe('plug-in detection in the devices view', () => {
  it('says on when attach/detach events arrive, and off with the reason when they cannot', async () => {
    const { hid } = scales({});
    const watching = open(tempDir(), hid, new FakeHotplug());
    const anyone = caller(watching, { id: 'a', trusted: true, operator: null });
    await until('hot-plug to start', () => watching.services.devices.hotplug.state === 'watching');
    expect((await anyone('devices:get')).value.hotplug).toEqual({ state: 'on', reason: null });

    const noLibusb = usbHotplugSource(async () => {
      throw new Error('libusb-1.0.so.0: cannot open shared object file');
    });
    const without = open(tempDir(), hid, noLibusb);
    await until('hot-plug to give up', () => without.services.devices.hotplug.state === 'unavailable');
    const view = await caller(without, { id: 'b', trusted: true, operator: null })('devices:get');
    expect(view.value.hotplug).toEqual({
      state: 'off',
      reason: 'the USB library cannot be loaded (libusb-1.0.so.0: cannot open shared object file)',
    });
  });
});
