import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/main/app-context';
import type { Caller } from '../../src/main/dispatcher';
import { PrinterSimulator } from '../../src/main/devices/printer/printer.simulator';
import { FakeHidScale, FAKE_SCALE_PATH, fakeScaleBackend } from '../../src/main/devices/scale/hid-pos-scale.simulator';
import { UPC, imei, seedCatalog } from '../support/catalog-fixture';
import { addOrder, stockUnits } from '../support/ship-fixture';
import { tempDir } from '../support/temp-store';

// The test reads nested fields of several contracts' outputs through one helper.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Envelope = { ok: boolean; value?: any; error?: { code: string; message: string } };

async function station() {
  const hid = fakeScaleBackend({ grams: 0 });
  const context = createAppContext({
    dataDir: tempDir(),
    mode: 'browser',
    stationName: 'PACK-D',
    hid,
    startDevices: true,
  });
  const fixture = seedCatalog(context.store);
  const supervisor: Caller = { id: 's', trusted: true, operator: null };
  const call = async (channel: string, input?: unknown): Promise<Envelope> =>
    (await context.dispatcher.dispatch(channel, input, supervisor)) as Envelope;
  await call('auth:create-first-supervisor', { name: 'Sam', pin: '4812' });
  stockUnits(context.store, fixture.products.phone, [[imei(1), imei(2)]]);
  addOrder(context.store, 'SO-W1', [
    { productId: fixture.products.phone, qty: 1 },
    { productId: fixture.products.cable, qty: 1 },
  ]);
  return { context, call, hid };
}

describe('the station with a scale and a label printer', () => {
  it('weighs on the scale, prints the packing label listing the serials, then ships; survives the printer going away', async () => {
    const { context, call, hid } = await station();
    const printer = await PrinterSimulator.start({ port: 0 });
    try {
      const statuses: { deviceClass: string; state: string; detail: string }[][] = [];
      context.bus.subscribe((event, payload) => {
        if (event === 'devices:status') statuses.push(payload as never);
      });
      expect(
        await call('devices:configure', {
          scale: { kind: 'hid-pos', path: FAKE_SCALE_PATH },
          printer: { address: printer.url },
        }),
      ).toMatchObject({ ok: true });
      await call('settings:update-station', { stages: { weigh: true, print: true } });
      const start = await call('shipping:start', { orderNumber: 'SO-W1' });
      const sessionId = start.value.sessionId as number;
      for (const raw of [UPC.phone, imei(1), imei(2), UPC.cable])
        expect(await call('shipping:scan', { sessionId, raw })).toMatchObject({ ok: true });
      const ready = await call('shipping:get-session', { sessionId });
      expect(ready.value.expect.step).toBe('weigh');

      // Expected 420 + 40 g; the parcel weighs 455 g on the scale.
      (hid.latest as FakeHidScale).setGrams(455);
      const weighed = await call('shipping:weigh-from-scale', { sessionId, timeoutMs: 5000 });
      expect(weighed.value?.message ?? weighed.error?.message).toContain('455');
      expect(weighed).toMatchObject({ ok: true, value: { ok: true } });
      expect(weighed.value.view.weight).toMatchObject({ grams: 455, withinTolerance: true });
      expect(weighed.value.expect.step).toBe('print');

      // The printer goes away: the print fails with a message, nothing is lost.
      const port = printer.port;
      await printer.close();
      const failed = await call('shipping:print-labels', { sessionId });
      expect(failed).toMatchObject({ ok: true, value: { ok: false } });
      expect(failed.value.view.expect.step).toBe('print');
      expect(failed.value.view.totals.serialsDone).toBe(2);

      const back = await PrinterSimulator.start({ port });
      try {
        const printed = await call('shipping:print-labels', { sessionId });
        expect(printed).toMatchObject({ ok: true, value: { ok: true } });
        expect(printed.value.previews.length).toBeGreaterThanOrEqual(1);
        const [label] = await back.waitForLabels(1);
        expect(label!.zpl).toContain(imei(1));
        expect(label!.zpl).toContain('IMEI 2');
        expect(printed.value.view.expect.step).toBe('ship');
        const shipped = await call('shipping:ship', { sessionId });
        expect(shipped).toMatchObject({ ok: true, value: { weightG: 455 } });
      } finally {
        await back.close();
      }
      expect(statuses.some((list) => list.some((s) => s.deviceClass === 'scale' && s.state === 'connected'))).toBe(
        true,
      );
    } finally {
      await context.close();
    }
  });

  it('explains a scale that is not set up, and prints a test label with its preview', async () => {
    const { context, call } = await station();
    const printer = await PrinterSimulator.start({ port: 0 });
    try {
      expect(await call('devices:read-weight', { timeoutMs: 1000 })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.stringContaining('No scale') },
      });
      expect(await call('devices:configure', { printer: { address: 'ftp://nowhere' } })).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
      await call('devices:configure', { printer: { address: printer.url } });
      const test = await call('devices:print-test', { serial: 'TEST-0001' });
      expect(test).toMatchObject({ ok: true, value: { ok: true } });
      expect(test.value.previews[0].dataUrl.startsWith('data:image/png;base64,')).toBe(true);
      const view = await call('devices:get');
      expect(view.value.statuses.map((s: { deviceClass: string }) => s.deviceClass)).toEqual([
        'scanner',
        'scale',
        'printer',
      ]);
    } finally {
      await printer.close();
      await context.close();
    }
  });
});
