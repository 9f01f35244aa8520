import { z } from 'zod';
import { defineContract } from './contract';

const Page = z.object({
  search: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

export const ProductRow = z.object({
  id: z.number().int(),
  sku: z.string(),
  name: z.string(),
  trackSerials: z.boolean(),
  serialsPerUnit: z.number().int(),
  serialSlotLabels: z.array(z.string()),
  serialPattern: z.string().nullable(),
  serialLength: z.number().int().nullable(),
  warrantyMonths: z.number().int().nullable(),
  unitWeightG: z.number().nullable(),
  barcodes: z.array(z.string()),
  inStock: z.number().int(),
});
export type ProductRow = z.infer<typeof ProductRow>;

export const OrderRow = z.object({
  id: z.number().int(),
  orderNumber: z.string(),
  customerName: z.string(),
  shipTo: z.string(),
  status: z.enum(['open', 'packing', 'shipped', 'cancelled']),
  lines: z.number().int(),
  units: z.number().int(),
  createdAt: z.string(),
});
export type OrderRow = z.infer<typeof OrderRow>;

export const PurchaseOrderRow = z.object({
  id: z.number().int(),
  poNumber: z.string(),
  vendor: z.string(),
  status: z.enum(['open', 'received', 'closed']),
  lines: z.number().int(),
  qtyOrdered: z.number().int(),
  qtyReceived: z.number().int(),
  createdAt: z.string(),
});
export type PurchaseOrderRow = z.infer<typeof PurchaseOrderRow>;

const pageOf = <T extends z.ZodType>(row: T) => z.object({ total: z.number().int(), rows: z.array(row) });

/** Products matching a search on SKU, name or barcode, by SKU. */
export const listProducts = defineContract({
  channel: 'catalog:list-products',
  input: Page,
  output: pageOf(ProductRow),
});

/** Orders matching a search on order number or customer, newest first. */
export const listOrders = defineContract({
  channel: 'catalog:list-orders',
  input: Page,
  output: pageOf(OrderRow),
});

/** Purchase orders matching a search on PO number or vendor, newest first. */
export const listPurchaseOrders = defineContract({
  channel: 'catalog:list-purchase-orders',
  input: Page,
  output: pageOf(PurchaseOrderRow),
});
