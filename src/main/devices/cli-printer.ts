/**
 * Label printer commands for technicians, on the same drivers the station uses.
 *
 * packbench devices print-test --printer ADDRESS --serial S [--sku SKU] [--product NAME] [--gtin GTIN]
 *                              [--dpi 203|300|600] [--label-mm WIDTHxHEIGHT] [--darkness 0-30] [--json]
 *     Sends one serial label (Code 128 of the serial; GS1 DataMatrix too when --gtin is given) and
 *     reports what the printer said. ADDRESS is tcp://HOST:PORT, usb:VID:PID (hex), cups:QUEUE or
 *     file:FOLDER. The label size defaults to 4 × 6 inch at 203 dpi.
 *     Exit codes: 0 printed, 1 the printer could not print or reported a problem, 2 bad options.
 *
 * packbench simulate printer [--port 9100] [--host 127.0.0.1] [--dir DIR]
 *     Runs a simulated ZPL label printer on raw TCP until Ctrl+C, listing each label it receives
 *     (and the file it saved it to with --dir). It answers ~HS like a Zebra that is ready.
 */

import { parseZpl } from './printer/preview/zpl-parse';
import { PrinterSimulator } from './printer/printer.simulator';
import { PrinterAddressError, createPrinter, parsePrinterAddress, type PrinterDeps } from './printer/registry';
import { DEFAULT_PRINTER_SETTINGS, type PrinterDpi, type PrinterSettings } from './printer/types';
import { LabelDataError } from './printer/zpl/encoding';
import { serialLabel } from './printer/zpl/serial-label';

/** Where the commands write: lines for the technician and lines for the log. */
export interface PrinterCliIo {
  out(line: string): void;
  err(line: string): void;
}

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

export interface PrintTestArgs {
  readonly printer: string;
  readonly serial: string;
  readonly sku?: string;
  readonly productName?: string;
  readonly gtin?: string;
  readonly dpi?: number;
  /** "WIDTHxHEIGHT" in millimetres, e.g. "76x51". */
  readonly labelMm?: string;
  readonly darkness?: number;
  readonly json?: boolean;
}

/** Sends a serial label to the printer at `args.printer` and reports the result. */
export async function devicesPrintTest(args: PrintTestArgs, io: PrinterCliIo, deps: PrinterDeps = {}): Promise<number> {
  let settings: PrinterSettings;
  let address;
  let label;
  try {
    address = parsePrinterAddress(args.printer);
    settings = printSettings(args);
    label = serialLabel(
      {
        serial: args.serial,
        sku: args.sku ?? null,
        productName: args.productName ?? 'Test label',
        gtin: args.gtin ?? null,
      },
      settings,
    );
  } catch (error) {
    if (error instanceof PrinterAddressError || error instanceof LabelDataError) {
      io.err(`packbench: ${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }

  const printer = createPrinter(address, deps);
  try {
    const result = await printer.print(label.zpl);
    if (args.json) {
      io.out(
        JSON.stringify(
          {
            ok: result.ok,
            message: result.message,
            printer: printer.name,
            destination: result.destination,
            bytesSent: result.bytesSent,
            status: result.status,
            serial: args.serial,
            gs1: label.gs1Text,
            notes: label.notes,
          },
          null,
          2,
        ),
      );
    } else {
      const lines = [result.message];
      if (result.status !== null) lines.push(`Printer status: ${result.status.detail}`);
      lines.push(`Serial: ${args.serial}`);
      if (label.gs1Text !== null) lines.push(`GS1 DataMatrix: ${label.gs1Text}`);
      for (const note of label.notes) lines.push(`Note: ${note}`);
      (result.ok ? io.out : io.err)(lines.join('\n'));
    }
    return result.ok ? EXIT_OK : EXIT_FAILED;
  } finally {
    await printer.close();
  }
}

function printSettings(args: PrintTestArgs): PrinterSettings {
  let { labelWidthMm, labelHeightMm } = DEFAULT_PRINTER_SETTINGS;
  if (args.labelMm !== undefined) {
    const match = /^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*$/i.exec(args.labelMm);
    if (match === null)
      throw new LabelDataError(`--label-mm takes WIDTHxHEIGHT in millimetres, e.g. 76x51, not "${args.labelMm}".`);
    labelWidthMm = Number(match[1]);
    labelHeightMm = Number(match[2]);
  }
  return {
    ...DEFAULT_PRINTER_SETTINGS,
    dpi: (args.dpi ?? DEFAULT_PRINTER_SETTINGS.dpi) as PrinterDpi,
    labelWidthMm,
    labelHeightMm,
    darkness: args.darkness ?? null,
  };
}

export interface SimulatePrinterArgs {
  /** Default 9100. */
  readonly port?: number;
  /** Default 127.0.0.1; 0.0.0.0 lets other machines print to it. */
  readonly host?: string;
  readonly saveDir?: string;
}

/** Runs the printer simulator until Ctrl+C (or `options.signal`), listing each label received. */
export async function simulatePrinter(
  args: SimulatePrinterArgs,
  io: PrinterCliIo,
  options: { readonly signal?: AbortSignal } = {},
): Promise<number> {
  const port = args.port ?? 9100;
  let simulator: PrinterSimulator;
  try {
    simulator = await PrinterSimulator.start({
      port,
      host: args.host ?? '127.0.0.1',
      ...(args.saveDir === undefined ? {} : { saveDir: args.saveDir }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(
      code === 'EADDRINUSE'
        ? `packbench: port ${port} is already in use (another printer or simulator?); pick another with --port.`
        : code === 'EACCES'
          ? `packbench: this user may not listen on port ${port}; pick one above 1024 with --port.`
          : `packbench: the printer simulator could not start: ${(error as Error).message}`,
    );
    return EXIT_USAGE;
  }

  simulator.on('label', (label) => {
    const texts = parseZpl(label.zpl)
      .flatMap((parsed) => parsed.elements)
      .flatMap((element) => (element.kind === 'text' ? [element.text] : []));
    const saved = label.savedTo === null ? '' : `, saved to ${label.savedTo}`;
    io.out(
      `Label ${label.number} received (${Buffer.byteLength(label.zpl)} bytes${saved})${texts.length ? `: ${texts.join(' | ')}` : ''}`,
    );
  });
  io.out(`Simulated label printer listening on ${simulator.url} — send ZPL to it; Ctrl+C stops it.`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      options.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener('abort', stop, { once: true });
  });
  const count = simulator.labels.length;
  await simulator.close();
  io.out(`Printer simulator stopped after ${count} label(s).`);
  return EXIT_OK;
}
