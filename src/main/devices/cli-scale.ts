/**
 * Scale commands for field technicians and demos, on the same drivers the station uses.
 *
 *   packbench devices weigh --port PATH --protocol mt-sics|toledo|nci|continuous
 *                           [--baud N] [--data-bits 7|8] [--parity none|even|odd] [--stop-bits 1|2]
 *                           [--unit lb|kg] [--timeout SECONDS] [--require-load] [--json]
 *   packbench devices weigh --hid [--hid-path PATH] [--timeout SECONDS] [--require-load] [--json]
 *       Waits for a stable weight and prints it ("1250 g, stable"; with --json
 *       {"grams":1250,"stable":true}). Line settings default to the protocol's usual ones
 *       (MT-SICS and continuous 9600 8N1, Toledo and NCI 9600 7E1); --unit is the unit a Toledo
 *       scale is set to (lb by default). --timeout defaults to 10 s. --require-load keeps
 *       waiting while the scale shows zero. --hid uses the one USB HID POS scale connected,
 *       or the one at --hid-path when there are several.
 *       Exit codes: 0 a stable weight, 1 no usable weight (message says why), 2 usage or port error.
 *
 *   packbench simulate scale --protocol mt-sics|toledo|nci|continuous [--unit kg|lb|g]
 *                            [--grams N] [--link PATH] [--json]
 *       Creates a virtual serial port pair (socat), prints the port to connect to (or makes
 *       --link PATH point to it) and serves a demo scale speaking the protocol until stdin ends,
 *       "quit" is typed, or Ctrl-C. Type a weight in grams (1250, -20), "motion", "stable",
 *       "overload", "ok", "silent", "talk" or "garbage" to change what it reports.
 */

import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { HidBackend } from './hid/hid-backend';
import { nodeHidBackend } from './hid/hid-backend';
import { HidPosScale } from './scale/hid-pos-scale';
import { SerialScaleSimulator } from './scale/scale.simulator';
import { ScaleReadError } from './scale/scale-reader';
import { SerialScale } from './scale/serial-scale';
import { SERIAL_SCALE_PROTOCOLS, type Scale, type SerialScaleProtocolName } from './scale/types';
import { CliUsageError, LINE_OPTIONS, lineOverrides, untilStopped } from './serial/cli-line-options';
import { openPtyPair } from './serial/pty-pair';
import type { DeviceStatus } from './types';

export interface DeviceCliIo {
  out(line: string): void;
  err(line: string): void;
  /** Lines typed by the user (simulators). */
  readonly stdin?: NodeJS.ReadableStream;
  /** Stops long-running commands; without it they stop on Ctrl-C. */
  readonly signal?: AbortSignal;
}

export interface DeviceCliDeps {
  /** USB HID devices; node-hid unless a test passes fakes. */
  readonly hid?: HidBackend;
}

const EXIT_OK = 0;
const EXIT_NO_WEIGHT = 1;
const EXIT_FATAL = 2;

const WEIGH_USAGE = `Usage: packbench devices weigh --port PATH --protocol ${SERIAL_SCALE_PROTOCOLS.join('|')} [--baud N] [--data-bits 7|8] [--parity none|even|odd] [--stop-bits 1|2] [--unit lb|kg] [--timeout SECONDS] [--require-load] [--json]
       packbench devices weigh --hid [--hid-path PATH] [--timeout SECONDS] [--require-load] [--json]`;

const SIMULATE_USAGE = `Usage: packbench simulate scale --protocol ${SERIAL_SCALE_PROTOCOLS.join('|')} [--unit kg|lb|g] [--grams N] [--link PATH] [--json]`;

/** How long the port may take to open before the command reports why it cannot. */
const CONNECT_TIMEOUT_MS = 5000;

export async function devicesWeigh(
  argv: readonly string[],
  io: DeviceCliIo,
  deps: DeviceCliDeps = {},
): Promise<number> {
  let scale: Scale & { waitConnected(timeoutMs: number): Promise<void> };
  let timeoutMs: number;
  let requireLoad: boolean;
  let json: boolean;
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        protocol: { type: 'string' },
        hid: { type: 'boolean', default: false },
        'hid-path': { type: 'string' },
        unit: { type: 'string' },
        timeout: { type: 'string' },
        'require-load': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        ...LINE_OPTIONS,
      },
    });
    json = values.json;
    requireLoad = values['require-load'];
    timeoutMs = parseSeconds(values.timeout, 10);
    if (values.hid) {
      if (values.port !== undefined || values.protocol !== undefined)
        throw new CliUsageError('Use either --hid (USB scale) or --port with --protocol (serial scale), not both.');
      scale = new HidPosScale({
        backend: deps.hid ?? nodeHidBackend(),
        ...(values['hid-path'] === undefined ? {} : { path: values['hid-path'] }),
      });
    } else {
      if (values.port === undefined)
        throw new CliUsageError('Say which scale to weigh with: --port PATH (serial) or --hid (USB).');
      const protocol = parseProtocol(values.protocol);
      if (values.unit !== undefined && values.unit !== 'lb' && values.unit !== 'kg')
        throw new CliUsageError(`--unit must be lb or kg, not "${values.unit}".`);
      if (values.unit !== undefined && protocol !== 'toledo')
        throw new CliUsageError('--unit only applies to Toledo scales; the other protocols send their unit.');
      scale = new SerialScale({
        kind: protocol,
        path: values.port,
        ...lineOverrides(values),
        ...(values.unit === undefined ? {} : { unit: values.unit as 'lb' | 'kg' }),
      });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`packbench: ${message}\n\n${WEIGH_USAGE}`);
    return EXIT_FATAL;
  }

  try {
    const connected = await connectOrExplain(scale);
    if (!connected.ok) {
      report(io, json, null, connected.message);
      return EXIT_FATAL;
    }
    const reading = await scale.readStable({ timeoutMs, requireLoad });
    const grams = reading.grams as number;
    io.out(
      json
        ? JSON.stringify({ grams, stable: reading.stable })
        : `${formatGrams(grams)} g, stable${reading.status === 'zero' ? ' (scale at zero)' : ''}`,
    );
    return EXIT_OK;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    report(io, json, error instanceof ScaleReadError ? error.lastReading : null, message);
    return EXIT_NO_WEIGHT;
  } finally {
    await scale.close();
  }
}

export async function simulateScale(argv: readonly string[], io: DeviceCliIo): Promise<number> {
  let protocol: SerialScaleProtocolName;
  let unit: 'kg' | 'lb' | 'g' | undefined;
  let grams: number;
  let link: string | undefined;
  let json: boolean;
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        protocol: { type: 'string' },
        unit: { type: 'string' },
        grams: { type: 'string' },
        link: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    protocol = parseProtocol(values.protocol);
    if (values.unit !== undefined && !['kg', 'lb', 'g'].includes(values.unit))
      throw new CliUsageError(`--unit must be kg, lb or g, not "${values.unit}".`);
    unit = values.unit as 'kg' | 'lb' | 'g' | undefined;
    grams = values.grams === undefined ? 1250 : Number(values.grams);
    if (!Number.isFinite(grams)) throw new CliUsageError(`--grams must be a number, not "${values.grams}".`);
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
  let simulator: SerialScaleSimulator;
  try {
    simulator = await SerialScaleSimulator.open({
      path: pair.b,
      protocol,
      ...(unit === undefined ? {} : { unit }),
      initial: { grams },
    });
  } catch (error) {
    await pair.close();
    io.err(`packbench: the simulated scale could not open its port: ${(error as Error).message}`);
    return EXIT_FATAL;
  }
  const stop = untilStopped(io.signal);
  try {
    if (json) io.out(JSON.stringify({ port: pair.a, protocol }));
    else {
      io.out(`Simulated ${protocol} scale (demo device) — connect to: ${pair.a}`);
      io.out(`Try: packbench devices weigh --port ${pair.a} --protocol ${protocol}`);
      io.out('Type a weight in grams (e.g. 1250 or -20), motion, stable, overload, ok, silent, talk, garbage or quit.');
    }
    const typed = io.stdin ? readCommands(io.stdin, simulator, io) : new Promise<void>(() => undefined);
    await Promise.race([typed, stop.stopped, pair.exited]);
    return EXIT_OK;
  } finally {
    stop.dispose();
    await simulator.close();
    await pair.close();
  }
}

async function readCommands(stdin: NodeJS.ReadableStream, simulator: SerialScaleSimulator, io: DeviceCliIo) {
  const lines = createInterface({ input: stdin, crlfDelay: Infinity, terminal: false });
  try {
    for await (const raw of lines) {
      const line = raw.trim().toLowerCase();
      if (line === '') continue;
      if (line === 'quit' || line === 'exit') return;
      io.err(applyCommand(simulator, line));
    }
  } finally {
    lines.close();
  }
}

/** Applies one typed line to the simulator and says what it now does. */
function applyCommand(simulator: SerialScaleSimulator, line: string): string {
  const grams = Number(line.replace(/\s*g$/, ''));
  if (Number.isFinite(grams)) {
    simulator.set({ grams });
    return `Scale: ${formatGrams(grams)} g on the platform.`;
  }
  switch (line) {
    case 'motion':
      simulator.set({ motion: true });
      return 'Scale: moving (until "stable").';
    case 'stable':
      simulator.set({ motion: false });
      return 'Scale: stable.';
    case 'overload':
      simulator.set({ overload: true });
      return 'Scale: overloaded (until "ok").';
    case 'ok':
      simulator.set({ overload: false, garbage: false, silent: false, motion: false });
      return 'Scale: normal.';
    case 'silent':
      simulator.set({ silent: true });
      return 'Scale: silent (until "talk").';
    case 'talk':
      simulator.set({ silent: false });
      return 'Scale: answering again.';
    case 'garbage':
      void simulator.sendRaw(Buffer.from([0x15, 0xfe, 0x23, 0x80, 0x0d, 0x0a]));
      return 'Scale: sent line noise.';
    default:
      return `Not understood: "${line}". Type a weight in grams, motion, stable, overload, ok, silent, talk, garbage or quit.`;
  }
}

/** A device the commands can open and wait for. */
export interface OpenableDevice {
  start(): void;
  waitConnected(timeoutMs: number): Promise<void>;
  on(event: 'status', listener: (status: DeviceStatus) => void): unknown;
  off(event: 'status', listener: (status: DeviceStatus) => void): unknown;
}

/**
 * Starts the device and waits for the first verdict: open, or the reason it cannot be
 * (nothing at that port, no permission, two candidate devices...). A technician at the
 * command line wants that reason at once, not after the reconnect loop has tried for a while.
 */
export async function connectOrExplain(device: OpenableDevice): Promise<{ ok: true } | { ok: false; message: string }> {
  let onStatus: (status: DeviceStatus) => void = () => undefined;
  const failed = new Promise<{ ok: false; message: string }>((resolve) => {
    onStatus = (status) => {
      if (status.state === 'reconnecting' || status.state === 'error')
        resolve({ ok: false, message: `${status.name}: ${status.detail.replace(/ — retrying.*$| Retrying.*$/, '')}` });
    };
  });
  device.on('status', onStatus);
  device.start();
  try {
    return await Promise.race([device.waitConnected(CONNECT_TIMEOUT_MS).then(() => ({ ok: true }) as const), failed]);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  } finally {
    device.off('status', onStatus);
  }
}

function report(
  io: DeviceCliIo,
  json: boolean,
  reading: { grams: number | null; status: string } | null,
  message: string,
) {
  if (json)
    io.out(JSON.stringify({ grams: null, stable: false, status: reading?.status ?? 'no-reading', error: message }));
  io.err(`packbench: ${message}`);
}

function parseProtocol(value: string | undefined): SerialScaleProtocolName {
  if (value === undefined)
    throw new CliUsageError(`Say which protocol the scale speaks: --protocol ${SERIAL_SCALE_PROTOCOLS.join('|')}.`);
  const protocol = SERIAL_SCALE_PROTOCOLS.find((name) => name === value.toLowerCase());
  if (!protocol)
    throw new CliUsageError(`Unknown scale protocol "${value}": use one of ${SERIAL_SCALE_PROTOCOLS.join(', ')}.`);
  return protocol;
}

function parseSeconds(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback * 1000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600)
    throw new CliUsageError(`--timeout must be a number of seconds between 0 and 600, not "${value}".`);
  return seconds * 1000;
}

function formatGrams(grams: number): string {
  return Number.isInteger(grams) ? String(grams) : grams.toFixed(1);
}
