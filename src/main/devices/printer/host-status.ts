/**
 * The ZPL `~HS` (host status) reply, bytes to status. Pure: no I/O.
 *
 * The printer answers with three strings, each `<STX>…<ETX><CR><LF>`:
 *   1: aaa,b,c,dddd,eee,f,g,h,iii,j,k,l  — interface settings, paper out, pause, label length (dots),
 *      formats in receive buffer, buffer full, diagnostic mode, partial format, unused,
 *      configuration lost, under temperature, over temperature
 *   2: mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www  — function settings, unused, head up, ribbon out,
 *      thermal transfer, print mode, print width mode, label waiting, labels remaining,
 *      format while printing, graphics stored
 *   3: xxxx,y                            — password, static RAM installed
 */

import { hostStatus, type PrinterHostStatus, type PrinterProblem } from './types';

const STX = '\u0002';
const ETX = '\u0003';

export interface HostStatusFields {
  readonly paperOut: boolean;
  readonly paused: boolean;
  readonly labelLengthDots: number;
  readonly formatsInBuffer: number;
  readonly bufferFull: boolean;
  readonly partialFormat: boolean;
  readonly configLost: boolean;
  readonly underTemperature: boolean;
  readonly overTemperature: boolean;
  readonly headOpen: boolean;
  readonly ribbonOut: boolean;
  readonly thermalTransfer: boolean;
  readonly labelsRemaining: number;
}

export type HostStatusParse =
  | { readonly ok: true; readonly fields: HostStatusFields; readonly status: PrinterHostStatus }
  | { readonly ok: false; readonly message: string };

/** The `<STX>…<ETX>` strings complete so far in `buffer`, ignoring noise between them. */
export function hostStatusFrames(buffer: string): string[] {
  const frames: string[] = [];
  let from = 0;
  for (;;) {
    const start = buffer.indexOf(STX, from);
    if (start < 0) break;
    const end = buffer.indexOf(ETX, start + 1);
    if (end < 0) break;
    frames.push(buffer.slice(start + 1, end));
    from = end + 1;
  }
  return frames;
}

/** True once `buffer` holds the three strings of a `~HS` reply. */
export function isHostStatusComplete(buffer: string): boolean {
  return hostStatusFrames(buffer).length >= 3;
}

const WORDS: Readonly<Record<PrinterProblem, string>> = {
  'head-open': 'Head open',
  'paper-out': 'Paper out',
  'ribbon-out': 'Ribbon out',
  'head-too-hot': 'Print head too hot',
  'head-too-cold': 'Print head too cold',
  paused: 'Paused',
  'buffer-full': 'Receive buffer full',
  'config-lost': 'Configuration lost',
  'not-answering': 'Printer not answering',
  'queue-disabled': 'Print queue disabled',
};

/** Conditions that stop printing; the others are warnings shown next to "Ready". */
const STOPS_PRINTING: ReadonlySet<PrinterProblem> = new Set([
  'head-open',
  'paper-out',
  'ribbon-out',
  'head-too-hot',
  'paused',
  'not-answering',
  'queue-disabled',
]);

export function describeProblems(problems: readonly PrinterProblem[]): string {
  return problems.map((p) => WORDS[p]).join('; ');
}

/** State and detail for a set of problems, with what to do for the first one that stops printing. */
export function statusFromProblems(
  problems: readonly PrinterProblem[],
  extra: { readonly labelsRemaining?: number | null; readonly formatsInBuffer?: number | null } = {},
): PrinterHostStatus {
  const stopping = problems.filter((p) => STOPS_PRINTING.has(p));
  if (stopping.length > 0) return hostStatus('error', describeProblems(problems), problems, extra);
  const busy = (extra.labelsRemaining ?? 0) > 0 ? `, ${extra.labelsRemaining} label(s) still to print` : '';
  const warnings = problems.length > 0 ? ` (${describeProblems(problems)})` : '';
  return hostStatus('connected', `Ready${busy}${warnings}`, problems, extra);
}

function flag(value: string | undefined): boolean | null {
  if (value === '0') return false;
  if (value === '1') return true;
  return null;
}

function count(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

/** Parses a complete `~HS` reply; a reply that is cut short or garbled says which part. */
export function parseHostStatus(reply: string): HostStatusParse {
  const frames = hostStatusFrames(reply);
  if (frames.length < 3) {
    return {
      ok: false,
      message: `The printer's status reply was cut short (${frames.length} of 3 parts received).`,
    };
  }
  const one = (frames[0] ?? '').split(',').map((s) => s.trim());
  const two = (frames[1] ?? '').split(',').map((s) => s.trim());
  if (one.length < 12 || two.length < 11) {
    return { ok: false, message: 'The printer answered the status query in a form this station does not know.' };
  }
  const paperOut = flag(one[1]);
  const paused = flag(one[2]);
  const labelLengthDots = count(one[3]);
  const formatsInBuffer = count(one[4]);
  const bufferFull = flag(one[5]);
  const partialFormat = flag(one[7]);
  const configLost = flag(one[9]);
  const underTemperature = flag(one[10]);
  const overTemperature = flag(one[11]);
  const headOpen = flag(two[2]);
  const ribbonOut = flag(two[3]);
  const thermalTransfer = flag(two[4]);
  const labelsRemaining = count(two[8]);
  if (
    paperOut === null ||
    paused === null ||
    labelLengthDots === null ||
    formatsInBuffer === null ||
    bufferFull === null ||
    partialFormat === null ||
    configLost === null ||
    underTemperature === null ||
    overTemperature === null ||
    headOpen === null ||
    ribbonOut === null ||
    thermalTransfer === null ||
    labelsRemaining === null
  ) {
    return { ok: false, message: 'The printer answered the status query with values this station cannot read.' };
  }
  const fields: HostStatusFields = {
    paperOut,
    paused,
    labelLengthDots,
    formatsInBuffer,
    bufferFull,
    partialFormat,
    configLost,
    underTemperature,
    overTemperature,
    headOpen,
    ribbonOut,
    thermalTransfer,
    labelsRemaining,
  };
  const problems: PrinterProblem[] = [];
  if (fields.headOpen) problems.push('head-open');
  if (fields.paperOut) problems.push('paper-out');
  if (fields.ribbonOut) problems.push('ribbon-out');
  if (fields.overTemperature) problems.push('head-too-hot');
  if (fields.paused) problems.push('paused');
  if (fields.underTemperature) problems.push('head-too-cold');
  if (fields.bufferFull) problems.push('buffer-full');
  if (fields.configLost) problems.push('config-lost');
  return { ok: true, fields, status: statusFromProblems(problems, { labelsRemaining, formatsInBuffer }) };
}

/** The three `~HS` strings for given conditions, as a printer (or the simulator) sends them. */
export function formatHostStatus(fields: Partial<HostStatusFields> = {}): string {
  const b = (value: boolean | undefined) => (value ? '1' : '0');
  const pad = (value: number | undefined, width: number) => String(value ?? 0).padStart(width, '0');
  const one = [
    '030',
    b(fields.paperOut),
    b(fields.paused),
    pad(fields.labelLengthDots ?? 1218, 4),
    pad(fields.formatsInBuffer, 3),
    b(fields.bufferFull),
    '0',
    b(fields.partialFormat),
    '000',
    b(fields.configLost),
    b(fields.underTemperature),
    b(fields.overTemperature),
  ].join(',');
  const two = [
    '001',
    '0',
    b(fields.headOpen),
    b(fields.ribbonOut),
    b(fields.thermalTransfer),
    '2',
    '6',
    '0',
    pad(fields.labelsRemaining, 8),
    '1',
    '000',
  ].join(',');
  const three = '1234,0';
  return [one, two, three].map((s) => `${STX}${s}${ETX}\r\n`).join('');
}
