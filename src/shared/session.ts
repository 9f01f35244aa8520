import { z } from 'zod';
import { ERROR_CODES } from './errors';

/** Where a scan came from; typed entries are allowed but recorded as manual. */
export const ScanSource = z.enum(['wedge', 'manual', 'hid', 'serial', 'script', 'paste']);
export type ScanSource = z.infer<typeof ScanSource>;

/** Longest raw scan accepted over the API; longer input is refused by the contract itself. */
export const MAX_SCAN_CHARS = 20_000;

/** What the wizard wants next, for the big prompt and for scripts. */
export const Expect = z.object({
  step: z.enum(['item', 'serial', 'weigh', 'print', 'ship', 'close', 'done']),
  prompt: z.string(),
  lineId: z.number().int().nullable(),
  sku: z.string().nullable(),
  productName: z.string().nullable(),
  /** 1-based unit number within the line, counting units received or packed before. */
  unit: z.number().int().nullable(),
  units: z.number().int().nullable(),
  slot: z.number().int().nullable(),
  slots: z.number().int().nullable(),
  slotLabel: z.string().nullable(),
});
export type Expect = z.infer<typeof Expect>;

export const VerdictCode = z.enum(['OK', ...ERROR_CODES]);
export type VerdictCode = z.infer<typeof VerdictCode>;

export const ScannedSerial = z.object({
  slot: z.number().int(),
  label: z.string(),
  serial: z.string(),
  manual: z.boolean(),
  overridden: z.boolean(),
});

export const ScannedUnit = z.object({
  id: z.number().int(),
  lineId: z.number().int(),
  sku: z.string(),
  productName: z.string(),
  serials: z.array(ScannedSerial),
  slots: z.number().int(),
  lot: z.string().nullable(),
  expiresOn: z.string().nullable(),
  manual: z.boolean(),
  at: z.string(),
});
export type ScannedUnit = z.infer<typeof ScannedUnit>;

export const Totals = z.object({
  unitsDone: z.number().int(),
  unitsTotal: z.number().int(),
  serialsDone: z.number().int(),
  serialsTotal: z.number().int(),
});
export type Totals = z.infer<typeof Totals>;
