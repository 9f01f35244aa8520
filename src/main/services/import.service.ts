import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { CsvError, parse } from 'csv-parse';
import { AppError } from '../../shared/errors';
import {
  MAX_IMPORT_BYTES,
  type ImportCounts,
  type ImportKind,
  type ImportPreview,
  type ImportResult,
  type RowError,
} from '../../shared/ipc/imports.contract';
import type { OrganizationRules } from '../../shared/settings';
import {
  IMPORT_FORMATS,
  cellsOf,
  foldCase,
  isBlankRecord,
  parseOrderRecord,
  parsePoRecord,
  parseProductRecord,
  readHeader,
  type Cells,
  type FieldError,
  type ProductDraft,
} from '../domain/import-records';
import { serialKey } from '../domain/serial';
import type { EventBus } from '../event-bus';
import { appendEvent } from '../store/ledger';
import {
  barcodesOf,
  ensureVendor,
  findProductBySku,
  insertProduct,
  updateProduct,
  type ProductRecord,
} from '../store/repositories/catalog.repository';
import {
  allBarcodes,
  allProducts,
  barcodeOwner,
  catalogSize,
  deleteOrderLines,
  deletePoLines,
  findOrderByNumber,
  findPurchaseOrderByNumber,
  insertOrder,
  insertOrderLine,
  insertOrderLineSerial,
  insertPoLine,
  insertPurchaseOrder,
  orderLinesOf,
  poLinesOf,
  serialAllocatedElsewhere,
  updateOrderHeader,
  updatePurchaseOrderVendor,
  type ProductRef,
} from '../store/repositories/import.repository';
import type { StatementCache } from '../store/statements';
import type { Store } from '../store/store';

/** How long a preview stays ready to commit. */
const STAGE_TTL_MS = 15 * 60 * 1000;
/** Staged previews kept at once; a newer preview pushes out the oldest (large files hold a lot of memory). */
const MAX_STAGED = 8;
const MAX_ERRORS = 1000;
const MAX_NOTES = 100;
const SAMPLE_SIZE = 20;
/** Records handled between two yields to the event loop, so the window keeps painting progress. */
const YIELD_EVERY = 2000;
const FEED_CHUNK_BYTES = 1 << 20;

type Action = 'create' | 'update' | 'unchanged' | 'skip';
type SampleAction = Action | 'error';

const COUNT_KEY: Readonly<Record<Action, keyof ImportCounts>> = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  skip: 'skipped',
};

export interface ImportServiceOptions {
  /** Clock in milliseconds; lets expiry be exercised without waiting. */
  readonly now?: () => number;
}

interface ProductEntry {
  readonly key: string;
  readonly line: number;
  readonly draft: ProductDraft;
}

interface OrderLineEntry {
  readonly line: number;
  readonly sku: string;
  readonly qty: number;
  readonly serials: readonly string[];
}

interface OrderEntry {
  readonly key: string;
  readonly line: number;
  readonly orderNumber: string;
  customerName: string;
  shipTo: string;
  readonly lines: OrderLineEntry[];
  invalid: boolean;
}

interface PoLineEntry {
  readonly line: number;
  readonly sku: string;
  readonly qty: number;
  readonly unitCostCents: number | null;
}

interface PoEntry {
  readonly key: string;
  readonly line: number;
  readonly poNumber: string;
  vendor: string;
  readonly lines: PoLineEntry[];
  invalid: boolean;
}

type Payload =
  | { readonly kind: 'products'; readonly entries: readonly ProductEntry[] }
  | { readonly kind: 'orders'; readonly entries: readonly OrderEntry[] }
  | { readonly kind: 'pos'; readonly entries: readonly PoEntry[] };

interface Staged {
  readonly kind: ImportKind;
  readonly fileName: string;
  readonly demo: boolean;
  readonly expiresAt: number;
  readonly errorCount: number;
  /** Null when the file has errors: such an import can never be committed. */
  readonly payload: Payload | null;
}

/** One record's outcome against the store: what committing it would do, or why it cannot. */
interface Plan<W> {
  readonly action: Action;
  readonly errors: readonly RowError[];
  readonly note?: string;
  readonly write?: W;
}

interface ProductWritePlan {
  readonly existingId: number | null;
  readonly draft: ProductDraft;
}

interface OrderWritePlan {
  readonly existingId: number | null;
  readonly entry: OrderEntry;
  readonly lines: readonly { productId: number; qty: number; serials: readonly { serial: string; key: string }[] }[];
}

interface PoWritePlan {
  readonly existingId: number | null;
  readonly entry: PoEntry;
  readonly lines: readonly { productId: number; qty: number; unitCostCents: number | null }[];
}

interface Planner<E, W> {
  plan(entry: E): Plan<W>;
  /** Writes a planned create or update; only ever called inside the commit transaction. */
  write(plan: W, now: string): void;
}

/** Keeps the first errors (by count) and knows how many there were in all. */
class ErrorList {
  readonly #items: RowError[] = [];
  #total = 0;

  add(row: number, column: string | null, message: string): void {
    this.#total += 1;
    if (this.#items.length < MAX_ERRORS) this.#items.push({ row, column, message });
  }

  addAll(row: number, errors: readonly FieldError[]): void {
    for (const e of errors) this.add(row, e.column, e.message);
  }

  get total(): number {
    return this.#total;
  }

  get truncated(): boolean {
    return this.#total > this.#items.length;
  }

  /** In file order; errors found in later passes still sort under their line. */
  list(): RowError[] {
    return [...this.#items].sort((a, b) => a.row - b.row);
  }
}

/** Notes for the person importing, capped so a file of 50,000 shipped orders stays readable. */
class NoteList {
  readonly #items: string[] = [];
  #more = 0;

  add(note: string): void {
    if (this.#items.length < MAX_NOTES) this.#items.push(note);
    else this.#more += 1;
  }

  list(): string[] {
    return this.#more === 0
      ? [...this.#items]
      : [...this.#items, `…and ${this.#more} more records were left unchanged for the same reasons.`];
  }
}

/**
 * Tracks which file line a byte offset is on. csv-parse's own line count drifts on CRLF
 * inside quoted fields, so lines are counted here from the bytes each record ends at.
 */
class LineCounter {
  readonly #bytes: Buffer;
  #offset = 0;
  #line = 1;
  #nextLf: number;
  #nextCr: number;

  constructor(bytes: Buffer) {
    this.#bytes = bytes;
    this.#nextLf = this.#find(LF, 0);
    this.#nextCr = this.#find(CR, 0);
  }

  /** Skips the blank lines before the next record and returns the line it starts on. */
  nextRecordLine(): number {
    const b = this.#bytes;
    let end = this.#offset;
    while (end < b.length && (b[end] === LF || b[end] === CR)) end += 1;
    this.advanceTo(end);
    return this.#line;
  }

  /** LF, or a CR not followed by LF (old Mac files), ends a line; CRLF counts once. */
  advanceTo(offset: number): void {
    const b = this.#bytes;
    const end = Math.min(offset, b.length);
    // Searching from the last hit (not from #offset) keeps a file without CRs from being rescanned per record.
    while (this.#nextLf < end) {
      this.#line += 1;
      this.#nextLf = this.#find(LF, this.#nextLf + 1);
    }
    while (this.#nextCr < end) {
      if (b[this.#nextCr + 1] !== LF) this.#line += 1;
      this.#nextCr = this.#find(CR, this.#nextCr + 1);
    }
    this.#offset = Math.max(this.#offset, end);
  }

  #find(byte: number, from: number): number {
    const at = this.#bytes.indexOf(byte, from);
    return at === -1 ? Number.POSITIVE_INFINITY : at;
  }
}

const LF = 0x0a;
const CR = 0x0d;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function zeroCounts(): ImportCounts {
  return { created: 0, updated: 0, unchanged: 0, skipped: 0 };
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function describeCsvError(error: unknown): string {
  if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'A quoted field that starts on this line is never closed (its closing " is missing), so the rest of the file could not be read.';
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `This line could not be read as CSV (${reason}); the rest of the file was not read.`;
}

/**
 * Imports products, orders and purchase orders from CSV (DESIGN.md §8). A preview reads and
 * checks the whole file against the store without writing; the checked result waits,
 * keyed by an import id, until it is committed in one transaction or discarded.
 */
/**
 * Who may write what. A products file sets which products need serials, a supervisor's call;
 * orders and purchase orders are everyday paperwork for anyone signed in.
 */
export interface ImportRights {
  readonly products: boolean;
  readonly documents: boolean;
}

/** The command line and a station with no operators yet (first run) may import anything. */
export const ALL_IMPORT_RIGHTS: ImportRights = { products: true, documents: true };

export class ImportService {
  readonly #store: Store;
  readonly #bus: EventBus;
  readonly #rules: () => OrganizationRules;
  readonly #now: () => number;
  readonly #staged = new Map<string, Staged>();

  constructor(store: Store, bus: EventBus, rules: () => OrganizationRules, options: ImportServiceOptions = {}) {
    this.#store = store;
    this.#bus = bus;
    this.#rules = rules;
    this.#now = options.now ?? Date.now;
  }

  async preview(
    input: { kind: ImportKind; fileName: string; content: string },
    options: { demo?: boolean } = {},
  ): Promise<ImportPreview> {
    this.#sweep();
    const importId = randomUUID();
    const { kind, fileName } = input;
    const rules = this.#rules();
    const errors = new ErrorList();
    const notes = new NoteList();
    const counts = zeroCounts();
    const actions = new Map<string, SampleAction>();

    const read = await this.#read(importId, input.kind, input.content, rules, errors);

    let payload: Payload | null = null;
    if (read) {
      const planner = this.#planner(read.payload, rules, false);
      const entries = read.payload.entries as readonly { key: string; invalid?: boolean }[];
      const valid = entries.filter((e) => !e.invalid && !read.invalidKeys.has(e.key));
      for (const [i, entry] of valid.entries()) {
        const plan = (planner as Planner<typeof entry, unknown>).plan(entry);
        if (plan.errors.length > 0) {
          for (const e of plan.errors) errors.add(e.row, e.column, e.message);
          actions.set(entry.key, 'error');
        } else {
          counts[COUNT_KEY[plan.action]] += 1;
          actions.set(entry.key, plan.action);
          if (plan.note) notes.add(plan.note);
        }
        if ((i + 1) % YIELD_EVERY === 0) {
          this.#progress(importId, 'validate', i + 1, valid.length);
          await yieldToEventLoop();
        }
      }
      this.#progress(importId, 'validate', valid.length, valid.length);
      // An order or PO with a broken row still gets its unknown SKUs reported, so the user
      // fixes the whole file in one pass instead of discovering them on the next preview.
      const lookup = new ProductLookup(this.#store.statements);
      for (const entry of entries) {
        if (!entry.invalid && !read.invalidKeys.has(entry.key)) continue;
        for (const line of linesOf(entry)) {
          if (!lookup.get(line.sku)) {
            const e = unknownSku(line.line, line.sku);
            errors.add(e.row, e.column, e.message);
          }
        }
      }
      for (const key of read.invalidKeys) actions.set(key, 'error');
      if (errors.total === 0) payload = read.payload;
    }

    this.#stage(importId, {
      kind,
      fileName,
      demo: options.demo ?? false,
      expiresAt: this.#now() + STAGE_TTL_MS,
      errorCount: errors.total,
      payload,
    });

    return {
      importId,
      kind,
      fileName,
      rows: read?.rows ?? 0,
      records: read?.records ?? 0,
      errors: errors.list(),
      errorsTruncated: errors.truncated,
      counts,
      notes: notes.list(),
      sample: read ? read.sample(actions) : [],
    };
  }

  commit(importId: string, rights: ImportRights = ALL_IMPORT_RIGHTS): ImportResult {
    this.#sweep();
    const staged = this.#staged.get(importId);
    if (!staged) {
      throw new AppError(
        'IMPORT_EXPIRED',
        'This import preview is no longer available (it expired after 15 minutes, or was already imported or discarded). Open the file again to preview it.',
        { importId },
      );
    }
    if (!rights.documents)
      throw new AppError('UNAUTHORIZED', 'Sign in first: every import is recorded against who made it.');
    if (staged.kind === 'products' && !rights.products) {
      throw new AppError(
        'FORBIDDEN',
        'Only a supervisor can import products: the file decides which products need serials. Ask a supervisor to sign in.',
      );
    }
    if (!staged.payload) {
      throw new AppError(
        'IMPORT_INVALID',
        `The file ${staged.fileName} has ${staged.errorCount} error${staged.errorCount === 1 ? '' : 's'}; fix ${staged.errorCount === 1 ? 'it' : 'them'} and preview the file again. Nothing was imported.`,
        { importId, errors: staged.errorCount },
      );
    }
    const payload = staged.payload;
    const rules = this.#rules();
    const total = payload.entries.length;
    const counts = zeroCounts();
    const notes = new NoteList();

    this.#progress(importId, 'write', 0, total);
    try {
      this.#store.write(() => {
        const s = this.#store.statements;
        // Checked again inside the transaction: the store may have changed since the preview.
        const planner = this.#planner(payload, rules, staged.demo) as Planner<unknown, unknown>;
        const plans = (payload.entries as readonly unknown[]).map((entry) => planner.plan(entry));
        const conflicts = plans.flatMap((p) => p.errors);
        if (conflicts.length > 0) {
          const shown = conflicts.slice(0, 3).map((e) => `line ${e.row}: ${e.message}`);
          throw new AppError(
            'CONFLICT',
            `The store changed since the preview of ${staged.fileName}, and the file no longer fits it (${shown.join('; ')}${conflicts.length > 3 ? `; and ${conflicts.length - 3} more` : ''}). Nothing was imported; preview the file again.`,
            { importId, errors: conflicts.slice(0, MAX_ERRORS) },
          );
        }
        const now = new Date(this.#now()).toISOString();
        for (const [i, plan] of plans.entries()) {
          counts[COUNT_KEY[plan.action]] += 1;
          if (plan.note) notes.add(plan.note);
          if (plan.write !== undefined && (plan.action === 'create' || plan.action === 'update')) {
            planner.write(plan.write, now);
          }
          if ((i + 1) % YIELD_EVERY === 0) this.#progress(importId, 'write', i + 1, total);
        }
        appendEvent(s, {
          type: 'import_committed',
          reference: staged.fileName,
          details: { kind: staged.kind, counts: { ...counts } },
        });
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') this.#staged.delete(importId);
      throw error;
    }
    this.#staged.delete(importId);
    this.#progress(importId, 'write', total, total);
    return { kind: staged.kind, counts, notes: notes.list() };
  }

  discard(importId: string): { discarded: boolean } {
    this.#sweep();
    return { discarded: this.#staged.delete(importId) };
  }

  #stage(importId: string, staged: Staged): void {
    this.#staged.set(importId, staged);
    while (this.#staged.size > MAX_STAGED) {
      const oldest = this.#staged.keys().next().value as string;
      this.#staged.delete(oldest);
    }
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, staged] of this.#staged) if (staged.expiresAt <= now) this.#staged.delete(id);
  }

  #progress(importId: string, phase: 'parse' | 'validate' | 'write', done: number, total: number): void {
    this.#bus.emit('imports:progress', { importId, phase, done, total });
  }

  #planner(payload: Payload, rules: OrganizationRules, demo: boolean): Planner<never, unknown> {
    const s = this.#store.statements;
    switch (payload.kind) {
      case 'products':
        return new ProductPlanner(s, payload.entries, demo) as Planner<never, unknown>;
      case 'orders':
        return new OrderPlanner(s, rules, demo) as Planner<never, unknown>;
      case 'pos':
        return new PoPlanner(s, demo) as Planner<never, unknown>;
    }
  }

  /**
   * Parses the CSV and reads each record into typed entries, grouping order and PO lines.
   * Returns null when the file itself is unusable (empty, wrong header, unreadable).
   */
  async #read(
    importId: string,
    kind: ImportKind,
    content: string,
    rules: OrganizationRules,
    errors: ErrorList,
  ): Promise<ReadResult | null> {
    if (content.length > MAX_IMPORT_BYTES) {
      errors.add(1, null, `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it into smaller files.`);
      return null;
    }
    const reader = createReader(kind, rules, errors);
    const bytes = Buffer.from(content, 'utf8');
    this.#progress(importId, 'parse', 0, bytes.length);
    const lines = new LineCounter(bytes);
    const skipped: { after: number; error: unknown }[] = [];
    let recordsSeen = 0;
    let header: ReadonlyMap<string, number> | null = null;
    let headerFailed = false;

    const parser = parse({
      bom: true,
      info: true,
      relax_column_count: true,
      // A lone quote inside an unquoted cell (12" monitor) is common in hand-made sheets.
      relax_quotes: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_records_with_error: true,
      on_skip: (error) => {
        skipped.push({ after: parser.info.records, error });
        return undefined;
      },
    });
    const stopFeeding = new AbortController();
    const feed = (async () => {
      for (let offset = 0; offset < bytes.length && !parser.destroyed; offset += FEED_CHUNK_BYTES) {
        if (!parser.write(bytes.subarray(offset, offset + FEED_CHUNK_BYTES))) {
          await once(parser, 'drain', { signal: stopFeeding.signal });
        }
      }
      if (!parser.destroyed) parser.end();
    })().catch(() => undefined);

    // Only the first unreadable record is reported: reading stops there.
    let unreadable = false;
    const reportUnreadable = (): void => {
      const first = skipped[0];
      if (!first || unreadable) return;
      unreadable = true;
      errors.add(lines.nextRecordLine(), null, describeCsvError(first.error));
    };

    try {
      for await (const item of parser as AsyncIterable<{
        record: string[];
        info: { bytes: number; records: number };
      }>) {
        // A record that could not be read lies before this one: stop there, as later line numbers are unsure.
        if (skipped.length > 0 && skipped[0]!.after < item.info.records) {
          reportUnreadable();
          break;
        }
        const line = lines.nextRecordLine();
        lines.advanceTo(item.info.bytes);
        recordsSeen += 1;
        if (header === null) {
          if (isBlankRecord(item.record)) continue;
          const result = readHeader(kind, item.record);
          if (!result.ok) {
            errors.add(line, null, result.message);
            headerFailed = true;
            break;
          }
          header = result.index;
        } else if (!isBlankRecord(item.record)) {
          reader.row(cellsOf(header, item.record), line);
        }
        if (recordsSeen % YIELD_EVERY === 0) {
          this.#progress(importId, 'parse', item.info.bytes, bytes.length);
          await yieldToEventLoop();
        }
      }
      if (!headerFailed) reportUnreadable();
    } catch (error) {
      errors.add(lines.nextRecordLine(), null, describeCsvError(error));
    } finally {
      stopFeeding.abort();
      await feed;
    }
    this.#progress(importId, 'parse', bytes.length, bytes.length);

    if (headerFailed) return null;
    if (header === null) {
      if (errors.total === 0) {
        errors.add(
          1,
          null,
          `The file is empty. A ${IMPORT_FORMATS[kind].label} file starts with a header row naming its columns: ${IMPORT_FORMATS[kind].columns.join(', ')}.`,
        );
      }
      return null;
    }
    if (reader.rows === 0 && errors.total === 0) {
      errors.add(1, null, 'The file has a header row but no data rows; there is nothing to import.');
    }
    return reader.finish();
  }
}

interface ReadResult {
  readonly rows: number;
  readonly records: number;
  readonly payload: Payload;
  /** Records with at least one bad row: checked no further and never written. */
  readonly invalidKeys: ReadonlySet<string>;
  sample(actions: ReadonlyMap<string, SampleAction>): Record<string, string>[];
}

interface RowReader {
  readonly rows: number;
  row(cells: Cells, line: number): void;
  finish(): ReadResult;
}

function createReader(kind: ImportKind, rules: OrganizationRules, errors: ErrorList): RowReader {
  switch (kind) {
    case 'products':
      return new ProductReader(rules, errors);
    case 'orders':
      return new OrderReader(errors);
    case 'pos':
      return new PoReader(errors);
  }
}

/** Names a record by its key cell, or by its line when the key is blank. */
function recordKey(value: string, line: number): string {
  return value === '' ? `#${line}` : foldCase(value);
}

class ProductReader implements RowReader {
  readonly #rules: OrganizationRules;
  readonly #errors: ErrorList;
  readonly #entries: ProductEntry[] = [];
  readonly #firstLine = new Map<string, number>();
  readonly #invalid = new Set<string>();
  readonly #sample: { key: string; cells: Cells }[] = [];
  rows = 0;

  constructor(rules: OrganizationRules, errors: ErrorList) {
    this.#rules = rules;
    this.#errors = errors;
  }

  row(cells: Cells, line: number): void {
    this.rows += 1;
    const sku = cells['sku'] ?? '';
    const key = recordKey(sku, line);
    const first = this.#firstLine.get(key);
    if (first !== undefined) {
      this.#errors.add(
        line,
        'sku',
        `SKU "${sku}" appears again on line ${line} (first on line ${first}); each product may appear once`,
      );
      this.#invalid.add(key);
      return;
    }
    this.#firstLine.set(key, line);
    if (this.#sample.length < SAMPLE_SIZE) this.#sample.push({ key, cells });
    const result = parseProductRecord(cells, { trackSerials: this.#rules.newProductsTrackSerials });
    if (!result.ok) {
      this.#errors.addAll(line, result.errors);
      this.#invalid.add(key);
      return;
    }
    this.#entries.push({ key, line, draft: result.value });
  }

  finish(): ReadResult {
    const sample = this.#sample;
    return {
      rows: this.rows,
      records: this.#firstLine.size,
      payload: { kind: 'products', entries: this.#entries },
      invalidKeys: this.#invalid,
      sample: (actions) => sample.map(({ key, cells }) => ({ ...cells, action: actions.get(key) ?? 'error' })),
    };
  }
}

class OrderReader implements RowReader {
  readonly #errors: ErrorList;
  readonly #orders = new Map<string, OrderEntry>();
  readonly #invalid = new Set<string>();
  readonly #headerLines = new Map<string, { customer: number; shipTo: number }>();
  rows = 0;

  constructor(errors: ErrorList) {
    this.#errors = errors;
  }

  row(cells: Cells, line: number): void {
    this.rows += 1;
    const number = cells['order_number'] ?? '';
    const key = recordKey(number, line);
    let order = this.#orders.get(key);
    if (!order) {
      order = { key, line, orderNumber: number, customerName: '', shipTo: '', lines: [], invalid: false };
      this.#orders.set(key, order);
      this.#headerLines.set(key, { customer: line, shipTo: line });
    }
    const result = parseOrderRecord(cells);
    if (!result.ok) {
      this.#errors.addAll(line, result.errors);
      this.#invalid.add(key);
      return;
    }
    const row = result.value;
    const firstLines = this.#headerLines.get(key)!;
    // Later rows may repeat the customer and address or leave them blank, but not contradict them.
    if (row.customerName !== '') {
      if (order.customerName === '') {
        order.customerName = row.customerName;
        firstLines.customer = line;
      } else if (order.customerName !== row.customerName) {
        this.#errors.add(
          line,
          'customer_name',
          `customer_name "${row.customerName}" differs from "${order.customerName}" on line ${firstLines.customer} for order ${order.orderNumber}; all rows of one order must name the same customer`,
        );
        this.#invalid.add(key);
      }
    }
    if (row.shipTo !== '') {
      if (order.shipTo === '') {
        order.shipTo = row.shipTo;
        firstLines.shipTo = line;
      } else if (order.shipTo !== row.shipTo) {
        this.#errors.add(
          line,
          'ship_to',
          `ship_to differs from the address on line ${firstLines.shipTo} for order ${order.orderNumber}; all rows of one order must ship to the same address`,
        );
        this.#invalid.add(key);
      }
    }
    order.lines.push({ line, sku: row.sku, qty: row.qty, serials: row.serials });
  }

  finish(): ReadResult {
    const orders = [...this.#orders.values()];
    for (const order of orders) if (this.#invalid.has(order.key)) order.invalid = true;
    return {
      rows: this.rows,
      records: orders.length,
      payload: { kind: 'orders', entries: orders },
      invalidKeys: this.#invalid,
      sample: (actions) =>
        orders.slice(0, SAMPLE_SIZE).map((o) => ({
          order_number: o.orderNumber,
          customer_name: o.customerName,
          ship_to: o.shipTo,
          lines: String(o.lines.length),
          units: String(o.lines.reduce((sum, l) => sum + l.qty, 0)),
          skus: o.lines.map((l) => l.sku).join('|'),
          action: actions.get(o.key) ?? 'error',
        })),
    };
  }
}

class PoReader implements RowReader {
  readonly #errors: ErrorList;
  readonly #pos = new Map<string, PoEntry>();
  readonly #vendorLine = new Map<string, number>();
  readonly #invalid = new Set<string>();
  rows = 0;

  constructor(errors: ErrorList) {
    this.#errors = errors;
  }

  row(cells: Cells, line: number): void {
    this.rows += 1;
    const number = cells['po_number'] ?? '';
    const key = recordKey(number, line);
    let po = this.#pos.get(key);
    if (!po) {
      po = { key, line, poNumber: number, vendor: '', lines: [], invalid: false };
      this.#pos.set(key, po);
    }
    const result = parsePoRecord(cells);
    if (!result.ok) {
      this.#errors.addAll(line, result.errors);
      this.#invalid.add(key);
      return;
    }
    const row = result.value;
    if (po.vendor === '') {
      po.vendor = row.vendor;
      this.#vendorLine.set(key, line);
    } else if (foldCase(po.vendor) !== foldCase(row.vendor)) {
      this.#errors.add(
        line,
        'vendor',
        `vendor "${row.vendor}" differs from "${po.vendor}" on line ${this.#vendorLine.get(key)} for PO ${po.poNumber}; all rows of one purchase order must name the same vendor`,
      );
      this.#invalid.add(key);
    }
    po.lines.push({ line, sku: row.sku, qty: row.qty, unitCostCents: row.unitCostCents });
  }

  finish(): ReadResult {
    const pos = [...this.#pos.values()];
    for (const po of pos) if (this.#invalid.has(po.key)) po.invalid = true;
    return {
      rows: this.rows,
      records: pos.length,
      payload: { kind: 'pos', entries: pos },
      invalidKeys: this.#invalid,
      sample: (actions) =>
        pos.slice(0, SAMPLE_SIZE).map((po) => ({
          po_number: po.poNumber,
          vendor: po.vendor,
          lines: String(po.lines.length),
          units: String(po.lines.reduce((sum, l) => sum + l.qty, 0)),
          skus: po.lines.map((l) => l.sku).join('|'),
          action: actions.get(po.key) ?? 'error',
        })),
    };
  }
}

/** Looks each SKU up once per import; order and PO files name the same products over and over. */
class ProductLookup {
  readonly #s: StatementCache;
  readonly #cache = new Map<string, ProductRecord | null>();

  constructor(s: StatementCache) {
    this.#s = s;
  }

  get(sku: string): ProductRecord | null {
    const key = foldCase(sku);
    let product = this.#cache.get(key);
    if (product === undefined) {
      product = findProductBySku(this.#s, sku) ?? null;
      this.#cache.set(key, product);
    }
    return product;
  }
}

function linesOf(entry: unknown): readonly { line: number; sku: string }[] {
  const lines = (entry as { lines?: unknown }).lines;
  return Array.isArray(lines) ? (lines as { line: number; sku: string }[]) : [];
}

function unknownSku(line: number, sku: string): RowError {
  return { row: line, column: 'sku', message: `SKU "${sku}" is not a known product — import products first` };
}

/** What the store already says about SKUs and barcodes, as the product checks need it. */
interface CatalogCodes {
  bySku(sku: string): ProductRecord | undefined;
  byBarcode(code: string): ProductRef | undefined;
  barcodesOf(productId: number): readonly string[];
}

class QueriedCatalog implements CatalogCodes {
  readonly #s: StatementCache;

  constructor(s: StatementCache) {
    this.#s = s;
  }

  bySku(sku: string): ProductRecord | undefined {
    return findProductBySku(this.#s, sku);
  }

  byBarcode(code: string): ProductRef | undefined {
    return barcodeOwner(this.#s, code);
  }

  barcodesOf(productId: number): readonly string[] {
    return barcodesOf(this.#s, productId);
  }
}

/**
 * The whole catalogue read once into memory: for a file as large as the store, a few
 * sequential reads beat several indexed look-ups per row.
 */
class LoadedCatalog implements CatalogCodes {
  readonly #bySku = new Map<string, ProductRecord>();
  readonly #byId = new Map<number, ProductRecord>();
  readonly #barcodeOwner = new Map<string, number>();
  readonly #barcodes = new Map<number, string[]>();

  constructor(s: StatementCache) {
    for (const product of allProducts(s)) {
      this.#bySku.set(foldCase(product.sku), product);
      this.#byId.set(product.id, product);
    }
    for (const { code, product_id } of allBarcodes(s)) {
      this.#barcodeOwner.set(foldCase(code), product_id);
      const list = this.#barcodes.get(product_id);
      if (list) list.push(code);
      else this.#barcodes.set(product_id, [code]);
    }
  }

  bySku(sku: string): ProductRecord | undefined {
    return this.#bySku.get(foldCase(sku));
  }

  byBarcode(code: string): ProductRef | undefined {
    const id = this.#barcodeOwner.get(foldCase(code));
    return id === undefined ? undefined : this.#byId.get(id);
  }

  barcodesOf(productId: number): readonly string[] {
    return this.#barcodes.get(productId) ?? [];
  }
}

class ProductPlanner implements Planner<ProductEntry, ProductWritePlan> {
  readonly #s: StatementCache;
  readonly #catalog: CatalogCodes;
  readonly #fileSkus = new Map<string, ProductEntry>();
  readonly #fileBarcodes = new Map<string, ProductEntry>();
  readonly #demo: boolean;

  constructor(s: StatementCache, entries: readonly ProductEntry[], demo: boolean) {
    this.#s = s;
    this.#demo = demo;
    for (const entry of entries) this.#fileSkus.set(entry.key, entry);
    this.#catalog = catalogSize(s) <= 4 * entries.length ? new LoadedCatalog(s) : new QueriedCatalog(s);
  }

  plan(entry: ProductEntry): Plan<ProductWritePlan> {
    const catalog = this.#catalog;
    const { draft, line } = entry;
    const errors: RowError[] = [];
    const existing = catalog.bySku(draft.sku);

    const owner = catalog.byBarcode(draft.sku);
    if (owner && owner.id !== existing?.id) {
      errors.push({
        row: line,
        column: 'sku',
        message: `SKU "${draft.sku}" is already a barcode of product ${owner.sku} (${owner.name}); a SKU must not be another product's barcode`,
      });
    }
    for (const code of draft.barcodes) {
      const key = foldCase(code);
      const inFile = this.#fileBarcodes.get(key);
      const problem = this.#barcodeProblem(code, line, existing?.id, inFile, this.#fileSkus.get(key));
      if (!inFile) this.#fileBarcodes.set(key, entry);
      if (problem) errors.push({ row: line, column: 'barcodes', message: problem });
    }
    if (errors.length > 0) return { action: 'create', errors };

    const write = { existingId: existing?.id ?? null, draft };
    if (!existing) return { action: 'create', errors, write };
    return { action: this.#same(existing, draft) ? 'unchanged' : 'update', errors, write };
  }

  #barcodeProblem(
    code: string,
    line: number,
    existingId: number | undefined,
    inFile: ProductEntry | undefined,
    skuInFile: ProductEntry | undefined,
  ): string | null {
    if (inFile && inFile.line !== line) {
      return `barcode "${code}" is also listed on line ${inFile.line} for SKU "${inFile.draft.sku}"; a barcode can name only one product`;
    }
    if (skuInFile && skuInFile.line !== line) {
      return `barcode "${code}" is the SKU of the product on line ${skuInFile.line}; a barcode must not be another product's SKU`;
    }
    const holder = this.#catalog.byBarcode(code);
    if (holder && holder.id !== existingId) {
      return `barcode "${code}" already belongs to product ${holder.sku} (${holder.name}); a barcode can name only one product`;
    }
    const skuHolder = this.#catalog.bySku(code);
    if (skuHolder && skuHolder.id !== existingId) {
      return `barcode "${code}" is the SKU of product ${skuHolder.sku} (${skuHolder.name}); a barcode must not be another product's SKU`;
    }
    return null;
  }

  #same(p: ProductRecord, d: ProductDraft): boolean {
    return (
      p.name === d.name &&
      p.track_serials === (d.trackSerials ? 1 : 0) &&
      p.serials_per_unit === d.serialsPerUnit &&
      sameList(JSON.parse(p.serial_slot_labels) as string[], d.serialSlotLabels) &&
      p.serial_pattern === d.serialPattern &&
      p.serial_length === d.serialLength &&
      p.warranty_months === d.warrantyMonths &&
      p.unit_weight_g === d.unitWeightG &&
      sameList([...this.#catalog.barcodesOf(p.id)].sort(), [...d.barcodes].sort())
    );
  }

  write(plan: ProductWritePlan, now: string): void {
    if (plan.existingId === null) insertProduct(this.#s, { ...plan.draft, demo: this.#demo }, now);
    else updateProduct(this.#s, plan.existingId, plan.draft, now);
  }
}

class OrderPlanner implements Planner<OrderEntry, OrderWritePlan> {
  readonly #s: StatementCache;
  readonly #products: ProductLookup;
  readonly #caseSensitive: boolean;
  readonly #perProduct: boolean;
  readonly #demo: boolean;
  /** Serials pre-allocated so far in this file, by uniqueness scope and key. */
  readonly #serials = new Map<string, { line: number; orderKey: string; orderNumber: string }>();

  constructor(s: StatementCache, rules: OrganizationRules, demo: boolean) {
    this.#s = s;
    this.#products = new ProductLookup(s);
    this.#caseSensitive = rules.caseSensitiveSerials;
    this.#perProduct = rules.uniquenessScope === 'product';
    this.#demo = demo;
  }

  plan(entry: OrderEntry): Plan<OrderWritePlan> {
    const errors: RowError[] = [];
    const lines: { productId: number; qty: number; serials: { serial: string; key: string }[] }[] = [];
    for (const line of entry.lines) {
      const product = this.#products.get(line.sku);
      if (!product) {
        errors.push(unknownSku(line.line, line.sku));
        continue;
      }
      const serials = this.#checkSerials(entry, line, product, errors);
      lines.push({ productId: product.id, qty: line.qty, serials });
    }
    if (errors.length > 0) return { action: 'create', errors };

    const existing = findOrderByNumber(this.#s, entry.orderNumber);
    if (!existing) return { action: 'create', errors, write: { existingId: null, entry, lines } };
    if (existing.status !== 'open') {
      const why = {
        packing: 'is being packed',
        shipped: 'has already shipped',
        cancelled: 'was cancelled',
      }[existing.status];
      return { action: 'skip', errors, note: `Order ${existing.order_number} ${why}; it was left unchanged.` };
    }
    const write = { existingId: existing.id, entry, lines };
    const stored = orderLinesOf(this.#s, existing.id);
    const same =
      existing.customer_name === entry.customerName &&
      existing.ship_to === entry.shipTo &&
      stored.length === lines.length &&
      stored.every(
        (l, i) =>
          l.product_id === lines[i]!.productId &&
          l.qty === lines[i]!.qty &&
          sameList(
            l.serials,
            lines[i]!.serials.map((x) => x.serial),
          ),
      );
    return { action: same ? 'unchanged' : 'update', errors, write };
  }

  #checkSerials(
    order: OrderEntry,
    line: OrderLineEntry,
    product: ProductRecord,
    errors: RowError[],
  ): { serial: string; key: string }[] {
    if (line.serials.length === 0) return [];
    const fail = (message: string) => errors.push({ row: line.line, column: 'serials', message });
    if (product.track_serials !== 1) {
      fail(`SKU "${line.sku}" does not track serial numbers, so its line cannot list serials; leave serials blank`);
      return [];
    }
    const allowed = line.qty * product.serials_per_unit;
    if (line.serials.length > allowed) {
      const perUnit = `${product.serials_per_unit} serial${product.serials_per_unit === 1 ? '' : 's'} per unit`;
      fail(
        `${line.serials.length} serials are listed but qty ${line.qty} of SKU "${line.sku}" (${perUnit}) takes at most ${allowed}`,
      );
      return [];
    }
    const result: { serial: string; key: string }[] = [];
    for (const serial of line.serials) {
      const key = serialKey(serial, { caseSensitive: this.#caseSensitive });
      const scoped = `${this.#perProduct ? product.id : 0}\u0000${key}`;
      const seen = this.#serials.get(scoped);
      if (seen) {
        fail(
          seen.orderKey === order.key
            ? `serial "${serial}" is listed twice in order ${order.orderNumber} (also on line ${seen.line})`
            : `serial "${serial}" is already pre-allocated to order ${seen.orderNumber} on line ${seen.line}`,
        );
        continue;
      }
      this.#serials.set(scoped, { line: line.line, orderKey: order.key, orderNumber: order.orderNumber });
      const elsewhere = serialAllocatedElsewhere(this.#s, key, this.#perProduct ? product.id : null, order.orderNumber);
      if (elsewhere !== undefined) {
        fail(`serial "${serial}" is already pre-allocated to open order ${elsewhere}`);
        continue;
      }
      result.push({ serial, key });
    }
    return result;
  }

  write(plan: OrderWritePlan, now: string): void {
    const s = this.#s;
    const header = {
      orderNumber: plan.entry.orderNumber,
      customerName: plan.entry.customerName,
      shipTo: plan.entry.shipTo,
    };
    let orderId: number;
    if (plan.existingId === null) {
      orderId = insertOrder(s, header, this.#demo, now);
    } else {
      orderId = plan.existingId;
      updateOrderHeader(s, orderId, header, now);
      deleteOrderLines(s, orderId);
    }
    for (const [i, line] of plan.lines.entries()) {
      const lineId = insertOrderLine(s, orderId, i + 1, line.productId, line.qty);
      for (const serial of line.serials) insertOrderLineSerial(s, lineId, serial.serial, serial.key);
    }
  }
}

class PoPlanner implements Planner<PoEntry, PoWritePlan> {
  readonly #s: StatementCache;
  readonly #products: ProductLookup;
  readonly #demo: boolean;

  constructor(s: StatementCache, demo: boolean) {
    this.#s = s;
    this.#products = new ProductLookup(s);
    this.#demo = demo;
  }

  plan(entry: PoEntry): Plan<PoWritePlan> {
    const errors: RowError[] = [];
    const lines: { productId: number; qty: number; unitCostCents: number | null }[] = [];
    for (const line of entry.lines) {
      const product = this.#products.get(line.sku);
      if (!product) errors.push(unknownSku(line.line, line.sku));
      else lines.push({ productId: product.id, qty: line.qty, unitCostCents: line.unitCostCents });
    }
    if (errors.length > 0) return { action: 'create', errors };

    const existing = findPurchaseOrderByNumber(this.#s, entry.poNumber);
    if (!existing) return { action: 'create', errors, write: { existingId: null, entry, lines } };
    if (existing.received > 0 || existing.status !== 'open') {
      const why = existing.received > 0 ? 'has already been received in part or in full' : `is ${existing.status}`;
      return { action: 'skip', errors, note: `PO ${existing.po_number} ${why}; it was left unchanged.` };
    }
    const stored = poLinesOf(this.#s, existing.id);
    const same =
      foldCase(existing.vendor) === foldCase(entry.vendor) &&
      stored.length === lines.length &&
      stored.every(
        (l, i) =>
          l.product_id === lines[i]!.productId &&
          l.qty_ordered === lines[i]!.qty &&
          l.unit_cost_cents === lines[i]!.unitCostCents,
      );
    return { action: same ? 'unchanged' : 'update', errors, write: { existingId: existing.id, entry, lines } };
  }

  write(plan: PoWritePlan, now: string): void {
    const s = this.#s;
    const vendorId = ensureVendor(s, plan.entry.vendor);
    let poId: number;
    if (plan.existingId === null) {
      poId = insertPurchaseOrder(s, plan.entry.poNumber, vendorId, this.#demo, now);
    } else {
      poId = plan.existingId;
      updatePurchaseOrderVendor(s, poId, vendorId, now);
      deletePoLines(s, poId);
    }
    for (const [i, line] of plan.lines.entries())
      insertPoLine(s, poId, i + 1, line.productId, line.qty, line.unitCostCents);
  }
}
