import type { ErrorCode, RejectionCode } from '../../../../shared/errors';

/**
 * The short headline over a refused scan, read from a metre away; the service's message
 * underneath says exactly what was wrong and what to do.
 */
const REJECTION_TITLES = {
  UNKNOWN_ORDER: 'Unknown order',
  ORDER_NOT_OPEN: 'Order not open',
  UNKNOWN_PO: 'Unknown purchase order',
  UNKNOWN_BARCODE: 'Unknown barcode',
  WRONG_ITEM: 'Not on this PO',
  OVER_SCAN: 'One too many',
  OVER_RECEIPT: 'More than ordered',
  SERIAL_EMPTY: 'Nothing read',
  SERIAL_FORMAT: 'Not a serial for this product',
  SERIAL_IS_KNOWN_BARCODE: 'That’s the box barcode',
  SERIAL_DUPLICATE_IN_ORDER: 'Already in this order',
  SERIAL_DUPLICATE_IN_PO: 'Already scanned',
  SERIAL_DUPLICATE_IN_UNIT: 'Same serial twice',
  SERIAL_OTHER_UNIT: 'Serial of another unit',
  SERIAL_ALREADY_IN_STOCK: 'Already in stock',
  SERIAL_NOT_IN_STOCK: 'Not in stock',
  SERIAL_NOT_ALLOCATED: 'Not the reserved serial',
  GS1_PRODUCT_MISMATCH: 'Wrong product’s code',
  GS1_INVALID: 'Unreadable GS1 code',
  SHIP_INCOMPLETE: 'Not everything is scanned',
  WEIGHT_OUT_OF_TOLERANCE: 'Weight does not match',
  OVERRIDE_DENIED: 'Override refused',
  NOT_SHIPPED: 'Never shipped',
  SHIPPED_ON_OTHER_ORDER: 'Shipped on another order',
} as const satisfies Record<RejectionCode, string>;

const SYSTEM_TITLES: Partial<Record<ErrorCode, string>> = {
  NOT_FOUND: 'Not found',
  CONFLICT: 'Changed somewhere else',
  UNAUTHORIZED: 'Sign in again',
  FORBIDDEN: 'Not allowed',
  BAD_REQUEST: 'Not accepted',
  INTERNAL: 'The station had a problem',
  DB_LOCKED: 'The station is busy',
};

/**
 * The headline for a verdict's code. Screens may pass a wording of their own for a code
 * whose meaning depends on the step (e.g. NOT_FOUND when removing a serial).
 */
export function verdictTitle(
  code: ErrorCode | 'OK',
  overrides: Partial<Record<ErrorCode | 'OK', string>> = {},
): string {
  const own = overrides[code];
  if (own) return own;
  if (code === 'OK') return 'Accepted';
  if (code in REJECTION_TITLES) return REJECTION_TITLES[code as RejectionCode];
  return SYSTEM_TITLES[code] ?? 'Not accepted';
}
