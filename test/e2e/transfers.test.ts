/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/main/app-context';
import { snapAtStationSizes, watchPageErrors } from '../support/e2e-browser';
import { scanAnswered, wedgeScan } from '../support/e2e-scanning';
import {
  browserStationSuite,
  goToScreen,
  importCsv,
  scanPromptText,
  signInOnScreen,
  verdictVisibleAt1366,
} from '../support/e2e-station';

const PHONE_UPC = '084120000010';
const LAPTOP_UPC = '084120000027';
const imei = (n: number) => `35693803564${String(n).padStart(4, '0')}`;
const LAPTOPS = ['LAPTP00001', 'LAPTP00002', 'LAPTP00003', 'LAPTP00004'] as const;

const PRODUCTS = `sku,name,barcodes,has_serial_numbers,serials_per_unit,serial_labels,serial_pattern,serial_length,warranty_months,unit_weight_g
PH-100,Phone X,${PHONE_UPC},yes,2,IMEI 1|IMEI 2,[0-9]{15},,24,420
LT-300,Laptop 14,${LAPTOP_UPC},yes,1,,[A-Z0-9]{10},,36,2100
`;
const POS = `po_number,vendor,sku,qty,unit_cost
PO-E2E-T,Northwind,PH-100,1,450.00
PO-E2E-T,Northwind,LT-300,4,800
`;

/**
 * A phone and four laptops received into MAIN/RECEIVING (the station's receiving place), then
 * laptop 4 moved on to NORTH/X-1 by an earlier transfer, all through the station's services.
 */
async function seed(ctx: AppContext): Promise<void> {
  const { auth, station: stationService, receiving, transfers } = ctx.services;
  auth.add({ name: 'Sam', role: 'supervisor', pin: '4812' }, null);
  auth.add({ name: 'Pat', role: 'packer', pin: '2468' }, 'cli');
  await importCsv(ctx, 'products', PRODUCTS);
  await importCsv(ctx, 'pos', POS);

  const actor = stationService.actor(auth.cliSignIn('Sam', '4812'));
  const expectOk = (what: string, verdict: { ok: boolean; message: string }) => {
    if (!verdict.ok) throw new Error(`${what}: ${verdict.message}`);
  };
  const receipt = receiving.start('PO-E2E-T', actor);
  for (const scan of [PHONE_UPC, imei(1), imei(2)])
    expectOk(scan, receiving.scan(receipt.sessionId, scan, 'wedge', actor));
  for (const serial of LAPTOPS) {
    expectOk(LAPTOP_UPC, receiving.scan(receipt.sessionId, LAPTOP_UPC, 'wedge', actor));
    expectOk(serial, receiving.scan(receipt.sessionId, serial, 'wedge', actor));
  }
  receiving.close(receipt.sessionId, actor, stationService.receivingLocation());

  const earlier = transfers.start(
    { warehouse: 'MAIN', location: 'RECEIVING' },
    { warehouse: 'NORTH', location: 'X-1' },
    actor,
  );
  expectOk(LAPTOPS[3], transfers.scan(earlier.sessionId, LAPTOPS[3], 'wedge', actor));
  transfers.confirm(earlier.sessionId, actor);
}

function placeOf(ctx: AppContext, serial: string): { warehouse: string; location: string; status: string } {
  return ctx.store.db
    .prepare(
      `SELECT u.warehouse, u.location, u.status FROM units u JOIN unit_serials s ON s.unit_id = u.id WHERE s.serial = ?`,
    )
    .get(serial) as { warehouse: string; location: string; status: string };
}

const running = browserStationSuite({
  name: 'transfers',
  stationName: 'DESK-MOVE',
  prepare: seed,
});

describe('transfers in Chromium', () => {
  it('moves units by scanning their serials, refuses one that is elsewhere, and records the move', async () => {
    const { station, browser, context } = running();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const pageErrors = watchPageErrors(page);
    await page.goto(station.url);
    await page.getByTestId('products-list').waitFor();

    // Transfers is in the navigation after Devices, and asks for someone signed in.
    await page.getByRole('navigation').getByRole('button', { name: 'Transfers' }).click();
    expect(await page.getByTestId('sign-in').innerText()).toContain('Transfers need someone signed in');
    await signInOnScreen(page, 'Pat', '2468');
    const pick = page.getByTestId('transfer-pick');
    await pick.waitFor();
    const places = page.getByTestId('known-places');
    expect(await places.innerText()).toMatch(/MAIN\/RECEIVING\s+4/);
    expect(await places.innerText()).toMatch(/NORTH\/X-1\s+1/);
    expect(await scanPromptText(page)).toBe('Scan or pick where the units are now');
    await snapAtStationSizes(page, 'transfer-01-pick-source');

    // The source from its shelf label; then the destination, a place nobody has used yet: asked twice.
    await wedgeScan(page, 'MAIN/RECEIVING');
    await page.getByTestId('route-from').getByText('MAIN/RECEIVING').waitFor();
    expect(await page.getByTestId('verdict-message').innerText()).toContain('4 units in stock there');
    expect(await scanPromptText(page)).toBe('Scan or pick where the units from MAIN/RECEIVING go');
    const typo = await scanAnswered(page, 'MAIN/A-01');
    expect(typo.title).toBe('A new place — scan it again to be sure');
    await snapAtStationSizes(page, 'transfer-02-new-place');
    await wedgeScan(page, 'MAIN/A-01');
    await page.getByTestId('transfer-wizard').waitFor();
    expect(await page.getByTestId('transfer-from').innerText()).toBe('MAIN/RECEIVING');
    expect(await page.getByTestId('transfer-to').innerText()).toBe('MAIN/A-01');
    expect(await scanPromptText(page)).toBe('Scan the serial of a unit at MAIN/RECEIVING to move it to MAIN/A-01');
    expect(await page.getByTestId('scan-counts').innerText()).toBe('0 units to move');

    // Two units by their serials; laptop 4 is at NORTH/X-1, so it cannot move from here.
    const first = await scanAnswered(page, LAPTOPS[0]);
    expect(first.title).toBe('Added to the transfer');
    expect(first.message).toContain(LAPTOPS[0]);
    const elsewhere = await scanAnswered(page, LAPTOPS[3]);
    expect(elsewhere.title).toBe('Not at the source');
    expect(elsewhere.message).toContain('is at NORTH/X-1, not at MAIN/RECEIVING');
    expect(await page.getByTestId('verdict').getAttribute('role')).toBe('alert');
    await verdictVisibleAt1366(page);
    const twice = await scanAnswered(page, LAPTOPS[0]);
    expect(twice.title).toBe('Already in this transfer');
    expect((await scanAnswered(page, imei(2))).title).toBe('Added to the transfer');
    expect(await page.getByTestId('scan-counts').innerText()).toBe('2 units to move');
    expect(await scanPromptText(page)).toBe(
      'Scan the next unit at MAIN/RECEIVING, or confirm moving 2 units to MAIN/A-01',
    );
    expect(await page.getByTestId('transfer-units').innerText()).toContain(imei(1));
    await scanAnswered(page, LAPTOPS[3]);
    await snapAtStationSizes(page, 'transfer-03-scanning');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await snapAtStationSizes(page, 'transfer-03-scanning-dark');
    await page.getByRole('button', { name: 'Light theme' }).click();
    // A click anywhere gives the focus back to the scan field, so the next scan lands there.
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-scan-field') === true);

    // Nothing has moved yet; leaving the screen and coming back keeps the transfer.
    expect(placeOf(context, LAPTOPS[0])).toMatchObject({ warehouse: 'MAIN', location: 'RECEIVING' });
    await goToScreen(page, 'Alt+6', 'products');
    await page.getByTestId('products-list').waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Transfers' }).click();
    await page.getByTestId('resumed-banner').waitFor();
    expect(await page.getByTestId('scan-counts').innerText()).toBe('2 units to move');
    await snapAtStationSizes(page, 'transfer-04-resumed');

    // Confirm by key: both units move in one go.
    await page.keyboard.press('F9');
    await page.getByTestId('transfer-summary').waitFor();
    expect(await page.getByTestId('transfer-summary-notice').innerText()).toContain('2 units moved to MAIN/A-01');
    const moved = await page.getByTestId('moved-units').innerText();
    expect(moved).toContain(LAPTOPS[0]);
    expect(moved).toContain(imei(1));
    expect(moved).toContain('MAIN/RECEIVING');
    await snapAtStationSizes(page, 'transfer-05-confirmed');

    // The laptop's history shows the move, with who made it.
    await page.getByRole('button', { name: `History of ${LAPTOPS[0]}` }).click();
    const history = page.getByTestId('serial-history');
    await history.getByText('Transferred from MAIN / RECEIVING to MAIN / A-01').waitFor();
    expect(await history.innerText()).toContain('Pat');
    await page.getByTestId('transfer-history').scrollIntoViewIfNeeded();
    await snapAtStationSizes(page, 'transfer-06-history');

    expect(placeOf(context, LAPTOPS[0])).toEqual({ warehouse: 'MAIN', location: 'A-01', status: 'in_stock' });
    expect(placeOf(context, imei(2))).toEqual({ warehouse: 'MAIN', location: 'A-01', status: 'in_stock' });
    expect(placeOf(context, LAPTOPS[1])).toEqual({ warehouse: 'MAIN', location: 'RECEIVING', status: 'in_stock' });
    expect(placeOf(context, LAPTOPS[3])).toEqual({ warehouse: 'NORTH', location: 'X-1', status: 'in_stock' });
    const events = context.store.db
      .prepare(
        `SELECT e.serial, o.name AS operator FROM serial_events e JOIN operators o ON o.id = e.operator_id
         WHERE e.type = 'transferred' AND e.reference = 'MAIN/RECEIVING -> MAIN/A-01' ORDER BY e.serial`,
      )
      .all();
    expect(events).toEqual([
      { serial: imei(2), operator: 'Pat' },
      { serial: LAPTOPS[0], operator: 'Pat' },
    ]);

    // On to the next transfer: the new place is now listed with its stock.
    await page.keyboard.press('F4');
    await pick.waitFor();
    await page.getByTestId('known-places').getByText('MAIN/A-01').waitFor();
    expect(await page.getByTestId('known-places').innerText()).toMatch(/MAIN\/A-01\s+2/);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
