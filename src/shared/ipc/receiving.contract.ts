import { z } from 'zod';
import { defineContract } from './contract';
import { Expect, MAX_SCAN_CHARS, ScannedUnit, ScanSource, Totals, VerdictCode } from '../session';

export const ReceiveLine = z.object({
  lineId: z.number().int(),
  lineNo: z.number().int(),
  sku: z.string(),
  name: z.string(),
  trackSerials: z.boolean(),
  serialsPerUnit: z.number().int(),
  slotLabels: z.array(z.string()),
  qtyOrdered: z.number().int(),
  /** Received in earlier, closed sessions. */
  qtyReceivedBefore: z.number().int(),
  unitsScanned: z.number().int(),
  serialsScanned: z.number().int(),
  serialsNeeded: z.number().int(),
});
export type ReceiveLine = z.infer<typeof ReceiveLine>;

export const ReceiveSessionView = z.object({
  sessionId: z.number().int(),
  poNumber: z.string(),
  vendor: z.string(),
  status: z.enum(['active', 'parked', 'closed', 'voided']),
  /** True when this session was picked up again rather than started fresh. */
  resumed: z.boolean(),
  startedAt: z.string(),
  /** The vendor's units skip the serial prompt, or capture on receive is off. */
  serialsSkipped: z.boolean(),
  lines: z.array(ReceiveLine),
  /** Newest first, at most 50. */
  recent: z.array(ScannedUnit),
  totals: Totals,
  expect: Expect,
});
export type ReceiveSessionView = z.infer<typeof ReceiveSessionView>;

export const ReceiveVerdict = z.object({
  ok: z.boolean(),
  code: VerdictCode,
  message: z.string(),
  expect: Expect,
  view: ReceiveSessionView,
});
export type ReceiveVerdict = z.infer<typeof ReceiveVerdict>;

const SessionRef = z.object({ sessionId: z.number().int().positive() });

/** Starts receiving a purchase order, or resumes the session already open for it. */
export const startReceiving = defineContract({
  channel: 'receiving:start',
  requiresOperator: true,
  input: z.object({ poNumber: z.string().min(1).max(200) }),
  output: ReceiveSessionView,
});

/** One scan (item barcode, SKU, GTIN, serial or GS1 code); answered with a verdict and what to scan next. */
export const scanReceiving = defineContract({
  channel: 'receiving:scan',
  requiresOperator: true,
  input: SessionRef.extend({ raw: z.string().max(MAX_SCAN_CHARS), source: ScanSource.default('wedge') }),
  output: ReceiveVerdict,
});

/** Removes a serial scanned in error, before the session closes. */
export const removeReceivedSerial = defineContract({
  channel: 'receiving:remove-serial',
  requiresOperator: true,
  input: SessionRef.extend({ serial: z.string().min(1).max(MAX_SCAN_CHARS) }),
  output: ReceiveVerdict,
});

export const PasteLineResult = z.object({
  line: z.number().int(),
  input: z.string(),
  ok: z.boolean(),
  code: VerdictCode,
  message: z.string(),
});

/** A pasted list of serials (one per line) for the line being received, each validated like a scan. */
export const pasteReceivingSerials = defineContract({
  channel: 'receiving:paste-serials',
  requiresOperator: true,
  input: SessionRef.extend({ text: z.string().max(5_000_000) }),
  output: z.object({
    results: z.array(PasteLineResult),
    accepted: z.number().int(),
    rejected: z.number().int(),
    view: ReceiveSessionView,
  }),
});

/** The current state of a session (for resuming a screen). */
export const getReceivingSession = defineContract({
  channel: 'receiving:get-session',
  requiresOperator: true,
  input: SessionRef,
  output: ReceiveSessionView,
});

export const OpenSession = z.object({
  sessionId: z.number().int(),
  reference: z.string(),
  units: z.number().int(),
  updatedAt: z.string(),
  station: z.string().nullable(),
  operator: z.string().nullable(),
});

/** Receiving sessions not yet closed, newest first. */
export const listOpenReceiving = defineContract({
  channel: 'receiving:list-open',
  requiresOperator: true,
  input: z.object({}).strict().optional(),
  output: z.array(OpenSession),
});

export const ReceiveSummary = z.object({
  sessionId: z.number().int(),
  poNumber: z.string(),
  units: z.number().int(),
  serials: z.number().int(),
  lines: z.array(
    z.object({
      sku: z.string(),
      name: z.string(),
      units: z.number().int(),
      qtyReceived: z.number().int(),
      qtyOrdered: z.number().int(),
    }),
  ),
  poStatus: z.enum(['open', 'received', 'closed']),
});
export type ReceiveSummary = z.infer<typeof ReceiveSummary>;

/** Puts every scanned unit in stock in one transaction and ends the session. */
export const closeReceiving = defineContract({
  channel: 'receiving:close',
  requiresOperator: true,
  input: SessionRef,
  output: ReceiveSummary,
});
