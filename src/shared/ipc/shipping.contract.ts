import { z } from 'zod';
import { defineContract } from './contract';
import { Expect, MAX_SCAN_CHARS, ScannedUnit, ScanSource, Totals, VerdictCode } from '../session';
import { OpenSession } from './receiving.contract';

export const ShipLine = z.object({
  lineId: z.number().int(),
  lineNo: z.number().int(),
  sku: z.string(),
  name: z.string(),
  qty: z.number().int(),
  packed: z.number().int(),
  trackSerials: z.boolean(),
  serialsPerUnit: z.number().int(),
  slotLabels: z.array(z.string()),
  serialsScanned: z.number().int(),
  serialsNeeded: z.number().int(),
  allocated: z.array(z.string()),
});
export type ShipLine = z.infer<typeof ShipLine>;

export const Missing = z.object({
  lineId: z.number().int(),
  sku: z.string(),
  name: z.string(),
  unitsMissing: z.number().int(),
  serialsMissing: z.number().int(),
});

export const ShipSessionView = z.object({
  sessionId: z.number().int(),
  orderNumber: z.string(),
  customerName: z.string(),
  shipTo: z.string(),
  status: z.enum(['active', 'parked', 'closed', 'voided']),
  resumed: z.boolean(),
  startedAt: z.string(),
  serialsSkipped: z.boolean(),
  lines: z.array(ShipLine),
  recent: z.array(ScannedUnit),
  totals: Totals,
  expect: Expect,
  stages: z.object({ weigh: z.boolean(), print: z.boolean() }),
  /** What the parcel should weigh (unit weights + packaging), known before it is weighed; null when a product has no unit weight. */
  expectedWeight: z.object({ grams: z.number().nullable(), tolerancePercent: z.number() }),
  weight: z
    .object({
      grams: z.number(),
      expectedG: z.number().nullable(),
      tolerancePercent: z.number(),
      withinTolerance: z.boolean().nullable(),
      overridden: z.boolean(),
    })
    .nullable(),
  labelPrinted: z.boolean(),
  canShip: z.boolean(),
  missing: z.array(Missing),
  lastRejection: z.object({ code: VerdictCode, message: z.string(), overridable: z.boolean() }).nullable(),
});
export type ShipSessionView = z.infer<typeof ShipSessionView>;

export const ShipVerdict = z.object({
  ok: z.boolean(),
  code: VerdictCode,
  message: z.string(),
  expect: Expect,
  view: ShipSessionView,
  /** Set when the scan was another order's number: the UI offers to park this one. */
  switchOrder: z.string().nullable(),
  /** Set when a SHIP command barcode was scanned and the order shipped. */
  shipped: z.lazy(() => ShipResult).nullable(),
});
export type ShipVerdict = z.infer<typeof ShipVerdict>;

export const ShipResult = z.object({
  shipmentId: z.number().int(),
  orderNumber: z.string(),
  shippedAt: z.string(),
  units: z.number().int(),
  serials: z.array(
    z.object({ sku: z.string(), name: z.string(), serial: z.string(), slotLabel: z.string(), overridden: z.boolean() }),
  ),
  weightG: z.number().nullable(),
});
export type ShipResult = z.infer<typeof ShipResult>;

const SessionRef = z.object({ sessionId: z.number().int().positive() });
const Approval = z.object({
  supervisor: z.string().trim().min(1).max(100),
  pin: z.string().min(1).max(32),
  reason: z.string().trim().min(3).max(500),
});

/** Starts packing an order, or resumes the session already open for it. */
export const startShipping = defineContract({
  channel: 'shipping:start',
  requiresOperator: true,
  input: z.object({ orderNumber: z.string().trim().min(1).max(200) }),
  output: ShipSessionView,
});

/** One scan: item, serial, GS1 code, the order number, or the SHIP command barcode. */
export const scanShipping = defineContract({
  channel: 'shipping:scan',
  requiresOperator: true,
  input: SessionRef.extend({ raw: z.string().max(MAX_SCAN_CHARS), source: ScanSource.default('wedge') }),
  output: ShipVerdict,
});

/** Removes a serial packed in error. */
export const removeShippedSerial = defineContract({
  channel: 'shipping:remove-serial',
  requiresOperator: true,
  input: SessionRef.extend({ serial: z.string().min(1).max(MAX_SCAN_CHARS) }),
  output: ShipVerdict,
});

/** A supervisor approves the last rejected scan in place (PIN and reason, always recorded). */
export const overrideShipping = defineContract({
  channel: 'shipping:override',
  requiresOperator: true,
  input: SessionRef.merge(Approval),
  output: ShipVerdict,
});

/** Records the parcel's weight (from the scale or typed) and checks it against the expected weight. */
export const weighShipping = defineContract({
  channel: 'shipping:weigh',
  requiresOperator: true,
  input: SessionRef.extend({ grams: z.number().positive().max(1_000_000) }),
  output: ShipVerdict,
});

/** Ships the order in one transaction; refused with SHIP_INCOMPLETE while anything is missing. */
export const shipOrder = defineContract({
  channel: 'shipping:ship',
  requiresOperator: true,
  input: SessionRef,
  output: ShipResult,
});

/** Parks the session to pack another order; it resumes when the order is scanned again. */
export const parkShipping = defineContract({
  channel: 'shipping:park',
  requiresOperator: true,
  input: SessionRef,
  output: z.object({ parked: z.boolean() }),
});

/** Voids the session (supervisor approval in place): nothing ships, the order is open again. */
export const voidShipping = defineContract({
  channel: 'shipping:void',
  requiresOperator: true,
  input: SessionRef.merge(Approval),
  output: z.object({ voided: z.boolean() }),
});

/** The current state of a session. */
export const getShippingSession = defineContract({
  channel: 'shipping:get-session',
  requiresOperator: true,
  input: SessionRef,
  output: ShipSessionView,
});

/** Packing sessions not yet shipped or voided, newest first. */
export const listOpenShipping = defineContract({
  channel: 'shipping:list-open',
  requiresOperator: true,
  input: z.object({}).strict().optional(),
  output: z.array(OpenSession),
});

/** Weighs the parcel on the station's scale (waits for a stable reading) and checks it. */
export const weighFromScale = defineContract({
  channel: 'shipping:weigh-from-scale',
  requiresOperator: true,
  input: SessionRef.extend({ timeoutMs: z.number().int().min(500).max(60_000).optional() }),
  output: ShipVerdict,
});

/** Prints the packing label(s) listing the packed serials (and serial labels when set up). */
export const printShippingLabels = defineContract({
  channel: 'shipping:print-labels',
  requiresOperator: true,
  input: SessionRef,
  output: z.object({
    ok: z.boolean(),
    message: z.string(),
    previews: z.array(
      z.object({
        dataUrl: z.string(),
        width: z.number().int(),
        height: z.number().int(),
        warnings: z.array(z.string()),
      }),
    ),
    view: ShipSessionView,
  }),
});
