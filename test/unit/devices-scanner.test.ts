import { describe, expect, it } from 'vitest';
import {
  ScanAssembler,
  parseScannerReport,
  type ScannerReportResult,
} from '../../src/main/devices/scanner/hid-pos-report';
import { encodeScannerReports } from '../../src/main/devices/scanner/hid-pos-scanner.simulator';
import { scanEvent } from '../../src/main/devices/scanner/scan-event';
import { LineFramer, type Framing } from '../../src/main/devices/serial/line-framer';

/** A 64-byte HID POS scanner report laid out by hand from the vendor manuals. */
function report(length: number, aim: string, data: string, flag: 0 | 1, vendorId = 0x73): number[] {
  const bytes = new Array<number>(64).fill(0);
  bytes[0] = 0x02;
  bytes[1] = length;
  [...aim].forEach((char, i) => (bytes[2 + i] = char.charCodeAt(0)));
  [...Buffer.from(data, 'latin1')].forEach((byte, i) => (bytes[5 + i] = byte));
  bytes[61] = vendorId;
  bytes[63] = flag;
  return bytes;
}

const BOARDING_PASS = 'M1GATHERGOOD/MICHAEL YABCDEF LHRDURAK 3542 052Y003D23'.padEnd(56, ' ') + '0100';

function data(result: ScannerReportResult) {
  if (result.kind !== 'data') throw new Error(`expected a data report, got ${JSON.stringify(result)}`);
  return { ...result.report, text: Buffer.from(result.report.data).toString('latin1') };
}

describe('HID POS scanner input reports', () => {
  it('reads the first of two reports of a 60-byte scan (continuation flag set)', () => {
    const first = data(
      parseScannerReport(Uint8Array.from(report(56, ']Q0', BOARDING_PASS.slice(0, 56), 1)), { reportIdIncluded: true }),
    );
    expect(first).toMatchObject({ aim: ']Q0', more: true, text: BOARDING_PASS.slice(0, 56) });
  });

  it('reads the last report: only `length` data bytes count, padding is ignored', () => {
    const last = data(parseScannerReport(Uint8Array.from(report(4, ']Q0', '0100', 0)), { reportIdIncluded: true }));
    expect(last).toMatchObject({ aim: ']Q0', more: false, text: '0100' });
  });

  it('reads the WebHID layout, where the report id is not part of the bytes', () => {
    const bytes = Uint8Array.from(report(6, ']E0', '123456', 0).slice(1));
    expect(data(parseScannerReport(bytes, { reportIdIncluded: false }))).toMatchObject({ aim: ']E0', text: '123456' });
  });

  it('gives no AIM identifier when the scanner sends zeros in its place', () => {
    const bytes = report(3, '', 'ABC', 0);
    expect(data(parseScannerReport(Uint8Array.from(bytes), { reportIdIncluded: true }))).toMatchObject({
      aim: null,
      text: 'ABC',
    });
  });

  it.each([
    ['a report of another id', [0x04, 1, 2, 3], { kind: 'other', reportId: 4 }],
    ['an empty report', [], { kind: 'invalid' }],
    ['a truncated report', [0x02, 0x03, 0x5d], { kind: 'invalid' }],
    ['a length beyond the data field', report(57, ']C0', 'X', 0), { kind: 'invalid' }],
    ['an AIM identifier that is noise', report(1, '\u00ff\u0001Z', 'X', 0), { kind: 'invalid' }],
  ])('classifies %s', (_name, bytes, expected) => {
    expect(parseScannerReport(Uint8Array.from(bytes as number[]), { reportIdIncluded: true })).toMatchObject(expected);
  });

  it('joins continued reports into one scan, keeping the first AIM identifier', () => {
    const assembler = new ScanAssembler();
    const first = data(
      parseScannerReport(Uint8Array.from(report(56, ']Q0', BOARDING_PASS.slice(0, 56), 1)), { reportIdIncluded: true }),
    );
    const last = data(parseScannerReport(Uint8Array.from(report(4, ']Q0', '0100', 0)), { reportIdIncluded: true }));
    expect(assembler.push(first)).toBeNull();
    expect(assembler.partial).toBe(true);
    expect(assembler.push(last)).toEqual({ aim: ']Q0', data: BOARDING_PASS });
    expect(assembler.partial).toBe(false);
  });

  it('decodes UTF-8 split across two reports as one character', () => {
    const text = 'x'.repeat(55) + 'é'; // é is two bytes: the first ends report one
    const bytes = Buffer.from(text, 'utf8');
    const assembler = new ScanAssembler();
    assembler.push({ aim: ']Q1', data: bytes.subarray(0, 56), more: true });
    expect(assembler.push({ aim: ']Q1', data: bytes.subarray(56), more: false })?.data).toBe(text);
  });

  it('the fake scanner emits the documented byte layout', () => {
    expect(encodeScannerReports('ABC', ']E0')).toEqual([
      [0x02, 3, 0x5d, 0x45, 0x30, 0x41, 0x42, 0x43, ...new Array<number>(56).fill(0)],
    ]);
    const long = encodeScannerReports('9'.repeat(60), ']C0');
    expect(long.map((r) => [r[1], r[63]])).toEqual([
      [56, 1],
      [4, 0],
    ]);
  });
});

describe('scan events', () => {
  it('keeps the AIM identifier in the text and names the symbology', () => {
    const at = new Date('2025-01-02T03:04:05Z');
    expect(scanEvent(']d2\u001d0109506000134352', 'hid', at)).toEqual({
      text: ']d2\u001d0109506000134352',
      symbology: 'GS1 DataMatrix',
      source: 'hid',
      receivedAt: '2025-01-02T03:04:05.000Z',
    });
  });

  it('has no symbology when the scanner sends no AIM identifier', () => {
    expect(scanEvent('SN-0001', 'serial')).not.toHaveProperty('symbology');
  });
});

describe('serial framing', () => {
  const frames = (framing: Framing, chunks: (string | Buffer)[]) => {
    const framer = new LineFramer(framing);
    return chunks.flatMap((chunk) => framer.push(Buffer.from(chunk)).map((frame) => frame.toString('latin1')));
  };

  it.each([
    ['CR', ['ABC\rDEF\r'], ['ABC', 'DEF']],
    ['LF', ['ABC\nDEF\n'], ['ABC', 'DEF']],
    ['CRLF', ['ABC\r\nDEF\r\n'], ['ABC', 'DEF']],
    ['CRLF', ['ABC\r', '\nDEF\r\n'], ['ABC', 'DEF']],
    ['CR', ['AB', 'C', '\rD', 'EF\r'], ['ABC', 'DEF']],
    ['CR', ['ABC\r\n', 'DEF\r\n'], ['ABC', 'DEF']], // scanner set to CRLF, station to CR
    ['LF', ['ABC\r\n'], ['ABC']], // and the other way round
    ['CR', ['\r\r\rABC\r'], ['ABC']],
    ['CR', ['ABC'], []], // no suffix yet: nothing
  ] as const)('suffix %s: %j → %j', (suffix, chunks, expected) => {
    expect(frames({ kind: 'suffix', suffix }, [...chunks])).toEqual(expected);
  });

  it('keeps CR and LF inside ETX frames', () => {
    expect(frames({ kind: 'etx' }, ['\n0001.25lb\r\n00\r', '\x03\n?\r\x03'])).toEqual(['\n0001.25lb\r\n00\r', '\n?\r']);
  });

  it('ends line frames at CR, LF or CRLF alike', () => {
    expect(frames({ kind: 'line' }, ['A\rB\nC\r', '\nD\r\n'])).toEqual(['A', 'B', 'C', 'D']);
  });

  it('drops an endless run of bytes without a terminator, then frames again', () => {
    const framer = new LineFramer({ kind: 'suffix', suffix: 'CR' }, 16);
    expect(framer.push(Buffer.alloc(40, 0x41))).toEqual([]);
    expect(framer.droppedBytes).toBe(40);
    expect(framer.push(Buffer.from('OK\r')).map(String)).toEqual(['OK']);
  });
});
