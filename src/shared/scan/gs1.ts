/**
 * GS1 Application Identifier data: the AI table (GS1 General Specifications §3), the three
 * ways a scan can carry it (element string with FNC1/GS separators, bracketed human-readable
 * text, GS1 Digital Link URI) and the checks a receiving or shipping desk relies on.
 * Pure: runs in main and in the renderer.
 */

import { gtinCheckDigit, hasValidCheckDigit, toGtin14 } from './gtin';

/** FNC1 as transmitted by a scanner: the ASCII group separator. */
export const GS = '\u001d';

export interface Gs1Element {
  readonly ai: string;
  readonly value: string;
  readonly label: string;
}

export interface Gs1Data {
  readonly elements: readonly Gs1Element[];
  /** (01) as 14 digits, check digit verified. */
  readonly gtin: string | null;
  /** (21) */
  readonly serial: string | null;
  /** (10) */
  readonly lot: string | null;
  /** (17) as an ISO date YYYY-MM-DD; a day of 00 means the last day of that month. */
  readonly expiry: string | null;
  readonly source: 'element-string' | 'bracketed' | 'digital-link';
}

export type Gs1Result =
  { readonly ok: true; readonly data: Gs1Data } | { readonly ok: false; readonly message: string };

export interface Gs1Options {
  /** The date the GS1 century rule counts from (two-digit years); defaults to today. */
  readonly now?: Date;
}

// ---------------------------------------------------------------------------------------------
// AI table

type CharKind = 'N' | 'X' | 'Y' | 'Z';
type Check = 'csum' | 'yymmd0' | 'yymmdd' | 'yymmddhh' | 'hhmm' | 'zero';

interface Component {
  readonly kind: CharKind;
  readonly min: number;
  readonly max: number;
  readonly optional: boolean;
  readonly checks: readonly Check[];
}

export interface AiDefinition {
  readonly ai: string;
  readonly label: string;
  readonly components: readonly Component[];
  readonly minLength: number;
  readonly maxLength: number;
  /** Every component has a fixed length, so the value is read by length, not up to a GS. */
  readonly fixedLength: boolean;
  /** The spec's predefined-length AIs, which never need a GS after them when encoding. */
  readonly predefined: boolean;
}

/** First two digits of the AIs whose length is predefined (GS1 General Specifications Figure 7.8.5-2). */
// prettier-ignore
const PREDEFINED_PREFIXES: ReadonlySet<string> = new Set([
  '00', '01', '02', '03', '04', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20',
  '31', '32', '33', '34', '35', '36', '41',
]);

/** Component syntax: `N14,csum`, `X..20`, `[X..17]` (optional), checks after commas. */
function parseSpec(spec: string): Component[] {
  return spec.split(' ').map((token) => {
    const optional = token.startsWith('[');
    const [format = '', ...checks] = token.replace(/^\[|\]$/g, '').split(',');
    const match = /^([NXYZ])(\.\.)?(\d+)$/.exec(format);
    if (match === null) throw new Error(`Bad AI component "${token}"`);
    const max = Number(match[3]);
    return {
      kind: match[1] as CharKind,
      min: match[2] ? 1 : max,
      max,
      optional,
      checks: checks as Check[],
    };
  });
}

function define(ai: string, spec: string, label: string): AiDefinition {
  const components = parseSpec(spec);
  return {
    ai,
    label,
    components,
    minLength: components.filter((c) => !c.optional).reduce((sum, c) => sum + c.min, 0),
    maxLength: components.reduce((sum, c) => sum + c.max, 0),
    fixedLength: components.every((c) => c.min === c.max && !c.optional),
    predefined: PREDEFINED_PREFIXES.has(ai.slice(0, 2)),
  };
}

/** One definition per AI in `first`..`last` (same length, numeric). */
function range(first: string, last: string, spec: string, label: string): AiDefinition[] {
  const out: AiDefinition[] = [];
  for (let n = Number(first); n <= Number(last); n++) {
    out.push(define(String(n).padStart(first.length, '0'), spec, label));
  }
  return out;
}

// prettier-ignore
const MEASURES: ReadonlyArray<readonly [string, string]> = [
  ['310', 'Net weight (kg)'], ['311', 'Length (m)'], ['312', 'Width (m)'], ['313', 'Height (m)'],
  ['314', 'Area (m²)'], ['315', 'Net volume (l)'], ['316', 'Net volume (m³)'], ['320', 'Net weight (lb)'],
  ['321', 'Length (in)'], ['322', 'Length (ft)'], ['323', 'Length (yd)'], ['324', 'Width (in)'],
  ['325', 'Width (ft)'], ['326', 'Width (yd)'], ['327', 'Height (in)'], ['328', 'Height (ft)'],
  ['329', 'Height (yd)'], ['330', 'Gross weight (kg)'], ['331', 'Logistic length (m)'],
  ['332', 'Logistic width (m)'], ['333', 'Logistic height (m)'], ['334', 'Logistic area (m²)'],
  ['335', 'Logistic volume (l)'], ['336', 'Logistic volume (m³)'], ['337', 'Kilograms per m²'],
  ['340', 'Gross weight (lb)'], ['341', 'Logistic length (in)'], ['342', 'Logistic length (ft)'],
  ['343', 'Logistic length (yd)'], ['344', 'Logistic width (in)'], ['345', 'Logistic width (ft)'],
  ['346', 'Logistic width (yd)'], ['347', 'Logistic height (in)'], ['348', 'Logistic height (ft)'],
  ['349', 'Logistic height (yd)'], ['350', 'Area (in²)'], ['351', 'Area (ft²)'], ['352', 'Area (yd²)'],
  ['353', 'Logistic area (in²)'], ['354', 'Logistic area (ft²)'], ['355', 'Logistic area (yd²)'],
  ['356', 'Net weight (troy oz)'], ['357', 'Net volume (oz)'], ['360', 'Net volume (qt)'],
  ['361', 'Net volume (gal)'], ['362', 'Logistic volume (qt)'], ['363', 'Logistic volume (gal)'],
  ['364', 'Volume (in³)'], ['365', 'Volume (ft³)'], ['366', 'Volume (yd³)'], ['367', 'Logistic volume (in³)'],
  ['368', 'Logistic volume (ft³)'], ['369', 'Logistic volume (yd³)'],
];

const DEFINITIONS: readonly AiDefinition[] = [
  define('00', 'N18,csum', 'SSCC'),
  define('01', 'N14,csum', 'GTIN'),
  define('02', 'N14,csum', 'GTIN of contained items'),
  define('10', 'X..20', 'Batch/lot'),
  define('11', 'N6,yymmd0', 'Production date'),
  define('12', 'N6,yymmd0', 'Due date'),
  define('13', 'N6,yymmd0', 'Packaging date'),
  define('15', 'N6,yymmd0', 'Best before date'),
  define('16', 'N6,yymmd0', 'Sell by date'),
  define('17', 'N6,yymmd0', 'Expiry date'),
  define('20', 'N2', 'Variant'),
  define('21', 'X..20', 'Serial'),
  define('22', 'X..20', 'Consumer product variant'),
  define('235', 'X..28', 'Third-party serial extension'),
  define('240', 'X..30', 'Additional product ID'),
  define('241', 'X..30', 'Customer part number'),
  define('242', 'N..6', 'Made-to-order variant'),
  define('243', 'X..20', 'Packaging component number'),
  define('250', 'X..30', 'Secondary serial'),
  define('251', 'X..30', 'Reference to source'),
  define('253', 'N13,csum [X..17]', 'GDTI'),
  define('254', 'X..20', 'GLN extension'),
  define('255', 'N13,csum [N..12]', 'GCN'),
  define('30', 'N..8', 'Variable count'),
  ...MEASURES.flatMap(([prefix, label]) => range(`${prefix}0`, `${prefix}5`, 'N6', label)),
  define('37', 'N..8', 'Count of trade items'),
  ...range('3900', '3909', 'N..15', 'Amount payable'),
  ...range('3910', '3919', 'N3 N..15', 'Amount payable with currency'),
  ...range('3920', '3929', 'N..15', 'Price'),
  ...range('3930', '3939', 'N3 N..15', 'Price with currency'),
  ...range('3940', '3943', 'N4', 'Percentage discount'),
  ...range('3950', '3955', 'N6', 'Price per unit of measure'),
  define('400', 'X..30', 'Customer order number'),
  define('401', 'X..30', 'Consignment number (GINC)'),
  define('402', 'N17,csum', 'Shipment ID (GSIN)'),
  define('403', 'X..30', 'Routing code'),
  define('410', 'N13,csum', 'Ship-to GLN'),
  define('411', 'N13,csum', 'Bill-to GLN'),
  define('412', 'N13,csum', 'Purchased-from GLN'),
  define('413', 'N13,csum', 'Ship-for GLN'),
  define('414', 'N13,csum', 'Location GLN'),
  define('415', 'N13,csum', 'Invoicing party GLN'),
  define('416', 'N13,csum', 'Production location GLN'),
  define('417', 'N13,csum', 'Party GLN'),
  define('420', 'X..20', 'Ship-to postal code'),
  define('421', 'N3 X..9', 'Ship-to postal code with country'),
  define('422', 'N3', 'Country of origin'),
  define('423', 'N..15', 'Country of initial processing'),
  define('424', 'N3', 'Country of processing'),
  define('425', 'N..15', 'Country of disassembly'),
  define('426', 'N3', 'Country of full processing'),
  define('427', 'X..3', 'Country subdivision of origin'),
  define('4300', 'X..35', 'Ship-to company'),
  define('4301', 'X..35', 'Ship-to contact'),
  define('4302', 'X..70', 'Ship-to address line 1'),
  define('4303', 'X..70', 'Ship-to address line 2'),
  define('4304', 'X..70', 'Ship-to suburb'),
  define('4305', 'X..70', 'Ship-to locality'),
  define('4306', 'X..70', 'Ship-to region'),
  define('4307', 'X2', 'Ship-to country'),
  define('4308', 'X..30', 'Ship-to phone'),
  define('4309', 'N20', 'Ship-to geolocation'),
  define('4310', 'X..35', 'Return-to company'),
  define('4311', 'X..35', 'Return-to contact'),
  define('4312', 'X..70', 'Return-to address line 1'),
  define('4313', 'X..70', 'Return-to address line 2'),
  define('4314', 'X..70', 'Return-to suburb'),
  define('4315', 'X..70', 'Return-to locality'),
  define('4316', 'X..70', 'Return-to region'),
  define('4317', 'X2', 'Return-to country'),
  define('4318', 'X..20', 'Return-to postal code'),
  define('4319', 'X..30', 'Return-to phone'),
  define('4320', 'X..35', 'Service code description'),
  define('4321', 'N1', 'Dangerous goods flag'),
  define('4322', 'N1', 'Authority to leave flag'),
  define('4323', 'N1', 'Signature required flag'),
  define('4324', 'N6,yymmd0 N4,hhmm', 'Not-before delivery time'),
  define('4325', 'N6,yymmd0 N4,hhmm', 'Not-after delivery time'),
  define('4326', 'N6,yymmdd', 'Release date'),
  define('4330', 'N6 [X1]', 'Maximum temperature (°F)'),
  define('4331', 'N6 [X1]', 'Maximum temperature (°C)'),
  define('4332', 'N6 [X1]', 'Minimum temperature (°F)'),
  define('4333', 'N6 [X1]', 'Minimum temperature (°C)'),
  define('7001', 'N13', 'NATO stock number'),
  define('7002', 'X..30', 'Meat cut classification'),
  define('7003', 'N6,yymmdd N4,hhmm', 'Expiry date and time'),
  define('7004', 'N..4', 'Active potency'),
  define('7005', 'X..12', 'Catch area'),
  define('7006', 'N6,yymmdd', 'First freeze date'),
  define('7007', 'N6,yymmdd [N6,yymmdd]', 'Harvest date'),
  define('7008', 'X..3', 'Aquatic species'),
  define('7009', 'X..10', 'Fishing gear type'),
  define('7010', 'X..2', 'Production method'),
  define('7011', 'N6,yymmdd [N4,hhmm]', 'Test by date'),
  define('7020', 'X..20', 'Refurbishment lot'),
  define('7021', 'X..20', 'Functional status'),
  define('7022', 'X..20', 'Revision status'),
  define('7023', 'X..30', 'GIAI of an assembly'),
  ...range('7030', '7039', 'N3 X..27', 'Processor approval number'),
  define('7040', 'N1 X1 X1 X1', 'Traceability unit identification code'),
  ...range('710', '716', 'X..20', 'National healthcare reimbursement number'),
  ...range('7230', '7239', 'X2 X..28', 'Certification reference'),
  define('7240', 'X..20', 'Protocol ID'),
  define('7241', 'N2', 'AIDC media type'),
  define('7242', 'X..25', 'Version control number'),
  define('8001', 'N14', 'Roll dimensions'),
  define('8002', 'X..20', 'Mobile phone identifier'),
  define('8003', 'N1,zero N13,csum [X..16]', 'GRAI'),
  define('8004', 'X..30', 'GIAI'),
  define('8005', 'N6', 'Price per unit'),
  define('8006', 'N14,csum N2 N2', 'ITIP'),
  define('8007', 'X..34', 'IBAN'),
  define('8008', 'N8,yymmddhh [N..4]', 'Production date and time'),
  define('8009', 'X..50', 'Optical sensor indicator'),
  define('8010', 'Y..30', 'Component/part ID'),
  define('8011', 'N..12', 'Component/part serial'),
  define('8012', 'X..20', 'Software version'),
  define('8013', 'X..25', 'Global model number'),
  define('8017', 'N18,csum', 'GSRN of a provider'),
  define('8018', 'N18,csum', 'GSRN of a recipient'),
  define('8019', 'N..10', 'Service relation instance'),
  define('8020', 'X..25', 'Payment slip reference'),
  define('8026', 'N14,csum N2 N2', 'ITIP of contained items'),
  define('8030', 'Z..90', 'Digital signature'),
  define('8110', 'X..70', 'Coupon code'),
  define('8111', 'N4', 'Loyalty points'),
  define('8112', 'X..70', 'Paperless coupon code'),
  define('8200', 'X..70', 'Extended packaging URL'),
  define('90', 'X..30', 'Internal (agreed between partners)'),
  ...range('91', '99', 'X..90', 'Company internal'),
];

const BY_AI: ReadonlyMap<string, AiDefinition> = new Map(DEFINITIONS.map((d) => [d.ai, d]));

/** How many digits an AI starting with these two digits has; lets an unknown AI be named whole. */
const AI_LENGTH_BY_PREFIX: ReadonlyMap<string, number> = new Map(
  DEFINITIONS.map((d) => [d.ai.slice(0, 2), d.ai.length]),
);

/** The definition of `ai`, or undefined when GS1 defines no such AI. */
export function aiDefinition(ai: string): AiDefinition | undefined {
  return BY_AI.get(ai);
}

/** The AI at the start of `text` (AIs are prefix-free, so the first match is the only one). */
function aiAt(text: string, pos: number): AiDefinition | undefined {
  for (let length = 2; length <= 4; length++) {
    const def = BY_AI.get(text.slice(pos, pos + length));
    if (def) return def;
  }
  return undefined;
}

function unknownAiAt(text: string, pos: number): string {
  const prefix = text.slice(pos, pos + 2);
  const length = AI_LENGTH_BY_PREFIX.get(prefix) ?? 2;
  return text.slice(pos, pos + length);
}

// ---------------------------------------------------------------------------------------------
// Messages

/** The element's name inside a sentence: "serial", "expiry date", but "GTIN" and "SSCC" stay. */
function noun(def: AiDefinition): string {
  return /^[A-Z]{2}/.test(def.label) ? def.label : def.label.charAt(0).toLowerCase() + def.label.slice(1);
}

function named(def: AiDefinition): string {
  return `${noun(def)} (${def.ai})`;
}

function article(def: AiDefinition): string {
  return /^[aeiou]/i.test(noun(def)) ? 'an' : 'a';
}

function unitOf(def: AiDefinition): string {
  return def.components.every((c) => c.kind === 'N') ? 'digits' : 'characters';
}

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code === 0x20) return 'a space';
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
    return `a control character (0x${code.toString(16).padStart(2, '0').toUpperCase()})`;
  }
  return `"${ch}"`;
}

// prettier-ignore
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

// ---------------------------------------------------------------------------------------------
// Character sets and value checks

/** GS1 AI encodable character set 82 (General Specifications Figure 7.11-1). */
function inSet82(code: number): boolean {
  return (
    code === 0x21 ||
    code === 0x22 ||
    (code >= 0x25 && code <= 0x3f) ||
    (code >= 0x41 && code <= 0x5a) ||
    code === 0x5f ||
    (code >= 0x61 && code <= 0x7a)
  );
}

/** Character set 39: # - / 0-9 A-Z. */
function inSet39(code: number): boolean {
  return (
    code === 0x23 || code === 0x2d || code === 0x2f || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a)
  );
}

/** Character set 64 (file-safe base64, with = padding). */
function inSet64(code: number): boolean {
  return (
    code === 0x2d ||
    code === 0x5f ||
    code === 0x3d ||
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a)
  );
}

function isDigits(text: string): boolean {
  return /^\d+$/.test(text);
}

/** The four-digit year of a two-digit YY by the GS1 century rule (General Specifications §7.12). */
export function gs1Year(yy: number, now: Date): number {
  const current = now.getFullYear();
  const century = current - (current % 100);
  const difference = yy - (current % 100);
  if (difference >= 51) return century - 100 + yy;
  if (difference <= -50) return century + 100 + yy;
  return century + yy;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** YYMMDD (DD=00 allowed when `zeroDay`) as an ISO date, DD=00 meaning the month's last day; else why not. */
export function gs1Date(
  yymmdd: string,
  now: Date,
  zeroDay: boolean,
): { readonly iso: string } | { readonly problem: string } {
  if (yymmdd.length !== 6 || !isDigits(yymmdd)) return { problem: 'it is not six digits (YYMMDD)' };
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return { problem: `there is no month ${yymmdd.slice(2, 4)}` };
  const year = gs1Year(Number(yymmdd.slice(0, 2)), now);
  const last = daysInMonth(year, month);
  if (day === 0 && !zeroDay) return { problem: 'day 00 is not allowed here' };
  if (day > last) return { problem: `${MONTHS[month - 1]} ${year} has only ${last} days` };
  const dd = day === 0 ? last : day;
  return { iso: `${year}-${String(month).padStart(2, '0')}-${String(dd).padStart(2, '0')}` };
}

function checkPart(def: AiDefinition, part: string, check: Check, now: Date): string | null {
  switch (check) {
    case 'csum': {
      if (hasValidCheckDigit(part)) return null;
      const should = gtinCheckDigit(part.slice(0, -1));
      return `This GS1 code's ${noun(def)} ${part} has a wrong check digit (should end in ${should}) — rescan or scan the serial on its own.`;
    }
    case 'yymmd0':
    case 'yymmdd':
    case 'yymmddhh': {
      const date = gs1Date(part.slice(0, 6), now, check === 'yymmd0');
      if ('problem' in date) return `This GS1 code's ${named(def)} ${part} is not a real date: ${date.problem}.`;
      if (check === 'yymmddhh' && Number(part.slice(6, 8)) > 23) {
        return `This GS1 code's ${named(def)} ${part} has hour ${part.slice(6, 8)}; hours run 00 to 23.`;
      }
      return null;
    }
    case 'hhmm':
      if (Number(part.slice(0, 2)) > 23 || Number(part.slice(2, 4)) > 59) {
        return `This GS1 code's ${named(def)} has the time ${part}, which is not a time of day (HHMM).`;
      }
      return null;
    case 'zero':
      return part === '0' ? null : `This GS1 code's ${named(def)} must start with 0.`;
  }
}

/** Null when `value` is a valid value of `def`, else a message for the person scanning. */
export function validateValue(def: AiDefinition, value: string, now: Date): string | null {
  if (value.length === 0) return `This GS1 code has an empty ${named(def)}.`;
  const length = [...value].length;
  if (def.fixedLength && length !== def.maxLength) {
    return `This GS1 code's ${named(def)} has ${length} ${unitOf(def)}; it must have exactly ${def.maxLength}.`;
  }
  if (length > def.maxLength) {
    return `This GS1 code has ${article(def)} ${named(def)} of ${length} characters; GS1 allows at most ${def.maxLength}.`;
  }
  if (length < def.minLength) {
    return `This GS1 code's ${named(def)} has ${length} ${unitOf(def)}; it needs at least ${def.minLength}.`;
  }
  let pos = 0;
  for (const component of def.components) {
    if (pos >= value.length) break; // only optional components remain (minLength held)
    const take = component.min === component.max ? component.max : Math.min(component.max, value.length - pos);
    const part = value.slice(pos, pos + take);
    if (part.length < component.min) {
      return `This GS1 code's ${named(def)} is too short: "${value}".`;
    }
    for (const ch of part) {
      const code = ch.codePointAt(0) ?? 0;
      const ok =
        component.kind === 'N'
          ? code >= 0x30 && code <= 0x39
          : component.kind === 'X'
            ? inSet82(code)
            : component.kind === 'Y'
              ? inSet39(code)
              : inSet64(code);
      if (!ok) {
        return component.kind === 'N'
          ? `This GS1 code's ${named(def)} must be digits only, but contains ${describeChar(ch)}.`
          : `This GS1 code's ${named(def)} contains ${describeChar(ch)}, which GS1 does not allow there.`;
      }
    }
    for (const check of component.checks) {
      const problem = checkPart(def, part, check, now);
      if (problem !== null) return problem;
    }
    pos += take;
  }
  if (pos < value.length) {
    return `This GS1 code has ${article(def)} ${named(def)} of ${length} characters; GS1 allows at most ${def.maxLength}.`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Assembling the result

interface RawElement {
  readonly ai: string;
  readonly value: string;
}

function assemble(raw: readonly RawElement[], source: Gs1Data['source'], now: Date): Gs1Result {
  const elements: Gs1Element[] = [];
  const seen = new Map<string, string>();
  for (const { ai, value } of raw) {
    const def = BY_AI.get(ai);
    if (!def) return { ok: false, message: unknownAiMessage(ai) };
    const problem = validateValue(def, value, now);
    if (problem !== null) return { ok: false, message: problem };
    const earlier = seen.get(ai);
    if (earlier !== undefined) {
      if (earlier === value) continue;
      return {
        ok: false,
        message: `This GS1 code has two different values for its ${named(def)}: "${earlier}" and "${value}" — rescan or scan the serial on its own.`,
      };
    }
    seen.set(ai, value);
    elements.push({ ai, value, label: def.label });
  }
  if (elements.length === 0) return { ok: false, message: 'This GS1 code contains no data.' };
  const expiry = seen.get('17');
  const expiryDate = expiry === undefined ? null : gs1Date(expiry, now, true);
  return {
    ok: true,
    data: {
      elements,
      gtin: seen.get('01') ?? null,
      serial: seen.get('21') ?? null,
      lot: seen.get('10') ?? null,
      expiry: expiryDate !== null && 'iso' in expiryDate ? expiryDate.iso : null,
      source,
    },
  };
}

function unknownAiMessage(ai: string): string {
  return `This GS1 code contains an unknown application identifier (AI) "${ai}".`;
}

// ---------------------------------------------------------------------------------------------
// Element string: AI + value, variable-length values ended by GS (FNC1) or the end of the data

/**
 * Parses an element string as a scanner sends it (without the leading FNC1). A value of fixed
 * length is read by its length whether or not a GS follows it; a variable-length value runs to
 * the next GS or the end. Doubled and trailing GS are tolerated.
 */
export function parseElementString(data: string, options: Gs1Options = {}): Gs1Result {
  const now = options.now ?? new Date();
  const raw: RawElement[] = [];
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === GS) {
      pos++;
      continue;
    }
    const def = aiAt(data, pos);
    if (!def) {
      const rest = data.slice(pos);
      return {
        ok: false,
        message:
          rest.length < 2
            ? `This GS1 code ends with a stray "${rest}" after its last value — rescan.`
            : unknownAiMessage(unknownAiAt(data, pos)),
      };
    }
    pos += def.ai.length;
    if (def.fixedLength) {
      const slice = data.slice(pos, pos + def.maxLength);
      const separator = slice.indexOf(GS);
      const got = separator >= 0 ? separator : slice.length;
      if (got < def.maxLength) {
        return {
          ok: false,
          message: `This GS1 code's ${named(def)} is cut short: ${got} of ${def.maxLength} ${unitOf(def)} were read — rescan.`,
        };
      }
      raw.push({ ai: def.ai, value: slice });
      pos += def.maxLength;
    } else {
      const end = data.indexOf(GS, pos);
      const stop = end < 0 ? data.length : end;
      raw.push({ ai: def.ai, value: data.slice(pos, stop) });
      pos = stop;
    }
  }
  return assemble(raw, 'element-string', now);
}

// ---------------------------------------------------------------------------------------------
// Bracketed human-readable form: (01)09501101530003(21)ABC123

/** `(` + an AI-looking token + `)`, not escaped with a backslash. */
const BRACKET = /(?<!\\)\((\d[0-9A-Za-z]{1,3})\)/g;

/** True when `text` starts with `(AI)` for an AI GS1 defines. */
export function looksBracketed(text: string): boolean {
  const match = /^\((\d{2,4})\)/.exec(text);
  return match !== null && BY_AI.has(match[1] ?? '');
}

/**
 * Parses `(AI)value(AI)value…`. Spaces around values (common when the text was typed from a
 * label) are dropped; a literal parenthesis in a value may be escaped as `\(`.
 */
export function parseBracketed(text: string, options: Gs1Options = {}): Gs1Result {
  const now = options.now ?? new Date();
  const trimmed = text.trim();
  const marks = [...trimmed.matchAll(BRACKET)];
  if (marks.length === 0 || marks[0]?.index !== 0) {
    return {
      ok: false,
      message: 'This GS1 text does not start with an application identifier in brackets, like (01).',
    };
  }
  const raw: RawElement[] = [];
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i]!;
    const start = (mark.index ?? 0) + mark[0].length;
    const end = marks[i + 1]?.index ?? trimmed.length;
    const ai = mark[1] ?? '';
    if (!BY_AI.has(ai)) return { ok: false, message: unknownAiMessage(ai) };
    raw.push({ ai, value: trimmed.slice(start, end).trim().replace(/\\\(/g, '(') });
  }
  return assemble(raw, 'bracketed', now);
}

// ---------------------------------------------------------------------------------------------
// GS1 Digital Link URI: https://any.host/optional/prefix/01/{gtin}/21/{serial}?10=LOT&17=YYMMDD

/** Short names from GS1 Digital Link 1.x, accepted in place of the numeric AI. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  sscc: '00',
  gtin: '01',
  lot: '10',
  exp: '17',
  ser: '21',
  cpv: '22',
  gdti: '253',
  glnx: '254',
  gcn: '255',
  ginc: '401',
  gsin: '402',
  gln: '414',
  grai: '8003',
  giai: '8004',
  itip: '8006',
  cpid: '8010',
  gmn: '8013',
  gsrnp: '8017',
  gsrn: '8018',
  srin: '8019',
};

/** AIs that can start the identifying part of a Digital Link path. */
// prettier-ignore
const PRIMARY_KEYS: ReadonlySet<string> = new Set([
  '00', '01', '253', '255', '401', '402', '414', '417', '8003', '8004', '8006', '8010', '8013', '8017', '8018',
]);

const URI = /^https?:\/\/[^/?#\s]+(\/[^?#]*)?(?:\?([^#]*))?(?:#.*)?$/i;

function resolveAi(token: string): string | null {
  if (/^\d{2,4}$/.test(token)) return BY_AI.has(token) ? token : null;
  return SHORT_NAMES[token.toLowerCase()] ?? null;
}

function percentDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** True when `text` is an http(s) URL; only such text can be a Digital Link. */
export function looksLikeUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/**
 * Parses a GS1 Digital Link URI. Null when the URL carries no GS1 key in its path (an ordinary
 * web link); otherwise the data or why it is unusable. Query parameters that are not AIs
 * (linkType, tracking parameters) are ignored.
 */
export function parseDigitalLink(text: string, options: Gs1Options = {}): Gs1Result | null {
  const now = options.now ?? new Date();
  const match = URI.exec(text.trim());
  if (match === null) return null;
  const segments = (match[1] ?? '').split('/').slice(1);
  if (segments[segments.length - 1] === '') segments.pop();
  let start = -1;
  for (let i = 0; i < segments.length && start < 0; i++) {
    const key = resolveAi(segments[i] ?? '');
    if (key === null || !PRIMARY_KEYS.has(key) || (segments.length - i) % 2 !== 0) continue;
    let pairs = true;
    for (let j = i; j < segments.length; j += 2) {
      if (resolveAi(segments[j] ?? '') === null) pairs = false;
    }
    if (pairs) start = i;
  }
  if (start < 0) return null;

  const raw: RawElement[] = [];
  const add = (ai: string, encoded: string): string | null => {
    const value = percentDecode(encoded);
    if (value === null) {
      const def = BY_AI.get(ai);
      return `This GS1 link's ${def ? named(def) : ai} has a broken %-escape: "${encoded}".`;
    }
    // A GTIN-8/12/13 in a link stands for its 14-digit form.
    raw.push({ ai, value: ai === '01' ? (toGtin14(value) ?? value) : value });
    return null;
  };
  for (let i = start; i < segments.length; i += 2) {
    const problem = add(resolveAi(segments[i] ?? '') ?? '', segments[i + 1] ?? '');
    if (problem !== null) return { ok: false, message: problem };
  }
  for (const pair of (match[2] ?? '').split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = equals < 0 ? pair : pair.slice(0, equals);
    const ai = resolveAi(key);
    if (ai === null) continue;
    const problem = add(ai, equals < 0 ? '' : pair.slice(equals + 1));
    if (problem !== null) return { ok: false, message: problem };
  }
  return assemble(raw, 'digital-link', now);
}

// ---------------------------------------------------------------------------------------------
// Encoding, for labels and tests

/**
 * The element string a GS1 symbol encodes for `elements` (without the leading FNC1): a GS
 * follows every value except the last and those of predefined-length AIs.
 */
export function formatElementString(elements: readonly { readonly ai: string; readonly value: string }[]): string {
  return elements
    .map(({ ai, value }, i) => {
      const last = i === elements.length - 1;
      const predefined = BY_AI.get(ai)?.predefined ?? false;
      return `${ai}${value}${last || predefined ? '' : GS}`;
    })
    .join('');
}

/** The human-readable form, e.g. `(01)09501101530003(21)ABC123`. */
export function formatBracketed(elements: readonly { readonly ai: string; readonly value: string }[]): string {
  return elements.map(({ ai, value }) => `(${ai})${value.replace(/\(/g, '\\(')}`).join('');
}
