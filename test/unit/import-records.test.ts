import { describe, expect, it } from 'vitest';
import {
  cellsOf,
  foldCase,
  parseCents,
  parseOrderRecord,
  parsePoRecord,
  parseProductRecord,
  parseYesNo,
  readHeader,
  splitMulti,
  type Cells,
  type RecordResult,
} from '../../src/main/domain/import-records';

function errorsOf<T>(result: RecordResult<T>): { column: string | null; message: string }[] {
  return result.ok ? [] : [...result.errors];
}

function valueOf<T>(result: RecordResult<T>): T {
  if (!result.ok) throw new Error(`expected a valid record, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

const TRACK = { trackSerials: true };

describe('yes/no cells', () => {
  it.each([
    ['yes', true],
    ['Y', true],
    ['TRUE', true],
    ['1', true],
    [' no ', false],
    ['n', false],
    ['False', false],
    ['0', false],
    ['', null],
  ])('reads %j as %j', (raw, expected) => {
    expect(parseYesNo('has_serial_numbers', raw)).toEqual({ ok: true, value: expected });
  });

  it('refuses anything else and quotes what it got', () => {
    expect(parseYesNo('has_serial_numbers', 'sometimes')).toEqual({
      ok: false,
      message: 'has_serial_numbers must be yes or no, got "sometimes"',
    });
  });
});

describe('money in cents', () => {
  it.each([
    ['12.5', 1250],
    ['12.50', 1250],
    ['12', 1200],
    ['0.05', 5],
    ['.5', 50],
    ['0', 0],
    [' 399.99 ', 39999],
  ])('reads %j as %i cents', (raw, cents) => {
    expect(parseCents('unit_cost', raw)).toEqual({ ok: true, value: cents });
  });

  it.each([
    ['12.345', /at most 2 decimals/],
    ['-1', /cannot be negative, got "-1"/],
    ['$12.50', /without a currency sign/],
    ['12.50 EUR', /without a currency sign/],
    ['1,200.50', /thousands separators/],
    ['12,50', /dot for cents/],
    ['twelve', /must be an amount such as 12.50, got "twelve"/],
    ['.', /must be an amount/],
  ])('refuses %j', (raw, message) => {
    const result = parseCents('unit_cost', raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(message);
  });
});

describe('headers', () => {
  it('matches columns whatever their case, spacing or order, and ignores extra ones', () => {
    const header = readHeader('orders', [' Notes', 'QTY ', 'Order Number', 'sku', 'warehouse']);
    expect(header.ok).toBe(true);
    const index = header.ok ? header.index : new Map();
    expect([...index]).toEqual([
      ['qty', 1],
      ['order_number', 2],
      ['sku', 3],
    ]);
    expect(cellsOf(index, ['x', ' 2 ', 'SO-1'])).toEqual({ qty: '2', order_number: 'SO-1', sku: '' });
  });

  it('names the missing required columns, the columns found, and the import the file fits', () => {
    const header = readHeader('pos', ['sku', 'name', 'barcodes']);
    expect(header.ok).toBe(false);
    const message = header.ok ? '' : header.message;
    expect(message).toContain('missing the required columns po_number, vendor, qty');
    expect(message).toContain('Columns found: sku, name, barcodes');
    expect(message).toContain('looks like a products file');
  });

  it('refuses a column given twice', () => {
    const header = readHeader('products', ['sku', 'name', 'SKU']);
    expect(header.ok ? '' : header.message).toMatch(/column "sku" twice \(columns 1 and 3\)/);
  });
});

describe('product records', () => {
  const cells = (over: Record<string, string>): Cells => ({ sku: 'PH-1', name: 'Phone', ...over });

  it('fills blanks with the defaults', () => {
    expect(valueOf(parseProductRecord(cells({}), TRACK))).toEqual({
      sku: 'PH-1',
      name: 'Phone',
      barcodes: [],
      trackSerials: true,
      serialsPerUnit: 1,
      serialSlotLabels: ['Serial'],
      serialPattern: null,
      serialLength: null,
      warrantyMonths: null,
      unitWeightG: null,
    });
    expect(valueOf(parseProductRecord(cells({}), { trackSerials: false })).trackSerials).toBe(false);
    expect(
      valueOf(parseProductRecord(cells({ has_serial_numbers: 'yes' }), { trackSerials: false })).trackSerials,
    ).toBe(true);
  });

  it('numbers default labels when a unit has several serials', () => {
    expect(valueOf(parseProductRecord(cells({ serials_per_unit: '3' }), TRACK)).serialSlotLabels).toEqual([
      'Serial 1',
      'Serial 2',
      'Serial 3',
    ]);
    expect(
      valueOf(parseProductRecord(cells({ serials_per_unit: '2', serial_labels: 'IMEI 1 | IMEI 2' }), TRACK))
        .serialSlotLabels,
    ).toEqual(['IMEI 1', 'IMEI 2']);
  });

  it('splits barcodes on | and drops repeats that differ only in case', () => {
    expect(valueOf(parseProductRecord(cells({ barcodes: '0123| abc |ABC||' }), TRACK)).barcodes).toEqual([
      '0123',
      'abc',
    ]);
  });

  it('keeps the serial pattern exactly as written', () => {
    expect(valueOf(parseProductRecord(cells({ serial_pattern: '[0-9]{15}' }), TRACK)).serialPattern).toBe('[0-9]{15}');
  });

  it.each([
    [{ sku: '' }, 'sku', /sku is required/],
    [{ serials_per_unit: '0' }, 'serials_per_unit', /from 1 to 10, got "0"/],
    [{ serials_per_unit: '11' }, 'serials_per_unit', /from 1 to 10, got "11"/],
    [{ serials_per_unit: '1.5' }, 'serials_per_unit', /got "1.5"/],
    [
      { serials_per_unit: '2', serial_labels: 'IMEI' },
      'serial_labels',
      /lists 1 label \(IMEI\) but serials_per_unit is 2/,
    ],
    [{ serial_labels: 'A|B' }, 'serial_labels', /but serials_per_unit is 1/],
    [{ serials_per_unit: '2', serial_labels: 'IMEI|IMEI' }, 'serial_labels', /names "IMEI" twice/],
    [{ serial_pattern: '(abc' }, 'serial_pattern', /not a valid regular expression: "\(abc"/],
    [{ serial_length: '0' }, 'serial_length', /from 1 to 200, got "0"/],
    [{ serial_length: '201' }, 'serial_length', /got "201"/],
    [{ warranty_months: '-1' }, 'warranty_months', /0 or more\), got "-1"/],
    [{ unit_weight_g: '-2' }, 'unit_weight_g', /cannot be negative, got "-2"/],
    [{ unit_weight_g: '2 kg' }, 'unit_weight_g', /weight in grams/],
  ])('refuses %j', (over, column, message) => {
    const errors = errorsOf(parseProductRecord(cells(over), TRACK));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.column).toBe(column);
    expect(errors[0]!.message).toMatch(message);
  });

  it('reports every bad cell of a row at once', () => {
    const errors = errorsOf(
      parseProductRecord(cells({ name: '', has_serial_numbers: 'perhaps', unit_weight_g: 'x' }), TRACK),
    );
    expect(errors.map((e) => e.column)).toEqual(['name', 'has_serial_numbers', 'unit_weight_g']);
  });
});

describe('order and purchase-order rows', () => {
  it('reads an order line with cleaned serials', () => {
    expect(
      valueOf(
        parseOrderRecord({
          order_number: 'SO-1',
          customer_name: 'Ada',
          ship_to: '',
          sku: 'PH-1',
          qty: '2',
          serials: ' A1 |\tB2|',
        }),
      ),
    ).toEqual({ orderNumber: 'SO-1', customerName: 'Ada', shipTo: '', sku: 'PH-1', qty: 2, serials: ['A1', 'B2'] });
  });

  it.each([
    ['0', 'qty must be a whole number above 0, got "0"'],
    ['-3', 'qty must be a whole number above 0, got "-3"'],
    ['2.5', 'qty must be a whole number above 0, got "2.5"'],
    ['many', 'qty must be a whole number above 0, got "many"'],
  ])('refuses qty %j', (qty, message) => {
    expect(errorsOf(parseOrderRecord({ order_number: 'SO-1', sku: 'PH-1', qty }))).toEqual([
      { column: 'qty', message },
    ]);
  });

  it('reads a PO line with its cost in cents, or none', () => {
    expect(
      valueOf(parsePoRecord({ po_number: 'PO-1', vendor: 'Acme', sku: 'PH-1', qty: '4', unit_cost: '12.5' })),
    ).toEqual({
      poNumber: 'PO-1',
      vendor: 'Acme',
      sku: 'PH-1',
      qty: 4,
      unitCostCents: 1250,
    });
    expect(
      valueOf(parsePoRecord({ po_number: 'PO-1', vendor: 'Acme', sku: 'PH-1', qty: '4', unit_cost: '' })).unitCostCents,
    ).toBeNull();
  });

  it('needs a vendor on every PO row', () => {
    expect(errorsOf(parsePoRecord({ po_number: 'PO-1', vendor: '', sku: 'PH-1', qty: '1' }))).toEqual([
      { column: 'vendor', message: 'vendor is required and is empty on this row' },
    ]);
  });
});

describe('helpers', () => {
  it('folds case the way the store compares codes: ASCII letters only', () => {
    expect(foldCase('Ab-12')).toBe('ab-12');
    expect(foldCase('ÄB')).toBe('Äb');
  });

  it('splits multi-value cells on |', () => {
    expect(splitMulti(' a | b ||c ')).toEqual(['a', 'b', 'c']);
    expect(splitMulti('   ')).toEqual([]);
  });
});
