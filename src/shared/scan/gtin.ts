/**
 * GS1 check digits and GTIN normalisation (GS1 General Specifications §7.9).
 * Pure: runs in main and in the renderer.
 */

const DIGITS = /^\d+$/;
const GTIN_LENGTHS: ReadonlySet<number> = new Set([8, 12, 13, 14]);

/**
 * The GS1 mod-10 check digit for `body` (every digit of the key except the check digit).
 * Weights alternate 3, 1, 3, … from the rightmost digit, which is why one function serves
 * GTIN-8/12/13/14, GLN, SSCC, GSIN and GSRN alike.
 */
export function gtinCheckDigit(body: string): number {
  if (!DIGITS.test(body)) {
    throw new RangeError(`A check digit can only be computed over digits; got "${body}".`);
  }
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += (body.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of an all-digit `code` (2 or more digits) is its GS1 check digit. */
export function hasValidCheckDigit(code: string): boolean {
  if (code.length < 2 || !DIGITS.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** An 8, 12, 13 or 14 digit code whose check digit is right. */
export function isValidGtin(code: string): boolean {
  return GTIN_LENGTHS.has(code.length) && hasValidCheckDigit(code);
}

/** A valid GTIN-8/12/13/14 as 14 digits (left-padded with zeros); null for anything else. */
export function toGtin14(code: string): string | null {
  return isValidGtin(code) ? code.padStart(14, '0') : null;
}

/**
 * Every way the same GTIN may have been stored as a product barcode: the 14-digit form, then
 * the 13, 12 and 8 digit forms that its leading zeros allow (padding never changes the check
 * digit). Empty for anything that is not a valid GTIN.
 */
export function gtinVariants(code: string): string[] {
  const gtin14 = toGtin14(code);
  if (gtin14 === null) return [];
  const variants = [gtin14];
  for (const length of [13, 12, 8]) {
    const cut = 14 - length;
    if (/^0*$/.test(gtin14.slice(0, cut))) variants.push(gtin14.slice(cut));
  }
  return variants;
}

/**
 * Expands an 8-digit UPC-E (number system 0 or 1, six digits, check digit) to its 12-digit
 * UPC-A, or null when the code is not a valid UPC-E. Only a scanner that says the symbol was
 * UPC/EAN can tell a UPC-E from an EAN-8, so callers decide when to try this.
 */
export function expandUpcE(code: string): string | null {
  if (code.length !== 8 || !DIGITS.test(code)) return null;
  const system = code[0];
  if (system !== '0' && system !== '1') return null;
  const d = code.slice(1, 7);
  const check = code[7];
  const last = d[5];
  let body: string;
  switch (last) {
    case '0':
    case '1':
    case '2':
      body = `${system}${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
      break;
    case '3':
      body = `${system}${d.slice(0, 3)}00000${d.slice(3, 5)}`;
      break;
    case '4':
      body = `${system}${d.slice(0, 4)}00000${d[4]}`;
      break;
    default:
      body = `${system}${d.slice(0, 5)}0000${last}`;
  }
  return String(gtinCheckDigit(body)) === check ? `${body}${check}` : null;
}
