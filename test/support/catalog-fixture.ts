import { insertProduct, ensureVendor } from '../../src/main/store/repositories/catalog.repository';
import type { Store } from '../../src/main/store/store';

export const UPC = {
  phone: '084120000010',
  laptop: '084120000027',
  cable: '084120000034',
  tablet: '084120000041',
} as const;

/** GTIN-14 forms of the UPCs above (two leading zeros). */
export const GTIN14 = {
  phone: `00${UPC.phone}`,
  laptop: `00${UPC.laptop}`,
} as const;

export interface CatalogFixture {
  readonly products: { phone: number; laptop: number; cable: number; tablet: number };
  readonly poId: number;
}

/**
 * A small catalogue: a dual-IMEI phone, a laptop with a 10-character serial pattern, a cable
 * without serials, and a tablet that is not on the PO. PO-1 orders 3 phones, 2 laptops, 5 cables.
 */
export function seedCatalog(store: Store, options: { skipVendor?: boolean } = {}): CatalogFixture {
  const now = new Date().toISOString();
  const s = store.statements;
  return store.write(() => {
    const phone = insertProduct(
      s,
      {
        sku: 'PH-100',
        name: 'Phone X',
        trackSerials: true,
        serialsPerUnit: 2,
        serialSlotLabels: ['IMEI 1', 'IMEI 2'],
        serialPattern: '[0-9]{15}',
        serialLength: null,
        warrantyMonths: 24,
        unitWeightG: 420,
        barcodes: [UPC.phone],
      },
      now,
    );
    const laptop = insertProduct(
      s,
      {
        sku: 'LT-300',
        name: 'Laptop 14',
        trackSerials: true,
        serialsPerUnit: 1,
        serialSlotLabels: ['Serial'],
        serialPattern: '[A-Z0-9]{10}',
        serialLength: null,
        warrantyMonths: 36,
        unitWeightG: 2100,
        barcodes: [UPC.laptop],
      },
      now,
    );
    const cable = insertProduct(
      s,
      {
        sku: 'CB-1',
        name: 'USB-C cable',
        trackSerials: false,
        serialsPerUnit: 1,
        serialSlotLabels: ['Serial'],
        serialPattern: null,
        serialLength: null,
        warrantyMonths: 12,
        unitWeightG: 40,
        barcodes: [UPC.cable],
      },
      now,
    );
    const tablet = insertProduct(
      s,
      {
        sku: 'TB-200',
        name: 'Tablet 10',
        trackSerials: true,
        serialsPerUnit: 1,
        serialSlotLabels: ['Serial'],
        serialPattern: null,
        serialLength: 10,
        warrantyMonths: 24,
        unitWeightG: 600,
        barcodes: [UPC.tablet],
      },
      now,
    );
    const vendor = ensureVendor(s, 'Northwind');
    if (options.skipVendor) s.sql('UPDATE vendors SET skip_serial_prompt = 1 WHERE id = ?').run(vendor);
    const poId = Number(
      s
        .sql("INSERT INTO purchase_orders (po_number, vendor_id, created_at, updated_at) VALUES ('PO-1', ?, ?, ?)")
        .run(vendor, now, now).lastInsertRowid,
    );
    const line = s.sql(
      'INSERT INTO po_lines (po_id, line_no, product_id, qty_ordered, unit_cost_cents) VALUES (?, ?, ?, ?, ?)',
    );
    line.run(poId, 1, phone, 3, 45000);
    line.run(poId, 2, laptop, 2, 80000);
    line.run(poId, 3, cable, 5, 250);
    const other = Number(
      s
        .sql("INSERT INTO purchase_orders (po_number, vendor_id, created_at, updated_at) VALUES ('PO-2', ?, ?, ?)")
        .run(vendor, now, now).lastInsertRowid,
    );
    line.run(other, 1, laptop, 5, 79000);
    s.sql("INSERT INTO orders (order_number, customer_name, created_at, updated_at) VALUES ('SO-1', 'Ada', ?, ?)").run(
      now,
      now,
    );
    return { products: { phone, laptop, cable, tablet }, poId };
  });
}

/** A valid 15-digit IMEI-like number (Luhn) from a counter. */
export function imei(n: number): string {
  const body = `35${String(n).padStart(12, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}
