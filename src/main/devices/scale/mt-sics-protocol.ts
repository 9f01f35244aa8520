/**
 * METTLER TOLEDO Standard Interface Command Set (MT-SICS level 0), 9600 8N1, CRLF.
 * `SI` asks for the weight immediately (stable or not), `S` for the next stable weight,
 * `Z` zeroes. Replies: `S S      1.250 kg` (stable), `S D      1.248 kg` (dynamic: in
 * motion), `S I` (busy / not steady), `S +` (overload), `S -` (underload), `Z A` (zeroed),
 * `Z I` / `Z +` / `Z -` (not zeroed), `ES` / `ET` / `EL` (syntax, transmission, logical error).
 */

import { LINE_8N1 } from '../serial/serial-settings';
import { ZERO_MESSAGES, type ProtocolReply, type ScaleProtocol, type ZeroOutcome } from './protocol';
import { statusSample, visibleRaw, weightSample } from './sample';

export const MT_SICS_COMMANDS = { stable: 'S\r\n', immediate: 'SI\r\n', zero: 'Z\r\n' } as const;

const WEIGHT = /^S\s+([SD])\s+([+-]?\s*[\d.]+)\s+(\S+)\s*$/;

export function parseMtSicsReply(frame: Uint8Array): ProtocolReply {
  const raw = visibleRaw(frame);
  const text = Buffer.from(frame).toString('latin1').trim();
  const weight = WEIGHT.exec(text);
  if (weight) {
    const [, flag, value, unit] = weight as unknown as [string, string, string, string];
    const result = weightSample(value, unit, { stable: flag === 'S', raw });
    return result.ok ? { kind: 'sample', sample: result.sample } : { kind: 'unreadable', reason: result.reason, raw };
  }
  switch (text.replace(/\s+/g, ' ')) {
    case 'S I':
      return {
        kind: 'sample',
        sample: statusSample('motion', raw, 'The scale is busy or not steady (S I) — keep the platform still.'),
      };
    case 'S +':
      return {
        kind: 'sample',
        sample: statusSample('over-weight', raw, 'The parcel is heavier than the scale can weigh (S +, overload).'),
      };
    case 'S -':
      return {
        kind: 'sample',
        sample: statusSample(
          'under-zero',
          raw,
          'The scale is below its zero range (S -, underload) — empty the platform and zero it.',
        ),
      };
    case 'Z A':
      return { kind: 'zero-done' };
    case 'Z I':
      return { kind: 'zero-refused', message: ZERO_MESSAGES.motion };
    case 'Z +':
      return { kind: 'zero-refused', message: ZERO_MESSAGES.range };
    case 'Z -':
      return { kind: 'zero-refused', message: ZERO_MESSAGES.under };
    case 'ES':
      return {
        kind: 'error',
        message: 'The scale did not understand the command (ES, syntax error) — is it set to MT-SICS?',
      };
    case 'ET':
      return {
        kind: 'error',
        message: 'The scale received a garbled command (ET, transmission error) — check the baud rate and parity.',
      };
    case 'EL':
      return { kind: 'error', message: 'The scale cannot carry out the command now (EL, logical error).' };
    default:
      return { kind: 'unreadable', reason: 'not an MT-SICS reply', raw };
  }
}

function zeroOutcome(reply: ProtocolReply): ZeroOutcome {
  if (reply.kind === 'zero-done') return { ok: true };
  if (reply.kind === 'zero-refused' || reply.kind === 'error') return { ok: false, message: reply.message };
  return { ok: false, message: ZERO_MESSAGES.refused };
}

export function mtSicsProtocol(): ScaleProtocol {
  return {
    name: 'MT-SICS',
    line: LINE_8N1,
    framing: { kind: 'suffix', suffix: 'CRLF' },
    // SI answers at once, moving or not, which gives the live display a reading every poll.
    weighCommand: MT_SICS_COMMANDS.immediate,
    zeroCommand: MT_SICS_COMMANDS.zero,
    parse: parseMtSicsReply,
    zeroOutcome,
  };
}
