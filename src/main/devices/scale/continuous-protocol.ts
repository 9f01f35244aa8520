/**
 * Continuous-output scales and indicators (A&D, CAS and many OEM indicators): no commands,
 * one line per reading, several times a second:
 *
 *   ST,GS,+  1.234kg   stable gross        US,GS,+  1.236kg   unstable (in motion)
 *   ST,NT,+  0.950kg   stable net          OL,GS,+  9.999kg   overload
 *
 * Lines with only a weight ("  1.234 kg") carry no stable flag; the reader then waits for
 * equal consecutive readings.
 */

import { LINE_8N1 } from '../serial/serial-settings';
import type { ProtocolReply, ScaleProtocol, ZeroOutcome } from './protocol';
import { statusSample, visibleRaw, weightSample } from './sample';

const HEADED = /^(ST|US|OL)\s*,\s*(GS|NT|TR|QT)\s*,\s*([+-]?\s*[\d.]*)\s*([A-Za-z%]*)\s*$/;
const BARE = /^([+-]?\s*\d*\.?\d+)\s*([A-Za-z]{1,3})$/;

export function parseContinuousLine(frame: Uint8Array): ProtocolReply {
  const raw = visibleRaw(frame);
  const text = Buffer.from(frame).toString('latin1').trim();
  const headed = HEADED.exec(text);
  if (headed) {
    const [, state, kind, value, unit] = headed as unknown as [string, string, string, string, string];
    if (state === 'OL')
      return {
        kind: 'sample',
        sample: statusSample('over-weight', raw, 'The parcel is heavier than the scale can weigh (OL, overload).'),
      };
    if (kind === 'QT') return { kind: 'unreadable', reason: 'the scale is in counting mode (QT)', raw };
    const result = weightSample(value, unit, { stable: state === 'ST', raw });
    return result.ok ? { kind: 'sample', sample: result.sample } : { kind: 'unreadable', reason: result.reason, raw };
  }
  const bare = BARE.exec(text);
  if (bare) {
    const [, value, unit] = bare as unknown as [string, string, string];
    const result = weightSample(value, unit, { stable: false, stableKnown: false, raw });
    return result.ok ? { kind: 'sample', sample: result.sample } : { kind: 'unreadable', reason: result.reason, raw };
  }
  return { kind: 'unreadable', reason: 'not a continuous-output weight line', raw };
}

function zeroOutcome(): ZeroOutcome {
  return {
    ok: false,
    message: 'This scale only sends weights and takes no commands: zero it with the ZERO key on the scale.',
  };
}

export function continuousProtocol(): ScaleProtocol {
  return {
    name: 'continuous output',
    line: LINE_8N1,
    framing: { kind: 'line' },
    weighCommand: null,
    zeroCommand: null,
    parse: parseContinuousLine,
    zeroOutcome,
  };
}
