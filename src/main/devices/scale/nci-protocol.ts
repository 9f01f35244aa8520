/**
 * NCI standard scale protocol (Avery Weigh-Tronix control document SCP-01), used by
 * Brecknell and NCI bench scales, 9600 7E1 by default.
 *
 *   W<CR>  →  <LF>xxxx.xxUU<CR><LF>HH<CR><ETX>    weight, unit, two status bytes
 *   S<CR>  →  <LF>HH<CR><ETX>                      status only
 *   Z<CR>  →  <LF>HH<CR><ETX>                      zeroes, then status
 *   other  →  <LF>?<CR><ETX>
 *
 * Some scales send the status alone to W when the weight is negative, in motion or out of
 * range, and some put an `S` in front of the status bytes; both are accepted.
 * Status byte 1: bit 0 in motion, bit 1 at zero, bit 2 RAM error, bit 3 EEPROM error.
 * Status byte 2: bit 0 under capacity, bit 1 over capacity, bit 2 ROM error, bit 3 faulty
 * calibration, bit 6 another status byte follows. Bits 4-5 are always 1, bit 7 is parity.
 */

import { LINE_7E1 } from '../serial/serial-settings';
import { ZERO_MESSAGES, type ProtocolReply, type ScaleProtocol, type ZeroOutcome } from './protocol';
import { statusSample, visibleRaw, weightSample } from './sample';
import type { ScaleSample } from './types';

export const NCI_STATUS_1 = { motion: 0x01, atZero: 0x02, ramError: 0x04, eepromError: 0x08 } as const;
export const NCI_STATUS_2 = {
  underCapacity: 0x01,
  overCapacity: 0x02,
  romError: 0x04,
  faultyCalibration: 0x08,
} as const;

export const NCI_COMMANDS = { weigh: 'W\r', status: 'S\r', zero: 'Z\r' } as const;

const WEIGHT = /^([+-]?\s*\d*\.?\d+)\s*([A-Za-z]{1,3})$/;

export interface NciStatus {
  readonly motion: boolean;
  readonly atZero: boolean;
  readonly underCapacity: boolean;
  readonly overCapacity: boolean;
  /** Memory or calibration faults, in words. */
  readonly faults: readonly string[];
  readonly faultyCalibration: boolean;
}

/** Reads the status bytes; null when they are not NCI status bytes. */
export function parseNciStatus(text: string): NciStatus | null {
  const bytes = [...Buffer.from(text.replace(/^S/, ''), 'latin1')].map((byte) => byte & 0x7f);
  if (bytes.length < 2 || bytes.length > 4 || bytes.some((byte) => (byte & 0x30) !== 0x30)) return null;
  // Bit 6 is clear in the first byte and, after it, set exactly on the bytes another one
  // follows: line noise (e.g. "xx") that happens to have bits 4 and 5 set is refused here.
  const chained = bytes.every((byte, i) => ((byte & 0x40) !== 0) === (i > 0 && i < bytes.length - 1));
  if (!chained) return null;
  const [first, second] = bytes as [number, number];
  const faults: string[] = [];
  if (first & NCI_STATUS_1.ramError) faults.push('RAM error');
  if (first & NCI_STATUS_1.eepromError) faults.push('EEPROM error');
  if (second & NCI_STATUS_2.romError) faults.push('ROM error');
  return {
    motion: (first & NCI_STATUS_1.motion) !== 0,
    atZero: (first & NCI_STATUS_1.atZero) !== 0,
    underCapacity: (second & NCI_STATUS_2.underCapacity) !== 0,
    overCapacity: (second & NCI_STATUS_2.overCapacity) !== 0,
    faults,
    faultyCalibration: (second & NCI_STATUS_2.faultyCalibration) !== 0,
  };
}

export function parseNciReply(frame: Uint8Array): ProtocolReply {
  const raw = visibleRaw(frame);
  const lines = Buffer.from(Uint8Array.from(frame, (byte) => byte & 0x7f))
    .toString('latin1')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 1 && lines[0] === '?')
    return { kind: 'error', message: 'The scale did not understand the command (?) — is it set to NCI protocol?' };
  if (lines.length < 1 || lines.length > 2) return { kind: 'unreadable', reason: 'not an NCI reply', raw };
  const status = parseNciStatus(lines[lines.length - 1] as string);
  if (status === null) return { kind: 'unreadable', reason: 'bad NCI status bytes', raw };
  const fault = nciFaultSample(status, raw);
  if (fault) return { kind: 'sample', sample: fault };
  if (lines.length === 1) return { kind: 'sample', sample: nciStatusOnlySample(status, raw) };
  const match = WEIGHT.exec(lines[0] as string);
  if (!match) return { kind: 'unreadable', reason: 'not an NCI weight', raw };
  const [, value, unit] = match as unknown as [string, string, string];
  const result = weightSample(value, unit, { stable: !status.motion, raw });
  if (!result.ok) return { kind: 'unreadable', reason: result.reason, raw };
  return { kind: 'sample', sample: result.sample };
}

function nciFaultSample(status: NciStatus, raw: string): ScaleSample | null {
  if (status.faults.length > 0)
    return statusSample(
      'fault',
      raw,
      `The scale reports a ${status.faults.join(' and ')} — switch it off and on; if it persists it needs service.`,
    );
  if (status.faultyCalibration)
    return statusSample('needs-calibration', raw, 'The scale reports a faulty calibration — it needs recalibrating.');
  if (status.overCapacity)
    return statusSample('over-weight', raw, 'The parcel is heavier than the scale can weigh (over capacity).');
  if (status.underCapacity)
    return statusSample('under-zero', raw, 'The scale shows less than zero — empty the platform and zero it.');
  return null;
}

function nciStatusOnlySample(status: NciStatus, raw: string): ScaleSample {
  if (status.motion) return statusSample('motion', raw);
  if (status.atZero) return statusSample('zero', raw);
  return statusSample('no-reading', raw, 'The scale answered with a status but no weight.');
}

function zeroOutcome(reply: ProtocolReply): ZeroOutcome {
  if (reply.kind === 'error') return { ok: false, message: reply.message };
  if (reply.kind !== 'sample') return { ok: false, message: ZERO_MESSAGES.refused };
  switch (reply.sample.reading.status) {
    case 'zero':
      return { ok: true };
    case 'motion':
      return { ok: false, message: ZERO_MESSAGES.motion };
    case 'under-zero':
      return { ok: false, message: ZERO_MESSAGES.under };
    case 'fault':
    case 'needs-calibration':
      return { ok: false, message: reply.sample.problem ?? ZERO_MESSAGES.refused };
    default:
      return { ok: false, message: ZERO_MESSAGES.range };
  }
}

export function nciProtocol(): ScaleProtocol {
  return {
    name: 'NCI (SCP-01)',
    line: LINE_7E1,
    framing: { kind: 'etx' },
    weighCommand: NCI_COMMANDS.weigh,
    zeroCommand: NCI_COMMANDS.zero,
    parse: parseNciReply,
    zeroOutcome,
  };
}
