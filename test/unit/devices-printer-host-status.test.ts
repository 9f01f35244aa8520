import { describe, expect, it } from 'vitest';
import {
  formatHostStatus,
  isHostStatusComplete,
  parseHostStatus,
  type HostStatusFields,
} from '../../src/main/devices/printer/host-status';
import type { PrinterProblem } from '../../src/main/devices/printer/types';

const STX = '\u0002';
const ETX = '\u0003';
const reply = (one: string, two: string, three = '1234,0') =>
  [one, two, three].map((s) => `${STX}${s}${ETX}\r\n`).join('');

/** A ready direct-thermal printer, 6-inch labels at 203 dpi, as in the ZPL manual's layout. */
const READY = reply('030,0,0,1218,000,0,0,0,000,0,0,0', '001,0,0,0,0,2,6,0,00000000,1,000');

function parsed(text: string) {
  const result = parseHostStatus(text);
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('~HS host status', () => {
  it('reads a ready printer', () => {
    const { fields, status } = parsed(READY);
    expect(fields).toMatchObject({
      paperOut: false,
      paused: false,
      headOpen: false,
      labelLengthDots: 1218,
      labelsRemaining: 0,
    });
    expect(status).toMatchObject({ state: 'connected', detail: 'Ready', problems: [] });
  });

  // prettier-ignore
  const vectors: ReadonlyArray<readonly [string, string, string, string, readonly PrinterProblem[]]> = [
    ['paper out',          '030,1,0,1218,000,0,0,0,000,0,0,0', '001,0,0,0,0,2,6,0,00000000,1,000', 'Paper out', ['paper-out']],
    ['paused',             '030,0,1,1218,000,0,0,0,000,0,0,0', '001,0,0,0,0,2,6,0,00000000,1,000', 'Paused', ['paused']],
    ['head open',          '030,0,0,1218,000,0,0,0,000,0,0,0', '001,0,1,0,0,2,6,0,00000000,1,000', 'Head open', ['head-open']],
    ['ribbon out',         '030,0,0,1218,000,0,0,0,000,0,0,0', '001,0,0,1,1,2,6,0,00000000,1,000', 'Ribbon out', ['ribbon-out']],
    ['head too hot',       '030,0,0,1218,000,0,0,0,000,0,0,1', '001,0,0,0,0,2,6,0,00000000,1,000', 'Print head too hot', ['head-too-hot']],
    ['open and paper out', '030,1,1,1218,002,0,0,0,000,0,0,0', '001,0,1,0,0,2,6,0,00000002,1,000', 'Head open; Paper out; Paused', ['head-open', 'paper-out', 'paused']],
  ];

  it.each(vectors)('reads %s as an error that stops printing', (_name, one, two, detail, problems) => {
    const { status } = parsed(reply(one, two));
    expect(status.state).toBe('error');
    expect(status.detail).toBe(detail);
    expect(status.problems).toEqual(problems);
  });

  it('treats a full buffer and a cold head as warnings next to "Ready"', () => {
    const { status } = parsed(reply('030,0,0,1218,003,1,0,0,000,0,1,0', '001,0,0,0,0,2,6,0,00000003,1,000'));
    expect(status.state).toBe('connected');
    expect(status.detail).toBe('Ready, 3 label(s) still to print (Print head too cold; Receive buffer full)');
    expect(status.formatsInBuffer).toBe(3);
    expect(status.labelsRemaining).toBe(3);
  });

  it('ignores noise around the three strings and waits for all three', () => {
    const noisy = `\r\n${READY.slice(0, 40)}`;
    expect(isHostStatusComplete(noisy)).toBe(false);
    expect(isHostStatusComplete(`garbage${READY}`)).toBe(true);
    expect(parsed(`xx${READY}yy`).status.state).toBe('connected');
  });

  it('says a cut-short reply is cut short', () => {
    const result = parseHostStatus(READY.slice(0, READY.lastIndexOf(STX)));
    expect(result).toEqual({ ok: false, message: "The printer's status reply was cut short (2 of 3 parts received)." });
  });

  it('refuses a reply with the wrong shape or unreadable flags', () => {
    expect(parseHostStatus(reply('030,0,0', '001,0,0'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/form this station does not know/),
    });
    expect(
      parseHostStatus(reply('030,X,0,1218,000,0,0,0,000,0,0,0', '001,0,0,0,0,2,6,0,00000000,1,000')),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/values this station cannot read/),
    });
  });

  it('writes what it reads (the simulator speaks the same strings)', () => {
    const fields: Partial<HostStatusFields> = {
      paperOut: true,
      headOpen: true,
      labelsRemaining: 4,
      formatsInBuffer: 2,
    };
    const { fields: back } = parsed(formatHostStatus(fields));
    expect(back).toMatchObject(fields);
    expect(formatHostStatus()).toBe(READY);
  });
});
