import { describe, expect, it } from 'vitest';
import {
  expandUpcE,
  gtinCheckDigit,
  gtinVariants,
  hasValidCheckDigit,
  isValidGtin,
  toGtin14,
} from '../../src/shared/scan';

/** Published valid keys (GS1 examples and retail packs), each with its check digit last. */
const VALID_KEYS = [
  '96385074', // EAN-8
  '036000291452', // UPC-A
  '9501101530003', // EAN-13 (GS1 example)
  '4006381333931', // EAN-13
  '5901234123457', // EAN-13
  '09501101530003', // GTIN-14
  '10614141000415', // GTIN-14 with packaging indicator 1
  '0614141000005', // GLN
  '106141412345678908', // SSCC
];

describe('gtinCheckDigit', () => {
  it.each(VALID_KEYS)('computes the check digit of %s', (key) => {
    expect(gtinCheckDigit(key.slice(0, -1))).toBe(Number(key.slice(-1)));
  });

  it('gives 0 when the weighted sum is already a multiple of ten', () => {
    expect(gtinCheckDigit('1950110153000')).toBe(0);
    expect(gtinCheckDigit('0000000')).toBe(0);
  });

  it('refuses anything but digits', () => {
    expect(() => gtinCheckDigit('95011O153000')).toThrow(RangeError);
    expect(() => gtinCheckDigit('')).toThrow(/only be computed over digits/);
  });
});

describe('isValidGtin', () => {
  it.each(VALID_KEYS.filter((k) => [8, 12, 13, 14].includes(k.length)))('accepts %s', (code) => {
    expect(isValidGtin(code)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '9501101530004'],
    ['a wrong UPC-A check digit', '036000291453'],
    ['a transposition of two digits', '9501101350003'],
    ['an 11-digit code', '95011015300'],
    ['an SSCC (18 digits)', '106141412345678908'],
    ['a GLN-length code that is 13 digits but has letters', '950110153000A'],
    ['an empty string', ''],
    ['spaces around the code', ' 9501101530003 '],
  ])('refuses %s', (_what, code) => {
    expect(isValidGtin(code)).toBe(false);
  });

  it('finds every single-digit misread of a GTIN-13', () => {
    const good = '4006381333931';
    for (let i = 0; i < good.length; i++) {
      for (let d = 0; d <= 9; d++) {
        const misread = good.slice(0, i) + d + good.slice(i + 1);
        expect(isValidGtin(misread), misread).toBe(misread === good);
      }
    }
  });
});

describe('toGtin14', () => {
  it.each([
    ['96385074', '00000096385074'],
    ['036000291452', '00036000291452'],
    ['9501101530003', '09501101530003'],
    ['10614141000415', '10614141000415'],
  ])('pads %s to %s', (code, expected) => {
    expect(toGtin14(code)).toBe(expected);
  });

  it('gives null for an invalid code', () => {
    expect(toGtin14('036000291453')).toBeNull();
    expect(toGtin14('ABC')).toBeNull();
  });

  it('keeps the check digit valid after padding', () => {
    for (const code of ['96385074', '036000291452', '9501101530003']) {
      expect(isValidGtin(toGtin14(code) ?? '')).toBe(true);
    }
  });
});

describe('gtinVariants', () => {
  it('lists the 14, 13 and 12 digit forms of a UPC-A', () => {
    expect(gtinVariants('036000291452')).toEqual(['00036000291452', '0036000291452', '036000291452']);
    expect(gtinVariants('00036000291452')).toEqual(gtinVariants('036000291452'));
  });

  it('lists the 8 digit form only when the leading zeros allow it', () => {
    expect(gtinVariants('96385074')).toEqual(['00000096385074', '0000096385074', '000096385074', '96385074']);
    expect(gtinVariants('9501101530003')).toEqual(['09501101530003', '9501101530003']);
  });

  it('lists only the 14 digit form of a GTIN-14 with a packaging indicator', () => {
    expect(gtinVariants('10614141000415')).toEqual(['10614141000415']);
  });

  it('gives nothing for a code that is not a valid GTIN', () => {
    expect(gtinVariants('036000291453')).toEqual([]);
    expect(gtinVariants('SN-0001')).toEqual([]);
  });

  it('gives variants that all normalise back to the same GTIN-14', () => {
    for (const variant of gtinVariants('96385074')) expect(toGtin14(variant)).toBe('00000096385074');
  });
});

describe('expandUpcE', () => {
  it.each([
    ['04252614', '042100005264'], // sixth digit 4
    ['01234572', '012345000072'], // sixth digit 5..9
    ['01234531', '012300000451'], // sixth digit 3
    ['01234505', '012000003455'], // sixth digit 0..2
    ['16543214', '165100004324'], // number system 1
  ])('expands %s to %s', (upcE, upcA) => {
    const expanded = expandUpcE(upcE);
    expect(expanded).toBe(upcA);
    expect(isValidGtin(upcA)).toBe(true);
  });

  it('refuses a UPC-E with a wrong check digit or number system', () => {
    expect(expandUpcE('04252615')).toBeNull();
    expect(expandUpcE('24252614')).toBeNull();
    expect(expandUpcE('0425261')).toBeNull();
  });

  it('checks the 2-or-more digit keys it is given', () => {
    expect(hasValidCheckDigit('106141412345678908')).toBe(true);
    expect(hasValidCheckDigit('106141412345678909')).toBe(false);
    expect(hasValidCheckDigit('7')).toBe(false);
  });
});
