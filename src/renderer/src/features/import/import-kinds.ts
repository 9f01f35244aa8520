import type { ImportKind } from '../../../../shared/ipc/imports.contract';
import type { ScreenId } from '../../navigation';

export interface ImportKindInfo {
  readonly kind: ImportKind;
  readonly label: string;
  /** Plural noun for counts: "Import 12 orders". */
  readonly records: string;
  readonly record: string;
  readonly layout: string;
  readonly columns: readonly { readonly name: string; readonly note?: string; readonly optional?: boolean }[];
  readonly list: ScreenId;
  readonly listLabel: string;
}

/** What each CSV must look like (the interchange formats), in the words shown on screen. */
export const IMPORT_KINDS: readonly ImportKindInfo[] = [
  {
    kind: 'products',
    label: 'Products',
    records: 'products',
    record: 'product',
    layout: 'One row per product.',
    columns: [
      { name: 'sku' },
      { name: 'name' },
      { name: 'barcodes', note: 'UPC/EAN/aliases, several separated by |', optional: true },
      { name: 'has_serial_numbers', note: 'yes or no; blank uses the station rule', optional: true },
      { name: 'serials_per_unit', note: 'blank means 1', optional: true },
      { name: 'serial_labels', note: 'e.g. IMEI 1|IMEI 2', optional: true },
      { name: 'serial_pattern', optional: true },
      { name: 'serial_length', optional: true },
      { name: 'warranty_months', optional: true },
      { name: 'unit_weight_g', optional: true },
    ],
    list: 'products',
    listLabel: 'Products',
  },
  {
    kind: 'orders',
    label: 'Orders',
    records: 'orders',
    record: 'order',
    layout: 'One row per order line; rows with the same order number make one order.',
    columns: [
      { name: 'order_number' },
      { name: 'customer_name', optional: true },
      { name: 'ship_to', optional: true },
      { name: 'sku' },
      { name: 'qty' },
      { name: 'serials', note: 'serials already picked for the line, separated by |', optional: true },
    ],
    list: 'orders',
    listLabel: 'Orders',
  },
  {
    kind: 'pos',
    label: 'Purchase orders',
    records: 'purchase orders',
    record: 'purchase order',
    layout: 'One row per PO line; rows with the same PO number make one purchase order.',
    columns: [
      { name: 'po_number' },
      { name: 'vendor' },
      { name: 'sku' },
      { name: 'qty' },
      { name: 'unit_cost', optional: true },
    ],
    list: 'purchase-orders',
    listLabel: 'Purchase orders',
  },
];

export function importKindInfo(kind: ImportKind): ImportKindInfo {
  const info = IMPORT_KINDS.find((entry) => entry.kind === kind);
  if (!info) throw new Error(`No import kind ${kind}`);
  return info;
}

export function countOf(info: ImportKindInfo, n: number): string {
  return `${n.toLocaleString()} ${n === 1 ? info.record : info.records}`;
}
