/** Why scans were refused, as a supervisor reads the day's list: the floor's words, not the code. */
const REASONS: Readonly<Record<string, string>> = {
  UNKNOWN_ORDER: 'Unknown order number',
  ORDER_NOT_OPEN: 'Order already shipped or cancelled',
  UNKNOWN_PO: 'Unknown purchase order',
  UNKNOWN_BARCODE: 'Barcode not in the catalogue',
  WRONG_ITEM: 'Wrong item for the order',
  OVER_SCAN: 'More units than ordered',
  OVER_RECEIPT: 'More units than the PO ordered',
  SERIAL_EMPTY: 'Empty serial',
  SERIAL_FORMAT: 'Serial in the wrong format',
  SERIAL_IS_KNOWN_BARCODE: 'A product barcode scanned as a serial',
  SERIAL_DUPLICATE_IN_ORDER: 'Serial scanned twice on one order',
  SERIAL_DUPLICATE_IN_PO: 'Serial scanned twice on one PO',
  SERIAL_DUPLICATE_IN_UNIT: 'Same serial twice on one unit',
  SERIAL_OTHER_UNIT: 'Serial of another unit',
  SERIAL_ALREADY_IN_STOCK: 'Serial already in stock',
  SERIAL_NOT_IN_STOCK: 'Serial not in stock',
  SERIAL_NOT_ALLOCATED: 'Not the unit reserved for the order',
  GS1_PRODUCT_MISMATCH: 'GS1 code of another product',
  GS1_INVALID: 'Unreadable GS1 code',
  SHIP_INCOMPLETE: 'Shipped before every serial was scanned',
  WEIGHT_OUT_OF_TOLERANCE: 'Box weight out of tolerance',
  OVERRIDE_DENIED: 'Override refused (wrong PIN or not a supervisor)',
  NOT_SHIPPED: 'Returned serial was never shipped',
  SHIPPED_ON_OTHER_ORDER: 'Returned serial shipped on another order',
  SUPERVISOR_APPROVAL: 'Supervisor tools opened at another operator’s station',
};

export function reasonWords(code: string | null | undefined): string {
  if (!code) return 'No reason recorded';
  const known = REASONS[code];
  if (known) return known;
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const SESSION_KINDS: Readonly<Record<string, string>> = {
  ship: 'Packing',
  shipping: 'Packing',
  receive: 'Receiving',
  receiving: 'Receiving',
  transfer: 'Transfer',
  return: 'Return',
};

export function sessionKindWords(kind: string): string {
  return SESSION_KINDS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}

export function sessionStatusWords(status: string): string {
  if (status === 'active') return 'Open';
  if (status === 'parked') return 'Parked';
  return status.charAt(0).toUpperCase() + status.slice(1);
}
