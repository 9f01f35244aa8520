import { z } from 'zod';
import { defineContract } from './contract';

export const SHIPPED_SORT_COLUMNS = ['serial', 'order', 'product', 'shippedAt', 'createdAt', 'warranty'] as const;
export const ShippedSortColumn = z.enum(SHIPPED_SORT_COLUMNS);
export type ShippedSortColumn = z.infer<typeof ShippedSortColumn>;

/** At most this many pasted serials in one exact look-up. */
export const MAX_PASTED_SERIALS = 200_000;

export const ShippedQuery = z.object({
  /** Substring of a serial or an order number (at least 3 characters). */
  search: z.string().max(200).optional(),
  /** Exact serials (pasted, one per line). */
  serials: z.array(z.string().max(200)).max(MAX_PASTED_SERIALS).optional(),
  order: z.string().max(200).optional(),
  sku: z.string().max(200).optional(),
  /** Substring of the product name. */
  name: z.string().max(200).optional(),
  sort: z
    .object({ column: ShippedSortColumn, direction: z.enum(['asc', 'desc']) })
    .default({ column: 'createdAt', direction: 'desc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type ShippedQuery = z.input<typeof ShippedQuery>;

export const WarrantyStatus = z.object({
  months: z.number().int().nullable(),
  expiresOn: z.string().nullable(),
  status: z.enum(['in-warranty', 'expired', 'none']),
});
export type WarrantyStatus = z.infer<typeof WarrantyStatus>;

export const ShippedSerialRow = z.object({
  id: z.number().int(),
  serial: z.string(),
  slotLabel: z.string().nullable(),
  orderNumber: z.string(),
  customerName: z.string(),
  sku: z.string(),
  productName: z.string(),
  shippedAt: z.string(),
  createdAt: z.string(),
  overridden: z.boolean(),
  warranty: WarrantyStatus,
});
export type ShippedSerialRow = z.infer<typeof ShippedSerialRow>;

export const ShippedPage = z.object({
  /** Rows matching, counted up to `countLimit`; `totalIsLowerBound` when there are more. */
  total: z.number().int(),
  totalIsLowerBound: z.boolean(),
  rows: z.array(ShippedSerialRow),
  /** Pasted serials with no shipped record — each one is a red flag. */
  notFound: z.array(z.string()),
});
export type ShippedPage = z.infer<typeof ShippedPage>;

/** The Shipped Serial Numbers list: filter, search, sort, page. */
export const listShippedSerials = defineContract({
  channel: 'serials:list-shipped',
  input: ShippedQuery,
  output: ShippedPage,
});

export const HistoryEvent = z.object({
  id: z.number().int(),
  type: z.string(),
  at: z.string(),
  serial: z.string().nullable(),
  sku: z.string().nullable(),
  productName: z.string().nullable(),
  reference: z.string().nullable(),
  station: z.string().nullable(),
  operator: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const SerialHistory = z.object({
  serial: z.string(),
  units: z.array(
    z.object({
      unitId: z.number().int(),
      sku: z.string(),
      productName: z.string(),
      status: z.string(),
      codes: z.array(z.object({ slot: z.number().int(), serial: z.string() })),
      warehouse: z.string().nullable(),
      location: z.string().nullable(),
      lot: z.string().nullable(),
      warranty: WarrantyStatus,
    }),
  ),
  events: z.array(HistoryEvent),
  ledger: z.object({ ok: z.boolean(), firstBrokenEventId: z.number().int().nullable(), reason: z.string().nullable() }),
});
export type SerialHistory = z.infer<typeof SerialHistory>;

/** One serial's whole story across units and products, with the ledger chain verified. */
export const getSerialHistory = defineContract({
  channel: 'serials:history',
  input: z.object({ serial: z.string().trim().min(1).max(200) }),
  output: SerialHistory,
});

export const UNIT_STATUSES = ['in_stock', 'reserved', 'sold', 'returned', 'defective'] as const;
export const UnitStatus = z.enum(UNIT_STATUSES);
export type UnitStatus = z.infer<typeof UnitStatus>;

export const InventoryRow = z.object({
  unitId: z.number().int(),
  sku: z.string(),
  productName: z.string(),
  status: UnitStatus,
  codes: z.array(z.object({ slot: z.number().int(), label: z.string(), serial: z.string() })),
  lot: z.string().nullable(),
  warehouse: z.string().nullable(),
  location: z.string().nullable(),
  poNumber: z.string().nullable(),
  updatedAt: z.string(),
});
export type InventoryRow = z.infer<typeof InventoryRow>;

export const InventoryQuery = z.object({
  status: UnitStatus.optional(),
  /** Substring of a serial (at least 3 characters) or exact SKU. */
  search: z.string().max(200).optional(),
  sku: z.string().max(200).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});

/** Serial inventory: units with their codes, by status tab, with counts per status. */
export const listInventory = defineContract({
  channel: 'serials:list-inventory',
  input: InventoryQuery,
  output: z.object({
    total: z.number().int(),
    counts: z.record(z.string(), z.number().int()),
    rows: z.array(InventoryRow),
  }),
});

/** Moves a unit along its lifecycle; refused if the unit changed since the screen showed it. */
export const transitionUnit = defineContract({
  channel: 'serials:transition',
  input: z.object({
    unitId: z.number().int().positive(),
    from: UnitStatus,
    to: UnitStatus,
    reason: z.string().trim().min(3).max(500),
  }),
  output: InventoryRow,
  supervisorOnly: true,
});

/** Registers a unit by hand (e.g. stock found without a PO); uniqueness rules apply. */
export const registerUnit = defineContract({
  channel: 'serials:register',
  input: z.object({
    sku: z.string().trim().min(1).max(200),
    serials: z.array(z.string().trim().min(1).max(200)).min(1).max(10),
    lot: z.string().trim().max(100).optional(),
    warehouse: z.string().trim().max(100).optional(),
    location: z.string().trim().max(100).optional(),
    purchaseDate: z.iso.date().optional(),
    warrantyExpiresOn: z.iso.date().optional(),
    reason: z.string().trim().min(3).max(500),
  }),
  output: InventoryRow,
  supervisorOnly: true,
});
