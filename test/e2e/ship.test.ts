import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/main/app-context';
import { snapAtStationSizes, watchPageErrors } from '../support/e2e-browser';
import { answered, scanAnswered, wedgeScan } from '../support/e2e-scanning';
import { browserStationSuite, goToScreen, importCsv, scanPromptText } from '../support/e2e-station';

const PHONE_UPC = '0840000000017';
const CABLE_UPC = '0840000000024';
/** The phone received on the PO: its IMEI 1 and IMEI 2. */
const RECEIVED = { imei1: '356938035643809', imei2: '356938035643817' } as const;
/** A phone IMEI that never came in on any PO. */
const NEVER_RECEIVED = '356938035699999';

const PRODUCTS = `sku,name,barcodes,has_serial_numbers,serials_per_unit,serial_labels,serial_pattern,serial_length,warranty_months,unit_weight_g
PH-100,Phone X 128 GB dual SIM,${PHONE_UPC},yes,2,IMEI 1|IMEI 2,^[0-9]{15}$,,24,420
CB-1,USB-C cable 1 m,${CABLE_UPC},no,,,,,12,40
`;
const POS = `po_number,vendor,sku,qty,unit_cost
PO-E2E-1,Northwind Electronics,PH-100,2,399.99
PO-E2E-1,Northwind Electronics,CB-1,5,2.50
`;
const ORDERS = `order_number,customer_name,ship_to,sku,qty,serials
SO-E2E-1,Harbour Cafe,"12 Harbour Road, Oslo",PH-100,1,
SO-E2E-1,Harbour Cafe,"12 Harbour Road, Oslo",CB-1,1,
SO-E2E-2,Bo Svensson,4 Mill Lane,CB-1,1,
`;

/** The store as a receiving desk would leave it: one phone (both IMEIs) and two cables in stock. */
async function seed(ctx: AppContext): Promise<void> {
  ctx.services.auth.add({ name: 'Sam', role: 'supervisor', pin: '4812' }, null);
  ctx.services.auth.add({ name: 'Pat', role: 'packer', pin: '2468' }, 'cli');
  await importCsv(ctx, 'products', PRODUCTS);
  await importCsv(ctx, 'pos', POS);
  await importCsv(ctx, 'orders', ORDERS);
  const actor = ctx.services.station.actor(null);
  const receiving = ctx.services.receiving;
  const session = receiving.start('PO-E2E-1', actor);
  for (const raw of [PHONE_UPC, RECEIVED.imei1, RECEIVED.imei2, CABLE_UPC, CABLE_UPC]) {
    const verdict = receiving.scan(session.sessionId, raw, 'script', actor);
    if (!verdict.ok) throw new Error(`Receiving ${raw} was refused: ${verdict.message}`);
  }
  receiving.close(session.sessionId, actor, ctx.services.station.receivingLocation());
}

const running = browserStationSuite({
  name: 'ship',
  stationName: 'PACK-E2E',
  prepare: seed,
});

describe('scan and ship in Chromium', () => {
  it('packs a dual-IMEI phone and a cable with typed scans, a refusal or two, a supervisor override, and ships', async () => {
    const { station, browser, context } = running();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const pageErrors = watchPageErrors(page);
    await page.goto(station.url);
    await page.getByTestId('connection').getByText('Connected').waitFor();

    // Ship needs someone signed in: Pat signs in on the screen, by name and PIN.
    await goToScreen(page, 'Alt+1', 'ship');
    await page.getByTestId('sign-in').waitFor();
    await page.getByRole('button', { name: /Pat/ }).click();
    await page.keyboard.type('2468');
    await page.keyboard.press('Enter');
    await page.getByTestId('ship-screen').waitFor();
    expect(await scanPromptText(page)).toBe('Scan the order number');
    await snapAtStationSizes(page, 'ship-01-start');

    // An order that does not exist is refused in large type.
    const unknown = await scanAnswered(page, 'SO-NOPE');
    expect(unknown.title).toBe('Unknown order');
    expect(unknown.message).toContain('SO-NOPE');

    await wedgeScan(page, 'SO-E2E-1');
    const header = page.getByTestId('ship-order');
    await header.getByText('SO-E2E-1').waitFor();
    expect(await header.innerText()).toContain('Harbour Cafe');
    expect(await header.innerText()).toContain('12 Harbour Road, Oslo');
    expect(await scanPromptText(page)).toBe('Scan an item: 1 × Phone X 128 GB dual SIM, 1 × USB-C cable 1 m');
    expect(await page.getByTestId('ship-button').isDisabled()).toBe(true);

    // Enter on the empty field means "ship": refused, with what is missing.
    const incomplete = await answered(page, () => page.keyboard.press('Enter'));
    expect(incomplete.title).toBe('Not everything is scanned');
    expect(await page.getByTestId('verdict-missing').innerText()).toContain('Phone X 128 GB dual SIM (PH-100)');

    expect((await scanAnswered(page, PHONE_UPC)).title).toBe('Accepted');
    expect(await scanPromptText(page)).toBe('Scan serial 1 of 2 — IMEI 1 — Phone X 128 GB dual SIM, unit 1 of 1');
    await snapAtStationSizes(page, 'ship-02-serial-prompt');

    // The box barcode where a serial belongs.
    const upc = await scanAnswered(page, PHONE_UPC);
    expect(upc.title).toBe('That’s the box barcode');
    expect(upc.message).toContain('not its IMEI 1');
    expect(await page.getByTestId('override-offer').count()).toBe(0);
    await snapAtStationSizes(page, 'ship-03-upc-refused');

    // An IMEI that never came in: refused, but a supervisor may approve it.
    const unknownImei = await scanAnswered(page, NEVER_RECEIVED);
    expect(unknownImei.title).toBe('Not in stock');
    expect(unknownImei.message).toContain('never received');
    await page.getByTestId('override-offer').waitFor();
    await page.keyboard.press('F9');
    const panel = page.getByTestId('override-panel');
    await panel.waitFor();
    // Keys now go to the panel: the scan field is paused.
    expect(await page.locator('[data-scan-field]').isDisabled()).toBe(true);
    expect(await page.getByTestId('override-panel-supervisor').inputValue()).toBe('Sam');
    await page.getByTestId('override-panel-pin').fill('1111');
    await page.getByTestId('override-panel-reason').fill('Box label checked by hand; PO paperwork missing');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('override-panel-error').innerText()).toContain('Wrong PIN for Sam');
    await snapAtStationSizes(page, 'ship-04-override-refused');
    await page.getByTestId('override-panel-pin').fill('4812');
    const approved = await answered(page, () => page.getByTestId('override-panel-pin').press('Enter'));
    expect(approved.title).toBe('Approved by supervisor');
    expect(approved.message).toContain(`${NEVER_RECEIVED} accepted by Sam`);
    await panel.waitFor({ state: 'detached' });
    expect(await page.locator('[data-scan-field]').isDisabled()).toBe(false);
    expect(await scanPromptText(page)).toBe('Scan serial 2 of 2 — IMEI 2 — Phone X 128 GB dual SIM, unit 1 of 1');

    // The same IMEI again, in the second slot.
    const twice = await scanAnswered(page, NEVER_RECEIVED);
    expect(twice.title).toBe('Same serial twice');
    expect(twice.message).toContain("already this unit's IMEI 1");
    await snapAtStationSizes(page, 'ship-05-duplicate-refused');

    const second = await scanAnswered(page, RECEIVED.imei2);
    expect(second.title).toBe('Accepted');
    expect(second.message).toContain(`${RECEIVED.imei2} — IMEI 2`);
    await scanAnswered(page, CABLE_UPC);
    await page.getByTestId('ship-ready').waitFor();
    expect(await page.getByTestId('ship-button').isEnabled()).toBe(true);
    expect(await page.getByTestId('scan-counts').innerText()).toBe('2 / 2 units · 2 / 2 serials');
    const box = await page.getByTestId('recent-scans').innerText();
    expect(box).toMatch(/IMEI 1\s+356938035699999\s+override/i);
    expect(box).toMatch(/IMEI 2\s+356938035643817/);
    await snapAtStationSizes(page, 'ship-06-ready');

    // The SHIP command, as a scanner sends it.
    await wedgeScan(page, 'SHIP');
    const done = page.getByTestId('ship-done');
    await done.waitFor();
    expect(await done.innerText()).toContain('Order SO-E2E-1 shipped');
    const rows = await page.getByTestId('ship-done-serials').locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/IMEI 1\s+356938035699999\s*Supervisor override/i);
    expect(rows[1]).toMatch(/IMEI 2\s+356938035643817/);
    expect(await scanPromptText(page)).toBe('Scan the next order');
    await snapAtStationSizes(page, 'ship-07-shipped');

    const shipped = context.store.db
      .prepare(
        `SELECT ss.serial, ss.slot, ss.slot_label AS label, ss.overridden, ss.order_line_id AS lineId
         FROM shipped_serials ss JOIN orders o ON o.id = ss.order_id
         WHERE o.order_number = 'SO-E2E-1' ORDER BY ss.slot`,
      )
      .all() as { serial: string; slot: number; label: string; overridden: number; lineId: number }[];
    expect(shipped.map(({ serial, slot, label, overridden }) => ({ serial, slot, label, overridden }))).toEqual([
      { serial: NEVER_RECEIVED, slot: 1, label: 'IMEI 1', overridden: 1 },
      { serial: RECEIVED.imei2, slot: 2, label: 'IMEI 2', overridden: 0 },
    ]);
    expect(shipped[0]!.lineId).toBe(shipped[1]!.lineId);
    const phoneLine = context.store.db
      .prepare(
        `SELECT ol.id FROM order_lines ol JOIN orders o ON o.id = ol.order_id JOIN products p ON p.id = ol.product_id
         WHERE o.order_number = 'SO-E2E-1' AND p.sku = 'PH-100'`,
      )
      .get() as { id: number };
    expect(shipped[0]!.lineId).toBe(phoneLine.id);

    // The next order starts from the confirmation screen with one scan.
    await wedgeScan(page, 'SO-E2E-2');
    await page.getByTestId('ship-order').getByText('SO-E2E-2').waitFor();
    expect(await scanPromptText(page)).toBe('Scan an item: 1 × USB-C cable 1 m');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await snapAtStationSizes(page, 'ship-08-next-order-dark');
    await page.getByRole('button', { name: 'Light theme' }).click();

    // Parked with F4, listed on the start screen, and picked up again by scanning it.
    const parked = await answered(page, () => page.keyboard.press('F4'));
    expect(parked.title).toBe('Order parked');
    expect(parked.message).toContain('SO-E2E-2 is parked');
    const open = page.getByTestId('open-sessions');
    await open.getByText('SO-E2E-2').waitFor();
    await snapAtStationSizes(page, 'ship-09-parked');
    await wedgeScan(page, 'SO-E2E-2');
    await page.getByTestId('resumed-banner').waitFor();
    expect(await page.getByTestId('ship-order').innerText()).toContain('SO-E2E-2');

    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
