/**
 * Every error the station can report, as a closed union. The UI picks its message,
 * icon and sound from the code, so a new failure mode needs a new code here.
 */

/** Scan and workflow rejections (DESIGN.md §8): a packer or clerk can act on each. */
export const REJECTION_CODES = [
  'UNKNOWN_ORDER',
  'ORDER_NOT_OPEN',
  'UNKNOWN_PO',
  'UNKNOWN_BARCODE',
  'WRONG_ITEM',
  'OVER_SCAN',
  'OVER_RECEIPT',
  'SERIAL_EMPTY',
  'SERIAL_FORMAT',
  'SERIAL_IS_KNOWN_BARCODE',
  'SERIAL_DUPLICATE_IN_ORDER',
  'SERIAL_DUPLICATE_IN_PO',
  'SERIAL_DUPLICATE_IN_UNIT',
  'SERIAL_OTHER_UNIT',
  'SERIAL_ALREADY_IN_STOCK',
  'SERIAL_NOT_IN_STOCK',
  'SERIAL_NOT_ALLOCATED',
  'GS1_PRODUCT_MISMATCH',
  'GS1_INVALID',
  'SHIP_INCOMPLETE',
  'WEIGHT_OUT_OF_TOLERANCE',
  'OVERRIDE_DENIED',
  'NOT_SHIPPED',
  'SHIPPED_ON_OTHER_ORDER',
] as const;

/** Failures of the system itself or of a request, as opposed to a rejected scan. */
export const SYSTEM_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_CHANNEL',
  'UNTRUSTED_SENDER',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'IMPORT_INVALID',
  'IMPORT_EXPIRED',
  'FILE_UNREADABLE',
  'DB_NOT_SQLITE',
  'DB_NOT_PACKBENCH',
  'DB_CORRUPT',
  'DB_FROM_FUTURE',
  'DB_LOCKED',
  'LEDGER_BROKEN',
  'EXPORT_FAILED',
  'CANCELLED',
  'INTERNAL',
] as const;

export type RejectionCode = (typeof REJECTION_CODES)[number];
export type SystemCode = (typeof SYSTEM_CODES)[number];
export type ErrorCode = RejectionCode | SystemCode;

export const ERROR_CODES: readonly ErrorCode[] = [...REJECTION_CODES, ...SYSTEM_CODES];

export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

/** The envelope every contract call resolves to: never a thrown error across the boundary. */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };

/** A failure a service raises on purpose; the dispatcher turns it into an error envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toInfo(): ErrorInfo {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
