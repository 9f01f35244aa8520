import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli';
import { devicesPrintTest, simulatePrinter } from '../../src/main/devices/cli-printer';
import { PrinterSimulator } from '../../src/main/devices/printer/printer.simulator';

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line), env: {} };
  return { io, out, err };
}

let simulator: PrinterSimulator;
let dir: string;

beforeEach(async () => {
  simulator = await PrinterSimulator.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-cli-printer-'));
});

afterEach(async () => {
  await simulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('packbench devices print-test', () => {
  it('sends a serial label and prints the result and the printer status', async () => {
    const { io, out, err } = fakeIo();
    const code = await devicesPrintTest({ printer: simulator.url, serial: 'SN-42', gtin: '9501101530003' }, io);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out.join('\n').split('\n')).toEqual([
      `Label sent to the printer at 127.0.0.1:${simulator.port}.`,
      'Printer status: Ready',
      'Serial: SN-42',
      'GS1 DataMatrix: (01)09501101530003(21)SN-42',
    ]);
    expect(simulator.labels).toHaveLength(1);
    expect(simulator.labels[0]!.zpl).toContain('^FD>:SN-42^FS');
  });

  it('prints JSON for scripts and exits 1 when the printer reports paper out', async () => {
    simulator.setFaults({ paperOut: true });
    const { io, out } = fakeIo();
    const code = await devicesPrintTest(
      { printer: simulator.url, serial: 'SN-43', json: true, labelMm: '76x51', dpi: 300 },
      io,
    );
    expect(code).toBe(1);
    const report = JSON.parse(out.join('\n'));
    expect(report).toMatchObject({
      ok: false,
      serial: 'SN-43',
      gs1: null,
      status: { state: 'error', detail: 'Paper out' },
    });
    expect(simulator.labels[0]!.zpl).toContain('^PW898^LL602');
  });

  it('says what is wrong with the options and exits 2 without printing', async () => {
    for (const args of [
      { printer: '10.0.0.5', serial: 'S' },
      { printer: simulator.url, serial: 'S', gtin: '123' },
      { printer: simulator.url, serial: 'S', labelMm: 'big' },
      { printer: simulator.url, serial: '' },
    ]) {
      const { io, err } = fakeIo();
      expect(await devicesPrintTest(args, io)).toBe(2);
      expect(err[0]).toMatch(/^packbench: /);
    }
    expect(simulator.labels).toHaveLength(0);
  });

  it('reports a printer that is not there, exit 1', async () => {
    const port = simulator.port;
    await simulator.close();
    simulator = await PrinterSimulator.start();
    const { io, err } = fakeIo();
    expect(await devicesPrintTest({ printer: `tcp://127.0.0.1:${port}`, serial: 'S' }, io)).toBe(1);
    expect(err.join('\n')).toMatch(/refused the connection/);
  });

  it('writes to a spool folder given as file:FOLDER', async () => {
    const { io, out } = fakeIo();
    expect(await devicesPrintTest({ printer: `file:${dir}`, serial: 'SPOOL-1' }, io)).toBe(0);
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(out[0]).toContain(`Label saved to ${path.join(dir, files[0]!)}.`);
  });
});

describe('packbench simulate printer', () => {
  it('lists each label it receives and where it saved it, until stopped', async () => {
    const { io, out } = fakeIo();
    const stop = new AbortController();
    const saveDir = path.join(dir, 'received');
    const running = simulatePrinter({ port: 0, saveDir }, io, { signal: stop.signal });
    await expect.poll(() => out[0]).toMatch(/^Simulated label printer listening on tcp:\/\/127\.0\.0\.1:\d+/);
    const url = /tcp:\/\/[\d.]+:\d+/.exec(out[0]!)![0];

    const sender = fakeIo();
    expect(await devicesPrintTest({ printer: url, serial: 'SIM-7', sku: 'SKU-1' }, sender.io)).toBe(0);
    await expect.poll(() => out.length).toBeGreaterThan(1);
    const saved = path.join(saveDir, 'label-0001.zpl');
    expect(out[1]).toMatch(
      new RegExp(`^Label 1 received \\(\\d+ bytes, saved to ${saved.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\): `),
    );
    expect(out[1]).toContain('S/N SIM-7');
    expect(fs.readFileSync(saved, 'utf8')).toContain('^FD>:SIM-7^FS');

    stop.abort();
    expect(await running).toBe(0);
    expect(out.at(-1)).toBe('Printer simulator stopped after 1 label(s).');
  });

  it('says when the port is taken', async () => {
    const { io, err } = fakeIo();
    expect(await simulatePrinter({ port: simulator.port }, io)).toBe(2);
    expect(err).toEqual([
      `packbench: port ${simulator.port} is already in use (another printer or simulator?); pick another with --port.`,
    ]);
  });
});
