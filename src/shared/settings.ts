import { z } from 'zod';

/**
 * Organization rules (DESIGN.md §3). Each has a default for a new store and a one-line
 * explanation the settings screen shows next to it.
 */
export const OrganizationRules = z.object({
  captureSerialsOnReceive: z.boolean().default(true),
  captureSerialsOnShip: z.boolean().default(true),
  newProductsTrackSerials: z.boolean().default(true),
  defaultSerialLength: z.number().int().min(1).max(200).nullable().default(null),
  uniquenessScope: z.enum(['product', 'organization']).default('product'),
  caseSensitiveSerials: z.boolean().default(false),
  rejectSerialEqualToKnownCode: z.boolean().default(true),
  allowDuplicateSerialsInOrder: z.boolean().default(false),
  requireShippedSerialInStock: z.boolean().default(true),
  allowOverReceipt: z.boolean().default(false),
  allowMoreSerialsThanReceived: z.boolean().default(false),
  overrideRequiresSupervisor: z.boolean().default(true),
  weightTolerancePercent: z.number().min(0).max(100).default(5),
  packagingWeightG: z.number().min(0).default(0),
});
export type OrganizationRules = z.infer<typeof OrganizationRules>;

export const DEFAULT_RULES: OrganizationRules = OrganizationRules.parse({});

export const RULE_EXPLANATIONS: Readonly<Record<keyof OrganizationRules, string>> = {
  captureSerialsOnReceive: 'Receiving asks for the serial(s) of every unit of a serial-tracked product.',
  captureSerialsOnShip: 'Packing asks for the serial(s) of every unit of a serial-tracked product before it can ship.',
  newProductsTrackSerials: 'Products created without saying otherwise are serial-tracked.',
  defaultSerialLength: 'Serial length every product must match unless it sets its own length or pattern.',
  uniquenessScope: 'A serial is unique per product (GS1: per GTIN) or across the whole organization.',
  caseSensitiveSerials: 'Treat "ab12" and "AB12" as different serials.',
  rejectSerialEqualToKnownCode: 'Refuse a serial that is a product barcode, SKU, order or PO number.',
  allowDuplicateSerialsInOrder: 'Let the same serial be scanned twice in one order.',
  requireShippedSerialInStock: 'A shipped serial must belong to an in-stock unit of that product.',
  allowOverReceipt: 'Let receiving take more units than the purchase order line ordered.',
  allowMoreSerialsThanReceived: 'Let a line hold more serials than units received.',
  overrideRequiresSupervisor: 'Overriding a rejected scan needs a supervisor PIN and a reason.',
  weightTolerancePercent: 'How far the scale reading may differ from the expected weight.',
  packagingWeightG: 'Weight of the box and packing added to the expected weight.',
};
