import { describe, expect, it } from 'vitest';
import { formatElementString } from '../../src/shared/scan/gs1';
import {
  code128Codewords,
  parseZpl,
  type Code128Element,
  type DataMatrixElement,
  type LabelElement,
  type ParsedLabel,
  type TextElement,
} from '../../src/main/devices/printer/preview/zpl-parse';
import { DEFAULT_PRINTER_SETTINGS, type PrinterSettings } from '../../src/main/devices/printer/types';
import { LabelDataError } from '../../src/main/devices/printer/zpl/encoding';
import { packingLabels, type PackedSerial } from '../../src/main/devices/printer/zpl/packing-label';
import { serialLabel } from '../../src/main/devices/printer/zpl/serial-label';
import { commandLabels } from '../../src/main/devices/printer/zpl/command-labels';
import { labelFrame } from '../../src/main/devices/printer/zpl/layout';
import { COMMAND_INFO, commandBarcodeText, STATION_COMMANDS } from '../../src/shared/scan/station-commands';

const GTIN13 = '9501101530003';
const GTIN14 = '09501101530003';
const small: PrinterSettings = { ...DEFAULT_PRINTER_SETTINGS, labelWidthMm: 76.2, labelHeightMm: 38.1 };

function only(zpl: string): ParsedLabel {
  const labels = parseZpl(zpl);
  expect(labels).toHaveLength(1);
  return labels[0]!;
}

const texts = (label: ParsedLabel) =>
  label.elements.filter((e): e is TextElement => e.kind === 'text').map((e) => e.text);
const code128s = (label: ParsedLabel) => label.elements.filter((e): e is Code128Element => e.kind === 'code128');
const dataMatrices = (label: ParsedLabel) =>
  label.elements.filter((e): e is DataMatrixElement => e.kind === 'datamatrix');

/** The text a scanner reads from a mode-N Code 128 in subset B. */
function scanned(element: Code128Element): string {
  const { codewords } = code128Codewords(element.text);
  return String.fromCharCode(...codewords.slice(1).map((value) => value + 32));
}

/** Right edge of an element in dots, for bounds checks. */
function rightEdge(element: LabelElement): number {
  if (element.kind === 'code128') {
    const symbols = code128Codewords(element.text).codewords.length + 1; // + check symbol
    return element.x + (symbols * 11 + 13) * element.module;
  }
  if (element.kind === 'box') return element.x + element.width;
  return element.x;
}

describe('serial label', () => {
  it('prints the serial as text and as a Code 128, and (01)+(21) in a GS1 DataMatrix', () => {
    const label = serialLabel({ serial: 'SN-000123456', sku: 'WID-42', productName: 'Widget 42', gtin: GTIN13 }, small);
    const parsed = only(label.zpl);
    expect(texts(parsed)).toEqual(['Widget 42', 'SKU WID-42', `GTIN ${GTIN14}`, 'S/N SN-000123456']);
    expect(code128s(parsed).map(scanned)).toEqual(['SN-000123456']);
    const elements = [
      { ai: '01', value: GTIN14 },
      { ai: '21', value: 'SN-000123456' },
    ];
    expect(dataMatrices(parsed)).toEqual([expect.objectContaining({ gs1: true, data: formatElementString(elements) })]);
    expect(label.gs1).toBe(formatElementString(elements));
    expect(label.gs1Text).toBe(`(01)${GTIN14}(21)SN-000123456`);
    expect(label.zpl).toMatch(/\^BXN,\d+,200,,,,_,1\^FD_101/);
    expect(label.zpl).toMatch(/\^BCN,\d+,N,N,N\^FD>:SN-000123456\^FS/);
  });

  it('has no DataMatrix without a GTIN, and says nothing is missing', () => {
    const label = serialLabel({ serial: 'SN-1' }, small);
    expect(dataMatrices(only(label.zpl))).toEqual([]);
    expect(label.gs1).toBeNull();
    expect(label.notes).toEqual([]);
  });

  it('escapes a serial full of ZPL control characters; it reads back exactly as text and barcode', () => {
    const serial = 'AB^12~_X';
    const label = serialLabel({ serial, gtin: GTIN13, productName: 'Probe ^XZ' }, small);
    // The only carets are our own commands; no tilde at all.
    expect(label.zpl).not.toContain('~');
    expect(label.zpl).not.toMatch(/\^(?!XA|CI|PW|LL|LH|FO|A0|FH|FD|FS|BY|BC|BX|FB|GB|XZ)/);
    const parsed = only(label.zpl);
    expect(texts(parsed)).toContain(`S/N ${serial}`);
    expect(texts(parsed)).toContain('Probe ^XZ');
    expect(code128s(parsed).map(scanned)).toEqual([serial]);
    // GS1 serials cannot hold ^ or ~: the DataMatrix is left off and the label says why.
    expect(dataMatrices(parsed)).toEqual([]);
    expect(label.notes.join(' ')).toMatch(/DataMatrix.*"\^"/);
  });

  it('keeps an underscore in a GS1 serial as data, not an escape', () => {
    const label = serialLabel({ serial: 'AB_12>C', gtin: GTIN13 }, small);
    const parsed = only(label.zpl);
    expect(dataMatrices(parsed)[0]?.data).toBe(`01${GTIN14}21AB_12>C`);
    expect(code128s(parsed).map(scanned)).toEqual(['AB_12>C']);
  });

  it.each([203, 300, 600] as const)('sizes the label in dots for %d dpi and keeps everything on it', (dpi) => {
    const settings = { ...small, dpi };
    const label = serialLabel({ serial: 'SERIAL-ABCDEFGH-0042', productName: 'A product', gtin: GTIN13 }, settings);
    const parsed = only(label.zpl);
    const width = Math.round((76.2 * dpi) / 25.4);
    expect(parsed.width).toBe(width);
    expect(parsed.height).toBe(Math.round((38.1 * dpi) / 25.4));
    for (const element of parsed.elements) expect(rightEdge(element)).toBeLessThanOrEqual(width);
    expect(dataMatrices(parsed)).toHaveLength(1);
  });

  it('sets darkness per printer: ~SD before the format, ^MD inside it', () => {
    const dark = serialLabel({ serial: 'S1' }, { ...small, darkness: 22, darknessAdjust: -5 }).zpl;
    expect(dark.startsWith('~SD22^XA')).toBe(true);
    expect(dark).toContain('^MD-5');
    const plain = serialLabel({ serial: 'S1' }, small).zpl;
    expect(plain.startsWith('^XA')).toBe(true);
    expect(plain).not.toContain('~SD');
    expect(plain).not.toContain('^MD');
  });

  it('refuses what cannot be printed, in words a packer understands', () => {
    expect(() => serialLabel({ serial: '  ' }, small)).toThrow('A serial label needs a serial.');
    expect(() => serialLabel({ serial: 'S1', gtin: '9501101530004' }, small)).toThrow(/not a GTIN/);
    expect(() => serialLabel({ serial: 'X'.repeat(60) }, { ...small, labelWidthMm: 30 })).toThrow(
      /too long for a Code 128 on a 30 mm wide label/,
    );
    expect(() => serialLabel({ serial: 'S1' }, { ...small, dpi: 250 as 203 })).toThrow(/203, 300 or 600 dpi/);
    expect(() => serialLabel({ serial: 'S1' }, { ...small, darkness: 31 })).toThrow(/0 to 30/);
    expect(() => serialLabel({ serial: 'SÉRIE' }, small)).toThrow(LabelDataError);
  });
});

function serials(count: number, serial = (i: number) => `SN-${String(i).padStart(6, '0')}`): PackedSerial[] {
  return Array.from({ length: count }, (_, i) => ({
    sku: `SKU-${i % 7}`,
    productName: `Product ${i % 7}`,
    slotLabel: i % 2 === 0 ? 'Serial' : 'IMEI 2',
    serial: serial(i),
  }));
}

/** Serials in table rows, in order: the last text of each row is the serial column. */
function serialRows(label: ParsedLabel): string[] {
  return texts(label).filter((t) => /^SN-|^LONG-/.test(t));
}

describe('packing label', () => {
  const order = { orderNumber: 'SO-10042', customerName: 'Jürgen Müller', shipTo: 'Hauptstraße 5\n80331 München' };

  it('fits a short order on one label with the order number, ship-to and each serial row', () => {
    const result = packingLabels({ ...order, serials: serials(3) }, DEFAULT_PRINTER_SETTINGS);
    expect(result.labelCount).toBe(1);
    const parsed = only(result.zpl);
    const all = texts(parsed);
    expect(all).toEqual(
      expect.arrayContaining([
        'Order SO-10042',
        'Label 1 of 1',
        'Ship to',
        'Jürgen Müller',
        'Hauptstraße 5',
        '80331 München',
      ]),
    );
    expect(all).toEqual(expect.arrayContaining(['SKU', 'Product', 'Slot', 'Serial']));
    expect(serialRows(parsed)).toEqual(['SN-000000', 'SN-000001', 'SN-000002']);
    expect(all).toEqual(expect.arrayContaining(['SKU-1', 'Product 1', 'IMEI 2']));
    expect(code128s(parsed).map(scanned)).toEqual(['SO-10042']);
  });

  it('continues a long order on further labels, every serial once and in order', () => {
    const rows = serials(75);
    const result = packingLabels({ ...order, serials: rows }, DEFAULT_PRINTER_SETTINGS);
    const labels = parseZpl(result.zpl);
    expect(result.labelCount).toBeGreaterThanOrEqual(3);
    expect(labels).toHaveLength(result.labelCount);
    expect(result.rowsPerLabel.reduce((a, b) => a + b, 0)).toBe(75);
    labels.forEach((label, i) => {
      expect(texts(label)).toContain(`Label ${i + 1} of ${labels.length}`);
      expect(texts(label)).toContain('Order SO-10042');
      expect(code128s(label).map(scanned)).toEqual(['SO-10042']);
      expect(serialRows(label)).toHaveLength(result.rowsPerLabel[i]!);
    });
    expect(labels.flatMap(serialRows)).toEqual(rows.map((r) => r.serial));
    // Full address on the first label; later labels say whose they are.
    expect(texts(labels[0]!)).toContain('Hauptstraße 5');
    expect(texts(labels[1]!)).not.toContain('Hauptstraße 5');
    expect(texts(labels[1]!)).toContain('Ship to Jürgen Müller (continued)');
  });

  it('uses more labels when the roll is shorter', () => {
    const tall = packingLabels({ ...order, serials: serials(40) }, DEFAULT_PRINTER_SETTINGS);
    const short = packingLabels(
      { ...order, serials: serials(40) },
      { ...DEFAULT_PRINTER_SETTINGS, labelHeightMm: 76.2 },
    );
    expect(short.labelCount).toBeGreaterThan(tall.labelCount);
    for (const label of parseZpl(short.zpl)) expect(label.height).toBe(609);
  });

  it('never shortens a serial: a long one is printed whole in a narrower font', () => {
    const long = `LONG-${'9'.repeat(35)}`;
    const result = packingLabels({ ...order, serials: serials(2, () => long) }, DEFAULT_PRINTER_SETTINGS);
    const parsed = only(result.zpl);
    const cells = parsed.elements.filter((e): e is TextElement => e.kind === 'text' && e.text === long);
    expect(cells).toHaveLength(2);
    expect(cells[0]!.width).toBeLessThan(cells[0]!.height);
  });

  it('escapes hostile order data and still reads it back', () => {
    const result = packingLabels(
      { orderNumber: 'SO~1', customerName: '^XZ^XA', shipTo: null, serials: serials(1, () => 'SN-^~_') },
      DEFAULT_PRINTER_SETTINGS,
    );
    const parsed = only(result.zpl);
    expect(texts(parsed)).toEqual(expect.arrayContaining(['Order SO~1', '^XZ^XA', 'SN-^~_']));
    expect(code128s(parsed).map(scanned)).toEqual(['SO~1']);
  });

  it('lists an order without serial-numbered items as such', () => {
    const parsed = only(packingLabels({ ...order, serials: [] }, DEFAULT_PRINTER_SETTINGS).zpl);
    expect(texts(parsed)).toContain('No serial-numbered items in this shipment.');
  });

  it('refuses a label too small for a packing list', () => {
    expect(() =>
      packingLabels({ ...order, serials: serials(1) }, { ...DEFAULT_PRINTER_SETTINGS, labelHeightMm: 25 }),
    ).toThrow(/no room for a packing list/);
    expect(() => packingLabels({ ...order, orderNumber: ' ', serials: [] }, DEFAULT_PRINTER_SETTINGS)).toThrow(
      'A packing label needs an order number.',
    );
  });
});

describe('command labels', () => {
  it('prints every command: the word, what it does, its keys and its CMD: barcode, all on the label', () => {
    for (const settings of [small, DEFAULT_PRINTER_SETTINGS, { ...small, dpi: 300 as const }]) {
      const printed = commandLabels(settings);
      const labels = parseZpl(printed.zpl);
      expect(labels).toHaveLength(printed.perLabel.length);
      expect(printed.perLabel.flat()).toEqual([...STATION_COMMANDS]);
      const frame = labelFrame(settings);
      labels.forEach((label, i) => {
        const commands = printed.perLabel[i]!;
        const barcodes = code128s(label);
        expect(barcodes.map(scanned)).toEqual(commands.map(commandBarcodeText));
        const words = texts(label);
        for (const command of commands) {
          expect(words).toContain(command);
          expect(words.join(' ')).toContain(COMMAND_INFO[command].does.slice(0, 10));
        }
        for (const barcode of barcodes) {
          expect(barcode.y + barcode.height).toBeLessThanOrEqual(frame.height);
          expect(rightEdge(barcode)).toBeLessThanOrEqual(frame.width);
        }
      });
    }
    // A small label holds one command; a 4 × 6 inch label several, so fewer labels are used.
    expect(commandLabels(small).perLabel.every((commands) => commands.length === 1)).toBe(true);
    expect(commandLabels(DEFAULT_PRINTER_SETTINGS).perLabel.length).toBeLessThan(STATION_COMMANDS.length);
    expect(texts(parseZpl(commandLabels(small).zpl)[4]!)).toContain('Ship F2 / Receive, transfer F8');
  });

  it('says when the labels are too small for command barcodes', () => {
    expect(() => commandLabels({ ...small, labelHeightMm: 15 })).toThrow(LabelDataError);
    expect(() => commandLabels({ ...small, labelHeightMm: 15 })).toThrow(/too small for command barcodes/);
  });
});
