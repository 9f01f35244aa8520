import { z } from 'zod';
import { defineContract, defineEvent } from './contract';
import { ShippedQuery } from './serials.contract';

const Day = z.iso.date();

/**
 * The IANA time zone of the screen asking (Intl's resolvedOptions().timeZone): days run
 * midnight to midnight there and times in the file carry its offset. Absent: the station
 * process's own zone.
 */
export const TimeZone = z
  .string()
  .min(1)
  .max(100)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'is not a time zone this station knows; use a name such as America/Los_Angeles' },
  );

export const ExportRequest = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('shift-log'),
    from: Day,
    to: Day,
    station: z.string().max(100).optional(),
    operator: z.string().max(100).optional(),
    shiftId: z.number().int().positive().optional(),
    includeReceived: z.boolean().default(false),
    includeReturned: z.boolean().default(false),
    timeZone: TimeZone.optional(),
  }),
  z.object({
    kind: z.literal('po-serials'),
    poNumber: z.string().trim().min(1).max(200),
    timeZone: TimeZone.optional(),
  }),
  z.object({
    kind: z.literal('product-serials'),
    skus: z.array(z.string().trim().min(1).max(200)).min(1).max(5000),
    timeZone: TimeZone.optional(),
  }),
  z.object({ kind: z.literal('shipped-serials'), query: ShippedQuery, timeZone: TimeZone.optional() }),
  /** The product catalogue in the import format (round trip with "Has serial numbers"). */
  z.object({ kind: z.literal('products') }),
]);
export type ExportRequest = z.input<typeof ExportRequest>;

export const ExportFormat = z.enum(['csv', 'xlsx']);

/** Starts an export into the station's export folder; progress arrives as events. */
export const startExport = defineContract({
  channel: 'exports:start',
  input: z.object({ request: ExportRequest, format: ExportFormat }),
  output: z.object({ exportId: z.string(), fileName: z.string() }),
  supervisorOnly: true,
});

/** Cancels a running export; its partial file is removed. */
export const cancelExport = defineContract({
  channel: 'exports:cancel',
  input: z.object({ exportId: z.string().min(1) }),
  output: z.object({ cancelled: z.boolean() }),
  supervisorOnly: true,
});

export const ExportStatus = z.object({
  exportId: z.string(),
  fileName: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  rows: z.number().int(),
  total: z.number().int(),
  message: z.string(),
  /** Where a browser station page can download the finished file (same origin, token-protected). */
  downloadPath: z.string().nullable(),
});
export type ExportStatus = z.infer<typeof ExportStatus>;

/** Progress and completion of an export. */
export const exportProgress = defineEvent({ event: 'exports:progress', payload: ExportStatus });
