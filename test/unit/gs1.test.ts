import { describe, expect, it } from 'vitest';
import {
  GS,
  aiDefinition,
  formatBracketed,
  formatElementString,
  gs1Date,
  gs1Year,
  gtinCheckDigit,
  parseBracketed,
  parseDigitalLink,
  parseElementString,
  parseScan,
  type Gs1Result,
} from '../../src/shared/scan';

const now = new Date(2025, 5, 15);
const GTIN = '09501101530003';

function ok(result: Gs1Result | null) {
  if (result === null) throw new Error('expected GS1 data, got no GS1 link');
  if (!result.ok) throw new Error(`expected GS1 data, got: ${result.message}`);
  return result.data;
}

function fail(result: Gs1Result | null): string {
  if (result === null) throw new Error('expected a GS1 error, got no GS1 link');
  if (result.ok) throw new Error(`expected a GS1 error, got ${JSON.stringify(result.data.elements)}`);
  return result.message;
}

const pairs = (result: Gs1Result | null) => ok(result).elements.map((e) => [e.ai, e.value]);

describe('AI table', () => {
  // prettier-ignore
  const required = [
    '00', '01', '02', '10', '11', '12', '13', '15', '16', '17', '20', '21', '22', '235', '240', '241',
    '250', '251', '253', '254', '30', '37', '400', '401', '402', '403', '410', '411', '412', '413', '414',
    '415', '416', '417', '420', '421', '422', '423', '424', '7003', '8003', '8004', '8005', '8006',
    '8020', '90', '91', '92', '93', '94', '95', '96', '97', '98', '99',
  ];

  it.each(required)('defines AI %s', (ai) => {
    expect(aiDefinition(ai)?.ai).toBe(ai);
    expect(aiDefinition(ai)?.label).not.toBe('');
  });

  it('defines the measure AIs 310n to 369n and the amount AIs 390n to 395n', () => {
    for (const prefix of ['310', '316', '320', '329', '330', '337', '340', '349', '350', '357', '360', '369']) {
      for (let n = 0; n <= 5; n++) expect(aiDefinition(`${prefix}${n}`), `${prefix}${n}`).toBeDefined();
    }
    for (const ai of ['3900', '3909', '3910', '3920', '3930', '3940', '3943', '3950', '3955']) {
      expect(aiDefinition(ai), ai).toBeDefined();
    }
    expect(aiDefinition('3106')).toBeUndefined();
    expect(aiDefinition('3944')).toBeUndefined();
  });

  it('marks the predefined-length AIs and only those', () => {
    for (const ai of ['00', '01', '02', '11', '13', '17', '20', '3103', '3695', '410', '417']) {
      expect(aiDefinition(ai)?.predefined, ai).toBe(true);
    }
    for (const ai of ['10', '21', '22', '235', '30', '37', '400', '420', '422', '7003', '8006', '8005', '90', '99']) {
      expect(aiDefinition(ai)?.predefined, ai).toBe(false);
    }
  });

  it('knows the lengths of the identifiers a desk relies on', () => {
    expect(aiDefinition('01')).toMatchObject({ minLength: 14, maxLength: 14, fixedLength: true });
    expect(aiDefinition('00')).toMatchObject({ minLength: 18, maxLength: 18, fixedLength: true });
    expect(aiDefinition('21')).toMatchObject({ minLength: 1, maxLength: 20, fixedLength: false });
    expect(aiDefinition('10')).toMatchObject({ maxLength: 20, fixedLength: false });
    expect(aiDefinition('253')).toMatchObject({ minLength: 13, maxLength: 30, fixedLength: false });
    expect(aiDefinition('8006')).toMatchObject({ minLength: 18, maxLength: 18, fixedLength: true });
    expect(aiDefinition('91')).toMatchObject({ maxLength: 90 });
  });
});

describe('GS1 dates', () => {
  it.each([
    [2025, 25, 2025],
    [2025, 0, 2000],
    [2025, 75, 2075], // 50 years ahead is still this century
    [2025, 76, 1976], // 51 years ahead is the previous century
    [2025, 99, 1999],
    [2090, 41, 2041],
    [2090, 40, 2140], // 50 years back is the next century
    [1999, 49, 2049],
    [1999, 50, 1950],
  ])('in %i reads YY=%i as %i (GS1 century rule)', (year, yy, expected) => {
    expect(gs1Year(yy, new Date(year, 0, 1))).toBe(expected);
  });

  it.each([
    ['261231', '2026-12-31'],
    ['240229', '2024-02-29'],
    ['240200', '2024-02-29'], // DD=00: last day of a leap February
    ['250200', '2025-02-28'],
    ['250400', '2025-04-30'],
    ['251200', '2025-12-31'],
    ['991231', '1999-12-31'],
  ])('reads %s as %s', (yymmdd, iso) => {
    expect(gs1Date(yymmdd, now, true)).toEqual({ iso });
  });

  it.each([
    ['251301', /no month 13/],
    ['250001', /no month 00/],
    ['250229', /February 2025 has only 28 days/],
    ['250431', /April 2025 has only 30 days/],
    ['25123', /six digits/],
  ])('refuses %s', (yymmdd, problem) => {
    const date = gs1Date(yymmdd, now, true);
    expect('problem' in date && date.problem).toMatch(problem);
  });

  it('refuses day 00 where the AI needs a full date', () => {
    expect(gs1Date('250600', now, false)).toEqual({ problem: 'day 00 is not allowed here' });
    expect(fail(parseElementString('7006250600', { now }))).toMatch(
      /first freeze date \(7006\) 250600 is not a real date/,
    );
  });
});

describe('parseElementString', () => {
  it('reads fixed-length values by length and variable ones up to GS', () => {
    const data = parseElementString(`01${GTIN}17261231` + `10LOT42${GS}21SN001`, { now });
    expect(pairs(data)).toEqual([
      ['01', GTIN],
      ['17', '261231'],
      ['10', 'LOT42'],
      ['21', 'SN001'],
    ]);
    expect(ok(data)).toMatchObject({ gtin: GTIN, serial: 'SN001', lot: 'LOT42', expiry: '2026-12-31' });
  });

  it('accepts a GS after fixed-length values, doubled and trailing', () => {
    const data = parseElementString(`01${GTIN}${GS}${GS}17261231${GS}21SN001${GS}`, { now });
    expect(pairs(data)).toEqual([
      ['01', GTIN],
      ['17', '261231'],
      ['21', 'SN001'],
    ]);
  });

  it('reads fixed-length AIs outside the predefined list by length too', () => {
    const itip = '0950110153000301' + '02';
    expect(pairs(parseElementString(`8006${itip}21X`, { now }))).toEqual([
      ['8006', itip],
      ['21', 'X'],
    ]);
  });

  it('reads weights, amounts and multi-part values', () => {
    const gdti = '4012345000009' + 'DOC-7';
    expect(
      pairs(parseElementString(`01${GTIN}3103001250${GS}3922799${GS}253${gdti}${GS}421528D-40549`, { now })),
    ).toEqual([
      ['01', GTIN],
      ['3103', '001250'],
      ['3922', '799'],
      ['253', gdti],
      ['421', '528D-40549'],
    ]);
  });

  it('checks the check digit of an SSCC, a GLN and a GDTI', () => {
    expect(ok(parseElementString('00106141412345678908', { now })).elements[0]?.label).toBe('SSCC');
    expect(fail(parseElementString('00106141412345678907', { now }))).toContain(
      'SSCC 106141412345678907 has a wrong check digit (should end in 8)',
    );
    expect(fail(parseElementString('4140614141000006', { now }))).toContain('should end in 5');
    expect(fail(parseElementString('2534012345000008ABC', { now }))).toContain(
      'GDTI 4012345000008 has a wrong check digit',
    );
  });

  it('names an unknown AI with as many digits as AIs starting that way have', () => {
    expect(fail(parseElementString('55ABC', { now }))).toBe(
      'This GS1 code contains an unknown application identifier (AI) "55".',
    );
    expect(fail(parseElementString('2391234', { now }))).toContain('"239"');
    expect(fail(parseElementString(`01${GTIN}7099ABC`, { now }))).toContain('"7099"');
    expect(fail(parseElementString(`01${GTIN}1`, { now }))).toBe(
      'This GS1 code ends with a stray "1" after its last value — rescan.',
    );
  });

  it('refuses digits-only AIs that contain other characters', () => {
    expect(fail(parseElementString(`01${GTIN}3012A`, { now }))).toBe(
      'This GS1 code\'s variable count (30) must be digits only, but contains "A".',
    );
  });

  it('refuses characters outside GS1 character set 82 in a serial and a lot', () => {
    expect(fail(parseElementString(`01${GTIN}21AB#1`, { now }))).toBe(
      'This GS1 code\'s serial (21) contains "#", which GS1 does not allow there.',
    );
    expect(fail(parseElementString(`01${GTIN}10LOT 1`, { now }))).toContain('batch/lot (10) contains a space');
    expect(fail(parseElementString(`01${GTIN}21SN\u00e91`, { now }))).toContain('contains "é"');
    expect(fail(parseElementString(`01${GTIN}21SN\u00071`, { now }))).toContain('a control character (0x07)');
  });

  it('accepts every character of set 82 in a serial', () => {
    const set82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
    expect(set82).toHaveLength(82);
    for (let i = 0; i < set82.length; i += 20) {
      const serial = set82.slice(i, i + 20);
      expect(ok(parseElementString(`01${GTIN}21${serial}`, { now })).serial).toBe(serial);
    }
  });

  it('refuses an empty variable value and a lot over 20 characters', () => {
    expect(fail(parseElementString(`01${GTIN}10${GS}21SN1`, { now }))).toBe(
      'This GS1 code has an empty batch/lot (10).',
    );
    expect(fail(parseElementString(`10${'L'.repeat(21)}`, { now }))).toBe(
      'This GS1 code has a batch/lot (10) of 21 characters; GS1 allows at most 20.',
    );
  });

  it('refuses a value cut short by the end of the data or by a GS', () => {
    expect(fail(parseElementString('010950110153', { now }))).toBe(
      "This GS1 code's GTIN (01) is cut short: 10 of 14 digits were read — rescan.",
    );
    expect(fail(parseElementString(`01${GTIN}1726${GS}21X`, { now }))).toContain(
      'expiry date (17) is cut short: 2 of 6',
    );
  });

  it('checks times of day and hours', () => {
    expect(ok(parseElementString(`01${GTIN}70032612312359`, { now })).elements[1]?.value).toBe('2612312359');
    expect(fail(parseElementString(`01${GTIN}70032612312460`, { now }))).toContain('not a time of day');
    expect(fail(parseElementString(`01${GTIN}800826123124`, { now }))).toContain('hour 24');
  });

  it('accepts a repeated AI with the same value once and refuses one with another value', () => {
    expect(pairs(parseElementString(`01${GTIN}21A${GS}01${GTIN}`, { now }))).toEqual([
      ['01', GTIN],
      ['21', 'A'],
    ]);
    expect(fail(parseElementString(`21A${GS}21B`, { now }))).toBe(
      'This GS1 code has two different values for its serial (21): "A" and "B" — rescan or scan the serial on its own.',
    );
  });

  it('refuses data with no element at all', () => {
    expect(fail(parseElementString(`${GS}${GS}`, { now }))).toBe('This GS1 code contains no data.');
  });
});

describe('parseBracketed', () => {
  it('reads the human-readable form, with or without spaces', () => {
    expect(pairs(parseBracketed(`(01)${GTIN}(17)261231(10)LOT42(21)SN001`, { now }))).toEqual([
      ['01', GTIN],
      ['17', '261231'],
      ['10', 'LOT42'],
      ['21', 'SN001'],
    ]);
    expect(ok(parseBracketed(`(01) ${GTIN} (21) SN001`, { now }))).toMatchObject({ gtin: GTIN, serial: 'SN001' });
  });

  it('keeps escaped and non-AI parentheses inside a value', () => {
    expect(ok(parseBracketed(`(01)${GTIN}(21)A\\(12)B`, { now })).serial).toBe('A(12)B');
    expect(ok(parseBracketed(`(01)${GTIN}(10)L(1)`, { now })).lot).toBe('L(1)');
  });

  it('names an unknown AI in brackets', () => {
    expect(fail(parseBracketed(`(01)${GTIN}(99X)AB`, { now }))).toBe(
      'This GS1 code contains an unknown application identifier (AI) "99X".',
    );
  });

  it('refuses a GTIN of the wrong length', () => {
    expect(fail(parseBracketed('(01)950110153000', { now }))).toBe(
      "This GS1 code's GTIN (01) has 12 digits; it must have exactly 14.",
    );
  });
});

describe('parseDigitalLink', () => {
  it('reads AIs from the path and the query string', () => {
    const data = ok(parseDigitalLink('https://id.gs1.org/01/09506000134352/21/ABC?10=LOT1&17=261231', { now }));
    expect(data).toMatchObject({ gtin: '09506000134352', serial: 'ABC', lot: 'LOT1', expiry: '2026-12-31' });
    expect(data.source).toBe('digital-link');
  });

  it('accepts any host, a path prefix, short names and a trailing slash', () => {
    const data = ok(
      parseDigitalLink('https://brand.example/p/en/gtin/09506000134352/lot/L7/ser/S-9/?exp=270600', { now }),
    );
    expect(data).toMatchObject({ gtin: '09506000134352', lot: 'L7', serial: 'S-9', expiry: '2027-06-30' });
  });

  it('pads a GTIN-13 in the path to 14 digits', () => {
    expect(ok(parseDigitalLink('http://example.com/01/9506000134352', { now })).gtin).toBe('09506000134352');
  });

  it('percent-decodes values and ignores non-AI parameters and the fragment', () => {
    const data = ok(
      parseDigitalLink('https://x.example/01/09506000134352/21/A%2FB%21?linkType=gs1:pip&utm_source=qr#top', { now }),
    );
    expect(data.serial).toBe('A/B!');
    expect(data.elements.map((e) => e.ai)).toEqual(['01', '21']);
  });

  it('is not a Digital Link when no GS1 key is in the path', () => {
    expect(parseDigitalLink('https://example.com/manual.pdf', { now })).toBeNull();
    expect(parseDigitalLink('https://example.com/?01=09506000134352', { now })).toBeNull();
    expect(parseDigitalLink('https://example.com/01/09506000134352/21', { now })).toBeNull();
    expect(parseDigitalLink('ftp://example.com/01/09506000134352', { now })).toBeNull();
  });

  it('refuses a broken percent-escape, a space and a bad check digit', () => {
    expect(fail(parseDigitalLink('https://id.gs1.org/01/09506000134352/21/A%E0%A4', { now }))).toContain(
      'broken %-escape',
    );
    expect(fail(parseDigitalLink('https://id.gs1.org/01/09506000134352/21/A%20B', { now }))).toContain(
      'contains a space',
    );
    expect(fail(parseDigitalLink('https://id.gs1.org/01/09506000134353', { now }))).toContain('should end in 2');
  });
});

describe('formatElementString and formatBracketed', () => {
  const elements = [
    { ai: '01', value: GTIN },
    { ai: '10', value: 'LOT42' },
    { ai: '17', value: '261231' },
    { ai: '21', value: 'SN(1)' },
  ];

  it('puts a GS after variable-length values only, never at the end', () => {
    expect(formatElementString(elements)).toBe(`01${GTIN}10LOT42${GS}17261231` + '21SN(1)');
  });

  it('round-trips through both parsers', () => {
    expect(pairs(parseElementString(formatElementString(elements), { now }))).toEqual(
      elements.map((e) => [e.ai, e.value]),
    );
    expect(pairs(parseBracketed(formatBracketed(elements), { now }))).toEqual(elements.map((e) => [e.ai, e.value]));
  });
});

// ---------------------------------------------------------------------------------------------
// Property-style checks with a seeded generator, so a failure reproduces

function generator(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  return { next, int, pick };
}

const SET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;

describe('GS1 properties', () => {
  const rnd = generator(20250615);

  const randomGtin = () => {
    const body = Array.from({ length: 13 }, () => rnd.int(0, 9)).join('');
    return body + gtinCheckDigit(body);
  };
  const randomText = (max: number) =>
    Array.from({ length: rnd.int(1, max) }, () => SET82.charAt(rnd.int(0, SET82.length - 1))).join('');
  const randomDate = () => {
    const year = rnd.int(2000, 2075);
    const month = rnd.int(1, 12);
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const day = rnd.int(0, days);
    const yymmdd = [year % 100, month, day].map((n) => String(n).padStart(2, '0')).join('');
    const iso = `${year}-${String(month).padStart(2, '0')}-${String(day === 0 ? days : day).padStart(2, '0')}`;
    return { yymmdd, iso };
  };
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = rnd.int(0, i);
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  };

  it('reads back GTIN, serial, lot and expiry from 500 element strings in any order and framing', () => {
    for (let run = 0; run < 500; run++) {
      const gtin = randomGtin();
      const serial = randomText(20);
      const lot = randomText(20);
      const expiry = randomDate();
      const parts = shuffle([
        { ai: '01', value: gtin, fixed: true },
        { ai: '17', value: expiry.yymmdd, fixed: true },
        { ai: '10', value: lot, fixed: false },
        { ai: '21', value: serial, fixed: false },
      ]);
      const body = parts
        .map((p, i) => `${p.ai}${p.value}${i < parts.length - 1 && (!p.fixed || rnd.next() < 0.5) ? GS : ''}`)
        .join('');
      const raw = rnd.pick([']d2', ']C1', ']Q3', ']J1', GS]) + body + rnd.pick(['', '\r\n', '\r', '\n', '\t']);
      const scan = parseScan(raw, { now });
      const context = JSON.stringify(raw);
      expect(scan.error, context).toBeNull();
      expect(scan.gs1, context).toMatchObject({ gtin, serial, lot, expiry: expiry.iso, source: 'element-string' });
      expect(scan.text, context).toBe(body.split(GS).join(''));
    }
  });

  it('reads back the same data from bracketed text and Digital Links', () => {
    for (let run = 0; run < 200; run++) {
      const gtin = randomGtin();
      const serial = randomText(20);
      const lot = randomText(20);
      const bracketed = parseScan(
        formatBracketed([
          { ai: '01', value: gtin },
          { ai: '10', value: lot },
          { ai: '21', value: serial },
        ]),
        { now },
      );
      expect(bracketed.gs1, `${serial} / ${lot}`).toMatchObject({ gtin, serial, lot, source: 'bracketed' });
      const link = `https://id.example/01/${gtin}/10/${encodeURIComponent(lot)}/21/${encodeURIComponent(serial)}`;
      expect(parseScan(link, { now }).gs1, link).toMatchObject({ gtin, serial, lot, source: 'digital-link' });
    }
  });

  it('refuses every GTIN with one digit misread', () => {
    for (let run = 0; run < 200; run++) {
      const gtin = randomGtin();
      const at = rnd.int(0, 13);
      const wrong = String((Number(gtin[at]) + rnd.int(1, 9)) % 10);
      const misread = gtin.slice(0, at) + wrong + gtin.slice(at + 1);
      const scan = parseScan(`]d201${misread}21SN1`, { now });
      expect(scan.error?.code, misread).toBe('GS1_INVALID');
      expect(scan.error?.message).toContain('wrong check digit');
    }
  });

  it('never throws and always explains a refusal, whatever the bytes', () => {
    const alphabet = `0123456789()${GS}]dCQ1:/?=&%#ABC \r\n\u0000😀é`;
    for (let run = 0; run < 1000; run++) {
      const raw = Array.from({ length: rnd.int(0, 60) }, () => rnd.pick([...alphabet])).join('');
      const scan = parseScan(raw, { now });
      expect(scan.raw).toBe(raw);
      if (scan.error) expect(scan.error.message.length, JSON.stringify(raw)).toBeGreaterThan(10);
      else expect(scan.text).not.toBe('');
      // eslint-disable-next-line no-control-regex
      expect(scan.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
  });
});
