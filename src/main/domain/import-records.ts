/**
 * Reading one CSV record of a products, orders or purchase-order file (DESIGN.md §8) into
 * a typed record, with a specific message for every bad cell. Pure: no I/O, no store.
 */
import type { ImportKind } from '../../shared/ipc/imports.contract';
import { cleanSerial } from './serial';

export interface FieldError {
  /** Column name as the import knows it (e.g. `qty`), or null for the whole row. */
  readonly column: string | null;
  readonly message: string;
}

export type RecordResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

export type ValueResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Known, trimmed cell values of one row, keyed by column name; a column the file lacks reads as ''. */
export type Cells = Readonly<Record<string, string>>;

export interface ImportFormat {
  /** What the file is called in messages: "products", "orders", "purchase orders". */
  readonly label: string;
  readonly columns: readonly string[];
  readonly required: readonly string[];
  /** The column whose value names the record the row belongs to. */
  readonly key: string;
}

export const IMPORT_FORMATS: Readonly<Record<ImportKind, ImportFormat>> = {
  products: {
    label: 'products',
    columns: [
      'sku',
      'name',
      'barcodes',
      'has_serial_numbers',
      'serials_per_unit',
      'serial_labels',
      'serial_pattern',
      'serial_length',
      'warranty_months',
      'unit_weight_g',
    ],
    required: ['sku', 'name'],
    key: 'sku',
  },
  orders: {
    label: 'orders',
    columns: ['order_number', 'customer_name', 'ship_to', 'sku', 'qty', 'serials'],
    required: ['order_number', 'sku', 'qty'],
    key: 'order_number',
  },
  pos: {
    label: 'purchase orders',
    columns: ['po_number', 'vendor', 'sku', 'qty', 'unit_cost'],
    required: ['po_number', 'vendor', 'sku', 'qty'],
    key: 'po_number',
  },
};

const IMPORT_KINDS = Object.keys(IMPORT_FORMATS) as ImportKind[];

export const MAX_SERIALS_PER_UNIT = 10;
export const MAX_SERIAL_LENGTH = 200;

export interface ProductDraft {
  readonly sku: string;
  readonly name: string;
  readonly barcodes: readonly string[];
  readonly trackSerials: boolean;
  readonly serialsPerUnit: number;
  readonly serialSlotLabels: readonly string[];
  readonly serialPattern: string | null;
  readonly serialLength: number | null;
  readonly warrantyMonths: number | null;
  readonly unitWeightG: number | null;
}

export interface OrderRowDraft {
  readonly orderNumber: string;
  readonly customerName: string;
  readonly shipTo: string;
  readonly sku: string;
  readonly qty: number;
  /** Pre-allocated serials as they should be stored (cleaned), in file order. */
  readonly serials: readonly string[];
}

export interface PoRowDraft {
  readonly poNumber: string;
  readonly vendor: string;
  readonly sku: string;
  readonly qty: number;
  readonly unitCostCents: number | null;
}

export interface ProductDefaults {
  /** Used when has_serial_numbers is blank (organization rule "new products track serials"). */
  readonly trackSerials: boolean;
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * The store compares SKUs, barcodes, order and PO numbers with SQLite NOCASE, which folds
 * ASCII letters only; in-file duplicate checks must agree with it exactly.
 */
export function foldCase(text: string): string {
  return NON_ASCII.test(text) ? text.replace(/[A-Z]+/g, (c) => c.toLowerCase()) : text.toLowerCase();
}

/** "Order Number ", "ORDER-NUMBER" and "order_number" all name the same column. */
export function normalizeHeader(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function withArticle(label: string): string {
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type HeaderResult =
  { readonly ok: true; readonly index: ReadonlyMap<string, number> } | { readonly ok: false; readonly message: string };

/** Maps the known columns of a header row to their positions; extra columns are ignored. */
export function readHeader(kind: ImportKind, headerCells: readonly string[]): HeaderResult {
  const format = IMPORT_FORMATS[kind];
  const names = headerCells.map(normalizeHeader);
  const found = names.filter((n) => n !== '');
  if (found.length === 0) {
    return {
      ok: false,
      message: `The first row must be a header naming the columns, such as: ${format.columns.join(', ')}.`,
    };
  }
  const index = new Map<string, number>();
  for (const [position, name] of names.entries()) {
    if (!format.columns.includes(name)) continue;
    if (index.has(name)) {
      return {
        ok: false,
        message: `The header has the column "${name}" twice (columns ${index.get(name)! + 1} and ${position + 1}); keep one.`,
      };
    }
    index.set(name, position);
  }
  const missing = format.required.filter((c) => !index.has(c));
  if (missing.length === 0) return { ok: true, index };
  const plural = missing.length === 1 ? 'column' : 'columns';
  let message =
    `This ${format.label} file is missing the required ${plural} ${missing.join(', ')}. ` +
    `Columns found: ${found.join(', ')}. ${capitalize(withArticle(format.label))} file needs: ${format.required.join(', ')}.`;
  const lookalike = IMPORT_KINDS.find(
    (other) => other !== kind && IMPORT_FORMATS[other].required.every((c) => names.includes(c)),
  );
  if (lookalike) {
    const other = IMPORT_FORMATS[lookalike].label;
    message += ` It looks like ${withArticle(other)} file; use the ${other} import for it.`;
  }
  return { ok: false, message };
}

/** The known cells of one record, trimmed; short rows read as blank cells. */
export function cellsOf(index: ReadonlyMap<string, number>, record: readonly string[]): Cells {
  const cells: Record<string, string> = {};
  for (const [name, position] of index) cells[name] = (record[position] ?? '').trim();
  return cells;
}

export function isBlankRecord(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}

/** Splits a multi-value cell on `|`, trimming each value and dropping empty ones. */
export function splitMulti(cell: string): string[] {
  if (cell.trim() === '') return [];
  return cell
    .split('|')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** yes/no/true/false/1/0/y/n in any case; blank means "not said" (null). */
export function parseYesNo(column: string, raw: string): ValueResult<boolean | null> {
  const text = raw.trim().toLowerCase();
  if (text === '') return { ok: true, value: null };
  if (YES.has(text)) return { ok: true, value: true };
  if (NO.has(text)) return { ok: true, value: false };
  return { ok: false, message: `${column} must be yes or no, got "${raw.trim()}"` };
}

/** A whole number within [min, max]; `describe` words the allowed range for the message. */
export function parseWholeNumber(
  column: string,
  raw: string,
  min: number,
  max: number,
  describe: string,
): ValueResult<number> {
  const text = raw.trim();
  const value = /^\+?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    return { ok: false, message: `${column} must be ${describe}, got "${text}"` };
  }
  return { ok: true, value };
}

/** A positive whole quantity, as orders and purchase orders need. */
export function parseQuantity(raw: string): ValueResult<number> {
  return parseWholeNumber('qty', raw, 1, 1_000_000_000, 'a whole number above 0');
}

/**
 * Money as integer cents: "12.5" -> 1250. Plain digits with at most two decimals and a dot;
 * currency signs, thousands separators and negative amounts are refused with their own message.
 */
export function parseCents(column: string, raw: string): ValueResult<number> {
  const text = raw.trim();
  const got = `got "${text}"`;
  if (/^[-+]?\s*[$€£¥₹]|[$€£¥₹]$|^[A-Za-z]{3}\s*\d|\d\s*[A-Za-z]{3}$/.test(text)) {
    return { ok: false, message: `${column} must be a plain number without a currency sign, such as 12.50; ${got}` };
  }
  if (/^-/.test(text)) return { ok: false, message: `${column} cannot be negative, ${got}` };
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) {
    return { ok: false, message: `${column} must not use thousands separators (write 1200.50, not 1,200.50); ${got}` };
  }
  if (/^\d+,\d+$/.test(text)) {
    return { ok: false, message: `${column} must use a dot for cents (12.50, not 12,50); ${got}` };
  }
  const match = /^\+?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) {
    return { ok: false, message: `${column} must be an amount such as 12.50, ${got}` };
  }
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (fraction.length > 2) {
    return { ok: false, message: `${column} can have at most 2 decimals (whole cents), ${got}` };
  }
  const cents = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return { ok: false, message: `${column} is too large, ${got}` };
  return { ok: true, value: cents };
}

/** A decimal number of at least 0 (weights). */
export function parseNonNegativeNumber(column: string, raw: string, describe: string): ValueResult<number> {
  const text = raw.trim();
  if (/^-\s*\d/.test(text)) return { ok: false, message: `${column} cannot be negative, got "${text}"` };
  if (!/^\+?(\d+(\.\d*)?|\.\d+)$/.test(text))
    return { ok: false, message: `${column} must be ${describe}, got "${text}"` };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, message: `${column} must be ${describe}, got "${text}"` };
  return { ok: true, value };
}

/** A regular expression that compiles; stored as written (it is anchored where serials are checked). */
export function checkSerialPattern(raw: string): ValueResult<string> {
  try {
    new RegExp(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    return { ok: false, message: `serial_pattern is not a valid regular expression: "${raw}" (${reason})` };
  }
  return { ok: true, value: raw };
}

/** "Serial" for one serial per unit, "Serial 1".."Serial N" otherwise. */
export function defaultSlotLabels(serialsPerUnit: number): readonly string[] {
  if (serialsPerUnit === 1) return ['Serial'];
  return Array.from({ length: serialsPerUnit }, (_, i) => `Serial ${i + 1}`);
}

// Shared between drafts: a large file would otherwise hold one identical array per row.
const DEFAULT_LABELS: readonly (readonly string[])[] = Array.from({ length: MAX_SERIALS_PER_UNIT + 1 }, (_, n) =>
  Object.freeze(n === 0 ? [] : defaultSlotLabels(n)),
);

function required(cells: Cells, column: string, errors: FieldError[]): string {
  const value = cells[column] ?? '';
  if (value === '') errors.push({ column, message: `${column} is required and is empty on this row` });
  return value;
}

function take<T>(result: ValueResult<T>, column: string, errors: FieldError[]): T | undefined {
  if (result.ok) return result.value;
  errors.push({ column, message: result.message });
  return undefined;
}

function finish<T>(errors: FieldError[], build: () => T): RecordResult<T> {
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: build() };
}

export function parseProductRecord(cells: Cells, defaults: ProductDefaults): RecordResult<ProductDraft> {
  const errors: FieldError[] = [];
  const sku = required(cells, 'sku', errors);
  const name = required(cells, 'name', errors);

  const seen = new Set<string>();
  const barcodes: string[] = [];
  for (const code of splitMulti(cells['barcodes'] ?? '')) {
    const key = foldCase(code);
    if (seen.has(key)) continue;
    seen.add(key);
    barcodes.push(code);
  }

  const track = take(parseYesNo('has_serial_numbers', cells['has_serial_numbers'] ?? ''), 'has_serial_numbers', errors);

  const spuText = cells['serials_per_unit'] ?? '';
  const serialsPerUnit =
    spuText === ''
      ? 1
      : take(
          parseWholeNumber(
            'serials_per_unit',
            spuText,
            1,
            MAX_SERIALS_PER_UNIT,
            `a whole number from 1 to ${MAX_SERIALS_PER_UNIT}`,
          ),
          'serials_per_unit',
          errors,
        );

  const labels = splitMulti(cells['serial_labels'] ?? '');
  if (labels.length > 0) {
    const repeated = labels.find((label, i) => labels.indexOf(label) !== i);
    if (repeated !== undefined) {
      errors.push({
        column: 'serial_labels',
        message: `serial_labels names "${repeated}" twice; each serial slot needs its own label`,
      });
    } else if (serialsPerUnit !== undefined && labels.length !== serialsPerUnit) {
      errors.push({
        column: 'serial_labels',
        message: `serial_labels lists ${labels.length} label${labels.length === 1 ? '' : 's'} (${labels.join(' | ')}) but serials_per_unit is ${serialsPerUnit}; give one label per serial`,
      });
    }
  }

  const patternText = cells['serial_pattern'] ?? '';
  const pattern = patternText === '' ? null : take(checkSerialPattern(patternText), 'serial_pattern', errors);

  const lengthText = cells['serial_length'] ?? '';
  const serialLength =
    lengthText === ''
      ? null
      : take(
          parseWholeNumber(
            'serial_length',
            lengthText,
            1,
            MAX_SERIAL_LENGTH,
            `a whole number of characters from 1 to ${MAX_SERIAL_LENGTH}`,
          ),
          'serial_length',
          errors,
        );

  const warrantyText = cells['warranty_months'] ?? '';
  const warrantyMonths =
    warrantyText === ''
      ? null
      : take(
          parseWholeNumber('warranty_months', warrantyText, 0, 1200, 'a whole number of months (0 or more)'),
          'warranty_months',
          errors,
        );

  const weightText = cells['unit_weight_g'] ?? '';
  const unitWeightG =
    weightText === ''
      ? null
      : take(
          parseNonNegativeNumber('unit_weight_g', weightText, 'a weight in grams such as 250 or 12.5'),
          'unit_weight_g',
          errors,
        );

  return finish(errors, () => ({
    sku,
    name,
    barcodes,
    trackSerials: track ?? defaults.trackSerials,
    serialsPerUnit: serialsPerUnit!,
    serialSlotLabels: labels.length > 0 ? labels : DEFAULT_LABELS[serialsPerUnit!]!,
    serialPattern: pattern ?? null,
    serialLength: serialLength ?? null,
    warrantyMonths: warrantyMonths ?? null,
    unitWeightG: unitWeightG ?? null,
  }));
}

export function parseOrderRecord(cells: Cells): RecordResult<OrderRowDraft> {
  const errors: FieldError[] = [];
  const orderNumber = required(cells, 'order_number', errors);
  const sku = required(cells, 'sku', errors);
  const qtyText = required(cells, 'qty', errors);
  const qty = qtyText === '' ? undefined : take(parseQuantity(qtyText), 'qty', errors);
  const serials = splitMulti(cells['serials'] ?? '')
    .map(cleanSerial)
    .filter((s) => s !== '');
  return finish(errors, () => ({
    orderNumber,
    customerName: cells['customer_name'] ?? '',
    shipTo: cells['ship_to'] ?? '',
    sku,
    qty: qty!,
    serials,
  }));
}

export function parsePoRecord(cells: Cells): RecordResult<PoRowDraft> {
  const errors: FieldError[] = [];
  const poNumber = required(cells, 'po_number', errors);
  const vendor = required(cells, 'vendor', errors);
  const sku = required(cells, 'sku', errors);
  const qtyText = required(cells, 'qty', errors);
  const qty = qtyText === '' ? undefined : take(parseQuantity(qtyText), 'qty', errors);
  const costText = cells['unit_cost'] ?? '';
  const unitCostCents = costText === '' ? null : take(parseCents('unit_cost', costText), 'unit_cost', errors);
  return finish(errors, () => ({
    poNumber,
    vendor,
    sku,
    qty: qty!,
    unitCostCents: unitCostCents ?? null,
  }));
}
