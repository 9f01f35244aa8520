/**
 * The `devices` and `simulate` command groups: what a field technician runs at a station to
 * see what is plugged in, weigh, print a test label and watch scans, and the simulated
 * devices that stand in for hardware in demos. Each command uses the station's own drivers.
 *
 *   packbench devices list [--data-dir DIR] [--station NAME] [--json]
 *   packbench devices weigh --port PATH --protocol mt-sics|toledo|nci|continuous [--baud N] [--json]
 *   packbench devices weigh --hid [--hid-path PATH] [--json]
 *   packbench devices print-test --printer tcp://HOST:PORT|usb:VID:PID|cups:QUEUE|file:PATH --serial S [--json]
 *   packbench devices scan-test --port PATH [--baud N] [--json]
 *   packbench simulate scale --protocol mt-sics|toledo|nci|continuous [--grams N]
 *   packbench simulate printer [--port 9100] [--dir DIR]
 *   packbench simulate scanner [--scans FILE]
 */

import os from 'node:os';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../paths';
import { devicesPrintTest, simulatePrinter } from './cli-printer';
import { devicesWeigh, simulateScale, type DeviceCliDeps, type DeviceCliIo } from './cli-scale';
import { devicesScanTest, simulateScanner } from './cli-scanner';
import { discoverDevices, type Discovered } from './discovery';
import { nodeHidBackend } from './hid/hid-backend';
import type { PrinterDeps } from './printer/registry';
import { deviceUses, readSavedSelections, useWords, type DeviceUse, type SavedSelections } from './saved-selections';
import { CliUsageError } from './serial/cli-line-options';

const EXIT_OK = 0;
const EXIT_USAGE = 2;

export const DEVICE_COMMANDS_USAGE = `  devices list [--data-dir DIR] [--station NAME]
                                                what is plugged in (serial ports, USB HID scanners and scales,
                                                USB label printers), what each can be used as, and which ones
                                                the stations' saved settings use
  devices weigh --port PATH --protocol mt-sics|toledo|nci|continuous [--baud N] [--timeout SECONDS]
  devices weigh --hid [--hid-path PATH]         wait for a stable weight and print it
  devices print-test --printer tcp://HOST:PORT|usb:VID:PID|cups:QUEUE|file:PATH --serial S
                                                print one serial label and report the printer's status
  devices scan-test --port PATH [--baud N] [--suffix CR|LF|CRLF] [--count N]
                                                print each scan as it arrives (Ctrl-C or Ctrl-D stops)
  simulate scale --protocol mt-sics|toledo|nci|continuous [--grams N]
  simulate printer [--port 9100] [--dir DIR]    a ZPL printer on raw TCP that keeps each label
  simulate scanner [--scans FILE] [--every SECONDS]
                                                simulated serial devices for demos (socat virtual ports)`;

const GROUP_USAGE = `Usage: packbench devices|simulate <command> [options]\n\nCommands:\n${DEVICE_COMMANDS_USAGE}`;

export interface DeviceCommandDeps extends DeviceCliDeps, PrinterDeps {
  /** The store folder named before the command group (`packbench --data-dir DIR devices list`). */
  readonly dataDir?: string;
  /** Where the default store folder comes from (PACKBENCH_DATA_DIR); the process's own unless given. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs `devices ...` or `simulate ...`; `argv` is what follows the group name. */
export async function runDeviceCommand(
  group: 'devices' | 'simulate',
  argv: readonly string[],
  io: DeviceCliIo,
  deps: DeviceCommandDeps = {},
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    (command === undefined ? io.err : io.out)(GROUP_USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  try {
    switch (`${group} ${command}`) {
      case 'devices list':
        return await devicesList(rest, io, deps);
      case 'devices weigh':
        return await devicesWeigh(rest, io, deps);
      case 'devices print-test':
        return await printTest(rest, io, deps);
      case 'devices scan-test':
        return await devicesScanTest(rest, io, deps);
      case 'simulate scale':
        return await simulateScale(rest, io);
      case 'simulate printer':
        return await runPrinterSimulator(rest, io);
      case 'simulate scanner':
        return await simulateScanner(rest, io);
      default: {
        const known = group === 'devices' ? 'list, weigh, print-test or scan-test' : 'scale, printer or scanner';
        io.err(`packbench: "${group} ${command}" is not a command; use ${group} ${known}.\n\n${GROUP_USAGE}`);
        return EXIT_USAGE;
      }
    }
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.err(`packbench: ${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

const LIST_USAGE = 'devices list [--data-dir DIR] [--station NAME] [--json]';

/** Which station's settings the listing compares with, and where they were read from. */
interface ListContext {
  readonly station: string;
  readonly dataDir: string;
  readonly saved: SavedSelections;
}

async function devicesList(argv: readonly string[], io: DeviceCliIo, deps: DeviceCommandDeps): Promise<number> {
  const values = parseOptions(
    argv,
    {
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      station: { type: 'string' },
    },
    LIST_USAGE,
  );
  if (values.station !== undefined && values.station.trim() === '')
    throw new CliUsageError('--station needs the station name, as the station shows it in its header.');
  // The desktop station is named after the computer unless started with another name.
  const station = values.station?.trim() ?? os.hostname();
  const dataDir = resolveDataDir(values['data-dir'] ?? deps.dataDir, deps.env ?? process.env);
  const found = await discoverDevices(deps.hid ?? nodeHidBackend());
  const context: ListContext = { station, dataDir, saved: readSavedSelections(dataDir) };
  if (values.json) io.out(JSON.stringify(withUses(found, context), null, 2));
  else io.out(describeDiscovered(found, context));
  return EXIT_OK;
}

/**
 * What each device can be set up as at this station, the command that tries it, and what the
 * stations' saved settings use it as.
 */
function withUses(found: Discovered, context: ListContext) {
  const used = deviceUses(found, context.saved.stations, context.station);
  return {
    serialPorts: found.serialPorts.map((port, i) => ({
      ...port,
      use: 'serial scanner or serial scale (choose the protocol)',
      try: `packbench devices scan-test --port ${port.path}  |  packbench devices weigh --port ${port.path} --protocol mt-sics`,
      usedAs: used.serialPorts[i] ?? [],
    })),
    hid: found.hid.map((device, i) => ({
      ...device,
      use: device.role === 'scale' ? 'USB shipping scale (HID POS)' : 'USB barcode scanner (HID POS)',
      try:
        device.role === 'scale'
          ? `packbench devices weigh --hid${device.path ? ` --hid-path ${device.path}` : ''}`
          : `packbench devices scan-test --hid${device.path ? ` --hid-path ${device.path}` : ''}`,
      usedAs: used.hid[i] ?? [],
    })),
    usbPrinters: found.usbPrinters.map((printer, i) => ({
      ...printer,
      use: 'label printer (raw USB)',
      try: `packbench devices print-test --printer ${printer.address} --serial TEST-1`,
      usedAs: used.usbPrinters[i] ?? [],
    })),
    station: {
      name: context.station,
      dataDir: context.dataDir,
      /** The store the saved settings were read from; null when the folder holds none. */
      settingsFrom: context.saved.file,
    },
    problems: context.saved.problem === null ? found.problems : [...found.problems, context.saved.problem],
  };
}

function describeDiscovered(found: Discovered, context: ListContext): string {
  const listed = withUses(found, context);
  const lines: string[] = [];
  const section = (
    title: string,
    entries: { name: string; description: string; use: string; try: string; usedAs: DeviceUse[] }[],
  ) => {
    lines.push(`${title}:`);
    if (entries.length === 0) lines.push('  none found');
    for (const entry of entries) {
      lines.push(`  ${entry.name}  ${entry.description}`);
      lines.push(`    can be: ${entry.use}`);
      lines.push(`    try:    ${entry.try}`);
      if (entry.usedAs.length > 0) lines.push(`    used as: ${useWords(entry.usedAs)}`);
    }
  };
  section(
    'Serial ports',
    listed.serialPorts.map((port) => ({ name: port.path, ...port })),
  );
  section(
    'USB HID scanners and scales',
    listed.hid.map((device) => ({ name: device.path ?? '(no path)', ...device })),
  );
  section(
    'USB label printers',
    listed.usbPrinters.map((printer) => ({ name: printer.address, ...printer })),
  );
  lines.push('Network printers (tcp://HOST:9100) and CUPS queues (cups:QUEUE) are not searched for: test them with');
  lines.push('  packbench devices print-test --printer tcp://HOST:9100 --serial TEST-1');
  lines.push(
    context.saved.file === null
      ? `No store in ${context.dataDir}, so no saved device settings to compare with (--data-dir DIR names another).`
      : `"Used as" is from the saved settings in ${context.saved.file}; this station is ${context.station} (--station NAME names another).`,
  );
  for (const problem of listed.problems) lines.push(`Could not check: ${problem}`);
  return lines.join('\n');
}

const PRINT_TEST_USAGE =
  'devices print-test --printer tcp://HOST:PORT|usb:VID:PID|cups:QUEUE|file:PATH --serial S [--sku SKU] [--product NAME] [--gtin GTIN] [--dpi 203|300|600] [--label-mm WIDTHxHEIGHT] [--darkness 0-30] [--json]';

async function printTest(argv: readonly string[], io: DeviceCliIo, deps: PrinterDeps): Promise<number> {
  const values = parseOptions(
    argv,
    {
      printer: { type: 'string' },
      serial: { type: 'string' },
      sku: { type: 'string' },
      product: { type: 'string' },
      gtin: { type: 'string' },
      dpi: { type: 'string' },
      'label-mm': { type: 'string' },
      darkness: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    PRINT_TEST_USAGE,
  );
  if (values.printer === undefined)
    throw new CliUsageError(
      'Say which printer to test: --printer tcp://HOST:PORT, usb:VID:PID, cups:QUEUE or file:PATH.',
    );
  if (values.serial === undefined)
    throw new CliUsageError('Say which serial number to print on the test label: --serial S.');
  let dpi: number | undefined;
  if (values.dpi !== undefined) {
    dpi = Number(values.dpi);
    if (dpi !== 203 && dpi !== 300 && dpi !== 600)
      throw new CliUsageError(`--dpi must be 203, 300 or 600 (the printer's resolution), not "${values.dpi}".`);
  }
  let darkness: number | undefined;
  if (values.darkness !== undefined) {
    darkness = Number(values.darkness);
    if (!Number.isInteger(darkness) || darkness < 0 || darkness > 30)
      throw new CliUsageError(`--darkness must be a whole number from 0 to 30, not "${values.darkness}".`);
  }
  return devicesPrintTest(
    {
      printer: values.printer,
      serial: values.serial,
      json: values.json,
      ...(values.sku === undefined ? {} : { sku: values.sku }),
      ...(values.product === undefined ? {} : { productName: values.product }),
      ...(values.gtin === undefined ? {} : { gtin: values.gtin }),
      ...(dpi === undefined ? {} : { dpi }),
      ...(values['label-mm'] === undefined ? {} : { labelMm: values['label-mm'] }),
      ...(darkness === undefined ? {} : { darkness }),
    },
    io,
    deps,
  );
}

async function runPrinterSimulator(argv: readonly string[], io: DeviceCliIo): Promise<number> {
  const values = parseOptions(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      dir: { type: 'string' },
      'save-dir': { type: 'string' },
    },
    'simulate printer [--port 9100] [--host 127.0.0.1] [--dir DIR]',
  );
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CliUsageError(`--port must be a TCP port number (0–65535; 0 picks a free one), not "${values.port}".`);
  }
  const saveDir = values.dir ?? values['save-dir'];
  return simulatePrinter(
    {
      ...(port === undefined ? {} : { port }),
      ...(values.host === undefined ? {} : { host: values.host }),
      ...(saveDir === undefined ? {} : { saveDir }),
    },
    io,
    io.signal === undefined ? {} : { signal: io.signal },
  );
}

type OptionSpec = Record<string, { type: 'string' } | { type: 'boolean'; default: boolean }>;

function parseOptions<T extends OptionSpec>(argv: readonly string[], options: T, usage: string) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\nUsage: packbench ${usage}`);
  }
}
