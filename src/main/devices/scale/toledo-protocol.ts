/**
 * Toledo 8217-style protocol (also "8213" / ECR mode on many POS scales), 9600 7E1.
 * `W` asks for the weight: `<STX>01.250<CR>` when it is stable, or `<STX>?s<CR>` with a
 * status byte s when it is not (motion, over capacity, under zero). Replies carry no unit:
 * it is the one the scale is configured for (pounds by default, kilograms as an option).
 * Net weights end with `N`. `Z` zeroes and answers with the status byte.
 *
 * Status byte (7 bits; bit 7 is parity): bit 0 in motion, bit 1 over capacity, bit 2 under
 * zero, bit 3 outside zero capture range, bit 4 at center of zero, bit 5 net, bit 6 always 1.
 */

import { LINE_7E1 } from '../serial/serial-settings';
import { ZERO_MESSAGES, type ProtocolReply, type ScaleProtocol, type ZeroOutcome } from './protocol';
import { statusSample, visibleRaw, weightSample } from './sample';
import type { ScaleSample } from './types';

export const TOLEDO_STATUS = {
  motion: 0x01,
  overCapacity: 0x02,
  underZero: 0x04,
  outsideZeroRange: 0x08,
  centerOfZero: 0x10,
  net: 0x20,
} as const;

export const TOLEDO_COMMANDS = { weigh: 'W\r', zero: 'Z\r' } as const;

const STX = 0x02;
const WEIGHT = /^([+-]?\s*\d*\.?\d+)\s*(N?)\s*([A-Za-z]{0,3})$/;

export function parseToledoReply(frame: Uint8Array, unit: 'lb' | 'kg'): ProtocolReply {
  const raw = visibleRaw(frame);
  // Seven data bits: a port left at 8N1 delivers the parity bit in bit 7.
  let bytes = Uint8Array.from(frame, (byte) => byte & 0x7f);
  const stx = bytes.indexOf(STX);
  if (stx < 0) return { kind: 'unreadable', reason: 'no STX at the start of the reply', raw };
  bytes = bytes.subarray(stx + 1);
  if (bytes[0] === 0x3f /* ? */) {
    const status = bytes[1];
    if (status === undefined || (status & 0x40) === 0 || bytes.length !== 2)
      return { kind: 'unreadable', reason: 'bad status byte', raw };
    return { kind: 'sample', sample: toledoStatusSample(status, raw) };
  }
  const text = Buffer.from(bytes).toString('latin1').trim();
  const match = WEIGHT.exec(text);
  if (!match) return { kind: 'unreadable', reason: 'not a Toledo weight', raw };
  const [, value, , printedUnit] = match as unknown as [string, string, string, string];
  // A weight reply is only sent when the weight is stable (otherwise the scale sends status).
  const result = weightSample(value, printedUnit === '' ? unit : printedUnit, { stable: true, raw });
  return result.ok ? { kind: 'sample', sample: result.sample } : { kind: 'unreadable', reason: result.reason, raw };
}

export function toledoStatusSample(status: number, raw: string): ScaleSample {
  if (status & TOLEDO_STATUS.overCapacity)
    return statusSample('over-weight', raw, 'The parcel is heavier than the scale can weigh (over capacity).');
  if (status & TOLEDO_STATUS.underZero)
    return statusSample('under-zero', raw, 'The scale shows less than zero — empty the platform and zero it.');
  if (status & TOLEDO_STATUS.motion) return statusSample('motion', raw);
  if (status & TOLEDO_STATUS.outsideZeroRange)
    return statusSample(
      'needs-rezero',
      raw,
      'The scale started up outside its zero range — empty the platform and zero it.',
    );
  if (status & TOLEDO_STATUS.centerOfZero) return statusSample('zero', raw);
  return statusSample('no-reading', raw, 'The scale answered with a status but no weight.');
}

function zeroOutcome(reply: ProtocolReply): ZeroOutcome {
  if (reply.kind !== 'sample') return { ok: false, message: ZERO_MESSAGES.refused };
  switch (reply.sample.reading.status) {
    case 'zero':
      return { ok: true };
    case 'motion':
      return { ok: false, message: ZERO_MESSAGES.motion };
    case 'under-zero':
      return { ok: false, message: ZERO_MESSAGES.under };
    default:
      return { ok: false, message: ZERO_MESSAGES.range };
  }
}

export function toledoProtocol(unit: 'lb' | 'kg' = 'lb'): ScaleProtocol {
  return {
    name: 'Toledo 8217',
    line: LINE_7E1,
    framing: { kind: 'suffix', suffix: 'CR' },
    weighCommand: TOLEDO_COMMANDS.weigh,
    zeroCommand: TOLEDO_COMMANDS.zero,
    parse: (frame) => parseToledoReply(frame, unit),
    zeroOutcome,
  };
}
