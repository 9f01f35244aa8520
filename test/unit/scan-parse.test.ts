import { describe, expect, it } from 'vitest';
import { parseScan, type ParsedScan } from '../../src/shared/scan';

const GS = '\u001d';
const now = new Date(2025, 5, 15);
const GTIN = '09501101530003';
const DM_FULL = { gtin: GTIN, serial: 'SN001', lot: 'LOT42', expiry: '2026-12-31', source: 'element-string' };

interface Vector {
  readonly name: string;
  readonly raw: string;
  readonly expect: {
    readonly text?: string;
    /** Symbology name, or null for none. */
    readonly symbology?: string | null;
    readonly aim?: string;
    readonly symbologyGs1?: boolean;
    /** Partial GS1 data, or null for "not a GS1 scan". */
    readonly gs1?: Record<string, unknown> | null;
    readonly elements?: ReadonlyArray<readonly [string, string]>;
    readonly gtin14?: string | null;
    /** Error code, or null for no error. */
    readonly error?: string | null;
    readonly message?: string | RegExp;
  };
}

// One line per vector keeps the table scannable.
// prettier-ignore
const vectors: Vector[] = [
  // --- AIM symbology identifiers -------------------------------------------------------------
  { name: ']C0 Code 128', raw: ']C0ABC-123', expect: { text: 'ABC-123', symbology: 'Code 128', aim: ']C0', symbologyGs1: false, gs1: null, error: null } },
  { name: ']C1 GS1-128', raw: `]C101${GTIN}21SN001`, expect: { symbology: 'GS1-128', symbologyGs1: true, gs1: { gtin: GTIN, serial: 'SN001' }, gtin14: null } },
  { name: ']d1 Data Matrix', raw: ']d1SN-7781', expect: { text: 'SN-7781', symbology: 'Data Matrix', gs1: null } },
  { name: ']d2 GS1 DataMatrix', raw: `]d201${GTIN}21SN001`, expect: { symbology: 'GS1 DataMatrix', symbologyGs1: true, gs1: { gtin: GTIN, serial: 'SN001' } } },
  { name: ']Q1 QR Code', raw: ']Q1Hello 123', expect: { text: 'Hello 123', symbology: 'QR Code', gs1: null } },
  { name: ']Q3 GS1 QR Code', raw: `]Q301${GTIN}10LOT42`, expect: { symbology: 'GS1 QR Code', gs1: { gtin: GTIN, lot: 'LOT42' } } },
  { name: ']E0 EAN-13', raw: ']E09501101530003', expect: { text: '9501101530003', symbology: 'EAN-13 / UPC-A / UPC-E', gs1: null, gtin14: GTIN } },
  { name: ']E0 UPC-A sent as 12 digits', raw: ']E0036000291452', expect: { gtin14: '00036000291452' } },
  { name: ']E0 UPC-A sent as 13 digits', raw: ']E00036000291452', expect: { gtin14: '00036000291452' } },
  { name: ']E0 UPC-E expands to its UPC-A', raw: ']E004252614', expect: { text: '04252614', gtin14: '00042100005264' } },
  { name: ']E4 EAN-8', raw: ']E496385074', expect: { text: '96385074', symbology: 'EAN-8', gtin14: '00000096385074' } },
  { name: ']e0 GS1 DataBar', raw: `]e001${GTIN}`, expect: { symbology: 'GS1 DataBar', gs1: { gtin: GTIN, serial: null }, gtin14: null } },
  { name: ']A0 Code 39', raw: ']A0CODE-39 TEST', expect: { text: 'CODE-39 TEST', symbology: 'Code 39', gs1: null } },
  { name: ']A4 Code 39 full ASCII keeps the family name', raw: ']A4abc', expect: { text: 'abc', symbology: 'Code 39', aim: ']A4' } },
  { name: ']I0 ITF', raw: ']I01234567890', expect: { text: '1234567890', symbology: 'Interleaved 2 of 5 (ITF)' } },
  { name: ']I1 ITF-14 carries a GTIN-14', raw: ']I119501101530000', expect: { gtin14: '19501101530000', gs1: null } },
  { name: ']F0 Codabar', raw: ']F0A40156B', expect: { text: 'A40156B', symbology: 'Codabar' } },
  { name: ']L0 PDF417', raw: ']L0PDF DATA', expect: { text: 'PDF DATA', symbology: 'PDF417' } },
  { name: ']L2 PDF417', raw: ']L2PDF DATA', expect: { text: 'PDF DATA', symbology: 'PDF417' } },
  { name: ']z0 Aztec', raw: ']z0AZ-1', expect: { text: 'AZ-1', symbology: 'Aztec' } },
  { name: ']J1 GS1 DotCode', raw: `]J101${GTIN}21SN001`, expect: { symbology: 'GS1 DotCode', gs1: { gtin: GTIN, serial: 'SN001' } } },
  { name: 'unknown ]X prefix is removed and reported', raw: ']X9SERIAL9', expect: { text: 'SERIAL9', symbology: 'Unknown', aim: ']X9', gs1: null } },
  { name: 'unknown ]Y prefix is removed and reported', raw: ']Y0ABC', expect: { text: 'ABC', symbology: 'Unknown' } },
  { name: 'no AIM prefix', raw: 'SN-0001', expect: { text: 'SN-0001', symbology: null, gs1: null, gtin14: null, error: null } },
  { name: 'AIM prefix with nothing after it', raw: ']d2\r\n', expect: { text: '', symbology: 'GS1 DataMatrix', error: 'SERIAL_EMPTY' } },

  // --- GS1 element strings ------------------------------------------------------------------
  { name: 'DataMatrix 01 17 10 21, no GS after fixed fields', raw: `]d201${GTIN}1726123110LOT42${GS}21SN001`, expect: { gs1: DM_FULL, text: `01${GTIN}1726123110LOT4221SN001` } },
  { name: 'DataMatrix 21 10 01 17, variable fields first', raw: `]d221SN001${GS}10LOT42${GS}01${GTIN}17261231`, expect: { gs1: DM_FULL, elements: [['21', 'SN001'], ['10', 'LOT42'], ['01', GTIN], ['17', '261231']] } },
  { name: 'DataMatrix 10 21 17 01', raw: `]d210LOT42${GS}21SN001${GS}17261231` + `01${GTIN}`, expect: { gs1: DM_FULL } },
  { name: 'DataMatrix 17 01 21 10, GS after fixed fields too', raw: `]d217261231${GS}01${GTIN}${GS}21SN001${GS}10LOT42`, expect: { gs1: DM_FULL } },
  { name: 'leading FNC1 as GS, no AIM prefix', raw: `${GS}01${GTIN}17261231` + `10LOT42${GS}21SN001`, expect: { symbology: null, gs1: DM_FULL } },
  { name: 'GS inside and a valid AI first, no prefix', raw: `01${GTIN}10LOT42${GS}21SN001`, expect: { gs1: { gtin: GTIN, lot: 'LOT42', serial: 'SN001' } } },
  { name: 'GS inside but not GS1 stays plain text', raw: `ABC${GS}DEF`, expect: { text: 'ABCDEF', gs1: null, error: null } },
  { name: 'GS inside, AI first, but does not parse: plain text', raw: `0109501101530004${GS}21X`, expect: { text: '010950110153000421X', gs1: null, error: null } },
  { name: 'plain 01+GTIN without prefix, GS or brackets is not GS1', raw: '0109506000134352', expect: { text: '0109506000134352', gs1: null, gtin14: null, error: null } },
  { name: 'trailing GS', raw: `]d201${GTIN}21SN001${GS}`, expect: { gs1: { serial: 'SN001' }, text: `01${GTIN}21SN001` } },
  { name: 'CR/LF suffix after a GS1 scan', raw: `]d201${GTIN}21SN001\r\n`, expect: { gs1: { serial: 'SN001' } } },
  { name: 'GS1-128 with SSCC', raw: ']C100106141412345678908', expect: { gs1: { gtin: null }, elements: [['00', '106141412345678908']] } },
  { name: 'GS1-128 with weight and lot', raw: `]C101${GTIN}3103001250` + `10B7`, expect: { elements: [['01', GTIN], ['3103', '001250'], ['10', 'B7']] } },
  { name: 'DD=00 means the last day of the month', raw: `]d201${GTIN}17280200`, expect: { gs1: { expiry: '2028-02-29' } } },
  { name: 'expiry 49 years ahead stays in this century', raw: `]d201${GTIN}17741231`, expect: { gs1: { expiry: '2074-12-31' } } },
  { name: 'expiry 51 years ahead is last century', raw: `]d201${GTIN}17761231`, expect: { gs1: { expiry: '1976-12-31' } } },
  { name: 'duplicate AI with the same value is accepted once', raw: `]d221SN001${GS}01${GTIN}21SN001`, expect: { elements: [['21', 'SN001'], ['01', GTIN]] } },

  // --- bracketed and Digital Link -------------------------------------------------------------
  { name: 'bracketed', raw: `(01)${GTIN}(17)261231(10)LOT42(21)SN001`, expect: { gs1: { ...DM_FULL, source: 'bracketed' }, text: `(01)${GTIN}(17)261231(10)LOT42(21)SN001` } },
  { name: 'bracketed from a Code 128 label', raw: `]C0(01)${GTIN}(21)SN001`, expect: { symbology: 'Code 128', gs1: { serial: 'SN001', source: 'bracketed' } } },
  { name: 'phone number in brackets is not GS1', raw: '(555) 123-4567', expect: { text: '(555) 123-4567', gs1: null, error: null } },
  { name: 'Digital Link with path and query', raw: 'https://id.gs1.org/01/09506000134352/21/ABC?10=LOT1&17=261231', expect: { gs1: { gtin: '09506000134352', serial: 'ABC', lot: 'LOT1', expiry: '2026-12-31', source: 'digital-link' } } },
  { name: 'Digital Link in a QR code, upper case, short names', raw: ']Q1HTTPS://EXAMPLE.COM/GTIN/09506000134352/SER/XYZ9', expect: { symbology: 'QR Code', gs1: { gtin: '09506000134352', serial: 'XYZ9' } } },
  { name: 'Digital Link percent-decodes the serial', raw: 'https://brand.example/01/09506000134352/21/A%2FB%2B1', expect: { gs1: { serial: 'A/B+1' } } },
  { name: 'ordinary web link is plain text', raw: 'https://example.com/support?id=01', expect: { gs1: null, error: null, text: 'https://example.com/support?id=01' } },

  // --- GS1 errors ---------------------------------------------------------------------------
  { name: 'bad GTIN check digit', raw: `]d20109501101530004${GS}21SN001`, expect: { error: 'GS1_INVALID', gs1: null, gtin14: null, message: "This GS1 code's GTIN 09501101530004 has a wrong check digit (should end in 3) — rescan or scan the serial on its own." } },
  { name: 'bad GTIN check digit after FNC1', raw: `${GS}0109501101530004`, expect: { error: 'GS1_INVALID', message: /should end in 3/ } },
  { name: 'unknown AI', raw: `]d201${GTIN}55ABC`, expect: { error: 'GS1_INVALID', message: 'This GS1 code contains an unknown application identifier (AI) "55".' } },
  { name: 'unknown AI in brackets', raw: `(01)${GTIN}(99X)ABC`, expect: { error: 'GS1_INVALID', message: 'This GS1 code contains an unknown application identifier (AI) "99X".' } },
  { name: 'serial over 20 characters', raw: `]d201${GTIN}21ABCDEFGHIJKLMNOPQRSTUVW`, expect: { error: 'GS1_INVALID', message: 'This GS1 code has a serial (21) of 23 characters; GS1 allows at most 20.' } },
  { name: 'lot over 20 characters', raw: `]d201${GTIN}10${'L'.repeat(25)}`, expect: { error: 'GS1_INVALID', message: /batch\/lot \(10\) of 25 characters/ } },
  { name: 'truncated GTIN', raw: ']C1010950110153', expect: { error: 'GS1_INVALID', message: "This GS1 code's GTIN (01) is cut short: 10 of 14 digits were read — rescan." } },
  { name: 'expiry month 13', raw: `]d201${GTIN}17251301`, expect: { error: 'GS1_INVALID', message: "This GS1 code's expiry date (17) 251301 is not a real date: there is no month 13." } },
  { name: 'expiry 31 April', raw: `]d201${GTIN}17250431`, expect: { error: 'GS1_INVALID', message: /April 2025 has only 30 days/ } },
  { name: 'duplicate AI with different values', raw: `]d221SN001${GS}01${GTIN}21SN002`, expect: { error: 'GS1_INVALID', message: /two different values for its serial \(21\): "SN001" and "SN002"/ } },
  { name: 'serial with a character outside set 82', raw: `]d201${GTIN}21SN@1`, expect: { error: 'GS1_INVALID', message: /serial \(21\) contains "@"/ } },
  { name: 'Digital Link serial with a control character', raw: 'https://id.gs1.org/01/09506000134352/21/A%07B', expect: { error: 'GS1_INVALID', message: /control character \(0x07\)/ } },
  { name: 'GS1 symbology with data that is not GS1', raw: ']d2HELLO', expect: { error: 'GS1_INVALID', message: /unknown application identifier \(AI\) "HE"/ } },

  // --- empty, long, framing, characters -----------------------------------------------------
  { name: 'empty', raw: '', expect: { text: '', error: 'SERIAL_EMPTY', message: 'Nothing was read — scan again.' } },
  { name: 'whitespace only', raw: '  \t \r\n', expect: { error: 'SERIAL_EMPTY' } },
  { name: 'control characters only', raw: `\u0002${GS}\u0003\r\n\u0000`, expect: { error: 'SERIAL_EMPTY', gs1: null } },
  { name: '10,000 characters', raw: 'A'.repeat(10_000), expect: { error: 'SERIAL_FORMAT', text: '', message: 'This scan is 10000 characters long; no barcode here is longer than 4096. Scan again.' } },
  { name: 'exactly 4096 characters is allowed', raw: 'B'.repeat(4096), expect: { error: null, text: 'B'.repeat(4096) } },
  { name: 'CR/LF suffix left by a scanner', raw: 'SN-0001\r\n', expect: { text: 'SN-0001', error: null } },
  { name: 'TAB suffix and STX/ETX framing', raw: '\u0002SN-0001\u0003\t', expect: { text: 'SN-0001' } },
  { name: 'spaces around the data', raw: '  ]C0 SN-0001  ', expect: { text: 'SN-0001', symbology: 'Code 128' } },
  { name: 'control characters inside are stripped', raw: 'SN\u0000-00\u007f01\u0085', expect: { text: 'SN-0001' } },
  { name: 'emoji pass through', raw: ']Q1📦SN-🔋-42', expect: { text: '📦SN-🔋-42', gs1: null, error: null } },
  { name: 'non-ASCII passes through', raw: 'Müller-Größe-Ω-序列号', expect: { text: 'Müller-Größe-Ω-序列号', error: null } },

  // --- plain GTINs --------------------------------------------------------------------------
  { name: 'plain UPC-A', raw: '036000291452', expect: { gtin14: '00036000291452', gs1: null } },
  { name: 'plain EAN-13', raw: '4006381333931', expect: { gtin14: '04006381333931' } },
  { name: 'plain EAN-8', raw: '96385074', expect: { gtin14: '00000096385074' } },
  { name: 'plain GTIN-14', raw: '10614141000415\r', expect: { gtin14: '10614141000415' } },
  { name: 'plain UPC-A with a wrong check digit', raw: '036000291453', expect: { gtin14: null, error: null, text: '036000291453' } },
  { name: 'plain EAN-13 with a wrong check digit', raw: '4006381333932', expect: { gtin14: null } },
  { name: '11 digits is not a GTIN', raw: '03600029145', expect: { gtin14: null } },
  { name: '8 digits without an AIM prefix is read as EAN-8, not UPC-E', raw: '04252614', expect: { gtin14: null } },
];

function check(scan: ParsedScan, v: Vector['expect']): void {
  if (v.text !== undefined) expect(scan.text).toBe(v.text);
  if (v.symbology !== undefined) expect(scan.symbology?.name ?? null).toBe(v.symbology);
  if (v.aim !== undefined) expect(scan.symbology?.aim).toBe(v.aim);
  if (v.symbologyGs1 !== undefined) expect(scan.symbology?.gs1).toBe(v.symbologyGs1);
  if (v.gs1 === null) expect(scan.gs1).toBeNull();
  else if (v.gs1 !== undefined) expect(scan.gs1).toMatchObject(v.gs1);
  if (v.elements !== undefined) expect(scan.gs1?.elements.map((e) => [e.ai, e.value])).toEqual(v.elements);
  if (v.gtin14 !== undefined) expect(scan.gtin14).toBe(v.gtin14);
  if (v.error === null) expect(scan.error).toBeNull();
  else if (v.error !== undefined) expect(scan.error?.code).toBe(v.error);
  if (typeof v.message === 'string') expect(scan.error?.message).toBe(v.message);
  else if (v.message !== undefined) expect(scan.error?.message).toMatch(v.message);
}

describe('parseScan vectors', () => {
  it('has a thorough table', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(60);
    expect(new Set(vectors.map((v) => v.name)).size).toBe(vectors.length);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const scan = parseScan(v.raw, { now });
    expect(scan.raw).toBe(v.raw);
    check(scan, v.expect);
  });
});

describe('parseScan', () => {
  it('gives element labels a packer can read', () => {
    const scan = parseScan(`]d201${GTIN}17261231` + `10LOT42${GS}21SN001`, { now });
    expect(scan.gs1?.elements.map((e) => e.label)).toEqual(['GTIN', 'Expiry date', 'Batch/lot', 'Serial']);
  });

  it('honours a smaller maximum length', () => {
    expect(parseScan('ABCDEFGHIJK', { maxLength: 10 }).error).toEqual({
      code: 'SERIAL_FORMAT',
      message: 'This scan is 11 characters long; no barcode here is longer than 10. Scan again.',
    });
    expect(parseScan('ABCDEFGHIJ', { maxLength: 10 }).error).toBeNull();
  });

  it('reads two-digit years against the date it is given', () => {
    const raw = `]d201${GTIN}17761231`;
    expect(parseScan(raw, { now: new Date(2025, 0, 1) }).gs1?.expiry).toBe('1976-12-31');
    expect(parseScan(raw, { now: new Date(2030, 0, 1) }).gs1?.expiry).toBe('2076-12-31');
  });

  it('keeps the symbology and text of a refused GS1 scan so the screen can show them', () => {
    const scan = parseScan(`]d201${GTIN}21${'X'.repeat(23)}`, { now });
    expect(scan.symbology).toEqual({ aim: ']d2', name: 'GS1 DataMatrix', gs1: true });
    expect(scan.text).toBe(`01${GTIN}21${'X'.repeat(23)}`);
    expect(scan.gs1).toBeNull();
  });

  it('answers a long scan quickly', () => {
    const raw = `]d201${GTIN}${Array.from({ length: 40 }, () => `91${'7'.repeat(80)}`).join(GS)}`;
    const started = performance.now();
    for (let i = 0; i < 100; i++) parseScan(raw, { now });
    expect((performance.now() - started) / 100).toBeLessThan(5);
    expect(parseScan(raw, { now }).gs1?.elements).toHaveLength(2);
  });
});
