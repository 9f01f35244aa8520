import { describe, expect, it } from 'vitest';
import { parseContinuousLine } from '../../src/main/devices/scale/continuous-protocol';
import { parseScaleReport } from '../../src/main/devices/scale/hid-pos-scale-report';
import { parseMtSicsReply } from '../../src/main/devices/scale/mt-sics-protocol';
import { parseNciReply } from '../../src/main/devices/scale/nci-protocol';
import type { ProtocolReply } from '../../src/main/devices/scale/protocol';
import { parseToledoReply } from '../../src/main/devices/scale/toledo-protocol';
import { toGrams } from '../../src/main/devices/scale/units';

const bytes = (text: string) => Buffer.from(text, 'latin1');

/** The reading a reply carries, or the reply kind when it carries none. */
function outcome(reply: ProtocolReply) {
  if (reply.kind !== 'sample') return reply.kind;
  const { grams, stable, status } = reply.sample.reading;
  return { grams, stable, status };
}

const w = (grams: number | null, stable: boolean, status: string) => ({ grams, stable, status });

describe('MT-SICS replies', () => {
  it.each([
    ['S S      1.250 kg', w(1250, true, 'ok')],
    ['S D      1.248 kg', w(1248, false, 'motion')],
    ['S S     -0.012 kg', w(-12, true, 'under-zero')],
    ['S S      0.000 kg', w(0, true, 'zero')],
    ['S S      250.0 g', w(250, true, 'ok')],
    ['S S      2.500 lb', w(1134, true, 'ok')],
    ['S S     12.000 oz', w(340.2, true, 'ok')],
    ['S S   1250000 mg', w(1250, true, 'ok')],
    ['S I', w(null, false, 'motion')],
    ['S +', w(null, false, 'over-weight')],
    ['S -', w(null, false, 'under-zero')],
    ['S S      1.000 ct', w(null, false, 'no-reading')],
    ['Z A', 'zero-done'],
    ['Z I', 'zero-refused'],
    ['Z +', 'zero-refused'],
    ['ES', 'error'],
    ['ET', 'error'],
    ['EL', 'error'],
    ['S S      1.2.5 kg', 'unreadable'],
    ['S S      1.250 furlong', 'unreadable'],
    ['\u0015\u00fe#@!', 'unreadable'],
    ['', 'unreadable'],
  ])('%j', (reply, expected) => {
    expect(outcome(parseMtSicsReply(bytes(reply)))).toEqual(expected);
  });

  it('explains refused units and error replies in words', () => {
    const carats = parseMtSicsReply(bytes('S S      1.000 ct'));
    expect(carats.kind === 'sample' && carats.sample.problem).toBe(
      'The scale weighs in carats: switch it to grams, kilograms, ounces or pounds.',
    );
    const et = parseMtSicsReply(bytes('ET'));
    expect(et.kind === 'error' && et.message).toMatch(/baud rate and parity/);
  });
});

describe('Toledo 8217 replies', () => {
  it.each([
    ['\x0201.250', 'kg', w(1250, true, 'ok')],
    ['\x02002.76', 'lb', w(1251.9, true, 'ok')],
    ['\x02000.00', 'lb', w(0, true, 'zero')],
    ['\x0201.250N', 'kg', w(1250, true, 'ok')],
    ['\x02?A', 'lb', w(null, false, 'motion')],
    ['\x02?B', 'lb', w(null, false, 'over-weight')],
    ['\x02?D', 'lb', w(null, false, 'under-zero')],
    ['\x02?H', 'lb', w(null, false, 'needs-rezero')],
    ['\x02?P', 'lb', w(0, true, 'zero')],
    ['\x02?Q', 'lb', w(null, false, 'motion')], // moving near zero: motion wins
    ['01.250', 'kg', 'unreadable'], // no STX
    ['\x02?', 'lb', 'unreadable'],
    ['\x02?\x01', 'lb', 'unreadable'], // status bytes always have bit 6 set
    ['\x0212a.45', 'lb', 'unreadable'],
    ['\x02', 'lb', 'unreadable'],
  ] as const)('%j (%s)', (reply, unit, expected) => {
    expect(outcome(parseToledoReply(bytes(reply), unit))).toEqual(expected);
  });

  it('reads a 7E1 reply on a port left at 8 bits (parity in bit 7)', () => {
    const withParity = [...bytes('\x0201.250')].map((byte, i) => (i % 2 === 1 ? byte | 0x80 : byte));
    expect(outcome(parseToledoReply(Uint8Array.from(withParity), 'kg'))).toEqual(w(1250, true, 'ok'));
  });
});

describe('NCI (SCP-01) replies', () => {
  it.each([
    ['\n0001.25lb\r\n00\r', w(567, true, 'ok')],
    ['\n0001.250kg\r\n10\r', w(1250, false, 'motion')],
    ['\n0000.00lb\r\n20\r', w(0, true, 'zero')],
    ['\n  1250g \r\n00\r', w(1250, true, 'ok')],
    ['\n-0001.25lb\r\n00\r', w(-567, true, 'under-zero')],
    ['\n00\r', w(null, false, 'no-reading')],
    ['\n10\r', w(null, false, 'motion')],
    ['\n20\r', w(0, true, 'zero')],
    ['\nS20\r', w(0, true, 'zero')],
    ['\n02\r', w(null, false, 'over-weight')],
    ['\n01\r', w(null, false, 'under-zero')],
    ['\n0001.25lb\r\n02\r', w(null, false, 'over-weight')],
    ['\n40\r', w(null, false, 'fault')], // RAM error
    ['\n80\r', w(null, false, 'fault')], // EEPROM error
    ['\n04\r', w(null, false, 'fault')], // ROM error
    ['\n08\r', w(null, false, 'needs-calibration')],
    ['\n0001.25ct\r\n00\r', w(null, false, 'no-reading')],
    ['\n?\r', 'error'],
    ['\nxx\r', 'unreadable'],
    ['\n0x\r', 'unreadable'], // says a third status byte follows, but none does
    ['\n000\r', 'unreadable'], // a third status byte nobody announced
    ['\n0p0\r', w(null, false, 'no-reading')], // three status bytes, the second announcing the third
    ['\n0001.25lb\r', 'unreadable'], // weight without status: cut short
    ['\n1.2.5lb\r\n00\r', 'unreadable'],
  ])('%j', (reply, expected) => {
    expect(outcome(parseNciReply(bytes(reply)))).toEqual(expected);
  });

  it('names the failed memory in a fault', () => {
    const reply = parseNciReply(bytes('\n44\r'));
    expect(reply.kind === 'sample' && reply.sample.problem).toMatch(/RAM error and ROM error/);
  });
});

describe('continuous output lines', () => {
  it.each([
    ['ST,GS,+  1.234kg', w(1234, true, 'ok')],
    ['US,GS,+  1.236kg', w(1236, false, 'motion')],
    ['ST,NT,+  0.950kg', w(950, true, 'ok')],
    ['ST,GS,-  0.012kg', w(-12, true, 'under-zero')],
    ['ST,GS,+  0.000kg', w(0, true, 'zero')],
    ['ST,GS,+   2.50lb', w(1134, true, 'ok')],
    ['ST,GS,+001250 g', w(1250, true, 'ok')],
    ['OL,GS,+ 99.999kg', w(null, false, 'over-weight')],
    ['OL,GS,+    .   kg', w(null, false, 'over-weight')],
    ['ST,GS,+  1.000ct', w(null, false, 'no-reading')],
    ['ST,QT,+    10pcs', 'unreadable'],
    ['ST,GS,+  1.2x4kg', 'unreadable'],
    ['\u0015\u00fe#\u0080', 'unreadable'],
  ])('%j', (line, expected) => {
    expect(outcome(parseContinuousLine(bytes(line)))).toEqual(expected);
  });

  it('marks a bare weight line as having no stable flag', () => {
    const reply = parseContinuousLine(bytes('   1.234 kg'));
    expect(reply.kind === 'sample' && reply.sample).toMatchObject({
      stableKnown: false,
      reading: { grams: 1234, stable: false, status: 'ok' },
    });
  });
});

describe('USB HID POS scale reports', () => {
  const parse = (report: number[], reportIdIncluded = true) =>
    outcome(
      (() => {
        const result = parseScaleReport(Uint8Array.from(report), { reportIdIncluded });
        if (result.kind === 'sample') return { kind: 'sample', sample: result.sample } as const;
        return { kind: 'unreadable', reason: result.kind, raw: '' } as const;
      })(),
    );

  it.each([
    ['stable 1250 g', [3, 4, 2, 0, 0xe2, 0x04], w(1250, true, 'ok')],
    ['in motion', [3, 3, 2, 0, 0xe2, 0x04], w(1250, false, 'motion')],
    ['stable at zero', [3, 2, 2, 0, 0, 0], w(0, true, 'zero')],
    ['1.250 kg (exponent -3)', [3, 4, 3, 0xfd, 0xe2, 0x04], w(1250, true, 'ok')],
    ['30.0 oz (exponent -1)', [3, 4, 11, 0xff, 0x2c, 0x01], w(850.5, true, 'ok')],
    ['12.50 lb (exponent -2)', [3, 4, 12, 0xfe, 0xe2, 0x04], w(5669.9, true, 'ok')],
    ['10000 mg', [3, 4, 1, 0, 0x10, 0x27], w(10, true, 'ok')],
    ['125 × 10 g (exponent +1)', [3, 4, 2, 0x01, 0x7d, 0x00], w(1250, true, 'ok')],
    ['under zero by 20 g', [3, 5, 2, 0, 0x14, 0], w(-20, false, 'under-zero')],
    ['over weight', [3, 6, 2, 0, 0xff, 0xff], w(null, false, 'over-weight')],
    ['fault', [3, 1, 2, 0, 0, 0], w(null, false, 'fault')],
    ['requires calibration', [3, 7, 2, 0, 0, 0], w(null, false, 'needs-calibration')],
    ['requires re-zeroing', [3, 8, 2, 0, 0, 0], w(null, false, 'needs-rezero')],
    ['carats', [3, 4, 4, 0, 0x10, 0], w(null, false, 'no-reading')],
    ['taels', [3, 4, 5, 0, 0x10, 0], w(null, false, 'no-reading')],
    ['grains', [3, 4, 6, 0, 0x10, 0], w(null, false, 'no-reading')],
    ['pennyweights', [3, 4, 7, 0, 0x10, 0], w(null, false, 'no-reading')],
    ['metric tons', [3, 4, 8, 0, 0x10, 0], w(null, false, 'no-reading')],
    ['avoirdupois tons', [3, 4, 9, 0, 0x10, 0], w(null, false, 'no-reading')],
    ['troy ounces', [3, 4, 10, 0, 0x10, 0], w(null, false, 'no-reading')],
    ['troy pounds', [3, 4, 13, 0, 0x10, 0], w(null, false, 'no-reading')],
    ['unknown unit code', [3, 4, 99, 0, 0x10, 0], 'unreadable'],
    ['unknown status', [3, 9, 2, 0, 0x10, 0], 'unreadable'],
    ['too short', [3, 4, 2], 'unreadable'],
  ])('%s', (_name, report, expected) => {
    expect(parse(report)).toEqual(expected);
  });

  it('ignores other reports and reads the WebHID layout', () => {
    expect(parseScaleReport(Uint8Array.from([4, 1, 2]), { reportIdIncluded: true })).toEqual({
      kind: 'other',
      reportId: 4,
    });
    expect(parse([4, 2, 0, 0xe2, 0x04], false)).toEqual(w(1250, true, 'ok'));
  });

  it('says which unit to switch to when the unit is refused', () => {
    const result = parseScaleReport(Uint8Array.from([3, 4, 10, 0, 1, 0]), { reportIdIncluded: true });
    expect(result.kind === 'sample' && result.sample.problem).toBe(
      'The scale weighs in troy ounces: switch it to grams, kilograms, ounces or pounds.',
    );
  });
});

describe('unit conversion', () => {
  it.each([
    [1, 'lb', 453.6],
    [1, 'oz', 28.3],
    [16, 'oz', 453.6],
    [2.2046, 'lb', 1000],
    [1.25, 'kg', 1250],
    [0.035, 'kg', 35],
    [1, 'mg', 0],
    [1250.04, 'g', 1250],
    [1250.05, 'g', 1250.1],
    [-1.25, 'kg', -1250],
  ] as const)('%d %s = %d g', (value, unit, grams) => {
    expect(toGrams(value, unit)).toBe(grams);
  });
});
