/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { snapAtStationSizes, watchPageErrors } from '../support/e2e-browser';
import { answered, scanAnswered, wedgeScan } from '../support/e2e-scanning';
import {
  browserStationSuite,
  goToScreen,
  importCsv,
  scanPromptText,
  verdictVisibleAt1366,
} from '../support/e2e-station';

const UPC = { phone: '0841210000021', laptop: '0841210000038', cable: '0841210000045' } as const;
const LAPTOP = ['C02XK1ZPJG', 'C02XK1ZPJH'] as const;
const IMEI = ['356938035643809', '356938035643817', '356938035643825', '356938035643833', '356938035643841'] as const;

const PRODUCTS = `sku,name,barcodes,has_serial_numbers,serials_per_unit,serial_labels,serial_pattern,serial_length,warranty_months,unit_weight_g
PH-100,Phone X 128 GB dual SIM,${UPC.phone},yes,2,IMEI 1|IMEI 2,^[0-9]{15}$,,24,420
LT-300,Laptop 14 i5,${UPC.laptop},yes,1,,^[A-Z0-9]{10}$,,36,2100
CB-USB-C1,USB-C cable 1 m,${UPC.cable},no,,,,,12,40
`;
const POS = `po_number,vendor,sku,qty,unit_cost
PO-E2E-7,Northwind Electronics,LT-300,2,899
PO-E2E-7,Northwind Electronics,PH-100,2,399.99
PO-E2E-7,Northwind Electronics,CB-USB-C1,3,2.50
`;

const running = browserStationSuite({
  name: 'receive',
  stationName: 'DESK-E2E',
  prepare: async (context) => {
    await importCsv(context, 'products', PRODUCTS);
    await importCsv(context, 'pos', POS);
  },
});

describe('receiving a purchase order in Chromium', () => {
  it('sets up the first supervisor, signs in, and receives a PO scanned like a wedge scanner', async () => {
    const { station, browser, context } = running();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const pageErrors = watchPageErrors(page);
    await page.goto(station.url);
    await page.getByTestId('products-list').waitFor();

    // Receive asks for someone signed in; a new station first needs its supervisor.
    await goToScreen(page, 'Alt+2', 'receive');
    await page.getByTestId('first-supervisor').waitFor();
    await snapAtStationSizes(page, 'receive-01-set-up');
    await page.getByLabel('Supervisor’s name').fill('Ana Duarte');
    await page.getByLabel('PIN', { exact: true }).fill('2468');
    await page.getByLabel('PIN again').fill('2486');
    await page.getByRole('button', { name: 'Create supervisor and sign in' }).click();
    expect(await page.getByTestId('first-supervisor-error').innerText()).toContain('The two PINs are different');
    await page.getByLabel('PIN again').fill('2468');
    await page.getByRole('button', { name: 'Create supervisor and sign in' }).click();
    await page.getByTestId('receive-pick').waitFor();
    const operator = page.getByTestId('operator');
    expect(await operator.innerText()).toMatch(/Ana Duarte\s*Supervisor\s*shift since/);

    // Sign out by key, then sign in again: name button, then the PIN (keypad and keyboard).
    await page.keyboard.press('Alt+Q');
    await page.getByTestId('sign-in').waitFor();
    expect(await operator.innerText()).toContain('No one signed in');
    await page.getByRole('button', { name: /Ana Duarte/ }).click();
    const keypad = page.getByTestId('pin-keypad');
    await keypad.getByRole('button', { name: '2', exact: true }).click();
    await keypad.getByRole('button', { name: '4', exact: true }).click();
    await page.keyboard.type('99');
    await page.keyboard.press('Enter');
    await page.getByTestId('sign-in-error').getByText('Wrong PIN for Ana Duarte. 4 tries left.').waitFor();
    await snapAtStationSizes(page, 'receive-02-wrong-pin');
    await page.keyboard.type('2468');
    await page.keyboard.press('Enter');
    await page.getByTestId('receive-pick').waitFor();
    expect(await page.getByTestId('open-pos').innerText()).toContain('PO-E2E-7');
    await snapAtStationSizes(page, 'receive-03-pick');

    // Scan the PO number off the paperwork.
    await wedgeScan(page, 'PO-E2E-7');
    await page.getByTestId('receive-wizard').waitFor();
    expect(await page.getByTestId('vendor').innerText()).toBe('Northwind Electronics');
    expect(await scanPromptText(page)).toBe('Scan an item from PO-E2E-7');
    expect(await page.getByTestId('scan-counts').innerText()).toBe('0 / 7 units · 0 / 6 serials');

    // A laptop: its box barcode first, then — by mistake — the box barcode again in the serial slot.
    expect((await scanAnswered(page, UPC.laptop)).title).toBe('Accepted');
    expect(await scanPromptText(page)).toBe('Scan serial — Laptop 14 i5, unit 1 of 2');
    const boxInSerialSlot = await scanAnswered(page, UPC.laptop);
    expect(boxInSerialSlot.title).toBe('That’s the box barcode');
    expect(boxInSerialSlot.message).toContain('This is the box barcode');
    expect(boxInSerialSlot.message).toContain('Laptop 14 i5');
    expect(await page.getByTestId('verdict').getAttribute('role')).toBe('alert');
    await snapAtStationSizes(page, 'receive-04-box-barcode');
    await verdictVisibleAt1366(page);

    expect((await scanAnswered(page, LAPTOP[0])).message).toContain(LAPTOP[0]);
    // The same serial again, as the next laptop: a duplicate on this PO.
    const duplicate = await scanAnswered(page, LAPTOP[0]);
    expect(duplicate.title).toBe('Already scanned');
    expect(duplicate.message).toContain(`${LAPTOP[0]} was already scanned on this PO`);
    await snapAtStationSizes(page, 'receive-05-duplicate');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await snapAtStationSizes(page, 'receive-05-duplicate-dark');
    await page.getByRole('button', { name: 'Light theme' }).click();
    // A click anywhere gives the focus back to the scan field, so the next scan lands there.
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-scan-field') === true);

    // A phone with two IMEIs, then a second phone straight from its IMEIs.
    await scanAnswered(page, UPC.phone);
    expect(await scanPromptText(page)).toBe('Scan serial 1 of 2 — IMEI 1 — Phone X 128 GB dual SIM, unit 1 of 2');
    await scanAnswered(page, IMEI[0]);
    expect(await scanPromptText(page)).toBe('Scan serial 2 of 2 — IMEI 2 — Phone X 128 GB dual SIM, unit 1 of 2');
    await scanAnswered(page, IMEI[1]);
    await scanAnswered(page, IMEI[2]);
    await scanAnswered(page, IMEI[3]);

    // IMEI 4 was the wrong unit's: F8, then scan it, takes it off again.
    await page.keyboard.press('F8');
    expect(await scanPromptText(page)).toBe('Scan the serial to remove');
    const removed = await scanAnswered(page, IMEI[3]);
    expect(removed.title).toBe('Removed');
    expect(await scanPromptText(page)).toBe('Scan serial 2 of 2 — IMEI 2 — Phone X 128 GB dual SIM, unit 2 of 2');
    await scanAnswered(page, IMEI[4]);

    // A second laptop scanned, then removed with its button in the list.
    await scanAnswered(page, UPC.laptop);
    expect((await scanAnswered(page, LAPTOP[1])).title).toBe('Accepted');
    const removedByButton = await answered(page, () =>
      page.getByRole('button', { name: `Remove ${LAPTOP[1]}` }).click(),
    );
    expect(removedByButton.title).toBe('Removed');
    expect(await page.getByRole('button', { name: `Remove ${LAPTOP[1]}` }).count()).toBe(0);

    // Cables take no serial.
    for (let i = 0; i < 3; i += 1) await scanAnswered(page, UPC.cable);
    expect(await page.getByTestId('scan-counts').innerText()).toBe('6 / 7 units · 5 / 6 serials');
    expect(await page.getByTestId('line-PH-100').innerText()).toContain('Done');
    expect(await page.getByTestId('line-LT-300').innerText()).toMatch(/1 \/ 2/);
    await verdictVisibleAt1366(page);
    await snapAtStationSizes(page, 'receive-06-scanning');

    // Close from the command sheet, hands-free: everything scanned goes into stock.
    await wedgeScan(page, 'CMD:CLOSE');
    const summary = page.getByTestId('receive-summary');
    await summary.waitFor();
    expect(await page.getByTestId('receive-summary-notice').innerText()).toContain('6 units put in stock');
    expect(await page.getByTestId('receive-summary-notice').innerText()).toContain('5 serial numbers recorded');
    expect(await page.getByTestId('po-status').innerText()).toBe('PO-E2E-7 stays open: 1 more unit to come.');
    await snapAtStationSizes(page, 'receive-07-closed');

    const db = context.store.db;
    const inStock = db
      .prepare(
        `SELECT p.sku, u.status, group_concat(us.serial, ' ') AS serials
         FROM units u JOIN products p ON p.id = u.product_id LEFT JOIN unit_serials us ON us.unit_id = u.id
         GROUP BY u.id ORDER BY p.sku, u.id`,
      )
      .all();
    expect(inStock).toEqual([
      { sku: 'CB-USB-C1', status: 'in_stock', serials: null },
      { sku: 'CB-USB-C1', status: 'in_stock', serials: null },
      { sku: 'CB-USB-C1', status: 'in_stock', serials: null },
      { sku: 'LT-300', status: 'in_stock', serials: LAPTOP[0] },
      { sku: 'PH-100', status: 'in_stock', serials: `${IMEI[0]} ${IMEI[1]}` },
      { sku: 'PH-100', status: 'in_stock', serials: `${IMEI[2]} ${IMEI[4]}` },
    ]);
    const slots = db
      .prepare('SELECT serial, slot FROM unit_serials WHERE serial IN (?, ?) ORDER BY serial')
      .all(IMEI[2], IMEI[4]);
    expect(slots).toEqual([
      { serial: IMEI[2], slot: 1 },
      { serial: IMEI[4], slot: 2 },
    ]);
    const lines = db
      .prepare(
        `SELECT p.sku, pl.qty_received, pl.qty_ordered FROM po_lines pl JOIN products p ON p.id = pl.product_id
         ORDER BY pl.line_no`,
      )
      .all();
    expect(lines).toEqual([
      { sku: 'LT-300', qty_received: 1, qty_ordered: 2 },
      { sku: 'PH-100', qty_received: 2, qty_ordered: 2 },
      { sku: 'CB-USB-C1', qty_received: 3, qty_ordered: 3 },
    ]);
    // The scans typed at scanner speed were recorded as scanned, not as typed by hand.
    const received = db
      .prepare(
        "SELECT json_extract(details, '$.manual') AS manual FROM serial_events WHERE type = 'received' AND serial IS NOT NULL",
      )
      .all() as { manual: number }[];
    expect(received).toHaveLength(5);
    expect(received.every((row) => row.manual === 0)).toBe(true);
    // Who received them: the supervisor signed in at this station.
    const by = db
      .prepare(
        "SELECT DISTINCT o.name FROM serial_events e JOIN operators o ON o.id = e.operator_id WHERE e.type = 'received'",
      )
      .all();
    expect(by).toEqual([{ name: 'Ana Duarte' }]);

    // On to the next PO.
    await page.keyboard.press('F4');
    await page.getByTestId('receive-pick').waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('keeps a session through leaving the screen and a reload, and says it was picked up again', async () => {
    const { station, browser, context } = running();
    context.services.auth.add({ name: 'Rui', role: 'receiver', pin: '1357' }, 'cli');
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const pageErrors = watchPageErrors(page);
    await page.goto(`${station.url}#/receive`);
    await page.getByTestId('sign-in').waitFor();
    await page.getByRole('button', { name: /Rui/ }).click();
    await page.keyboard.type('1357');
    await page.keyboard.press('Enter');
    await page.getByTestId('receive-pick').waitFor();
    await wedgeScan(page, 'PO-E2E-7');
    await page.getByTestId('receive-wizard').waitFor();
    await scanAnswered(page, UPC.laptop);

    // Another screen and back: the same session, with the resumed banner.
    await goToScreen(page, 'Alt+6', 'products');
    await page.getByTestId('products-list').waitFor();
    await goToScreen(page, 'Alt+2', 'receive');
    await page.getByTestId('resumed-banner').waitFor();
    expect(await scanPromptText(page)).toBe('Scan serial — Laptop 14 i5, unit 2 of 2');

    // A reload ends this page's sign-in; after signing in the session is listed to resume.
    await page.reload();
    await page.getByTestId('sign-in').waitFor();
    await page.getByRole('button', { name: /Rui/ }).click();
    await page.keyboard.type('1357');
    await page.keyboard.press('Enter');
    await page.getByTestId('resumed-banner').waitFor();
    await snapAtStationSizes(page, 'receive-08-resumed');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
