import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PrinterSimulator } from '../../src/main/devices/printer/printer.simulator';
import { NOT_ANSWERING, Tcp9100Printer } from '../../src/main/devices/printer/tcp9100-printer';
import type { PrinterHostStatus } from '../../src/main/devices/printer/types';
import { DEFAULT_PRINTER_SETTINGS } from '../../src/main/devices/printer/types';
import { packingLabels } from '../../src/main/devices/printer/zpl/packing-label';
import { serialLabel } from '../../src/main/devices/printer/zpl/serial-label';

let simulator: PrinterSimulator;
const printers: Tcp9100Printer[] = [];

function printerFor(port: number, options: Partial<ConstructorParameters<typeof Tcp9100Printer>[0]> = {}) {
  // Long enough that a busy test machine never passes for a silent printer.
  const printer = new Tcp9100Printer({ host: '127.0.0.1', port, statusTimeoutMs: 1500, connectRetries: 0, ...options });
  printers.push(printer);
  return printer;
}

/** A port nothing listens on: bind one, then close it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeEach(async () => {
  simulator = await PrinterSimulator.start();
});

afterEach(async () => {
  for (const printer of printers.splice(0)) await printer.close();
  await simulator.close();
});

const label = serialLabel({ serial: 'SN-000123456', sku: 'WID-42', gtin: '9501101530003' }, DEFAULT_PRINTER_SETTINGS);

describe('raw TCP 9100 printer against the simulated printer', () => {
  it('delivers a serial label and reports the printer ready', async () => {
    const printer = printerFor(simulator.port);
    const result = await printer.print(label.zpl);
    expect(result).toMatchObject({
      ok: true,
      bytesSent: Buffer.byteLength(label.zpl),
      destination: `127.0.0.1:${simulator.port}`,
      message: `Label sent to the printer at 127.0.0.1:${simulator.port}.`,
    });
    expect(result.status).toMatchObject({ state: 'connected', detail: 'Ready' });
    expect(simulator.labels.map((l) => l.zpl)).toEqual([label.zpl.trimEnd()]);
  });

  it('delivers a multi-label packing list as separate labels in one job', async () => {
    const serials = Array.from({ length: 50 }, (_, i) => ({
      sku: 'S',
      productName: 'P',
      slotLabel: 'Serial',
      serial: `SN-${i}`,
    }));
    const packing = packingLabels({ orderNumber: 'SO-1', serials }, DEFAULT_PRINTER_SETTINGS);
    expect(packing.labelCount).toBeGreaterThan(1);
    const result = await printerFor(simulator.port).print(packing.zpl);
    expect(result.ok).toBe(true);
    expect(simulator.labels).toHaveLength(packing.labelCount);
    expect(simulator.labels.map((l) => l.zpl).join('\n')).toBe(packing.zpl.trimEnd());
  });

  it.each([
    [{ paperOut: true }, 'Paper out', 'paper-out'],
    [{ headOpen: true }, 'Head open', 'head-open'],
    [{ paused: true }, 'Paused', 'paused'],
    [{ ribbonOut: true }, 'Ribbon out', 'ribbon-out'],
  ] as const)('reports %j from ~HS after the job as a failed print', async (faults, detail, problem) => {
    simulator.setFaults(faults);
    const printer = printerFor(simulator.port);
    const result = await printer.print(label.zpl);
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      `The label reached the printer, but it reports: ${detail}. It prints once that is fixed — check the printer before reprinting.`,
    );
    expect(result.status).toMatchObject({ state: 'error', detail, problems: [problem], formatsInBuffer: 1 });
    expect(simulator.labels).toHaveLength(1);

    simulator.setFaults({ paperOut: false, headOpen: false, paused: false, ribbonOut: false });
    expect(await printer.status()).toMatchObject({ state: 'connected', detail: 'Ready' });
  });

  it('treats silence after a job as an error, not as an unplugged printer', async () => {
    simulator.silent = true;
    const printer = printerFor(simulator.port, { statusTimeoutMs: 400 });
    const started = Date.now();
    const result = await printer.print(label.zpl);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      'The label was sent, but the printer is not answering (paused or out of paper?) — check it before reprinting.',
    );
    expect(result.status).toMatchObject({ state: 'error', detail: NOT_ANSWERING, problems: ['not-answering'] });
    expect(simulator.labels).toHaveLength(1);
    expect(await printer.status()).toMatchObject({
      state: 'error',
      detail: 'Printer not answering (paused or out of paper?)',
    });
  });

  it('reports a refused connection as disconnected and prints nothing', async () => {
    const port = await closedPort();
    const printer = printerFor(port);
    const result = await printer.print(label.zpl);
    expect(result).toMatchObject({ ok: false, bytesSent: 0 });
    expect(result.message).toBe(
      `The printer at 127.0.0.1:${port} refused the connection (switched off, or the wrong address or port?) — the label was not printed.`,
    );
    expect(result.status?.state).toBe('disconnected');
    expect(await printer.status()).toMatchObject({ state: 'disconnected' });
  });

  it('retries with backoff and prints once a restarting printer comes back', async () => {
    const port = await closedPort();
    const printer = printerFor(port, { connectRetries: 3, backoff: { initialMs: 150, maxMs: 400 } });
    let late: PrinterSimulator | null = null;
    const timer = setTimeout(() => {
      void PrinterSimulator.start({ port }).then((s) => (late = s));
    }, 200);
    try {
      const result = await printer.print(label.zpl);
      expect(result.ok).toBe(true);
      expect(late).not.toBeNull();
      expect(late!.labels).toHaveLength(1);
    } finally {
      clearTimeout(timer);
      await (late as PrinterSimulator | null)?.close();
    }
  });

  it('turns a connection dropped mid-job into a failed print with a message, then prints again', async () => {
    simulator.dropAfterBytes = 100;
    const printer = printerFor(simulator.port);
    const result = await printer.print(label.zpl);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      new RegExp(
        `^The printer at 127\\.0\\.0\\.1:${simulator.port} dropped the connection .* check the printer, then reprint\\.$`,
      ),
    );
    expect(result.status?.state).toBe('disconnected');
    expect(simulator.labels).toHaveLength(0);

    simulator.dropAfterBytes = null;
    expect((await printer.print(label.zpl)).ok).toBe(true);
    expect(simulator.labels).toHaveLength(1);
  });

  it('emits a status event only when the state or detail changes', async () => {
    const printer = printerFor(simulator.port);
    const seen: PrinterHostStatus[] = [];
    printer.on('status', (status) => seen.push(status));
    await printer.status();
    await printer.status();
    simulator.setFaults({ paperOut: true });
    await printer.status();
    simulator.setFaults({ paperOut: false });
    await printer.status();
    expect(seen.map((s) => s.detail)).toEqual(['Ready', 'Paper out', 'Ready']);
  });

  it('keeps a job and a status query from interleaving on the wire', async () => {
    const printer = printerFor(simulator.port);
    const [printed, status] = await Promise.all([printer.print(label.zpl), printer.status()]);
    expect(printed.ok).toBe(true);
    expect(status.state).toBe('connected');
    expect(simulator.labels).toHaveLength(1);
  });
});
