import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext, type AppContextOptions } from '../../src/main/app-context';
import type { Caller } from '../../src/main/dispatcher';
import { FakeHidBackend, type FakeHidTransport } from '../../src/main/devices/hid/fake-hid-transport';
import type { HidBackend } from '../../src/main/devices/hid/hid-backend';
import { FakeHotplug, usbHotplugSource } from '../../src/main/devices/hotplug';
import { PrinterSimulator } from '../../src/main/devices/printer/printer.simulator';
import { SCALE_USAGE_PAGE } from '../../src/main/devices/scale/hid-pos-scale-report';
import { FakeHidScale } from '../../src/main/devices/scale/hid-pos-scale.simulator';
import { SerialScaleSimulator } from '../../src/main/devices/scale/scale.simulator';
import {
  BAR_CODE_SCANNER_USAGE,
  HONEYWELL_VENDOR_ID,
  SCANNER_USAGE_PAGE,
} from '../../src/main/devices/scanner/hid-pos-report';
import { encodeScannerReports, FakeHidScanner } from '../../src/main/devices/scanner/hid-pos-scanner.simulator';
import type { HidDeviceInfo } from '../../src/main/devices/types';
import { imei, seedCatalog, UPC } from '../support/catalog-fixture';
import { ptyLinks, ptyPair } from '../support/pty';
import { addOrder, stockUnits } from '../support/ship-fixture';
import { tempDir } from '../support/temp-store';

// The test reads nested fields of several contracts' outputs through one helper.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Envelope = { ok: boolean; value?: any; error?: { code: string; message: string } };
type Status = { deviceClass: string; state: string; detail: string; name: string };

/** Long enough that a device back within a few seconds can only have been brought back by hot-plug. */
const SLOW_BACKOFF = { initialMs: 30_000, maxMs: 30_000 };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/**
 * The fake HID devices as node-hid would list and open them, counting the listings, and able to
 * take a device out of the listing while its open handle stays silent (no read error), as some
 * systems do when a device is pulled.
 */
class StationHid implements HidBackend {
  readonly fake = new FakeHidBackend();
  readonly openedPaths: string[] = [];
  lists = 0;
  readonly #pulled = new Set<string>();

  async list(): Promise<readonly HidDeviceInfo[]> {
    this.lists += 1;
    return (await this.fake.list()).filter((device) => !this.#pulled.has(device.path ?? ''));
  }

  async open(path: string) {
    if (this.#pulled.has(path)) throw new Error(`could not open HID device ${path}`);
    const transport = await this.fake.open(path);
    this.openedPaths.push(path);
    return transport;
  }

  plugScale(path: string, serialNumber?: string): void {
    this.fake.plug(scaleInfo(path, serialNumber), () => new FakeHidScale({ grams: 0 }));
  }

  plugScanner(path: string): void {
    this.fake.plug(
      {
        path,
        vendorId: HONEYWELL_VENDOR_ID,
        productId: 0x0b8f,
        manufacturer: 'Honeywell',
        product: 'Xenon 1950g',
        usagePage: SCANNER_USAGE_PAGE,
        usage: BAR_CODE_SCANNER_USAGE,
      },
      () => new FakeHidScanner(),
    );
  }

  /** Gone from the listing; the open handle reports nothing. */
  pull(path: string): void {
    this.#pulled.add(path);
  }

  pushBack(path: string): void {
    this.#pulled.delete(path);
  }

  latest<T extends FakeHidTransport>(): T {
    return this.fake.latest as T;
  }
}

function scaleInfo(path: string, serialNumber?: string): HidDeviceInfo & { path: string } {
  return {
    path,
    vendorId: 0x0922,
    productId: 0x8003,
    manufacturer: 'DYMO',
    product: 'M25 Digital Postal Scale',
    ...(serialNumber === undefined ? {} : { serialNumber }),
    usagePage: SCALE_USAGE_PAGE,
    usage: 0x20,
  };
}

async function station(options: Partial<AppContextOptions> & { hid: HidBackend }) {
  const hotplug = new FakeHotplug();
  const context: AppContext = createAppContext({
    dataDir: tempDir(),
    mode: 'browser',
    stationName: 'PACK-H',
    hotplug,
    deviceBackoff: SLOW_BACKOFF,
    startDevices: true,
    ...options,
  });
  closers.push(() => context.close());
  const statuses: { at: number; list: Status[] }[] = [];
  const scans: { text: string }[] = [];
  context.bus.subscribe((event, payload) => {
    if (event === 'devices:status') statuses.push({ at: Date.now(), list: payload as Status[] });
    if (event === 'devices:scan') scans.push(payload as { text: string });
  });
  const supervisor: Caller = { id: 's', trusted: true, operator: null };
  const call = async (channel: string, input?: unknown): Promise<Envelope> =>
    (await context.dispatcher.dispatch(channel, input, supervisor)) as Envelope;
  await call('auth:create-first-supervisor', { name: 'Sam', pin: '4812' });
  const current = (deviceClass: string) =>
    context.services.devices.statuses().find((s) => s.deviceClass === deviceClass) as Status;
  return { context, call, hotplug, statuses, scans, current };
}

/** Polls until `probe` gives a value; fails naming what was awaited. */
async function until<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function seedOrder(context: AppContext) {
  const fixture = seedCatalog(context.store);
  stockUnits(context.store, fixture.products.phone, [[imei(1), imei(2)]]);
  addOrder(context.store, 'SO-H1', [
    { productId: fixture.products.phone, qty: 1 },
    { productId: fixture.products.cable, qty: 1 },
  ]);
}

describe('USB hot-plug', () => {
  it('shows an unplugged scale as reconnecting and brings it back as soon as it is plugged in, long before the backoff', async () => {
    const hid = new StationHid();
    hid.plugScale('/dev/hidraw3');
    const { call, hotplug, current, statuses } = await station({ hid });
    await call('devices:configure', { scale: { kind: 'hid-pos', path: '/dev/hidraw3' } });
    await until('the scale to connect', () => current('scale').state === 'connected');

    // Pulled: the listing loses it, the open handle says nothing.
    hid.pull('/dev/hidraw3');
    hotplug.detach();
    const unplugged = await until('the unplugged status', () =>
      statuses.find((e) =>
        e.list.find((s) => s.deviceClass === 'scale' && s.state === 'reconnecting')?.detail.includes('Unplugged'),
      ),
    );
    expect(current('scale')).toMatchObject({ state: 'reconnecting', detail: expect.stringContaining('Unplugged') });
    expect(unplugged).toBeDefined();

    hid.pushBack('/dev/hidraw3');
    const pluggedAt = Date.now();
    hotplug.attach();
    await until('the scale to reconnect', () => current('scale').state === 'connected');
    expect(Date.now() - pluggedAt).toBeLessThan(3000);
    expect(hid.openedPaths).toEqual(['/dev/hidraw3', '/dev/hidraw3']);

    hid.latest<FakeHidScale>().setGrams(812);
    expect(await call('devices:read-weight', { timeoutMs: 3000 })).toMatchObject({ ok: true, value: { grams: 812 } });
  });

  it('looks for devices once per burst of attach events', async () => {
    const hid = new StationHid();
    hid.plugScale('/dev/hidraw3');
    const { call, hotplug, current } = await station({ hid });
    await call('devices:configure', { scale: { kind: 'hid-pos', path: '/dev/hidraw3' } });
    await until('the scale to connect', () => current('scale').state === 'connected');
    await sleep(100);
    const before = hid.lists;

    // A hub with several devices: ten events in about 200 ms.
    for (let i = 0; i < 10; i += 1) {
      hotplug.attach();
      await sleep(20);
    }
    await sleep(150);
    expect(hid.lists).toBe(before);
    await until('one enumeration', () => hid.lists > before);
    await sleep(700);
    expect(hid.lists).toBe(before + 1);
    // Nothing changed for the scale in use: it was not reopened.
    expect(hid.openedPaths).toHaveLength(1);
    expect(current('scale').state).toBe('connected');
  });

  it('brings a serial scale on a pseudo-terminal back when it is plugged in again', async () => {
    const links = ptyLinks();
    let pair = await ptyPair(links);
    let sim = await SerialScaleSimulator.open({ path: pair.b, protocol: 'mt-sics', initial: { grams: 1250 } });
    closers.push(() => sim.close());
    const { call, hotplug, current, statuses } = await station({ hid: new StationHid() });
    await call('devices:configure', { scale: { kind: 'mt-sics', path: links[0] } });
    await until('the serial scale to connect', () => current('scale').state === 'connected');
    expect(await call('devices:read-weight', { timeoutMs: 5000 })).toMatchObject({
      ok: true,
      value: { grams: 1250 },
    });

    await sim.close();
    await pair.close();
    hotplug.detach();
    await until('the unplugged status', () =>
      statuses.some((e) =>
        e.list.some((s) => s.deviceClass === 'scale' && s.state === 'reconnecting' && s.detail.includes('Unplugged')),
      ),
    );
    expect(current('scale').state).toBe('reconnecting');

    pair = await ptyPair(links);
    sim = await SerialScaleSimulator.open({ path: pair.b, protocol: 'mt-sics', initial: { grams: 980 } });
    const pluggedAt = Date.now();
    hotplug.attach();
    await until('the serial scale to reconnect', () => current('scale').state === 'connected');
    expect(Date.now() - pluggedAt).toBeLessThan(3000);
    expect(await call('devices:read-weight', { timeoutMs: 5000 })).toMatchObject({ ok: true, value: { grams: 980 } });
  });

  it('still starts where hot-plug cannot be had, and finds an unplugged device again by backoff', async () => {
    const hid = new StationHid();
    hid.plugScale('/dev/hidraw3');
    const missingLibusb = usbHotplugSource(async () => {
      throw new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory');
    });
    const { context, call, current, statuses } = await station({
      hid,
      hotplug: missingLibusb,
      deviceBackoff: { initialMs: 100, maxMs: 200 },
    });
    await call('devices:configure', { scale: { kind: 'hid-pos', path: '/dev/hidraw3' } });
    await until('the scale to connect', () => current('scale').state === 'connected');
    expect(context.services.devices.hotplug).toMatchObject({
      state: 'unavailable',
      reason: expect.stringContaining('libusb-1.0.so.0'),
    });

    hid.fake.unplug('/dev/hidraw3');
    await until('the unplugged status', () =>
      statuses.some((e) => e.list.some((s) => s.deviceClass === 'scale' && s.detail.includes('Unplugged'))),
    );
    hid.plugScale('/dev/hidraw3');
    await until('the scale to reconnect by backoff', () => current('scale').state === 'connected');

    // libusb present but failed to start: also reported, not crashed on.
    const brokenLibusb = usbHotplugSource(async () => ({ INIT_ERROR: -99, on: () => undefined, off: () => undefined }));
    await expect(brokenLibusb.watch(() => undefined)).rejects.toThrow('libusb could not start (error -99)');
  });
});

describe('two devices claiming to be the scale', () => {
  it('weighs with neither and names both until one is picked by path; discovery lists both', async () => {
    const hid = new StationHid();
    hid.plugScale('/dev/hidraw3');
    hid.plugScale('/dev/hidraw5');
    const { call, current, context } = await station({ hid });

    await call('devices:configure', { scale: { kind: 'hid-pos' } });
    const status = current('scale');
    expect(status.state).toBe('error');
    expect(status.detail).toMatch(
      /^Two scales match this station's choice \(.*\/dev\/hidraw3.*\/dev\/hidraw5.*\): pick one/,
    );

    const weigh = await call('devices:read-weight', { timeoutMs: 1000 });
    expect(weigh).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(weigh.error?.message).toContain('/dev/hidraw3');
    expect(weigh.error?.message).toContain('/dev/hidraw5');
    expect(hid.openedPaths).toEqual([]);
    expect(context.services.devices.view().weight).toBeNull();

    const found = await call('devices:discover');
    const scales = (found.value.hid as { path: string; role: string }[]).filter((d) => d.role === 'scale');
    expect(scales.map((d) => d.path).sort()).toEqual(['/dev/hidraw3', '/dev/hidraw5']);

    await call('devices:configure', { scale: { kind: 'hid-pos', path: '/dev/hidraw5' } });
    await until('the chosen scale to connect', () => current('scale').state === 'connected');
    expect(hid.openedPaths).toEqual(['/dev/hidraw5']);
    hid.latest<FakeHidScale>().setGrams(640);
    expect(await call('devices:read-weight', { timeoutMs: 3000 })).toMatchObject({ ok: true, value: { grams: 640 } });
  });

  it('refuses to guess when a chosen scale without a serial number comes back at a new path beside its twin', async () => {
    const hid = new StationHid();
    hid.plugScale('/dev/hidraw3');
    const { call, hotplug, current } = await station({ hid });
    await call('devices:configure', { scale: { kind: 'hid-pos', path: '/dev/hidraw3' } });
    await until('the scale to connect', () => current('scale').state === 'connected');
    hid.plugScale('/dev/hidraw5');
    hotplug.attach();
    await sleep(800);
    // A second scale arriving does not take the chosen one's place.
    expect(current('scale').state).toBe('connected');
    expect(hid.openedPaths).toEqual(['/dev/hidraw3']);

    // Re-seated: Linux gives it a new hidraw number, and it looks exactly like the other one.
    hid.fake.unplug('/dev/hidraw3');
    hotplug.detach();
    hid.plugScale('/dev/hidraw6');
    hotplug.attach();
    await until('the two-scales error', () => current('scale').state === 'error');
    expect(current('scale').detail).toContain('/dev/hidraw5');
    expect(current('scale').detail).toContain('/dev/hidraw6');
    expect(await call('devices:read-weight', { timeoutMs: 1000 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(hid.openedPaths).toEqual(['/dev/hidraw3']);
  });

  it('follows a scale with a serial number to its new path', async () => {
    const hid = new StationHid();
    hid.plugScale('/dev/hidraw3', 'DYM-0001');
    hid.plugScale('/dev/hidraw5', 'DYM-0002');
    const { call, hotplug, current } = await station({ hid });
    await call('devices:configure', { scale: { kind: 'hid-pos', path: '/dev/hidraw3' } });
    await until('the scale to connect', () => current('scale').state === 'connected');

    hid.fake.unplug('/dev/hidraw3');
    hid.plugScale('/dev/hidraw6', 'DYM-0001');
    hotplug.detach();
    hotplug.attach();
    await until('the scale to reconnect at its new path', () => hid.openedPaths.length === 2);
    await until('the scale to connect', () => current('scale').state === 'connected');
    expect(hid.openedPaths).toEqual(['/dev/hidraw3', '/dev/hidraw6']);
  });
});

describe('an open ship session when a device goes away', () => {
  it('drops a scan cut off by unplugging the scanner, keeps the session, and goes on after it is plugged back', async () => {
    const hid = new StationHid();
    hid.plugScanner('/dev/hidraw2');
    const { context, call, hotplug, current, statuses, scans } = await station({ hid });
    seedOrder(context);
    await call('devices:configure', { scanner: { kind: 'hid-pos' } });
    await until('the scanner to connect', () => current('scanner').state === 'connected');
    const sessionId = (await call('shipping:start', { orderNumber: 'SO-H1' })).value.sessionId as number;

    // What the wizard does with a scan from a HID scanner: it is the packer's scan.
    const scanWithScanner = async (data: string) => {
      const seen = scans.length;
      hid.latest<FakeHidScanner>().scan(data);
      const scan = await until('the scan', () => scans[seen]);
      return call('shipping:scan', { sessionId, raw: scan.text });
    };
    expect(await scanWithScanner(UPC.phone)).toMatchObject({ ok: true, value: { ok: true } });
    expect(await scanWithScanner(imei(1))).toMatchObject({ ok: true, value: { ok: true } });
    const before = (await call('shipping:get-session', { sessionId })).value;

    // A GS1 DataMatrix long enough for two reports: the first arrives, then the cable is pulled.
    const gs1 = `0100${UPC.phone}21${imei(2)}\u001d10LOT-2024-11-WAREHOUSE-B-AISLE-07-BAY-3`;
    const reports = encodeScannerReports(gs1, ']d2');
    expect(reports.length).toBe(2);
    const scansBefore = scans.length;
    hid.latest<FakeHidScanner>().emitReport(reports[0]!);
    hid.fake.unplug('/dev/hidraw2');
    hotplug.detach();
    await until('the unplugged status', () =>
      statuses.some((e) =>
        e.list.some((s) => s.deviceClass === 'scanner' && s.state === 'reconnecting' && s.detail.includes('Unplugged')),
      ),
    );
    expect(statuses.some((e) => e.list.some((s) => s.deviceClass === 'scanner' && s.detail.includes('cut off')))).toBe(
      true,
    );
    await sleep(600);
    expect(scans.length).toBe(scansBefore);

    const during = (await call('shipping:get-session', { sessionId })).value;
    expect(during.status).toBe('active');
    expect(during.totals).toEqual(before.totals);
    expect(during.expect).toEqual(before.expect);

    hid.plugScanner('/dev/hidraw2');
    const pluggedAt = Date.now();
    hotplug.attach();
    await until('the scanner to reconnect', () => current('scanner').state === 'connected');
    expect(Date.now() - pluggedAt).toBeLessThan(3000);
    expect(await scanWithScanner(imei(2))).toMatchObject({ ok: true, value: { ok: true } });
    expect(await scanWithScanner(UPC.cable)).toMatchObject({ ok: true, value: { ok: true } });
    const shipped = await call('shipping:ship', { sessionId });
    expect(shipped).toMatchObject({ ok: true, value: { orderNumber: 'SO-H1' } });
    expect(shipped.value.serials.map((s: { serial: string }) => s.serial).sort()).toEqual([imei(1), imei(2)].sort());
  });

  it('reports a printer that goes away mid-print, keeps the session, and reprints when it is back', async () => {
    const printer = await PrinterSimulator.start({ port: 0 });
    let printerOpen = true;
    closers.push(async () => {
      if (printerOpen) await printer.close();
    });
    const { context, call, current } = await station({ hid: new StationHid() });
    seedOrder(context);
    await call('devices:configure', { printer: { address: printer.url } });
    await call('settings:update-station', { stages: { weigh: false, print: true } });
    const sessionId = (await call('shipping:start', { orderNumber: 'SO-H1' })).value.sessionId as number;
    for (const raw of [UPC.phone, imei(1), imei(2), UPC.cable])
      expect(await call('shipping:scan', { sessionId, raw })).toMatchObject({ ok: true, value: { ok: true } });
    expect((await call('shipping:get-session', { sessionId })).value.expect.step).toBe('print');

    // The printer takes part of the job, then drops off the network.
    printer.dropAfterBytes = 40;
    const port = printer.port;
    const cut = await call('shipping:print-labels', { sessionId });
    await printer.close();
    printerOpen = false;
    expect(cut).toMatchObject({ ok: true, value: { ok: false } });
    expect(cut.value.message).toMatch(/dropped the connection (while the label was being sent|during the job)/);
    expect(cut.value.message).toContain('reprint');
    expect(cut.value.view.expect.step).toBe('print');
    expect(cut.value.view.totals.serialsDone).toBe(2);
    expect(current('printer').state).toBe('disconnected');

    const away = await call('shipping:print-labels', { sessionId });
    expect(away).toMatchObject({ ok: true, value: { ok: false } });
    expect(away.value.message).toContain('refused the connection');
    expect(away.value.view.status).toBe('active');

    const back = await PrinterSimulator.start({ port });
    closers.push(() => back.close());
    const printed = await call('shipping:print-labels', { sessionId });
    expect(printed).toMatchObject({ ok: true, value: { ok: true } });
    const [label] = await back.waitForLabels(1);
    expect(label!.zpl).toContain(imei(1));
    expect(current('printer').state).toBe('connected');
    expect(await call('shipping:ship', { sessionId })).toMatchObject({ ok: true, value: { orderNumber: 'SO-H1' } });
  });
});
