/** Barcode and serial formats with real check digits, built so that no two can collide. */

/** Luhn check digit for the digits given (IMEI digit 15). */
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let digit = body.charCodeAt(body.length - 1 - i) - 48;
    // The check digit will sit to the right, so the rightmost body digit is doubled.
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidLuhn(code: string): boolean {
  return /^\d{2,}$/.test(code) && luhnCheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
}

/** GS1 check digit (UPC-A, EAN-13, GTIN-14): weights 3,1 from the right. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin(code: string): boolean {
  return /^\d{8,14}$/.test(code) && gtinCheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
}

/** UPC-A (12 digits) from a 6-digit company prefix and a 5-digit item reference. */
export function upcA(companyPrefix: number, itemReference: number): string {
  const body = String(companyPrefix).padStart(6, '0') + String(itemReference).padStart(5, '0');
  return body + gtinCheckDigit(body);
}

/** EAN-13 from a 3-digit prefix and a 9-digit item number. */
export function ean13(prefix: number, item: number): string {
  const body = String(prefix).padStart(3, '0') + String(item).padStart(9, '0');
  return body + gtinCheckDigit(body);
}

const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function base36(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i += 1) {
    out = BASE36[rest % 36]! + out;
    rest = Math.floor(rest / 36);
  }
  return out;
}

/**
 * Serial formats seen on real stock. Each reserves a distinct shape (length, prefix), and
 * each product gets a distinct code inside its format, so serials are unique across the
 * whole store by construction, not by luck.
 *  - imei:    15 digits, "35" + product code + unit number + Luhn digit
 *  - sn10:    "SN" + 10 letters/digits
 *  - num11:   11 digits starting with "00" (leading zeros that spreadsheets love to drop)
 *  - alnum12: 12 letters/digits starting with a letter other than S
 */
export type SerialFormat = 'imei' | 'sn10' | 'num11' | 'alnum12';

interface FormatSpec {
  /** How many distinct product codes the format has room for. */
  readonly productCodes: number;
  /** How many serials one product can have. */
  readonly perProduct: number;
}

export const SERIAL_FORMATS: Readonly<Record<SerialFormat, FormatSpec>> = {
  imei: { productCodes: 10_000, perProduct: 100_000_000 },
  sn10: { productCodes: 36 ** 3, perProduct: 36 ** 7 },
  num11: { productCodes: 1_000, perProduct: 1_000_000 },
  alnum12: { productCodes: 36 ** 3, perProduct: 36 ** 8 },
};

const ALNUM12_LEADS = 'CDFGHJKLMNPRTVWXY';

export interface SerialMaker {
  readonly format: SerialFormat;
  /** Distinct per product within the format. */
  readonly productCode: number;
  /** Coprime to the format's per-product room, so ordinal -> serial is one-to-one. */
  readonly multiplier: number;
  readonly offset: number;
  /** Printed in lower case on the unit (matching is case-insensitive). */
  readonly lowercase: boolean;
}

/** The serial number `ordinal` of a product (0, 1, 2, ... per product). */
export function makeSerial(maker: SerialMaker, ordinal: number): string {
  const room = SERIAL_FORMATS[maker.format].perProduct;
  if (ordinal >= room) {
    throw new Error(`A ${maker.format} product ran out of serial numbers (more than ${room} units)`);
  }
  // multiplier * ordinal stays below 2^53 for every format (see pickMultiplier).
  const scrambled = (ordinal * maker.multiplier + maker.offset) % room;
  switch (maker.format) {
    case 'imei': {
      const body = `35${String(maker.productCode).padStart(4, '0')}${String(scrambled).padStart(8, '0')}`;
      return body + luhnCheckDigit(body);
    }
    case 'sn10': {
      const serial = `SN${base36(maker.productCode, 3)}${base36(scrambled, 7)}`;
      return maker.lowercase ? serial.toLowerCase() : serial;
    }
    case 'num11':
      return `00${String(maker.productCode).padStart(3, '0')}${String(scrambled).padStart(6, '0')}`;
    case 'alnum12':
      return `${ALNUM12_LEADS[maker.productCode % ALNUM12_LEADS.length]}${base36(maker.productCode, 3)}${base36(scrambled, 8)}`;
  }
}

/** A multiplier coprime to the format's room whose products with any ordinal stay exact in a double. */
export function pickMultiplier(format: SerialFormat, draw: number): number {
  const limits: Record<SerialFormat, number> = { imei: 50_000_000, sn10: 100_000, num11: 1_000_000, alnum12: 3_000 };
  // imei/num11 rooms are powers of ten (avoid factors 2 and 5); base-36 rooms (avoid 2 and 3).
  const badFactors = format === 'imei' || format === 'num11' ? [2, 5] : [2, 3];
  let m = Math.max(7, Math.floor(draw * limits[format]));
  while (badFactors.some((f) => m % f === 0)) m += 1;
  return m;
}
