import { type SerialFormat, type SerialMaker, SERIAL_FORMATS, ean13, pickMultiplier, upcA } from './codes';
import type { Prng } from './random';

export interface SeedProduct {
  readonly id: number;
  readonly sku: string;
  readonly name: string;
  readonly tracked: boolean;
  readonly serialsPerUnit: number;
  readonly slotLabels: readonly string[];
  readonly serialPattern: string | null;
  readonly serialLength: number | null;
  readonly warrantyMonths: number;
  readonly weightG: number;
  readonly costCents: number;
  readonly barcodes: readonly { readonly code: string; readonly kind: 'upc' | 'ean' | 'alias' }[];
  readonly serials: SerialMaker | null;
  readonly lotTracked: boolean;
}

interface Category {
  readonly noun: string;
  readonly code: string;
  readonly share: number;
  readonly formats: readonly (readonly [SerialFormat, number])[] | null;
  /** Share of the category's products that carry two codes per unit (dual-SIM phones). */
  readonly dual: number;
  readonly grams: readonly [number, number];
  readonly cents: readonly [number, number];
  readonly warranty: readonly number[];
  readonly variants: readonly string[];
}

const STORAGE = ['64GB', '128GB', '256GB', '512GB', '1TB'];
const COLORS = ['Black', 'White', 'Silver', 'Graphite', 'Blue', 'Green', 'Rose'];
const SIZES = ['1m', '2m', '3m'];

const CATEGORIES: readonly Category[] = [
  {
    noun: 'Smartphone',
    code: 'PH',
    share: 14,
    formats: [['imei', 1]],
    dual: 0.72,
    grams: [160, 240],
    cents: [9_000, 95_000],
    warranty: [12, 24],
    variants: STORAGE,
  },
  {
    noun: 'Tablet',
    code: 'TB',
    share: 8,
    formats: [
      ['imei', 0.4],
      ['sn10', 0.6],
    ],
    dual: 0,
    grams: [300, 700],
    cents: [12_000, 110_000],
    warranty: [12, 24],
    variants: STORAGE,
  },
  {
    noun: 'Laptop',
    code: 'LT',
    share: 12,
    formats: [['alnum12', 1]],
    dual: 0,
    grams: [1_100, 2_600],
    cents: [35_000, 280_000],
    warranty: [12, 24, 36],
    variants: STORAGE,
  },
  {
    noun: 'Headphones',
    code: 'HP',
    share: 10,
    formats: [['sn10', 1]],
    dual: 0,
    grams: [40, 350],
    cents: [1_500, 45_000],
    warranty: [12],
    variants: COLORS,
  },
  {
    noun: 'Smartwatch',
    code: 'SW',
    share: 6,
    formats: [['sn10', 1]],
    dual: 0,
    grams: [30, 80],
    cents: [8_000, 60_000],
    warranty: [12, 24],
    variants: COLORS,
  },
  {
    noun: 'Wi-Fi Router',
    code: 'RT',
    share: 7,
    formats: [['num11', 1]],
    dual: 0,
    grams: [300, 1_200],
    cents: [3_000, 40_000],
    warranty: [24, 36],
    variants: ['AX1800', 'AX3000', 'AX5400', 'BE9300'],
  },
  {
    noun: 'Action Camera',
    code: 'CM',
    share: 6,
    formats: [
      ['num11', 0.5],
      ['alnum12', 0.5],
    ],
    dual: 0,
    grams: [120, 450],
    cents: [9_000, 60_000],
    warranty: [12, 24],
    variants: COLORS,
  },
  {
    noun: 'Game Console',
    code: 'GC',
    share: 4,
    formats: [['alnum12', 1]],
    dual: 0,
    grams: [2_500, 4_800],
    cents: [25_000, 65_000],
    warranty: [12, 24],
    variants: STORAGE,
  },
  {
    noun: 'Monitor',
    code: 'MN',
    share: 8,
    formats: [['sn10', 1]],
    dual: 0,
    grams: [3_000, 9_000],
    cents: [10_000, 150_000],
    warranty: [24, 36],
    variants: ['24in', '27in', '32in', '34in'],
  },
  {
    noun: 'Label Printer',
    code: 'PR',
    share: 5,
    formats: [
      ['num11', 0.6],
      ['sn10', 0.4],
    ],
    dual: 0,
    grams: [1_200, 3_500],
    cents: [15_000, 90_000],
    warranty: [12, 36],
    variants: ['203dpi', '300dpi'],
  },
  {
    noun: 'USB-C Cable',
    code: 'CB',
    share: 8,
    formats: null,
    dual: 0,
    grams: [20, 120],
    cents: [300, 3_000],
    warranty: [6, 12],
    variants: SIZES,
  },
  {
    noun: 'Charger',
    code: 'CH',
    share: 6,
    formats: null,
    dual: 0,
    grams: [50, 250],
    cents: [800, 6_000],
    warranty: [12, 24],
    variants: ['20W', '30W', '65W', '100W'],
  },
  {
    noun: 'Protective Case',
    code: 'CS',
    share: 6,
    formats: null,
    dual: 0,
    grams: [20, 90],
    cents: [300, 4_000],
    warranty: [6],
    variants: COLORS,
  },
];

const BRANDS = [
  ['Kestrel', 'KST'],
  ['Vantor', 'VNT'],
  ['Orbix', 'ORB'],
  ['Lumora', 'LUM'],
  ['Zentek', 'ZTK'],
  ['Halcyon', 'HLC'],
  ['Corvid', 'CRV'],
  ['Brightline', 'BRL'],
  ['Tessel', 'TSL'],
  ['Quorra', 'QRR'],
  ['Nimbus', 'NMB'],
  ['Polaris Labs', 'PLR'],
  ['Arden', 'ARD'],
  ['Mosaic', 'MSC'],
  ['Ferro', 'FRR'],
  ['Sable', 'SBL'],
  ['Tundra', 'TND'],
  ['Cobalt Works', 'CBW'],
] as const;

const SERIES = [
  'Nova',
  'Edge',
  'Pro',
  'Air',
  'Max',
  'Lite',
  'Neo',
  'Flex',
  'One',
  'Prime',
  'Pulse',
  'Vista',
  'Core',
  'Swift',
];

/** The most products the catalogue builder can give distinct barcodes to. */
export const MAX_PRODUCTS = 99_999;

function range(prng: Prng, [min, max]: readonly [number, number]): number {
  return prng.int(min, max);
}

function pickFormat(prng: Prng, formats: readonly (readonly [SerialFormat, number])[]): SerialFormat {
  let draw = prng.next();
  for (const [format, share] of formats) {
    if (draw < share) return format;
    draw -= share;
  }
  return formats[formats.length - 1]![0];
}

/** 2,000 products by default: ~80% serial-tracked, ~10% of all products with two IMEIs per unit. */
export function buildCatalog(prng: Prng, count: number): SeedProduct[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_PRODUCTS) {
    throw new Error(`The product count must be a whole number from 1 to ${MAX_PRODUCTS}; got ${count}`);
  }
  const cumulative = new Float64Array(CATEGORIES.length);
  CATEGORIES.reduce((sum, c, i) => (cumulative[i] = sum + c.share), 0);
  const nextCode: Record<SerialFormat, number> = { imei: 0, sn10: 0, num11: 0, alnum12: 0 };
  const products: SeedProduct[] = [];

  for (let i = 0; i < count; i += 1) {
    const id = i + 1;
    const category = CATEGORIES[prng.weighted(cumulative)]!;
    const brandIndex = prng.int(0, BRANDS.length - 1);
    const [brand, brandCode] = BRANDS[brandIndex]!;
    const series = prng.pick(SERIES);
    const variant = prng.pick(category.variants);
    const color = category.variants === COLORS ? '' : ` ${prng.pick(COLORS)}`;
    const model = 100 + (id % 900);
    const sku = `${brandCode}-${category.code}${String(id).padStart(5, '0')}-${variant.toUpperCase()}`;
    const name = `${brand} ${series} ${model} ${category.noun} ${variant}${color}`;

    const barcodes: { code: string; kind: 'upc' | 'ean' | 'alias' }[] = [
      { code: upcA(810_000 + brandIndex * 17, id), kind: 'upc' },
    ];
    if (prng.chance(0.3)) barcodes.push({ code: ean13(400 + brandIndex, id), kind: 'ean' });
    if (prng.chance(0.1)) barcodes.push({ code: `${brandCode}${String(id * 7 + 13).padStart(6, '0')}`, kind: 'alias' });

    let serials: SerialMaker | null = null;
    let serialsPerUnit = 1;
    let slotLabels: string[] = [];
    let serialPattern: string | null = null;
    let serialLength: number | null = null;
    if (category.formats) {
      let format = pickFormat(prng, category.formats);
      // A format with no product codes left falls back to one with plenty.
      if (nextCode[format] >= SERIAL_FORMATS[format].productCodes) format = 'sn10';
      const productCode = nextCode[format]++;
      const lowercase = format === 'sn10' && prng.chance(0.05);
      serials = {
        format,
        productCode,
        multiplier: pickMultiplier(format, prng.next()),
        offset: Math.floor(prng.next() * SERIAL_FORMATS[format].perProduct),
        lowercase,
      };
      if (format === 'imei') {
        serialsPerUnit = prng.chance(category.dual) ? 2 : 1;
        slotLabels = serialsPerUnit === 2 ? ['IMEI 1', 'IMEI 2'] : ['IMEI'];
        serialPattern = '^[0-9]{15}$';
        serialLength = 15;
      } else if (format === 'num11') {
        serialLength = 11;
      } else if (format === 'sn10' && !lowercase) {
        serialPattern = prng.chance(0.5) ? '^SN[A-Z0-9]{10}$' : null;
        serialLength = serialPattern ? null : 12;
      } else if (format === 'alnum12' && prng.chance(0.7)) {
        serialLength = 12;
      }
    }

    products.push({
      id,
      sku,
      name,
      tracked: serials !== null,
      serialsPerUnit,
      slotLabels,
      serialPattern,
      serialLength,
      warrantyMonths: prng.pick(category.warranty),
      weightG: range(prng, category.grams),
      costCents: range(prng, category.cents),
      barcodes,
      serials,
      lotTracked: prng.chance(0.1),
    });
  }
  return products;
}

const FIRST = [
  'Ada',
  'Bram',
  'Chiara',
  'Dmitri',
  'Elif',
  'Fatima',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kai',
  'Lucía',
  'Marek',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tomás',
  'Uma',
  'Viktor',
  'Wen',
  'Yara',
  'Zoe',
];
const LAST = [
  'Lindqvist',
  'de Vries',
  'Rossi',
  'Volkov',
  'Demir',
  'Zahra',
  'Okafor',
  'Tanaka',
  'Moreau',
  'Berg',
  'Müller',
  'Fernández',
  'Nowak',
  'Haddad',
  'Patel',
  "O'Brien",
  'Silva',
  'Kowalski',
  'Nguyen',
  'Jensen',
];
const STREETS = [
  'Harbour Road',
  'Keizersgracht',
  'Via Roma',
  'Lange Straße',
  'Rue des Fleurs',
  'Main Street',
  'Calle Mayor',
  'Storgata',
  'Oak Avenue',
  'Mill Lane',
  'Station Road',
  'Church Street',
];
const CITIES = [
  'Gothenburg',
  'Amsterdam',
  'Turin',
  'Hamburg',
  'Lyon',
  'Madrid',
  'Oslo',
  'Munich',
  'Leeds',
  'Austin',
  'Portland',
  'Toronto',
  'Dublin',
  'Warsaw',
];

export function customerName(prng: Prng): string {
  return `${prng.pick(FIRST)} ${prng.pick(LAST)}`;
}

export function shipTo(prng: Prng): string {
  return `${prng.int(1, 240)} ${prng.pick(STREETS)}, ${prng.pick(CITIES)} ${String(prng.int(1000, 99999))}`;
}

export const VENDORS = [
  'Northwind Electronics',
  'Contoso Devices',
  'Fabrikam Accessories',
  'Tailspin Components',
  'Litware Mobile',
  'Adventure Works Supply',
  'Proseware Distribution',
  'Wingtip Trading',
  'Fourth Coffee Imports',
  'Lucerne Wholesale',
  'Margie Travel Tech',
  'Alpine Ski Electronics',
  'Blue Yonder Logistics',
  'Coho Devices',
  'Graphic Design Institute Supply',
  'Humongous Components',
  'Trey Research Parts',
  'Wide World Importers',
  'Woodgrove Mobile',
  'Relecloud Hardware',
  'Southridge Electronics',
  'VanArsdel Gadgets',
  'Bellows Supply',
  'Datum Devices',
  'Fincher Components',
  'Lamna Trading',
  'Munson Wholesale',
  'Nod Publishers Tech',
  'Olympia Devices',
  'Tasmanian Traders',
];

export const RETURN_REASONS = [
  'changed mind',
  'wrong item ordered',
  'does not power on',
  'damaged in transit',
  'missing accessories',
  'screen fault',
];
export const DEFECT_REASONS = [
  'does not power on',
  'cracked screen',
  'battery fault',
  'water damage',
  'failed bench test',
];

/** Distinct for every index below 100 (first names cycle by 25, last names by 20). */
export function operatorName(index: number): string {
  return `${FIRST[index % FIRST.length]} ${LAST[(index * 7) % LAST.length]}`;
}
