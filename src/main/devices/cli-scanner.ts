/**
 * Scanner commands for field technicians and demos, on the same drivers the station uses.
 *
 *   packbench devices scan-test --port PATH [--baud N] [--data-bits 7|8] [--parity none|even|odd]
 *                               [--stop-bits 1|2] [--suffix CR|LF|CRLF] [--count N] [--json]
 *   packbench devices scan-test --hid [--hid-path PATH] [--count N] [--json]
 *       Prints each scan as it arrives (control characters shown as <GS>, <RS>...; the symbology
 *       in brackets when the scanner sends an AIM identifier), with --json one ScanEvent per line.
 *       Connection changes go to stderr. Stops after --count scans or on Ctrl-C.
 *       Line settings default to 9600 8N1 and suffix CR.
 *       Exit codes: 0 done, 2 usage error or a scanner that cannot be opened.
 *
 *   packbench simulate scanner [--suffix CR|LF|CRLF] [--link PATH] [--json]
 *       Creates a virtual serial port pair (socat), prints the port a station or scan-test
 *       connects to (or makes --link PATH point to it), and sends every line typed on stdin as
 *       one scan followed by the suffix. Type <GS> for the GS1 group separator, e.g.
 *       ]d2010950600013435221SN123<GS>10LOT7. Stops when stdin ends, on "quit" or on Ctrl-C.
 */

import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { connectOrExplain, type DeviceCliDeps, type DeviceCliIo } from './cli-scale';
import { nodeHidBackend } from './hid/hid-backend';
import { HidPosScanner } from './scanner/hid-pos-scanner';
import { SerialScanner } from './scanner/serial-scanner';
import { SerialScannerSimulator } from './scanner/serial-scanner.simulator';
import type { Scanner } from './scanner/types';
import { CliUsageError, LINE_OPTIONS, lineOverrides, untilStopped } from './serial/cli-line-options';
import type { Suffix } from './serial/line-framer';
import { openPtyPair } from './serial/pty-pair';
import type { DeviceStatus, ScanEvent } from './types';

const EXIT_OK = 0;
const EXIT_FATAL = 2;

const SCAN_TEST_USAGE = `Usage: packbench devices scan-test --port PATH [--baud N] [--data-bits 7|8] [--parity none|even|odd] [--stop-bits 1|2] [--suffix CR|LF|CRLF] [--count N] [--json]
       packbench devices scan-test --hid [--hid-path PATH] [--count N] [--json]`;
const SIMULATE_USAGE = 'Usage: packbench simulate scanner [--suffix CR|LF|CRLF] [--link PATH] [--json]';

const CONTROL_NAMES: Readonly<Record<number, string>> = {
  0x04: '<EOT>',
  0x1d: '<GS>',
  0x1e: '<RS>',
  0x1c: '<FS>',
  0x09: '<TAB>',
};

export async function devicesScanTest(
  argv: readonly string[],
  io: DeviceCliIo,
  deps: DeviceCliDeps = {},
): Promise<number> {
  let scanner: Scanner & { waitConnected(timeoutMs: number): Promise<void> };
  let count: number | null;
  let json: boolean;
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        hid: { type: 'boolean', default: false },
        'hid-path': { type: 'string' },
        suffix: { type: 'string' },
        count: { type: 'string' },
        json: { type: 'boolean', default: false },
        ...LINE_OPTIONS,
      },
    });
    json = values.json;
    count = values.count === undefined ? null : Number(values.count);
    if (count !== null && (!Number.isInteger(count) || count < 1))
      throw new CliUsageError(`--count must be a whole number of scans, not "${values.count}".`);
    if (values.hid) {
      if (values.port !== undefined)
        throw new CliUsageError('Use either --hid (USB scanner) or --port (serial scanner), not both.');
      scanner = new HidPosScanner({
        backend: deps.hid ?? nodeHidBackend(),
        ...(values['hid-path'] === undefined ? {} : { path: values['hid-path'] }),
      });
    } else {
      if (values.port === undefined)
        throw new CliUsageError('Say which scanner to test: --port PATH (serial) or --hid (USB HID POS).');
      scanner = new SerialScanner({
        kind: 'serial',
        path: values.port,
        ...lineOverrides(values),
        ...(values.suffix === undefined ? {} : { suffix: parseSuffix(values.suffix) }),
      });
    }
  } catch (error) {
    io.err(`packbench: ${(error as Error).message}\n\n${SCAN_TEST_USAGE}`);
    return EXIT_FATAL;
  }

  let seen = 0;
  let enough: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (enough = resolve));
  const onStatus = (status: DeviceStatus) => io.err(`${status.name}: ${status.detail}`);
  const onScan = (scan: ScanEvent) => {
    io.out(json ? JSON.stringify(scan) : describeScan(scan));
    seen += 1;
    if (count !== null && seen >= count) enough();
  };
  scanner.on('scan', onScan);
  const stop = untilStopped(io.signal);
  try {
    const connected = await connectOrExplain(scanner);
    if (!connected.ok) {
      io.err(`packbench: the scanner cannot be used: ${connected.message}`);
      return EXIT_FATAL;
    }
    scanner.on('status', onStatus);
    io.err(count === null ? 'Scan barcodes now; Ctrl-C to stop.' : `Scan ${count} barcode(s) now.`);
    await Promise.race([done, stop.stopped]);
    return EXIT_OK;
  } finally {
    stop.dispose();
    scanner.off('status', onStatus);
    scanner.off('scan', onScan);
    await scanner.close();
  }
}

export async function simulateScanner(argv: readonly string[], io: DeviceCliIo): Promise<number> {
  let suffix: Suffix;
  let link: string | undefined;
  let json: boolean;
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        suffix: { type: 'string' },
        link: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    suffix = values.suffix === undefined ? 'CR' : parseSuffix(values.suffix);
    link = values.link;
    json = values.json;
  } catch (error) {
    io.err(`packbench: ${(error as Error).message}\n\n${SIMULATE_USAGE}`);
    return EXIT_FATAL;
  }

  let pair;
  try {
    pair = await openPtyPair(link === undefined ? {} : { links: [link, `${link}.simulator`] });
  } catch (error) {
    io.err(`packbench: ${(error as Error).message}`);
    return EXIT_FATAL;
  }
  let simulator: SerialScannerSimulator;
  try {
    simulator = await SerialScannerSimulator.open({ path: pair.b, suffix });
  } catch (error) {
    await pair.close();
    io.err(`packbench: the simulated scanner could not open its port: ${(error as Error).message}`);
    return EXIT_FATAL;
  }
  const stop = untilStopped(io.signal);
  try {
    if (json) io.out(JSON.stringify({ port: pair.a, suffix }));
    else {
      io.out(`Simulated serial scanner (demo device, suffix ${suffix}) — connect to: ${pair.a}`);
      io.out(`Try: packbench devices scan-test --port ${pair.a} --suffix ${suffix}`);
      io.out('Type a barcode and press Enter to scan it (<GS> for the group separator); quit to stop.');
    }
    const typed = io.stdin ? sendTypedScans(io.stdin, simulator, io) : new Promise<void>(() => undefined);
    await Promise.race([typed, stop.stopped, pair.exited]);
    return EXIT_OK;
  } finally {
    stop.dispose();
    await simulator.close();
    await pair.close();
  }
}

async function sendTypedScans(stdin: NodeJS.ReadableStream, simulator: SerialScannerSimulator, io: DeviceCliIo) {
  const lines = createInterface({ input: stdin, crlfDelay: Infinity, terminal: false });
  try {
    for await (const raw of lines) {
      const text = raw.replace(/<GS>/gi, '\u001d').trimEnd();
      if (text.trim() === '') continue;
      if (text.trim().toLowerCase() === 'quit') return;
      await simulator.scan(text);
      io.err(`Scanned: ${visible(text)}`);
    }
  } finally {
    lines.close();
  }
}

function describeScan(scan: ScanEvent): string {
  return scan.symbology === undefined ? visible(scan.text) : `${visible(scan.text)}  [${scan.symbology}]`;
}

function visible(text: string): string {
  let result = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    result += CONTROL_NAMES[code] ?? (code < 0x20 || code === 0x7f ? `<${code.toString(16).padStart(2, '0')}>` : char);
  }
  return result;
}

function parseSuffix(value: string): Suffix {
  const suffix = value.toUpperCase();
  if (suffix === 'CR' || suffix === 'LF' || suffix === 'CRLF') return suffix;
  throw new CliUsageError(`--suffix must be CR, LF or CRLF, not "${value}".`);
}
