import { z } from 'zod';
import { defineContract } from './contract';
import { OpenSession } from './receiving.contract';
import { Expect, MAX_SCAN_CHARS, ScanSource, VerdictCode } from '../session';

/** A warehouse, optionally one location in it. Warehouse codes hold no "/": it separates the two. */
export const Place = z.object({
  warehouse: z
    .string()
    .trim()
    .min(1, 'Name the warehouse.')
    .max(100)
    .regex(/^[^/]*$/, 'A warehouse name cannot contain "/".'),
  location: z.string().trim().max(100).optional(),
});
export type Place = z.input<typeof Place>;

export const PlaceView = z.object({ warehouse: z.string(), location: z.string().nullable() });
export type PlaceView = z.infer<typeof PlaceView>;

export const TransferUnitView = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  sku: z.string(),
  productName: z.string(),
  serials: z.array(z.object({ slot: z.number().int(), label: z.string(), serial: z.string() })),
  /** The code that was scanned for it. */
  scanned: z.string(),
  /** Where it stands now (before the transfer is confirmed). */
  from: PlaceView,
  manual: z.boolean(),
  at: z.string(),
});
export type TransferUnitView = z.infer<typeof TransferUnitView>;

export const TransferView = z.object({
  sessionId: z.number().int(),
  reference: z.string(),
  from: PlaceView,
  to: PlaceView,
  status: z.enum(['active', 'parked', 'closed', 'voided']),
  /** True when this transfer was picked up again rather than started fresh. */
  resumed: z.boolean(),
  startedAt: z.string(),
  /** Units scanned so far. */
  count: z.number().int(),
  /** Per product, for the running count. */
  products: z.array(z.object({ sku: z.string(), productName: z.string(), units: z.number().int() })),
  /** Newest first, at most 50. */
  recent: z.array(TransferUnitView),
  expect: Expect,
});
export type TransferView = z.infer<typeof TransferView>;

export const TransferVerdict = z.object({
  ok: z.boolean(),
  code: VerdictCode,
  message: z.string(),
  expect: Expect,
  view: TransferView,
});
export type TransferVerdict = z.infer<typeof TransferVerdict>;

export const TransferSummary = z.object({
  sessionId: z.number().int(),
  reference: z.string(),
  from: PlaceView,
  to: PlaceView,
  moved: z.number().int(),
  units: z.array(
    z.object({
      unitId: z.number().int(),
      sku: z.string(),
      productName: z.string(),
      serials: z.array(z.string()),
      from: PlaceView,
    }),
  ),
  message: z.string(),
});
export type TransferSummary = z.infer<typeof TransferSummary>;

const SessionRef = z.object({ sessionId: z.number().int().positive() });

/** Starts a transfer between two places, or resumes the one already open between them. */
export const startTransfer = defineContract({
  channel: 'transfers:start',
  requiresOperator: true,
  input: z.object({ from: Place, to: Place }),
  output: TransferView,
});

/** One scanned serial (plain or GS1): only in-stock units at the source are taken. */
export const scanTransfer = defineContract({
  channel: 'transfers:scan',
  requiresOperator: true,
  input: SessionRef.extend({ raw: z.string().max(MAX_SCAN_CHARS), source: ScanSource.default('wedge') }),
  output: TransferVerdict,
});

/** Takes a unit out of the transfer before it is confirmed (by any of its codes). */
export const removeFromTransfer = defineContract({
  channel: 'transfers:remove',
  requiresOperator: true,
  input: SessionRef.extend({ serial: z.string().min(1).max(MAX_SCAN_CHARS) }),
  output: TransferVerdict,
});

/** Moves every scanned unit to the destination in one transaction and ends the transfer. */
export const confirmTransfer = defineContract({
  channel: 'transfers:confirm',
  requiresOperator: true,
  input: SessionRef,
  output: TransferSummary,
});

/** The current state of a transfer (for resuming a screen). */
export const getTransfer = defineContract({
  channel: 'transfers:get-session',
  requiresOperator: true,
  input: SessionRef,
  output: TransferView,
});

/** Transfers not yet confirmed, newest first. */
export const listOpenTransfers = defineContract({
  channel: 'transfers:list-open',
  requiresOperator: true,
  input: z.object({}).strict().optional(),
  output: z.array(OpenSession),
});

export const TransferPlace = PlaceView.extend({
  /** In-stock units standing there now: what a transfer from it could move. */
  inStock: z.number().int(),
});
export type TransferPlace = z.infer<typeof TransferPlace>;

/** Every warehouse and location units stand at, for picking a transfer's source and destination. */
export const listTransferPlaces = defineContract({
  channel: 'transfers:list-places',
  requiresOperator: true,
  input: z.object({}).strict().optional(),
  output: z.array(TransferPlace),
});
