/** The demo catalogue as CSV text in the interchange formats (DESIGN.md §8). Deterministic. */

interface DemoProduct {
  readonly sku: string;
  readonly name: string;
  readonly serials: 0 | 1 | 2;
  readonly labels?: string;
  readonly pattern?: string;
  readonly length?: number;
  readonly warranty: number;
  readonly grams: number;
}

const PRODUCTS: readonly DemoProduct[] = [
  {
    sku: 'PH-100',
    name: 'Phone X 128 GB dual SIM',
    serials: 2,
    labels: 'IMEI 1|IMEI 2',
    pattern: '^[0-9]{15}$',
    warranty: 24,
    grams: 420,
  },
  {
    sku: 'PH-110',
    name: 'Phone X Lite 64 GB',
    serials: 1,
    labels: 'IMEI',
    pattern: '^[0-9]{15}$',
    warranty: 24,
    grams: 380,
  },
  { sku: 'TB-200', name: 'Tablet 10" Wi-Fi 64 GB', serials: 1, pattern: '^[A-Z0-9]{10}$', warranty: 24, grams: 610 },
  { sku: 'TB-210', name: 'Tablet 10" LTE 128 GB', serials: 1, pattern: '^[A-Z0-9]{10}$', warranty: 24, grams: 640 },
  { sku: 'LT-300', name: 'Laptop 14" i5 16 GB', serials: 1, pattern: '^[A-Z0-9]{10}$', warranty: 36, grams: 2100 },
  { sku: 'LT-310', name: 'Laptop 15" i7 32 GB', serials: 1, pattern: '^[A-Z0-9]{10}$', warranty: 36, grams: 2450 },
  { sku: 'MN-400', name: 'Monitor 27" 4K', serials: 1, length: 12, warranty: 36, grams: 6900 },
  { sku: 'MN-410', name: 'Monitor 24" FHD', serials: 1, length: 12, warranty: 36, grams: 4800 },
  { sku: 'HP-500', name: 'Wireless headphones ANC', serials: 1, length: 12, warranty: 12, grams: 520 },
  { sku: 'HP-510', name: 'Earbuds Pro with case', serials: 1, length: 12, warranty: 12, grams: 180 },
  { sku: 'SW-600', name: 'Smartwatch 44 mm GPS', serials: 1, pattern: '^SW[0-9]{8}$', warranty: 24, grams: 210 },
  { sku: 'CM-700', name: 'Action camera 4K', serials: 1, length: 11, warranty: 24, grams: 330 },
  { sku: 'RT-800', name: 'Wi-Fi 6 router', serials: 1, length: 12, warranty: 36, grams: 900 },
  { sku: 'PR-900', name: 'Thermal label printer 4"', serials: 1, length: 10, warranty: 12, grams: 2300 },
  { sku: 'SC-950', name: 'Handheld barcode scanner', serials: 1, length: 10, warranty: 36, grams: 420 },
  { sku: 'SSD-1TB', name: 'Portable SSD 1 TB', serials: 1, length: 12, warranty: 60, grams: 95 },
  { sku: 'SSD-2TB', name: 'Portable SSD 2 TB', serials: 1, length: 12, warranty: 60, grams: 98 },
  { sku: 'GC-120', name: 'Game console 1 TB', serials: 1, length: 14, warranty: 24, grams: 4500 },
  { sku: 'CB-USB-C1', name: 'USB-C cable 1 m', serials: 0, warranty: 12, grams: 40 },
  { sku: 'CB-USB-C2', name: 'USB-C cable 2 m', serials: 0, warranty: 12, grams: 60 },
  { sku: 'CB-HDMI-2', name: 'HDMI 2.1 cable 2 m', serials: 0, warranty: 12, grams: 120 },
  { sku: 'CH-65W', name: 'USB-C charger 65 W', serials: 0, warranty: 24, grams: 150 },
  { sku: 'CH-20W', name: 'USB-C charger 20 W', serials: 0, warranty: 24, grams: 70 },
  { sku: 'CS-PHX', name: 'Phone X silicone case', serials: 0, warranty: 6, grams: 35 },
  { sku: 'SP-PHX', name: 'Phone X screen protector 2-pack', serials: 0, warranty: 6, grams: 20 },
  { sku: 'SL-TB10', name: 'Tablet 10" sleeve', serials: 0, warranty: 6, grams: 160 },
  { sku: 'MS-BT', name: 'Bluetooth mouse', serials: 0, warranty: 24, grams: 90 },
  { sku: 'KB-BT', name: 'Bluetooth keyboard', serials: 0, warranty: 24, grams: 430 },
  { sku: 'BAG-15', name: 'Laptop backpack 15"', serials: 0, warranty: 12, grams: 900 },
  { sku: 'LBL-4X6', name: 'Thermal labels 4x6 roll (500)', serials: 0, warranty: 0, grams: 700 },
  { sku: 'PB-10K', name: 'Power bank 10,000 mAh', serials: 1, length: 10, warranty: 12, grams: 230 },
  { sku: 'DK-USB4', name: 'USB4 docking station', serials: 1, length: 12, warranty: 36, grams: 560 },
];

const CUSTOMERS = [
  ['Ada Lindqvist', '12 Harbour Road, Gothenburg'],
  ['Bram de Vries', 'Keizersgracht 88, Amsterdam'],
  ['Chiara Rossi', 'Via Roma 5, Turin'],
  ['Dmitri Volkov', 'Lange Str. 14, Hamburg'],
  ['Elif Demir', 'Bağdat Cd. 210, Istanbul'],
  ['Fatima Zahra', '3 Rue des Fleurs, Lyon'],
  ['Grace Okafor', '45 Marina, Lagos'],
  ['Hiro Tanaka', '2-4-1 Shibuya, Tokyo'],
  ['Ines Moreau', '17 Quai Voltaire, Paris'],
  ['Jonas Berg', 'Storgata 9, Oslo'],
  ['Kai Müller', 'Hauptstr. 3, Munich'],
  ['Lucía Fernández', 'Calle Mayor 21, Madrid'],
] as const;

/** GS1 check digit for the digits given (mod 10, weights 3/1 from the right). */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const digit = Number(digits[digits.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

function upcFor(index: number): string {
  const body = `08412${String(100000 + index * 37).padStart(6, '0')}`;
  return body + gs1CheckDigit(body);
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header.join(','), ...rows.map((row) => row.map(csvCell).join(','))].join('\n') + '\n';
}

export interface DemoCsv {
  readonly products: string;
  readonly orders: string;
  readonly purchaseOrders: string;
}

export function demoCsv(): DemoCsv {
  const products = csv(
    [
      'sku',
      'name',
      'barcodes',
      'has_serial_numbers',
      'serials_per_unit',
      'serial_labels',
      'serial_pattern',
      'serial_length',
      'warranty_months',
      'unit_weight_g',
    ],
    PRODUCTS.map((p, i) => [
      p.sku,
      p.name,
      upcFor(i),
      p.serials > 0 ? 'yes' : 'no',
      p.serials > 0 ? p.serials : '',
      p.labels ?? '',
      p.pattern ?? '',
      p.length ?? '',
      p.warranty,
      p.grams,
    ]),
  );

  const vendors = [
    'Northwind Electronics',
    'Contoso Devices',
    'Fabrikam Accessories',
    'Tailspin Components',
    'Litware Mobile',
  ];
  const poRows: (string | number)[][] = [];
  for (let po = 0; po < 6; po += 1) {
    for (let line = 0; line < 4; line += 1) {
      const product = PRODUCTS[(po * 5 + line * 3) % PRODUCTS.length]!;
      poRows.push([
        `PO-${2401 + po}`,
        vendors[po % vendors.length]!,
        product.sku,
        5 + ((po + line) % 4) * 5,
        (19.99 + po * 7 + line * 13.5).toFixed(2),
      ]);
    }
  }
  const purchaseOrders = csv(['po_number', 'vendor', 'sku', 'qty', 'unit_cost'], poRows);

  const orderRows: (string | number)[][] = [];
  for (let order = 0; order < 60; order += 1) {
    const [customer, shipTo] = CUSTOMERS[order % CUSTOMERS.length]!;
    const lines = 1 + (order % 3);
    for (let line = 0; line < lines; line += 1) {
      const product = PRODUCTS[(order * 7 + line * 11) % PRODUCTS.length]!;
      orderRows.push([`SO-${10001 + order}`, customer, shipTo, product.sku, 1 + ((order + line) % 2), '']);
    }
  }
  const orders = csv(['order_number', 'customer_name', 'ship_to', 'sku', 'qty', 'serials'], orderRows);
  return { products, orders, purchaseOrders };
}
