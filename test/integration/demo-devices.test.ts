import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src/main/app-context';
import { DemoDevices } from '../../src/main/devices/demo-devices';
import type { Caller } from '../../src/main/dispatcher';
import { tempDir } from '../support/temp-store';

// The test reads nested fields of several contracts' outputs through one helper.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Envelope = { ok: boolean; value?: any; error?: { code: string; message: string } };

function open(dataDir: string, options: { demoDevices?: boolean } = {}) {
  const context = createAppContext({ dataDir, mode: 'browser', stationName: 'DEMO-1', startDevices: true, ...options });
  const caller: Caller = { id: 'packer', trusted: true, operator: null };
  const call = async (channel: string, input?: unknown): Promise<Envelope> =>
    (await context.dispatcher.dispatch(channel, input, caller)) as Envelope;
  return { context, call, caller };
}

/** A demo order whose products carry no serial numbers, with each line's barcode and quantity. */
function plainOrder(context: AppContext, skip = 0) {
  const s = context.store.statements;
  const order = s
    .sql<[number], { id: number; order_number: string }>(
      `SELECT id, order_number FROM orders o WHERE status = 'open' AND NOT EXISTS (
         SELECT 1 FROM order_lines ol JOIN products p ON p.id = ol.product_id
         WHERE ol.order_id = o.id AND p.track_serials = 1)
       ORDER BY id LIMIT 1 OFFSET ?`,
    )
    .get(skip)!;
  const lines = s
    .sql<[number], { code: string; qty: number; grams: number }>(
      `SELECT (SELECT code FROM product_barcodes b WHERE b.product_id = ol.product_id ORDER BY b.id LIMIT 1) AS code,
              ol.qty AS qty, p.unit_weight_g AS grams
       FROM order_lines ol JOIN products p ON p.id = ol.product_id WHERE ol.order_id = ? ORDER BY ol.line_no`,
    )
    .all(order.id);
  const expectedG = lines.reduce((sum, line) => sum + line.grams * line.qty, 0);
  return { orderNumber: order.order_number, lines, expectedG };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Packs an order on the ship wizard's path, weighs it on the station's scale and prints its label. */
async function packWeighPrint(call: (channel: string, input?: unknown) => Promise<Envelope>, context: AppContext) {
  const order = plainOrder(context);
  const start = await call('shipping:start', { orderNumber: order.orderNumber });
  expect(start).toMatchObject({ ok: true });
  const sessionId = start.value.sessionId as number;
  for (const line of order.lines)
    for (let unit = 0; unit < line.qty; unit += 1)
      expect(await call('shipping:scan', { sessionId, raw: line.code })).toMatchObject({
        ok: true,
        value: { ok: true },
      });
  expect((await call('shipping:get-session', { sessionId })).value.expect.step).toBe('weigh');

  const weighed = await call('shipping:weigh-from-scale', { sessionId, timeoutMs: 8000 });
  expect(weighed.error?.message ?? weighed.value.message).toContain('within');
  expect(weighed).toMatchObject({ ok: true, value: { ok: true } });
  const weight = weighed.value.view.weight;
  expect(weight).toMatchObject({ expectedG: order.expectedG, withinTolerance: true });
  // A real parcel: a little over what the order should weigh, not exactly it.
  expect(weight.grams).toBeGreaterThan(order.expectedG);
  expect(weighed.value.expect.step).toBe('print');

  const printed = await call('shipping:print-labels', { sessionId });
  expect(printed, printed.value?.message).toMatchObject({ ok: true, value: { ok: true } });
  return { order, sessionId, weight };
}

describe('demo devices', () => {
  it('with the demo data, weighs a packed order on the simulated scale and prints its label on the simulated printer', async () => {
    const dataDir = tempDir();
    const { context, call } = open(dataDir);
    try {
      expect(await call('auth:create-first-supervisor', { name: 'Sam', pin: '4812' })).toMatchObject({ ok: true });
      const loaded = await call('app:load-demo-data', { simulatedDevices: true });
      expect(loaded).toMatchObject({ ok: true });
      expect(loaded.value.products).toBeGreaterThan(0);
      expect(loaded.value.simulatedDevices.notes).toEqual([]);
      expect(loaded.value.simulatedDevices.devices.map((d: { name: string }) => d.name)).toEqual([
        'Simulated scale (demo)',
        'Simulated label printer (demo)',
      ]);

      // The station frame and the Devices screen name them as simulated, and they connect.
      const view = await until('the simulated scale to connect', async () => {
        const devices = await call('devices:get');
        const scale = devices.value.statuses.find((s: { deviceClass: string }) => s.deviceClass === 'scale');
        return scale.state === 'connected' ? devices.value : null;
      });
      const names = Object.fromEntries(
        view.statuses.map((s: { deviceClass: string; name: string }) => [s.deviceClass, s.name]),
      );
      expect(names).toMatchObject({ scale: 'Simulated scale (demo)', printer: 'Simulated label printer (demo)' });
      expect(view.config.scale).toMatchObject({
        kind: 'mt-sics',
        path: path.join(dataDir, 'demo-devices', 'simulated-scale'),
      });
      expect(view.config.printer.address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
      // The ship wizard runs its weigh and print stages now that the station has both.
      const settings = await call('settings:get');
      expect(settings).toMatchObject({ ok: true, value: { station: { stages: { weigh: true, print: true } } } });

      const { order, sessionId, weight } = await packWeighPrint(call, context);
      const [label] = await context.services.demoDevices.waitForLabels(1);
      expect(label!.zpl).toContain(order.orderNumber);
      // Every captured label can be looked at: its ZPL and a PNG rendering beside it.
      expect(fs.readFileSync(label!.savedTo!, 'utf8')).toBe(label!.zpl);
      const png = fs.readFileSync(label!.savedTo!.replace(/\.zpl$/, '.png'));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');

      expect(await call('shipping:ship', { sessionId })).toMatchObject({ ok: true, value: { weightG: weight.grams } });
    } finally {
      await context.close();
    }
    // Shut down cleanly: the virtual serial port is gone with the station.
    expect(fs.existsSync(path.join(dataDir, 'demo-devices', 'simulated-scale'))).toBe(false);
  });

  it('never replaces a device someone chose, and comes back by itself at the next start once chosen', async () => {
    const dataDir = tempDir();
    const spool = path.join(dataDir, 'spool');
    fs.mkdirSync(spool);
    const first = open(dataDir);
    try {
      await first.call('auth:create-first-supervisor', { name: 'Sam', pin: '4812' });
      expect(await first.call('devices:configure', { printer: { address: `file:${spool}` } })).toMatchObject({
        ok: true,
      });
      await first.call('app:load-demo-data', {});
      const demo = await first.context.services.demoDevices.start();
      expect(demo.devices.map((d) => d.deviceClass)).toEqual(['scale']);
      expect(demo.notes).toEqual([expect.stringContaining('own label printer stays selected')]);
      const view = await first.call('devices:get');
      expect(view.value.config.printer.address).toBe(`file:${spool}`);
      const printer = view.value.statuses.find((s: { deviceClass: string }) => s.deviceClass === 'printer');
      expect(printer.name).not.toContain('Simulated');
    } finally {
      await first.context.close();
    }

    // Reopened without asking: the demo's scale is back, the chosen printer still stands.
    const second = open(dataDir);
    try {
      await second.call('auth:sign-in', { name: 'Sam', pin: '4812' });
      const scale = await until('the simulated scale to come back', async () => {
        const devices = await second.call('devices:get');
        const status = devices.value.statuses.find((s: { deviceClass: string }) => s.deviceClass === 'scale');
        return status.state === 'connected' ? status : null;
      });
      expect(scale.name).toBe('Simulated scale (demo)');
      expect((await second.call('devices:get')).value.config.printer.address).toBe(`file:${spool}`);

      await packWeighPrint(second.call, second.context);
      // The chosen printer got the label; the demo started no printer of its own.
      expect(fs.readdirSync(spool).length).toBeGreaterThan(0);
      expect(second.context.services.demoDevices.labels).toEqual([]);
    } finally {
      await second.context.close();
    }
  });

  it('can add a simulated serial scanner whose scans reach the station like a real one', async () => {
    const dataDir = tempDir();
    const { context } = open(dataDir);
    const demo = new DemoDevices({
      store: context.store,
      stationName: 'DEMO-1',
      dataDir,
      devices: context.services.devices,
      bus: context.bus,
      loadConfig: () => context.services.devices.view().config,
      scanner: true,
    });
    try {
      const started = await demo.start();
      expect(started.devices.map((d) => d.deviceClass)).toEqual(['scanner', 'scale', 'printer']);
      const scans: string[] = [];
      context.bus.subscribe((event, payload) => {
        if (event === 'devices:scan') scans.push((payload as { text: string }).text);
      });
      await until('a scan to arrive', async () => {
        // The driver may still be opening its end; a scan sent before that is lost, as on a real cable.
        if (scans.length === 0) await demo.scan('0841210003707');
        return scans.length > 0;
      });
      expect(scans[0]).toBe('0841210003707');
    } finally {
      await context.close();
      await demo.stop();
    }
  });

  it('says plainly when socat is missing, and still sets up the printer', async () => {
    const dataDir = tempDir();
    const { context, call } = open(dataDir);
    const demo = new DemoDevices({
      store: context.store,
      stationName: 'DEMO-1',
      dataDir,
      devices: context.services.devices,
      bus: context.bus,
      loadConfig: () => context.services.devices.view().config,
      socatPath: path.join(dataDir, 'no-such-socat'),
    });
    try {
      const started = await demo.start();
      expect(started.devices.map((d) => d.deviceClass)).toEqual(['printer']);
      expect(started.notes).toEqual([expect.stringMatching(/^No simulated scale: .*socat, which is not installed/)]);
      const view = await call('devices:get');
      expect(view.value.config.scale).toBeNull();
      expect(view.value.config.printer.address).toMatch(/^tcp:\/\/127\.0\.0\.1:/);
    } finally {
      await context.close();
      await demo.stop();
    }
  });
});
