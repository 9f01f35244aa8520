import { describe, expect, it } from 'vitest';
import { formatElementString } from '../../src/shared/scan/gs1';
import { code128Codewords, dataMatrixData, parseZpl } from '../../src/main/devices/printer/preview/zpl-parse';
import {
  LabelDataError,
  code128Data,
  code128FieldData,
  dots,
  fieldData,
  gs1DataMatrixData,
  hexEscape,
} from '../../src/main/devices/printer/zpl/encoding';

/** What a printer reads back from a Code 128's codewords (subset B: value + 32). */
function code128Text(data: string): string {
  const { codewords, skipped } = code128Codewords(data);
  expect(skipped).toBe(0);
  expect(codewords[0]).toBe(104); // start B
  return String.fromCharCode(...codewords.slice(1).map((value) => value + 32));
}

describe('field hex escaping (^FH)', () => {
  it.each([
    ['SN-0001', 'SN-0001'],
    ['AB^XZ', 'AB_5EXZ'],
    ['~JR', '_7EJR'],
    ['a_b', 'a_5Fb'],
    ['café', 'caf_C3_A9'],
    ['line\nbreak', 'line_0Abreak'],
    ['€', '_E2_82_AC'],
    ['📦', '_F0_9F_93_A6'],
  ])('%j is written as %j', (input, escaped) => {
    expect(hexEscape(input)).toBe(escaped);
  });

  it('adds ^FH only when the data needed escaping', () => {
    expect(fieldData('SKU 42')).toBe('^FDSKU 42^FS');
    expect(fieldData('50% ^off')).toBe('^FH^FD50% _5Eoff^FS');
  });

  it('keeps an injected format out of the job: the field reads back as the same text', () => {
    const hostile = 'X^FS^XZ^XA^FO0,0^GB800,800,800^FS~JR';
    const zpl = `^XA^CI28${fieldData(hostile)}^XZ`;
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zpl).not.toContain('~');
    const [label] = parseZpl(zpl);
    expect(label?.elements).toEqual([expect.objectContaining({ kind: 'text', text: hostile })]);
  });
});

describe('Code 128 field data (mode N, subset B)', () => {
  it.each([
    ['SN-000123456'],
    ['AB^12~_X'],
    ['a>b<c'],
    ['>>>'],
    ['^^~~'],
    ['0012345678'],
    ['lower case ok!'],
    ['{|}`@#$%'],
  ])('the printer reads %j back exactly', (serial) => {
    expect(code128Text(code128Data(serial))).toBe(serial);
  });

  it('uses the ZPL invocation codes for the three reserved characters', () => {
    expect(code128Data('A>B')).toBe('>:A>0B');
    expect(code128Data('A^B')).toBe('>:A><B');
    expect(code128Data('A~B')).toBe('>:A>=B');
  });

  it('sends an underscore through ^FH so it is not taken for a hex escape', () => {
    expect(code128FieldData('A_B')).toBe('^FH^FD>:A_5FB^FS');
  });

  it('refuses characters a Code 128 cannot carry, naming them', () => {
    expect(() => code128Data('ÄBC')).toThrow(LabelDataError);
    expect(() => code128Data('ÄBC')).toThrow(/"Ä"/);
    expect(() => code128Data('AB\tC')).toThrow(/control character \(0x09\)/);
  });
});

describe('GS1 DataMatrix field data', () => {
  const gtin = '09501101530003';

  it('starts with FNC1 and separates a variable-length value with FNC1', () => {
    const elements = [
      { ai: '01', value: gtin },
      { ai: '10', value: 'LOT7' },
      { ai: '21', value: 'SN1' },
    ];
    expect(gs1DataMatrixData(elements)).toBe(`_101${gtin}10LOT7_121SN1`);
  });

  it.each([['ABC123'], ['AB_12'], ['__'], ['a-b/c.d']])('reads back serial %j as the GS1 element string', (serial) => {
    const elements = [
      { ai: '01', value: gtin },
      { ai: '21', value: serial },
    ];
    const decoded = dataMatrixData(gs1DataMatrixData(elements), '_');
    expect(decoded).toEqual({ gs1: true, data: formatElementString(elements) });
  });

  it('refuses a caret or tilde, which GS1 data never holds', () => {
    expect(() => gs1DataMatrixData([{ ai: '21', value: 'A^B' }])).toThrow(/"\^"/);
  });
});

describe('millimetres to dots', () => {
  it.each([
    [101.6, 203, 812],
    [152.4, 203, 1218],
    [101.6, 300, 1200],
    [101.6, 600, 2400],
    [25.4, 203, 203],
  ])('%d mm at %d dpi is %d dots', (mm, dpi, expected) => {
    expect(dots(mm, dpi)).toBe(expected);
  });
});
