/** Command-line line settings (--baud, --data-bits, --parity, --stop-bits) shared by the device commands. */

import { parseParity, type DataBits, type Parity, type StopBits } from './serial-settings';

export const LINE_OPTIONS = {
  baud: { type: 'string' },
  'data-bits': { type: 'string' },
  parity: { type: 'string' },
  'stop-bits': { type: 'string' },
} as const;

export interface LineOverrides {
  baudRate?: number;
  dataBits?: DataBits;
  parity?: Parity;
  stopBits?: StopBits;
}

/** The settings given on the command line; throws a usage message for a bad value. */
export function lineOverrides(values: {
  readonly baud?: string | undefined;
  readonly 'data-bits'?: string | undefined;
  readonly parity?: string | undefined;
  readonly 'stop-bits'?: string | undefined;
}): LineOverrides {
  const result: LineOverrides = {};
  if (values.baud !== undefined) {
    const baud = Number(values.baud);
    if (!Number.isInteger(baud) || baud <= 0)
      throw new CliUsageError(`--baud must be a number such as 9600, not "${values.baud}".`);
    result.baudRate = baud;
  }
  if (values['data-bits'] !== undefined) {
    if (values['data-bits'] !== '7' && values['data-bits'] !== '8')
      throw new CliUsageError(`--data-bits must be 7 or 8, not "${values['data-bits']}".`);
    result.dataBits = Number(values['data-bits']) as DataBits;
  }
  if (values.parity !== undefined) {
    const parity = parseParity(values.parity);
    if (parity === null) throw new CliUsageError(`--parity must be none, even or odd, not "${values.parity}".`);
    result.parity = parity;
  }
  if (values['stop-bits'] !== undefined) {
    if (values['stop-bits'] !== '1' && values['stop-bits'] !== '2')
      throw new CliUsageError(`--stop-bits must be 1 or 2, not "${values['stop-bits']}".`);
    result.stopBits = Number(values['stop-bits']) as StopBits;
  }
  return result;
}

/** A mistake in the command line: the command prints it with its usage and exits with 2. */
export class CliUsageError extends Error {}

/** Resolves when `signal` aborts or, without one, on Ctrl-C. */
export function untilStopped(signal: AbortSignal | undefined): { readonly stopped: Promise<void>; dispose(): void } {
  let dispose = () => undefined as void;
  const stopped = new Promise<void>((resolve) => {
    if (signal) {
      if (signal.aborted) return resolve();
      const onAbort = () => resolve();
      signal.addEventListener('abort', onAbort, { once: true });
      dispose = () => signal.removeEventListener('abort', onAbort);
    } else {
      const onSigint = () => resolve();
      process.once('SIGINT', onSigint);
      dispose = () => process.off('SIGINT', onSigint);
    }
  });
  return { stopped, dispose };
}
