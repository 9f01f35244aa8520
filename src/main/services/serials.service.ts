import { AppError } from '../../shared/errors';
import type {
  InventoryRow,
  SerialHistory,
  ShippedPage,
  ShippedSerialRow,
  ShippedSortColumn,
  UnitStatus,
  WarrantyStatus,
} from '../../shared/ipc/serials.contract';
import { UNIT_STATUSES } from '../../shared/ipc/serials.contract';
import type { OrganizationRules } from '../../shared/settings';
import { cleanSerial, serialKey } from '../domain/serial';
import { checkSerialFormat, knownCodeRejection } from '../domain/serial-rules';
import { statusWords, transitionEvent } from '../domain/unit-lifecycle';
import { appendEvent } from '../store/ledger';
import { knownCode } from '../store/repositories/scan-lookup.repository';
import { verifyEvents } from '../store/ledger';
import { likeContains } from '../store/repositories/catalog.repository';
import {
  shippedAll,
  shippedPage,
  type ShippedDbRow,
  type ShippedFilter,
} from '../store/repositories/shipped-serials.repository';
import type { Store } from '../store/store';
import { recorded, type AdminActor } from './admin.service';

/** Counting every match of a broad filter over millions of rows is not worth a slow screen. */
const COUNT_LIMIT = 100_000;
const MIN_SEARCH = 3;

/** Shipped rows read per query when a whole list is exported. */
const EXPORT_BATCH = 5000;

/** Today's date (UTC, YYYY-MM-DD), worked out once for a whole list of rows. */
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** A stored UTC time (`…Z`), whose first ten characters are its UTC date. */
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T[^+]*Z$/;

/**
 * Warranty from the ship date plus the product's warranty months. `today` may be given as
 * a UTC date string, so a list of rows works it out once instead of once a row.
 */
export function warrantyFrom(
  shippedAt: string | null,
  months: number | null,
  today: Date | string = new Date(),
): WarrantyStatus {
  if (!shippedAt || months === null || months <= 0) return { months, expiresOn: null, status: 'none' };
  let end: number;
  if (UTC_TIME.test(shippedAt)) {
    // The stored form: the date is read off the text, skipping a full date parse per row.
    const year = Number(shippedAt.slice(0, 4));
    const month = Number(shippedAt.slice(5, 7)) - 1;
    end = Date.UTC(year, month + months, Number(shippedAt.slice(8, 10)));
  } else {
    const start = new Date(shippedAt);
    end = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, start.getUTCDate());
  }
  const expiresOn = new Date(end).toISOString().slice(0, 10);
  const day = typeof today === 'string' ? today : today.toISOString().slice(0, 10);
  return { months, expiresOn, status: expiresOn >= day ? 'in-warranty' : 'expired' };
}

function shippedRow(r: ShippedDbRow, today: string): ShippedSerialRow {
  return {
    id: r.id,
    serial: r.serial,
    slotLabel: r.slot_label,
    orderNumber: r.order_number,
    customerName: r.customer_name,
    sku: r.sku,
    productName: r.product_name,
    shippedAt: r.shipped_at,
    createdAt: r.created_at,
    overridden: r.overridden === 1,
    warranty: warrantyFrom(r.shipped_at, r.warranty_months, today),
  };
}

type Parsed = {
  search?: string | undefined;
  serials?: string[] | undefined;
  order?: string | undefined;
  sku?: string | undefined;
  name?: string | undefined;
  sort: { column: ShippedSortColumn; direction: 'asc' | 'desc' };
  offset: number;
  limit: number;
};

/**
 * Answers the three questions the records exist for: warranty (serial -> order and ship
 * date), recall (product -> every shipped serial) and returns (serial -> original order).
 */
export class SerialsService {
  readonly #store: Store;
  readonly #rules: () => OrganizationRules;

  constructor(store: Store, rules: () => OrganizationRules) {
    this.#store = store;
    this.#rules = rules;
  }

  #key(serial: string): string {
    return serialKey(serial, { caseSensitive: this.#rules().caseSensitiveSerials });
  }

  /** Cleans a pasted list: trims, drops blank lines and repeats, keeps the first spelling. */
  static cleanPasted(serials: readonly string[]): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const raw of serials) {
      const serial = cleanSerial(raw);
      if (!serial || seen.has(serial)) continue;
      seen.add(serial);
      out.push(serial);
    }
    return out;
  }

  /** The list's filters, checked and keyed as the repository takes them; `pasted` is the cleaned list. */
  #filter(query: Omit<Parsed, 'offset' | 'limit'>): {
    filter: Omit<ShippedFilter, 'offset' | 'limit'>;
    pasted: string[];
  } {
    let keys: string[] | undefined;
    let pasted: string[] = [];
    if (query.serials && query.serials.length > 0) {
      pasted = SerialsService.cleanPasted(query.serials);
      keys = [...new Set(pasted.map((serial) => this.#key(serial)))];
    }
    const search = query.search?.trim();
    if (search && [...search].length < MIN_SEARCH) {
      // The search index works on three-character pieces; shorter text would mean reading every row.
      throw new AppError(
        'BAD_REQUEST',
        `Type at least ${MIN_SEARCH} characters of a serial or order number to search.`,
      );
    }
    const text = (value: string | undefined): string | undefined => value?.trim() || undefined;
    const name = text(query.name);
    return {
      pasted,
      filter: {
        keys,
        // A quoted FTS5 phrase: the trigram index finds the substring anywhere, case-insensitively.
        match: search ? `"${search.replace(/"/g, '""')}"` : undefined,
        orderNumber: text(query.order),
        sku: text(query.sku),
        nameLike: name === undefined ? undefined : likeContains(name),
        sort: query.sort,
      },
    };
  }

  listShipped(query: Parsed): ShippedPage {
    const { filter, pasted } = this.#filter(query);
    const page = shippedPage(
      this.#store.statements,
      { ...filter, offset: query.offset, limit: query.limit },
      COUNT_LIMIT,
    );
    let notFound: string[] = [];
    if (page.missingKeys.length > 0) {
      const missing = new Set(page.missingKeys);
      notFound = pasted.filter((serial) => missing.has(this.#key(serial)));
    }
    const today = todayUtc();
    return {
      total: page.total,
      totalIsLowerBound: page.totalIsLowerBound,
      notFound,
      rows: page.rows.map((r) => shippedRow(r, today)),
    };
  }

  /**
   * Every row the list would show for this query, in its order, for an export: the exact
   * number of rows, then the rows a batch at a time.
   */
  allShipped(
    query: Omit<Parsed, 'offset' | 'limit'>,
    batch = EXPORT_BATCH,
  ): { total: number; rows(): Generator<ShippedSerialRow> } {
    const all = shippedAll(this.#store.statements, this.#filter(query).filter, batch);
    return {
      total: all.total,
      *rows() {
        const today = todayUtc();
        for (const batch of all.batches()) for (const r of batch) yield shippedRow(r, today);
      },
    };
  }

  history(serial: string): SerialHistory {
    const s = this.#store.statements;
    const key = this.#key(serial);
    const units = s
      .sql<
        [string],
        {
          unit_id: number;
          sku: string;
          name: string;
          status: string;
          warehouse: string | null;
          location: string | null;
          lot: string | null;
          warranty_months: number | null;
        }
      >(
        `SELECT u.id AS unit_id, p.sku, p.name, u.status, u.warehouse, u.location, u.lot, p.warranty_months
         FROM unit_serials us JOIN units u ON u.id = us.unit_id JOIN products p ON p.id = u.product_id
         WHERE us.serial_key = ? ORDER BY u.id`,
      )
      .all(key);
    const unitIds = units.map((u) => u.unit_id);
    const events = s
      .sql<
        [string, string],
        {
          id: number;
          type: string;
          at: string;
          serial: string | null;
          sku: string | null;
          product_name: string | null;
          reference: string | null;
          station: string | null;
          operator: string | null;
          details: string;
        }
      >(
        `SELECT e.id, e.type, e.at, e.serial, p.sku, p.name AS product_name, e.reference, st.name AS station, op.name AS operator, e.details
         FROM serial_events e
         LEFT JOIN products p ON p.id = e.product_id
         LEFT JOIN stations st ON st.id = e.station_id
         LEFT JOIN operators op ON op.id = e.operator_id
         WHERE e.serial_key = ? OR e.unit_id IN (SELECT value FROM json_each(?))
         ORDER BY e.id`,
      )
      .all(key, JSON.stringify(unitIds));
    const today = new Date();
    const lastShipped = (unitId: number) =>
      s
        .sql<[number], { shipped_at: string }>(
          'SELECT shipped_at FROM shipped_serials WHERE unit_id = ? ORDER BY id DESC LIMIT 1',
        )
        .get(unitId)?.shipped_at ?? null;
    const ledger = verifyEvents(
      this.#store.db,
      events.map((e) => e.id),
    );
    return {
      serial: serial.trim(),
      units: units.map((u) => ({
        unitId: u.unit_id,
        sku: u.sku,
        productName: u.name,
        status: u.status,
        codes: s
          .sql<[number], { slot: number; serial: string }>(
            'SELECT slot, serial FROM unit_serials WHERE unit_id = ? ORDER BY slot',
          )
          .all(u.unit_id),
        warehouse: u.warehouse,
        location: u.location,
        lot: u.lot,
        warranty: warrantyFrom(lastShipped(u.unit_id), u.warranty_months, today),
      })),
      events: events.map((e) => ({
        id: e.id,
        type: e.type,
        at: e.at,
        serial: e.serial,
        sku: e.sku,
        productName: e.product_name,
        reference: e.reference,
        station: e.station,
        operator: e.operator,
        details: JSON.parse(e.details) as Record<string, unknown>,
      })),
      ledger: { ok: ledger.ok, firstBrokenEventId: ledger.firstBrokenEventId, reason: ledger.reason },
    };
  }

  listInventory(query: {
    status?: UnitStatus | undefined;
    search?: string | undefined;
    sku?: string | undefined;
    offset: number;
    limit: number;
  }) {
    const s = this.#store.statements;
    const where: string[] = [];
    const params: unknown[] = [];
    const search = query.search?.trim();
    if (search) {
      if ([...search].length < MIN_SEARCH)
        throw new AppError('BAD_REQUEST', `Type at least ${MIN_SEARCH} characters of a serial to search.`);
      where.push("u.id IN (SELECT unit_id FROM unit_serials WHERE serial_key LIKE ? ESCAPE '\\')");
      params.push(likeContains(this.#key(search)));
    }
    if (query.sku?.trim()) {
      where.push('p.sku = ?');
      params.push(query.sku.trim());
    }
    const base = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = 'FROM units u JOIN products p ON p.id = u.product_id';
    const counts: Record<string, number> = Object.fromEntries(UNIT_STATUSES.map((st) => [st, 0]));
    for (const row of s
      .sql<unknown[], { status: string; n: number }>(`SELECT u.status, count(*) AS n ${from} ${base} GROUP BY u.status`)
      .all(...params)) {
      counts[row.status] = row.n;
    }
    counts.all = Object.values(counts).reduce((a, b) => a + b, 0);
    const statusWhere = query.status ? `${base ? `${base} AND` : 'WHERE'} u.status = ?` : base;
    const statusParams = query.status ? [...params, query.status] : params;
    const ids = s
      .sql<unknown[], { id: number }>(
        `SELECT u.id ${from} ${statusWhere} ORDER BY u.updated_at DESC, u.id DESC LIMIT ? OFFSET ?`,
      )
      .all(...statusParams, query.limit, query.offset)
      .map((r) => r.id);
    return {
      total: query.status ? counts[query.status]! : counts.all,
      counts,
      rows: ids.map((id) => this.#inventoryRow(id)),
    };
  }

  #inventoryRow(unitId: number): InventoryRow {
    const s = this.#store.statements;
    const u = s
      .sql<
        [number],
        {
          id: number;
          sku: string;
          name: string;
          status: UnitStatus;
          lot: string | null;
          warehouse: string | null;
          location: string | null;
          po_number: string | null;
          updated_at: string;
          serial_slot_labels: string;
          serials_per_unit: number;
        }
      >(
        `SELECT u.id, p.sku, p.name, u.status, u.lot, u.warehouse, u.location, po.po_number, u.updated_at, p.serial_slot_labels, p.serials_per_unit
         FROM units u JOIN products p ON p.id = u.product_id
         LEFT JOIN po_lines pl ON pl.id = u.po_line_id LEFT JOIN purchase_orders po ON po.id = pl.po_id WHERE u.id = ?`,
      )
      .get(unitId);
    if (!u) throw new AppError('NOT_FOUND', `There is no unit ${unitId}.`);
    const labels = JSON.parse(u.serial_slot_labels) as string[];
    return {
      unitId: u.id,
      sku: u.sku,
      productName: u.name,
      status: u.status,
      codes: s
        .sql<[number], { slot: number; serial: string }>(
          'SELECT slot, serial FROM unit_serials WHERE unit_id = ? ORDER BY slot',
        )
        .all(unitId)
        .map((c) => ({
          ...c,
          label: labels[c.slot - 1] ?? (u.serials_per_unit === 1 ? 'Serial' : `Serial ${c.slot}`),
        })),
      lot: u.lot,
      warehouse: u.warehouse,
      location: u.location,
      poNumber: u.po_number,
      updatedAt: u.updated_at,
    };
  }

  transition(
    input: { unitId: number; from: UnitStatus; to: UnitStatus; reason: string },
    actor: AdminActor,
  ): InventoryRow {
    const s = this.#store.statements;
    const decision = transitionEvent(input.from, input.to);
    if ('refused' in decision) throw new AppError('CONFLICT', decision.refused);
    this.#store.write(() => {
      const now = new Date().toISOString();
      const changed = s
        .sql('UPDATE units SET status = ?, updated_at = ? WHERE id = ? AND status = ?')
        .run(input.to, now, input.unitId, input.from);
      if (changed.changes !== 1) {
        const current = s
          .sql<[number], { status: UnitStatus }>('SELECT status FROM units WHERE id = ?')
          .get(input.unitId);
        if (!current) throw new AppError('NOT_FOUND', `There is no unit ${input.unitId}.`);
        throw new AppError(
          'CONFLICT',
          `This unit changed meanwhile: it is now ${statusWords(current.status)}, not ${statusWords(input.from)}. Nothing was changed.`,
          { current: current.status },
        );
      }
      const codes = s
        .sql<[number], { serial: string; serial_key: string; product_id: number }>(
          'SELECT serial, serial_key, product_id FROM unit_serials WHERE unit_id = ? ORDER BY slot',
        )
        .all(input.unitId);
      appendEvent(s, {
        type: decision.event,
        at: now,
        unitId: input.unitId,
        productId: codes[0]?.product_id ?? null,
        serial: codes[0]?.serial ?? null,
        serialKey: codes[0]?.serial_key ?? null,
        ...recorded(actor, { from: input.from, to: input.to, reason: input.reason, manual: true }),
      });
    });
    return this.#inventoryRow(input.unitId);
  }

  register(
    input: {
      sku: string;
      serials: string[];
      lot?: string | undefined;
      warehouse?: string | undefined;
      location?: string | undefined;
      purchaseDate?: string | undefined;
      warrantyExpiresOn?: string | undefined;
      reason: string;
    },
    actor: AdminActor,
  ): InventoryRow {
    const s = this.#store.statements;
    const rules = this.#rules();
    const product = s
      .sql<
        [string],
        {
          id: number;
          name: string;
          track_serials: number;
          serials_per_unit: number;
          serial_pattern: string | null;
          serial_length: number | null;
        }
      >('SELECT id, name, track_serials, serials_per_unit, serial_pattern, serial_length FROM products WHERE sku = ?')
      .get(input.sku);
    if (!product) throw new AppError('UNKNOWN_BARCODE', `There is no product with SKU ${input.sku}.`);
    if (input.serials.length !== product.serials_per_unit) {
      throw new AppError(
        'SERIAL_EMPTY',
        `${product.name} units carry ${product.serials_per_unit} serial(s); ${input.serials.length} were given.`,
      );
    }
    const serials = input.serials.map((raw) => cleanSerial(raw));
    const keys = serials.map((x) => this.#key(x));
    if (new Set(keys).size !== keys.length)
      throw new AppError('SERIAL_DUPLICATE_IN_UNIT', 'The same serial was given twice for one unit.');
    serials.forEach((serial) => {
      const hit = rules.rejectSerialEqualToKnownCode ? knownCode(s, serial) : undefined;
      if (hit) {
        const known = knownCodeRejection(hit, 'serial');
        throw new AppError(known.code, known.message);
      }
      const format = checkSerialFormat(
        serial,
        {
          productName: product.name,
          pattern: product.serial_pattern,
          length: product.serial_length,
          caseSensitive: rules.caseSensitiveSerials,
        },
        rules.defaultSerialLength,
      );
      if (format) throw new AppError(format.code, format.message);
    });
    const scope = rules.uniquenessScope === 'organization' ? 0 : product.id;
    for (const [i, key] of keys.entries()) {
      const existing = s
        .sql<[number, string], { unit_id: number }>(
          'SELECT unit_id FROM unit_serials WHERE scope_product_id = ? AND serial_key = ?',
        )
        .get(scope, key);
      if (existing)
        throw new AppError(
          'SERIAL_ALREADY_IN_STOCK',
          `${serials[i]} is already on record (unit ${existing.unit_id}). Look at its history instead of registering it again.`,
        );
    }
    const unitId = this.#store.write(() => {
      const now = new Date().toISOString();
      const id = Number(
        s
          .sql(
            `INSERT INTO units (product_id, status, lot, warehouse, location, purchase_date, warranty_expires_on, created_at, updated_at)
             VALUES (?, 'in_stock', ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            product.id,
            input.lot ?? null,
            input.warehouse ?? null,
            input.location ?? null,
            input.purchaseDate ?? null,
            input.warrantyExpiresOn ?? null,
            now,
            now,
          ).lastInsertRowid,
      );
      serials.forEach((serial, i) => {
        s.sql(
          'INSERT INTO unit_serials (unit_id, product_id, slot, serial, serial_key, scope_product_id) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(id, product.id, i + 1, serial, keys[i], scope);
        appendEvent(s, {
          type: 'unit_registered',
          at: now,
          unitId: id,
          productId: product.id,
          serial,
          serialKey: keys[i],
          ...recorded(actor, { slot: i + 1, reason: input.reason, lot: input.lot ?? null }),
        });
      });
      return id;
    });
    return this.#inventoryRow(unitId);
  }
}
