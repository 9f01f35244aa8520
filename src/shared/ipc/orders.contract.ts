import { z } from 'zod';
import { defineContract } from './contract';
import { InventoryRow, UnitStatus } from './serials.contract';
import { MAX_SCAN_CHARS, VerdictCode } from '../session';

const OrderNumber = z.string().trim().min(1).max(200);
const LineId = z.number().int().positive();

/** A code of a unit; slot and label are null for a serial not on record as any unit. */
export const UnitCode = z.object({
  slot: z.number().int().nullable(),
  label: z.string().nullable(),
  serial: z.string(),
});

/** A unit reserved for an order line (or a pre-entered serial we hold no unit for). */
export const Allocation = z.object({
  unitId: z.number().int().nullable(),
  /** Null when no unit with this serial is on record (a serial that came with the order import). */
  status: UnitStatus.nullable(),
  serials: z.array(UnitCode),
  warehouse: z.string().nullable(),
  location: z.string().nullable(),
});
export type Allocation = z.infer<typeof Allocation>;

export const OrderLineDetail = z.object({
  lineId: z.number().int(),
  lineNo: z.number().int(),
  sku: z.string(),
  productName: z.string(),
  qty: z.number().int(),
  trackSerials: z.boolean(),
  serialsPerUnit: z.number().int(),
  slotLabels: z.array(z.string()),
  /** Units the packer must ship on this line, when any are pre-entered. */
  allocated: z.array(Allocation),
});
export type OrderLineDetail = z.infer<typeof OrderLineDetail>;

export const ShipmentDetail = z.object({
  shipmentId: z.number().int(),
  shippedAt: z.string(),
  station: z.string().nullable(),
  operator: z.string().nullable(),
  weightG: z.number().nullable(),
  serials: z.array(
    z.object({
      serial: z.string(),
      sku: z.string(),
      productName: z.string(),
      slot: z.number().int(),
      slotLabel: z.string().nullable(),
      unitId: z.number().int(),
      shippedAt: z.string(),
      overridden: z.boolean(),
    }),
  ),
});

/** An unfinished wizard session on a document: who has it open, and how far it got. */
export const OpenWork = z.object({
  sessionId: z.number().int(),
  status: z.enum(['active', 'parked']),
  station: z.string().nullable(),
  operator: z.string().nullable(),
  startedAt: z.string(),
  updatedAt: z.string(),
  units: z.number().int(),
});

export const OrderDetail = z.object({
  orderNumber: z.string(),
  customerName: z.string(),
  shipTo: z.string(),
  status: z.enum(['open', 'packing', 'shipped', 'cancelled']),
  createdAt: z.string(),
  updatedAt: z.string(),
  lines: z.array(OrderLineDetail),
  shipments: z.array(ShipmentDetail),
  openSession: OpenWork.nullable(),
  /** Serials can be pre-entered or released only while the order is open (not being packed). */
  canAllocate: z.boolean(),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

/** An order with its lines, reserved units, shipments and shipped serials. */
export const getOrder = defineContract({
  channel: 'orders:get',
  input: z.object({ orderNumber: OrderNumber }),
  output: OrderDetail,
});

export const PurchaseOrderDetail = z.object({
  poNumber: z.string(),
  vendor: z.string(),
  status: z.enum(['open', 'received', 'closed']),
  createdAt: z.string(),
  updatedAt: z.string(),
  lines: z.array(
    z.object({
      lineId: z.number().int(),
      lineNo: z.number().int(),
      sku: z.string(),
      productName: z.string(),
      trackSerials: z.boolean(),
      qtyOrdered: z.number().int(),
      qtyReceived: z.number().int(),
      unitCostCents: z.number().int().nullable(),
    }),
  ),
  /** Units put in stock from this PO, one group per receiving session, oldest first. */
  receipts: z.array(
    z.object({
      /** Null for units on this PO that were not received through a session. */
      sessionId: z.number().int().nullable(),
      receivedBy: z.string().nullable(),
      station: z.string().nullable(),
      receivedAt: z.string().nullable(),
      units: z.number().int(),
      serialsTotal: z.number().int(),
      /** At most 2,000 per group; `serialsTotal` says how many there are. */
      serials: z.array(
        z.object({
          unitId: z.number().int(),
          sku: z.string(),
          productName: z.string(),
          slot: z.number().int(),
          slotLabel: z.string(),
          serial: z.string(),
          status: UnitStatus,
        }),
      ),
    }),
  ),
  openSession: OpenWork.nullable(),
});
export type PurchaseOrderDetail = z.infer<typeof PurchaseOrderDetail>;

/** A purchase order with its lines and its received serials grouped by receiving session. */
export const getPurchaseOrder = defineContract({
  channel: 'purchase-orders:get',
  input: z.object({ poNumber: z.string().trim().min(1).max(200) }),
  output: PurchaseOrderDetail,
});

export const ProductDetail = z.object({
  product: z.object({
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
    barcodes: z.array(z.object({ code: z.string(), kind: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  /** The "Serials" tab: this product's units, with counts per status. */
  serials: z.object({
    total: z.number().int(),
    counts: z.record(z.string(), z.number().int()),
    rows: z.array(InventoryRow),
  }),
});
export type ProductDetail = z.infer<typeof ProductDetail>;

/** A product with its barcodes and one page of its units (filtered like the serial inventory). */
export const getProduct = defineContract({
  channel: 'products:get',
  input: z.object({
    sku: z.string().trim().min(1).max(200),
    status: UnitStatus.optional(),
    /** Substring of a serial, at least 3 characters. */
    search: z.string().max(200).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  }),
  output: ProductDetail,
});

/** In-stock units of an order line's product, to pick from when pre-entering serials. */
export const listAvailableUnits = defineContract({
  channel: 'orders:available-units',
  input: z.object({
    orderNumber: OrderNumber,
    lineId: LineId,
    /** Substring of a serial, at least 3 characters. */
    search: z.string().max(200).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(50),
  }),
  output: z.object({
    line: z.object({
      lineId: z.number().int(),
      sku: z.string(),
      productName: z.string(),
      qty: z.number().int(),
      allocatedUnits: z.number().int(),
    }),
    total: z.number().int(),
    rows: z.array(InventoryRow),
  }),
});

/** At most this many serials pre-entered in one request (a line rarely has more units). */
export const MAX_ALLOCATE_SERIALS = 1000;

/** Pre-enters serials on an open order line, reserving their units; each serial gets a verdict. */
export const allocateSerials = defineContract({
  channel: 'orders:allocate-serials',
  requiresOperator: true,
  input: z.object({
    orderNumber: OrderNumber,
    lineId: LineId,
    /** Scanned or picked; a unit with several codes is reserved by any one of them. */
    serials: z.array(z.string().max(MAX_SCAN_CHARS)).min(1).max(MAX_ALLOCATE_SERIALS),
  }),
  output: z.object({
    results: z.array(
      z.object({ line: z.number().int(), input: z.string(), ok: z.boolean(), code: VerdictCode, message: z.string() }),
    ),
    accepted: z.number().int(),
    rejected: z.number().int(),
    order: OrderDetail,
  }),
});

/** Takes a pre-entered serial off an open order; its unit goes back in stock. */
export const releaseSerial = defineContract({
  channel: 'orders:release-serial',
  requiresOperator: true,
  input: z.object({ orderNumber: OrderNumber, serial: z.string().trim().min(1).max(MAX_SCAN_CHARS) }),
  output: z.object({ message: z.string(), order: OrderDetail }),
});
