import type { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialScaleSimulator } from '../../src/main/devices/scale/scale.simulator';
import { SerialScale } from '../../src/main/devices/scale/serial-scale';
import type { SerialScaleProtocolName, SerialScaleSettings } from '../../src/main/devices/scale/types';
import type { DeviceStatus, WeightReading } from '../../src/main/devices/types';
import { ptyLinks, ptyPair } from '../support/pty';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** Resolves with the first event matching `test`; rejects after `timeoutMs`. */
function nextEvent<T>(emitter: EventEmitter, event: string, test: (value: T) => boolean, timeoutMs = 15_000) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`no matching "${event}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (value: T) => {
      if (!test(value)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(value);
    };
    emitter.on(event, listener);
  });
}

const statusWhere = (scale: SerialScale, test: (status: DeviceStatus) => boolean) =>
  test(scale.status) ? Promise.resolve(scale.status) : nextEvent<DeviceStatus>(scale, 'status', test);

async function openSimulator(path: string, protocol: SerialScaleProtocolName, grams: number) {
  // Toledo replies carry no unit: driver and simulator agree on kilograms here.
  const sim = await SerialScaleSimulator.open({ path, protocol, unit: 'kg', initial: { grams } });
  closers.push(() => sim.close());
  return sim;
}

async function setup(
  protocol: SerialScaleProtocolName,
  options: { links?: readonly [string, string]; grams?: number } = {},
) {
  const pair = await ptyPair(options.links);
  const sim = await openSimulator(pair.b, protocol, options.grams ?? 1250);
  const settings: SerialScaleSettings = {
    kind: protocol,
    path: pair.a,
    unit: protocol === 'toledo' ? 'kg' : undefined,
    pollMs: 50,
    responseTimeoutMs: 800,
    silenceMs: 800,
    backoff: { initialMs: 100, maxMs: 400 },
  };
  const scale = new SerialScale(settings);
  closers.push(() => scale.close());
  const readings: WeightReading[] = [];
  scale.on('reading', (reading) => readings.push(reading));
  scale.start();
  await scale.waitConnected(15_000);
  return { pair, sim, scale, readings };
}

const PROTOCOLS: readonly SerialScaleProtocolName[] = ['mt-sics', 'toledo', 'nci', 'continuous'];

describe.each(PROTOCOLS)('%s scale over a real pseudo-terminal', (protocol) => {
  it('weighs a stable parcel', async () => {
    const { scale } = await setup(protocol);
    expect(await scale.readStable({ timeoutMs: 10_000 })).toMatchObject({ grams: 1250, stable: true, status: 'ok' });
    expect(scale.status).toMatchObject({ state: 'connected', deviceClass: 'scale' });
  });

  it('waits through motion for the stable weight', async () => {
    const { scale, sim, readings } = await setup(protocol, { grams: 0 });
    await scale.readStable({ timeoutMs: 10_000 });
    sim.set({ grams: 1250 });
    sim.motionFor(4);
    const reading = await scale.readStable({ timeoutMs: 10_000, requireLoad: true });
    expect(reading).toMatchObject({ grams: 1250, stable: true });
    expect(readings.some((r) => r.status === 'motion')).toBe(true);
  });

  it('gives up on a scale stuck in motion with a message for the packer', async () => {
    const { scale, sim } = await setup(protocol);
    sim.set({ motion: true });
    await nextEvent<WeightReading>(scale, 'reading', (r) => r.status === 'motion');
    await expect(scale.readStable({ timeoutMs: 1500 })).rejects.toThrow(
      'The scale kept moving for 1.5 s — let the parcel settle and weigh again.',
    );
  });

  it('reports an overloaded scale without waiting for the full timeout', async () => {
    const { scale, sim } = await setup(protocol);
    sim.set({ overload: true });
    const started = Date.now();
    await expect(scale.readStable({ timeoutMs: 20_000 })).rejects.toThrow(/heavier than the scale can weigh/);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(scale.lastReading).toMatchObject({ status: 'over-weight', grams: null });
  });

  it('refuses a negative weight', async () => {
    const { scale, sim } = await setup(protocol);
    sim.set({ grams: -20 });
    await expect(scale.readStable({ timeoutMs: 20_000 })).rejects.toThrow(/less than zero|below its zero range/);
    expect(scale.lastReading?.status).toBe('under-zero');
  });

  it('joins replies that arrive split into several chunks', async () => {
    const { scale, sim, readings } = await setup(protocol, { grams: 0 });
    await scale.readStable({ timeoutMs: 10_000 });
    sim.splitFrames({ parts: 4, delayMs: 25 });
    sim.set({ grams: 730 });
    expect(await scale.readStable({ timeoutMs: 10_000, requireLoad: true })).toMatchObject({ grams: 730 });
    expect(readings.every((r) => r.status !== 'no-reading')).toBe(true);
  });

  it('says the settings are wrong when the scale sends garbage, and recovers', async () => {
    const { scale, sim } = await setup(protocol);
    await scale.readStable({ timeoutMs: 10_000 });
    sim.set({ garbage: true });
    const bad = await statusWhere(scale, (s) => s.state === 'error');
    expect(bad.detail).toMatch(/sends data that is not .* check the protocol setting/);
    sim.set({ garbage: false });
    await statusWhere(scale, (s) => s.state === 'connected');
    expect(await scale.readStable({ timeoutMs: 10_000 })).toMatchObject({ grams: 1250 });
  });

  it('reports a silent scale and the reason when asked for a weight', async () => {
    const { scale, sim } = await setup(protocol);
    await scale.readStable({ timeoutMs: 10_000 });
    sim.set({ silent: true });
    const quiet = await statusWhere(scale, (s) => s.state === 'error');
    expect(quiet.detail).toMatch(protocol === 'continuous' ? /No data from the scale/ : /does not answer/);
    await expect(scale.readStable({ timeoutMs: 1500 })).rejects.toThrow(
      protocol === 'continuous' ? /No data from the scale/ : /does not answer/,
    );
  });

  it('comes back after being unplugged and plugged in again', async () => {
    const links = ptyLinks();
    const { pair, scale } = await setup(protocol, { links });
    await scale.readStable({ timeoutMs: 10_000 });
    const lost = statusWhere(scale, (s) => s.state === 'reconnecting');
    await pair.close();
    expect((await lost).detail).toMatch(/Unplugged or switched off — reconnecting \(attempt \d+\)/);
    await expect(scale.readStable({ timeoutMs: 500 })).rejects.toThrow(/not connected/);

    const again = await ptyPair(links);
    await openSimulator(again.b, protocol, 2000);
    await statusWhere(scale, (s) => s.state === 'connected');
    expect(await scale.readStable({ timeoutMs: 10_000, requireLoad: true })).toMatchObject({ grams: 2000 });
  });
});

describe.each(['mt-sics', 'toledo', 'nci'] as const)('zeroing a %s scale', (protocol) => {
  it('zeroes on command and refuses while the platform moves', async () => {
    const { scale, sim } = await setup(protocol);
    await scale.zero();
    expect(await scale.readStable({ timeoutMs: 10_000 })).toMatchObject({ grams: 0, status: 'zero' });
    sim.set({ motion: true });
    await expect(scale.zero()).rejects.toThrow('The scale did not zero because it was moving');
  });
});

describe('serial scale edge cases', () => {
  it('cannot zero a continuous-output scale and says how to', async () => {
    const { scale } = await setup('continuous');
    await expect(scale.zero()).rejects.toThrow(/ZERO key on the scale/);
  });

  it('reads a Toledo scale set to pounds', async () => {
    const pair = await ptyPair();
    const sim = await SerialScaleSimulator.open({ path: pair.b, protocol: 'toledo', initial: { grams: 1250 } });
    closers.push(() => sim.close());
    const scale = new SerialScale({ kind: 'toledo', path: pair.a, pollMs: 50 });
    closers.push(() => scale.close());
    scale.start();
    // 1250 g is shown as 002.76 lb, which is 1251.9 g.
    expect(await scale.readStable({ timeoutMs: 10_000 })).toMatchObject({ grams: 1251.9, stable: true });
  });

  it('reports a scale switched off behind a connected adapter, and its return', async () => {
    const { pair, scale, sim } = await setup('mt-sics');
    await sim.close();
    const quiet = await statusWhere(scale, (s) => s.state === 'error');
    expect(quiet.detail).toMatch(/does not answer — check that it is on, set to MT-SICS/);
    await openSimulator(pair.b, 'mt-sics', 640);
    await statusWhere(scale, (s) => s.state === 'connected');
    expect(await scale.readStable({ timeoutMs: 10_000 })).toMatchObject({ grams: 640 });
  });

  it('explains a port where nothing is plugged in', async () => {
    const scale = new SerialScale({
      kind: 'mt-sics',
      path: '/dev/packbench-no-such-port',
      backoff: { initialMs: 100 },
    });
    closers.push(() => scale.close());
    const status = nextEvent<DeviceStatus>(scale, 'status', (s) => s.state === 'reconnecting');
    scale.start();
    expect((await status).detail).toMatch(
      /^Nothing is plugged in at \/dev\/packbench-no-such-port — retrying \(attempt 1\)$/,
    );
  });

  it('refuses line settings no scale uses', () => {
    expect(() => new SerialScale({ kind: 'nci', path: '/dev/null', baudRate: 9601 })).toThrow(/Baud rate 9601/);
  });
});
