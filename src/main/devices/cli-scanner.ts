/**
 * Scanner commands for field technicians and demos, on the same drivers the station uses.
 *
 *   packbench devices scan-test --port PATH [--baud N] [--data-bits 7|8] [--parity none|even|odd]
 *                               [--stop-bits 1|2] [--suffix CR|LF|CRLF] [--count N] [--json]
 *   packbench devices scan-test --hid [--hid-path PATH] [--count N] [--json]
 *       Prints each scan as it arrives (control characters shown as <GS>, <RS>...; the symbology
 *       in brackets when the scanner sends an AIM identifier), with --json one ScanEvent per line.
 *       Connection changes go to stderr. Stops after --count scans, when stdin ends (Ctrl-D)
 *       or on Ctrl-C. Line settings default to 9600 8N1 and suffix CR.
 *       Exit codes: 0 done, 2 usage error or a scanner that cannot be opened.
 *
 *   packbench simulate scanner [--scans FILE] [--every SECONDS] [--suffix CR|LF|CRLF] [--link PATH] [--json]
 *       Creates a virtual serial port pair (socat), prints the port a station or scan-test
 *       connects to (or makes --link PATH point to it), and sends every line typed on stdin as
 *       one scan followed by the suffix. Type <GS> for the GS1 group separator, e.g.
 *       ]d2010950600013435221SN123<GS>10LOT7. With --scans FILE (one scan per line, same
 *       notation) an empty line sends the file's next scan, and --every sends one on its own
 *       every SECONDS, starting over at the end of the file. Stops when stdin ends (unless
 *       --every keeps it busy), on "quit" or on Ctrl-C.
 */

import fs from 'node:fs';
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
const SIMULATE_USAGE =
  'Usage: packbench simulate scanner [--scans FILE] [--every SECONDS] [--suffix CR|LF|CRLF] [--link PATH] [--json]';

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
  const input = untilInputEnds(io.stdin);
  try {
    const connected = await connectOrExplain(scanner);
    if (!connected.ok) {
      io.err(`packbench: the scanner cannot be used: ${connected.message}`);
      return EXIT_FATAL;
    }
    scanner.on('status', onStatus);
    io.err(count === null ? 'Scan barcodes now; Ctrl-C to stop.' : `Scan ${count} barcode(s) now.`);
    await Promise.race([done, stop.stopped, input.ended]);
    return EXIT_OK;
  } finally {
    stop.dispose();
    input.dispose();
    scanner.off('status', onStatus);
    scanner.off('scan', onScan);
    await scanner.close();
  }
}

export async function simulateScanner(argv: readonly string[], io: DeviceCliIo): Promise<number> {
  let suffix: Suffix;
  let link: string | undefined;
  let json: boolean;
  let script: ScanScript | null;
  let everyMs: number | null;
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        scans: { type: 'string' },
        every: { type: 'string' },
        suffix: { type: 'string' },
        link: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    suffix = values.suffix === undefined ? 'CR' : parseSuffix(values.suffix);
    link = values.link;
    json = values.json;
    script = values.scans === undefined ? null : readScanFile(values.scans);
    if (values.every !== undefined && script === null)
      throw new CliUsageError('--every sends the scans of a file: give it with --scans FILE.');
    everyMs = values.every === undefined ? null : parseEvery(values.every);
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
  const sender = new ScanSender(simulator, script, io);
  const timer = everyMs === null ? null : setInterval(() => void sender.sendNext(), everyMs);
  try {
    if (json) io.out(JSON.stringify({ port: pair.a, suffix }));
    else {
      io.out(`Simulated serial scanner (demo device, suffix ${suffix}) — connect to: ${pair.a}`);
      io.out(`Try: packbench devices scan-test --port ${pair.a} --suffix ${suffix}`);
      io.out(
        script === null
          ? 'Type a barcode and press Enter to scan it (<GS> for the group separator); quit to stop.'
          : `Press Enter to send the next of the ${script.scans.length} scan(s) from ${script.file}, or type a barcode; quit to stop.`,
      );
    }
    const typed = io.stdin ? sender.readTyped(io.stdin) : new Promise<void>(() => undefined);
    // Scans sent on a timer keep a demo running after its input ends; only Ctrl-C stops it then.
    const typingDone = timer === null ? typed : typed.then(() => new Promise<void>(() => undefined));
    await Promise.race([typingDone, stop.stopped, pair.exited]);
    return EXIT_OK;
  } finally {
    if (timer !== null) clearInterval(timer);
    stop.dispose();
    await simulator.close();
    await pair.close();
  }
}

interface ScanScript {
  readonly file: string;
  readonly scans: readonly string[];
}

/** Sends typed scans and, one at a time, the scans of a script file. */
class ScanSender {
  readonly #simulator: SerialScannerSimulator;
  readonly #script: ScanScript | null;
  readonly #io: DeviceCliIo;
  #next = 0;

  constructor(simulator: SerialScannerSimulator, script: ScanScript | null, io: DeviceCliIo) {
    this.#simulator = simulator;
    this.#script = script;
    this.#io = io;
  }

  async readTyped(stdin: NodeJS.ReadableStream): Promise<void> {
    const lines = createInterface({ input: stdin, crlfDelay: Infinity, terminal: false });
    try {
      for await (const raw of lines) {
        const text = decodeScanNotation(raw);
        if (text.trim().toLowerCase() === 'quit') return;
        if (text.trim() === '') {
          if (this.#script === null) continue;
          await this.sendNext();
        } else await this.#send(text);
      }
    } finally {
      lines.close();
    }
  }

  /** Sends the script's next scan, starting over after the last one. */
  async sendNext(): Promise<void> {
    const script = this.#script;
    if (script === null) return;
    const text = script.scans[this.#next % script.scans.length] as string;
    this.#next += 1;
    await this.#send(text);
  }

  async #send(text: string): Promise<void> {
    try {
      await this.#simulator.scan(text);
      this.#io.err(`Scanned: ${visible(text)}`);
    } catch (error) {
      this.#io.err(`Not sent (${(error as Error).message}): ${visible(text)}`);
    }
  }
}

/** One scan per line; blank lines and lines starting with # are skipped. */
function readScanFile(file: string): ScanScript {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliUsageError(
      code === 'ENOENT'
        ? `There is no scan file at ${file}.`
        : `The scan file ${file} cannot be read: ${code ?? error}.`,
    );
  }
  const scans = content
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map(decodeScanNotation);
  if (scans.length === 0) throw new CliUsageError(`The scan file ${file} holds no scans (one per line).`);
  return { file, scans };
}

/** <GS> stands for the GS1 group separator, which cannot be typed. */
function decodeScanNotation(line: string): string {
  return line.replace(/<GS>/gi, '\u001d').trimEnd();
}

function parseEvery(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0.05 || seconds > 3600)
    throw new CliUsageError(`--every must be a number of seconds between 0.05 and 3600, not "${value}".`);
  return seconds * 1000;
}

/** Resolves when standard input ends (Ctrl-D, or the end of a piped file); never without one. */
function untilInputEnds(stdin: NodeJS.ReadableStream | undefined): { readonly ended: Promise<void>; dispose(): void } {
  if (stdin === undefined) return { ended: new Promise<void>(() => undefined), dispose: () => undefined };
  if ((stdin as { readonly readableEnded?: boolean }).readableEnded === true)
    return { ended: Promise.resolve(), dispose: () => undefined };
  let dispose = () => undefined as void;
  const ended = new Promise<void>((resolve) => {
    const onEnd = () => resolve();
    const drop = () => undefined;
    stdin.on('data', drop);
    stdin.once('end', onEnd);
    stdin.once('close', onEnd);
    dispose = () => {
      stdin.off('data', drop);
      stdin.off('end', onEnd);
      stdin.off('close', onEnd);
      stdin.pause();
    };
  });
  return { ended, dispose };
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
