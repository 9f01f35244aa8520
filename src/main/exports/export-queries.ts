import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { dayRange, localTimestamps, stationClock, type StationClock } from './local-time';

export type Cell = string | number | null;

/** One export: its columns, how many rows it will have, and the rows in order. */
export interface ExportSource {
  readonly sheetName: string;
  readonly header: readonly string[];
  count(): number;
  rows(): Iterable<Cell[]>;
}

export interface ShiftLogFilter {
  /** Inclusive days, YYYY-MM-DD, as calendar days on the station's clock (see `timeZone`). */
  readonly from: string;
  readonly to: string;
  /** IANA zone the days and times are read in; absent: this process's local zone. */
  readonly timeZone?: string | undefined;
  readonly station?: string | undefined;
  readonly operator?: string | undefined;
  readonly shiftId?: number | undefined;
  readonly includeReceived?: boolean | undefined;
  readonly includeReturned?: boolean | undefined;
}

/**
 * Rewrites one column of stored UTC times as local times with their offset, in place. A
 * plain iterator object, not a generator: a million-row export pays one call per row.
 */
function withLocalTimes(rows: Iterator<Cell[]>, column: number, clock: StationClock): Iterable<Cell[]> {
  const localTimestamp = localTimestamps(clock);
  const iterator: Iterator<Cell[]> = {
    next() {
      const step = rows.next();
      if (!step.done) {
        const value = step.value[column];
        if (typeof value === 'string') step.value[column] = localTimestamp(value);
      }
      return step;
    },
    return(value?: unknown) {
      return rows.return ? rows.return(value) : { done: true, value: undefined };
    },
  };
  return { [Symbol.iterator]: () => iterator };
}

/** Merges iterators already sorted by their first cell (an ISO UTC time) into one sorted stream. */
function mergeByTime(sources: Iterator<Cell[]>[]): Iterator<Cell[]> {
  // One source (the usual shipped-only log) needs no merging: hand its cursor over as is,
  // so a million-row export does not pay a generator step per row.
  if (sources.length === 1) return sources[0]!;
  return merge(sources);
}

function* merge(sources: Iterator<Cell[]>[]): Generator<Cell[]> {
  const heads = sources.map((it) => it.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i += 1) {
      const head = heads[i]!;
      if (head.done) continue;
      if (best < 0 || String(head.value[0]) < String((heads[best]!.value as Cell[])[0])) best = i;
    }
    if (best < 0) return;
    yield heads[best]!.value as Cell[];
    heads[best] = sources[best]!.next();
  }
}

export const SHIFT_LOG_HEADER = [
  'Time',
  'Event',
  'Station',
  'Operator',
  'Shift',
  'Order or PO',
  'SKU',
  'Product',
  'Serial',
  'Slot',
  'Override',
  'Override reason',
  'Approved by',
  'Weight (g)',
] as const;

interface ShiftLogQuery {
  readonly rows: Statement;
  readonly count: Statement;
}

interface ShiftLogPlan {
  readonly params: Record<string, string | number | null>;
  readonly shipped: ShiftLogQuery;
  readonly ledger: (type: 'received' | 'returned') => ShiftLogQuery;
}

function planShiftLog(db: Database, f: ShiftLogFilter, clock: StationClock): ShiftLogPlan {
  // Stored times are UTC ISO strings, so the local days become one UTC range [start, end).
  const { start, end } = dayRange(f.from, f.to, clock);
  const shippedWhere = ['ss.created_at >= @start', 'ss.created_at < @end'];
  const ledgerWhere = ['e.at >= @start', 'e.at < @end'];
  // Only the joins a filter needs: counting a million rows through every join took longer
  // than reading them (the foreign keys guarantee the inner joins drop nothing).
  const countJoins: string[] = [];
  if (f.station || f.operator || f.shiftId !== undefined)
    countJoins.push('JOIN shipments sh ON sh.id = ss.shipment_id');
  if (f.station) {
    shippedWhere.push('st.name = @station');
    ledgerWhere.push('st.name = @station');
    countJoins.push('JOIN stations st ON st.id = sh.station_id');
  }
  if (f.operator) {
    shippedWhere.push('op.name = @operator');
    ledgerWhere.push('op.name = @operator');
    countJoins.push('JOIN operators op ON op.id = sh.operator_id');
  }
  if (f.shiftId !== undefined) {
    shippedWhere.push('sh.shift_id = @shiftId');
    ledgerWhere.push('e.shift_id = @shiftId');
  }
  const params = { start, end, station: f.station ?? null, operator: f.operator ?? null, shiftId: f.shiftId ?? null };
  const shipped = db
    .prepare(
      `
    SELECT ss.created_at, 'shipped', st.name, op.name, sh.shift_id, o.order_number, p.sku, p.name, ss.serial, ss.slot_label,
      CASE ss.overridden WHEN 1 THEN 'yes' ELSE '' END,
      CASE ss.overridden WHEN 1 THEN (SELECT json_extract(e.details, '$.reason') FROM serial_events e
        WHERE e.serial_key = ss.serial_key AND e.type = 'override_granted' AND e.reference = o.order_number ORDER BY e.id DESC LIMIT 1) END,
      CASE ss.overridden WHEN 1 THEN (SELECT json_extract(e.details, '$.approvedBy') FROM serial_events e
        WHERE e.serial_key = ss.serial_key AND e.type = 'override_granted' AND e.reference = o.order_number ORDER BY e.id DESC LIMIT 1) END,
      sh.weight_g
    FROM shipped_serials ss
      JOIN shipments sh ON sh.id = ss.shipment_id
      JOIN orders o ON o.id = ss.order_id
      JOIN products p ON p.id = ss.product_id
      LEFT JOIN stations st ON st.id = sh.station_id
      LEFT JOIN operators op ON op.id = sh.operator_id
      WHERE ${shippedWhere.join(' AND ')}
      ORDER BY ss.created_at, ss.id`,
    )
    .raw(true);
  const shippedCount = db
    .prepare(`SELECT count(*) FROM shipped_serials ss ${countJoins.join(' ')} WHERE ${shippedWhere.join(' AND ')}`)
    .pluck();
  const ledgerFrom = (type: string) => `FROM serial_events e
      LEFT JOIN products p ON p.id = e.product_id
      LEFT JOIN stations st ON st.id = e.station_id
      LEFT JOIN operators op ON op.id = e.operator_id
      WHERE e.type = '${type}' AND e.serial IS NOT NULL AND ${ledgerWhere.join(' AND ')}`;
  const ledger = (type: 'received' | 'returned'): ShiftLogQuery => ({
    rows: db
      .prepare(
        `SELECT e.at, '${type}', st.name, op.name, e.shift_id, e.reference, p.sku, p.name, e.serial, json_extract(e.details, '$.slotLabel'), '', '', '', NULL
         ${ledgerFrom(type)} ORDER BY e.at, e.id`,
      )
      .raw(true),
    count: db.prepare(`SELECT count(*) ${ledgerFrom(type)}`).pluck(),
  });
  return { params, shipped: { rows: shipped, count: shippedCount }, ledger };
}

/**
 * The shipped part of the shift serial log: the statement (rows as arrays, in log column
 * order) and its parameters. The export benchmark times a bare loop over this same query.
 */
export function shiftLogShippedQuery(
  db: Database,
  f: ShiftLogFilter,
): { statement: Statement; params: Record<string, string | number | null> } {
  const plan = planShiftLog(db, f, stationClock(f.timeZone));
  return { statement: plan.shipped.rows, params: plan.params };
}

/**
 * The shift serial log: one row per shipped serial (from the shipped-serial records) and,
 * when asked, per received and returned serial (from the ledger), in time order. Times are
 * written with the clock's offset (2026-11-22T23:30:00-08:00).
 */
export function shiftLogSource(db: Database, f: ShiftLogFilter): ExportSource {
  const clock = stationClock(f.timeZone);
  const { params, shipped, ledger } = planShiftLog(db, f, clock);
  const kinds: ShiftLogQuery[] = [shipped];
  if (f.includeReceived) kinds.push(ledger('received'));
  if (f.includeReturned) kinds.push(ledger('returned'));
  return {
    sheetName: 'Shift serial log',
    header: SHIFT_LOG_HEADER,
    count: () => kinds.reduce((n, k) => n + (k.count.get(params) as number), 0),
    // Merged on the stored UTC times (local times repeat an hour when the clocks go back).
    rows: () => withLocalTimes(mergeByTime(kinds.map((k) => k.rows.iterate(params) as Iterator<Cell[]>)), 0, clock),
  };
}

export const PO_SERIALS_HEADER = [
  'PO',
  'Vendor',
  'SKU',
  'Product',
  'Serial',
  'Slot',
  'Received at',
  'Unit cost',
  'Received by',
  'Status',
] as const;

/**
 * Purchase-order arrivals "with serials": one row per received serial, the receiving time
 * with the offset of `timeZone` (absent: this process's local zone).
 */
export function poSerialsSource(db: Database, poNumber: string, timeZone?: string): ExportSource {
  const clock = stationClock(timeZone);
  const po = db.prepare('SELECT id FROM purchase_orders WHERE po_number = ?').get(poNumber) as
    { id: number } | undefined;
  if (!po) throw new AppError('UNKNOWN_PO', `There is no purchase order "${poNumber}".`);
  const from = `FROM units u
    JOIN po_lines pl ON pl.id = u.po_line_id
    JOIN purchase_orders po ON po.id = pl.po_id
    JOIN vendors v ON v.id = po.vendor_id
    JOIN products p ON p.id = u.product_id
    JOIN unit_serials us ON us.unit_id = u.id
    WHERE po.id = ?`;
  return {
    sheetName: `PO ${poNumber}`,
    header: PO_SERIALS_HEADER,
    count: () => db.prepare(`SELECT count(*) ${from}`).pluck().get(po.id) as number,
    rows: () =>
      withLocalTimes(
        db
          .prepare(
            `SELECT po.po_number, v.name, p.sku, p.name, us.serial,
             coalesce(json_extract(p.serial_slot_labels, '$[' || (us.slot - 1) || ']'), 'Serial ' || us.slot),
             u.created_at, printf('%.2f', u.unit_cost_cents / 100.0),
             (SELECT op.name FROM serial_events e JOIN operators op ON op.id = e.operator_id WHERE e.unit_id = u.id AND e.type = 'received' LIMIT 1),
             u.status
           ${from} ORDER BY u.id, us.slot`,
          )
          .raw(true)
          .iterate(po.id) as Iterator<Cell[]>,
        PO_SERIALS_HEADER.indexOf('Received at'),
        clock,
      ),
  };
}

export const PRODUCT_SERIALS_HEADER = [
  'SKU',
  'Product',
  'Serial',
  'Slot',
  'Status',
  'Warehouse',
  'Location',
  'Lot',
  'PO',
  'Received at',
] as const;

/**
 * Every serial of the chosen products with status and location, the receiving time with the
 * offset of `timeZone` (absent: this process's local zone).
 */
export function productSerialsSource(db: Database, skus: readonly string[], timeZone?: string): ExportSource {
  const clock = stationClock(timeZone);
  if (skus.length === 0) throw new AppError('BAD_REQUEST', 'Choose at least one product.');
  const ids = skus.map((sku) => {
    const row = db.prepare('SELECT id FROM products WHERE sku = ?').get(sku) as { id: number } | undefined;
    if (!row) throw new AppError('UNKNOWN_BARCODE', `There is no product with SKU ${sku}.`);
    return row.id;
  });
  // Filtered on the unit's product, so the plan starts from units_by_product_status and
  // reaches each unit's codes through (unit_id, slot); filtering on unit_serials.product_id
  // instead led SQLite to walk the units of every product (half a second at a million units).
  const units = `units u JOIN unit_serials us ON us.unit_id = u.id WHERE u.product_id IN (SELECT value FROM json_each(?))`;
  const arg = JSON.stringify(ids);
  return {
    sheetName: 'Product serials',
    header: PRODUCT_SERIALS_HEADER,
    // Both indexes alone answer the count; the other joins never drop a row.
    count: () => db.prepare(`SELECT count(*) FROM ${units}`).pluck().get(arg) as number,
    rows: () =>
      withLocalTimes(
        db
          .prepare(
            `SELECT p.sku, p.name, us.serial, coalesce(json_extract(p.serial_slot_labels, '$[' || (us.slot - 1) || ']'), 'Serial ' || us.slot),
               u.status, u.warehouse, u.location, u.lot, po.po_number, u.created_at
             FROM units u JOIN unit_serials us ON us.unit_id = u.id JOIN products p ON p.id = u.product_id
               LEFT JOIN po_lines pl ON pl.id = u.po_line_id LEFT JOIN purchase_orders po ON po.id = pl.po_id
             WHERE u.product_id IN (SELECT value FROM json_each(?))
             ORDER BY p.sku, u.id, us.slot`,
          )
          .raw(true)
          .iterate(arg) as Iterator<Cell[]>,
        PRODUCT_SERIALS_HEADER.indexOf('Received at'),
        clock,
      ),
  };
}

export const SHIPPED_HEADER = [
  'Serial',
  'Slot',
  'Order',
  'Customer',
  'SKU',
  'Product',
  'Shipped at',
  'Created at',
  'Warranty until',
  'Warranty',
] as const;

/**
 * The Shipped Serial Numbers view as filtered on screen: the list's own rows, in its order,
 * times with the offset of `timeZone` (absent: this process's local zone). "Warranty until"
 * stays a calendar date.
 */
export function shippedViewSource(
  all: {
    readonly total: number;
    rows(): Iterable<{
      serial: string;
      slotLabel: string | null;
      orderNumber: string;
      customerName: string;
      sku: string;
      productName: string;
      shippedAt: string;
      createdAt: string;
      warranty: { expiresOn: string | null; status: string };
    }>;
  },
  timeZone?: string,
): ExportSource {
  const clock = stationClock(timeZone);
  return {
    sheetName: 'Shipped serials',
    header: SHIPPED_HEADER,
    count: () => all.total,
    *rows() {
      // One converter per column, so the two columns do not keep displacing each other's
      // remembered minute.
      const shippedAt = localTimestamps(clock);
      const createdAt = localTimestamps(clock);
      for (const r of all.rows()) {
        yield [
          r.serial,
          r.slotLabel,
          r.orderNumber,
          r.customerName,
          r.sku,
          r.productName,
          shippedAt(r.shippedAt),
          createdAt(r.createdAt),
          r.warranty.expiresOn,
          r.warranty.status,
        ];
      }
    },
  };
}

export const PRODUCTS_HEADER = [
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
] as const;

/** The catalogue in the products import format, so an export can be edited and imported back. */
export function productsSource(db: Database): ExportSource {
  return {
    sheetName: 'Products',
    header: PRODUCTS_HEADER,
    count: () => db.prepare('SELECT count(*) FROM products').pluck().get() as number,
    rows: () =>
      db
        .prepare(
          `SELECT p.sku, p.name, (SELECT group_concat(code, '|') FROM (SELECT code FROM product_barcodes b WHERE b.product_id = p.id ORDER BY b.id)),
             CASE p.track_serials WHEN 1 THEN 'yes' ELSE 'no' END, p.serials_per_unit,
             (SELECT group_concat(value, '|') FROM json_each(p.serial_slot_labels)),
             p.serial_pattern, p.serial_length, p.warranty_months, p.unit_weight_g
           FROM products p ORDER BY p.sku`,
        )
        .raw(true)
        .iterate() as Iterable<Cell[]>,
  };
}
