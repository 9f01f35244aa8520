import { afterEach, describe, expect, it } from 'vitest';
import { FakeHidScale, FAKE_SCALE_PATH, fakeScaleBackend } from '../../src/main/devices/scale/hid-pos-scale.simulator';
import { HidPosScale } from '../../src/main/devices/scale/hid-pos-scale';
import {
  FakeHidScanner,
  FAKE_SCANNER_PATH,
  encodeScannerReports,
  fakeScannerBackend,
} from '../../src/main/devices/scanner/hid-pos-scanner.simulator';
import { HidPosScanner } from '../../src/main/devices/scanner/hid-pos-scanner';
import type { DeviceStatus, ScanEvent } from '../../src/main/devices/types';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('USB HID POS scale', () => {
  async function openScale(options: { staleGrams?: number } = {}) {
    const backend = fakeScaleBackend({ grams: 0, ...options });
    const scale = new HidPosScale({ backend, path: FAKE_SCALE_PATH, backoff: { initialMs: 10, maxMs: 20 } });
    closers.push(() => scale.close());
    scale.start();
    await scale.waitConnected(2000);
    await tick(); // the scale's first report (an old measurement) goes out now
    return { backend, scale, device: () => backend.latest as FakeHidScale };
  }

  it('never hands out the old measurement the scale sends first after opening', async () => {
    const { scale, device } = await openScale({ staleGrams: 4321 });
    expect(scale.lastReading).toBeNull();
    device().setGrams(455);
    expect(await scale.readStable({ timeoutMs: 1000 })).toMatchObject({ grams: 455, stable: true });
  });

  it('discards the old measurement again after being plugged back in', async () => {
    const { backend, scale, device } = await openScale({ staleGrams: 4321 });
    device().setGrams(455);
    await scale.readStable({ timeoutMs: 1000 });
    const first = device();
    backend.unplug(FAKE_SCALE_PATH);
    backend.plug(
      { path: FAKE_SCALE_PATH, vendorId: 0x0922, productId: 0x8003, usagePage: 0x8d, usage: 0x20 },
      () => new FakeHidScale({ grams: 0, staleGrams: 9999 }),
    );
    await expect.poll(() => backend.latest !== first && scale.status.state === 'connected').toBe(true);
    await tick();
    device().setGrams(700);
    expect(await scale.readStable({ timeoutMs: 1000 })).toMatchObject({ grams: 700 });
  });
});

describe('USB HID POS scanner', () => {
  async function openScanner() {
    const backend = fakeScannerBackend();
    const scanner = new HidPosScanner({ backend, path: FAKE_SCANNER_PATH, continuationTimeoutMs: 100 });
    closers.push(() => scanner.close());
    const scans: ScanEvent[] = [];
    const statuses: DeviceStatus[] = [];
    scanner.on('scan', (scan) => scans.push(scan));
    scanner.on('status', (status) => statuses.push(status));
    scanner.start();
    await scanner.waitConnected(2000);
    return { scanner, scans, statuses, device: backend.latest as FakeHidScanner };
  }

  it('joins a scan longer than one report into one scan event', async () => {
    const { scans, device } = await openScanner();
    const boardingPass = 'M1GATHERGOOD/MICHAEL YABCDEF LHRDURAK 3542 052Y003D23 0100 148>5180 BA 2A 12345';
    expect(encodeScannerReports(boardingPass, ']Q0').length).toBe(2);
    device.scan(boardingPass, ']Q0');
    device.scan('SN-0001', ']C0');
    expect(scans.map((scan) => scan.text)).toEqual([`]Q0${boardingPass}`, ']C0SN-0001']);
  });

  it('drops a scan whose last report never comes, and says so', async () => {
    const { scans, statuses, device } = await openScanner();
    const [first] = encodeScannerReports('9'.repeat(60), ']C0');
    device.emitReport(first as number[]);
    await expect.poll(() => statuses.at(-1)?.detail).toMatch(/cut off before it was complete/);
    device.scan('SN-0002');
    expect(scans.map((scan) => scan.text)).toEqual(['SN-0002']);
  });
});
