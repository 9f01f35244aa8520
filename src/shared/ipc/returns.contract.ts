import { z } from 'zod';
import { defineContract } from './contract';
import { WarrantyStatus } from './serials.contract';

export const ReturnVerdict = z.object({
  /** match: we shipped this unit on that order. The others are red flags. */
  verdict: z.enum(['match', 'SHIPPED_ON_OTHER_ORDER', 'NOT_SHIPPED']),
  ok: z.boolean(),
  code: z.enum(['OK', 'SHIPPED_ON_OTHER_ORDER', 'NOT_SHIPPED']),
  message: z.string(),
  serial: z.string(),
  unit: z
    .object({
      unitId: z.number().int(),
      sku: z.string(),
      productName: z.string(),
      status: z.string(),
      codes: z.array(z.object({ slot: z.number().int(), serial: z.string() })),
    })
    .nullable(),
  shipped: z.object({ orderNumber: z.string(), customerName: z.string(), shippedAt: z.string() }).nullable(),
  warranty: WarrantyStatus.nullable(),
  /** Whether restock / defective can be recorded for this unit now. */
  canDispose: z.boolean(),
});
export type ReturnVerdict = z.infer<typeof ReturnVerdict>;

const Check = z.object({
  serial: z.string().trim().min(1).max(200),
  orderNumber: z.string().trim().min(1).max(200).optional(),
});

/** Checks a returned unit against the order it came back from (or against our shipments). */
export const checkReturn = defineContract({
  channel: 'returns:check',
  input: Check,
  output: ReturnVerdict,
  requiresOperator: true,
});

/** Records the return and its disposition: back in stock, or defective. */
export const disposeReturn = defineContract({
  channel: 'returns:dispose',
  input: Check.extend({ disposition: z.enum(['restock', 'defective']), note: z.string().max(500).optional() }),
  output: z.object({ verdict: ReturnVerdict, status: z.enum(['in_stock', 'defective']), message: z.string() }),
  requiresOperator: true,
});
