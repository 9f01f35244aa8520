import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src/main/app-context';
import { startBrowserStation, type BrowserStation } from '../../src/main/station/browser-station';
import { snapAtStationSizes, watchPageErrors } from '../support/e2e-browser';
import { wedgeScan } from '../support/e2e-scanning';
import { RENDERER_OUT } from '../support/e2e-renderer-build';
import { browserStationSuite, goToScreen, importCsv, signInOnScreen } from '../support/e2e-station';

const PHONE_UPC = '084120000010';
const LAPTOP_UPC = '084120000027';
const imei = (n: number) => `35693803564${String(n).padStart(4, '0')}`;
const LAPTOPS = ['LAPTP00001', 'LAPTP00002', 'LAPTP00003', 'LAPTP00004'];

const PRODUCTS = `sku,name,barcodes,has_serial_numbers,serials_per_unit,serial_labels,serial_pattern,serial_length,warranty_months,unit_weight_g
PH-100,Phone X,${PHONE_UPC},yes,2,IMEI 1|IMEI 2,[0-9]{15},,24,420
LT-300,Laptop 14,${LAPTOP_UPC},yes,1,,[A-Z0-9]{10},,36,2100
`;
const POS = `po_number,vendor,sku,qty,unit_cost
PO-E2E-1,Northwind,PH-100,2,450.00
PO-E2E-1,Northwind,LT-300,4,800
`;
const ORDERS = `order_number,customer_name,ship_to,sku,qty,serials
SO-100,Ada Lindqvist,12 Harbour Road,PH-100,1,
SO-200,Bo Chen,4 Mill Lane,LT-300,2,
SO-300,Cy Okafor,9 Quay Street,LT-300,1,
`;

/**
 * The seed scenario: two operators, a catalogue, one PO received with serials, and two
 * orders shipped (a dual-IMEI phone on SO-100, two laptops on SO-200), all through the
 * station's own services, as the desks would have done it.
 */
async function seed(ctx: AppContext): Promise<void> {
  const { auth, station: stationService, receiving, shipping } = ctx.services;
  auth.add({ name: 'Sam', role: 'supervisor', pin: '4812' }, null);
  auth.add({ name: 'Pat', role: 'packer', pin: '2468' }, 'cli');
  await importCsv(ctx, 'products', PRODUCTS);
  await importCsv(ctx, 'pos', POS);
  await importCsv(ctx, 'orders', ORDERS);

  const actor = stationService.actor(auth.cliSignIn('Pat', '2468'));
  const expectOk = (what: string, verdict: { ok: boolean; message: string }) => {
    if (!verdict.ok) throw new Error(`${what}: ${verdict.message}`);
  };
  const receipt = receiving.start('PO-E2E-1', actor);
  for (const scan of [PHONE_UPC, imei(1), imei(2), PHONE_UPC, imei(3), imei(4)]) {
    expectOk(scan, receiving.scan(receipt.sessionId, scan, 'wedge', actor));
  }
  for (const serial of LAPTOPS) {
    expectOk(LAPTOP_UPC, receiving.scan(receipt.sessionId, LAPTOP_UPC, 'wedge', actor));
    expectOk(serial, receiving.scan(receipt.sessionId, serial, 'wedge', actor));
  }
  receiving.close(receipt.sessionId, actor, stationService.receivingLocation());

  const ship = (orderNumber: string, scans: readonly string[]) => {
    const session = shipping.start(orderNumber, actor);
    for (const scan of scans) expectOk(scan, shipping.scan(session.sessionId, scan, 'wedge', actor));
    shipping.ship(session.sessionId, actor);
  };
  ship('SO-100', [PHONE_UPC, imei(1), imei(2)]);
  ship('SO-200', [LAPTOP_UPC, 'LAPTP00001', LAPTOP_UPC, 'LAPTP00002']);
}

/** A wedge scanner types fast and ends with Enter; the screen's scan field takes it wherever focus is. */
function scan(page: Page, text: string): Promise<void> {
  return wedgeScan(page, text);
}

const running = browserStationSuite({
  name: 'serials',
  stationName: 'E2E-RMA',
  prepare: seed,
});

describe('serials and returns in Chromium', () => {
  it('answers the warranty question from a serial, and shows its history', async () => {
    const { station, browser } = running();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const pageErrors = watchPageErrors(page);
    await page.goto(station.url);
    await page.getByTestId('connection').getByText('Connected').waitFor();
    await page.getByTestId('products-list').waitFor();

    await goToScreen(page, 'Alt+4', 'serials');
    const list = page.getByTestId('shipped-serials');
    await list.waitFor();
    // Everything shipped, newest first.
    await list.getByTestId('shipped-count').getByText('of 4 shipped serials').waitFor();
    const serials = await list.getByTestId('shipped-row').locator('[role="cell"]:first-child button').allInnerTexts();
    expect(serials.map((s) => s.split('\n')[0]!.replace(/\s*—.*$/, ''))).toEqual([
      'LAPTP00002',
      'LAPTP00001',
      imei(2),
      imei(1),
    ]);
    await snapAtStationSizes(page, 'serials-01-shipped');

    // The customer reads the serial off the label: a part of it is enough.
    await page.getByLabel('Search serial or order').fill('PTP00002');
    await list.getByTestId('shipped-count').getByText('of 1 matching shipped serials').waitFor();
    const row = list.getByTestId('shipped-row');
    const cells = await row.locator('[role="cell"]').allInnerTexts();
    expect(cells[0]).toContain('LAPTP00002');
    expect(cells[1]).toContain('SO-200');
    expect(cells[1]).toContain('Bo Chen');
    expect(cells[2]).toContain('Laptop 14');
    expect(cells[2]).toContain('LT-300');
    expect(cells[3]).toContain(new Date().getFullYear().toString());
    expect(cells[5]).toContain('In warranty');
    expect(cells[5]).toMatch(/until \d{4}-\d{2}-\d{2}/);
    await snapAtStationSizes(page, 'serials-02-warranty-lookup');

    // The order opens with its recipient and contents.
    await row.getByRole('button', { name: 'SO-200' }).click();
    const order = page.getByTestId('order-detail');
    await order.waitFor();
    expect(await order.innerText()).toContain('Bo Chen');
    expect(await order.innerText()).toContain('4 Mill Lane');
    const shippedOnOrder = await order.getByTestId('order-shipped-serials').innerText();
    for (const serial of ['LAPTP00001', 'LAPTP00002']) expect(shippedOnOrder).toContain(serial);
    await snapAtStationSizes(page, 'serials-03-order-detail');
    await page.getByRole('button', { name: /Back to shipped serials/ }).click();

    await row.getByRole('button', { name: /LAPTP00002/ }).click();
    const history = page.getByTestId('serial-history');
    await history.waitFor();
    expect(await history.getByTestId('ledger-ok').innerText()).toContain('Record intact');
    const events = await history.getByTestId('history-event').allInnerTexts();
    expect(events).toHaveLength(2);
    expect(events[0]).toContain('Received on PO-E2E-1');
    expect(events[0]).toContain('Cost 800.00');
    expect(events[1]).toContain('Shipped on order SO-200');
    expect(events[1]).toContain('station E2E-RMA');
    expect(events[1]).toContain('by Pat');
    expect(await history.getByTestId('history-unit').innerText()).toContain('Sold');
    await snapAtStationSizes(page, 'serials-04-history');

    // Back to the list, with its search kept.
    await page.getByRole('button', { name: /Back to shipped serials/ }).click();
    await list.getByTestId('shipped-count').getByText('of 1 matching shipped serials').waitFor();
    expect(await page.getByLabel('Search serial or order').inputValue()).toBe('PTP00002');

    // A pasted list from a customer: the one we never shipped stands out.
    await page.getByLabel('Search serial or order').fill('');
    await page.getByLabel(/Serials, one per line/).fill(`${imei(1)}\r\nLAPTP00003\n\nNOT-OURS-1\n`);
    const notFound = page.getByTestId('not-found');
    await notFound.waitFor();
    expect(await notFound.getByRole('heading').innerText()).toContain(
      'Not found: 2 of 3 pasted serials were never shipped',
    );
    expect(await page.getByTestId('not-found-list').locator('li').allInnerTexts()).toEqual([
      'LAPTP00003',
      'NOT-OURS-1',
    ]);
    await list.getByTestId('shipped-count').getByText('of 1 matching shipped serials').waitFor();
    await snapAtStationSizes(page, 'serials-05-pasted-not-found');

    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('lists every shipped serial of a SKU for a recall and exports it', async () => {
    const { station, browser } = running();
    // A screen in another zone than the station's: the file carries the screen's offset.
    const stationZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const [screenZone, screenOffset] =
      stationZone === 'Asia/Kolkata' ? ['Asia/Tokyo', '+09:00'] : ['Asia/Kolkata', '+05:30'];
    const page = await browser.newPage({
      viewport: { width: 1920, height: 1080 },
      acceptDownloads: true,
      timezoneId: screenZone,
    });
    const pageErrors = watchPageErrors(page);
    await page.goto(station.url);
    await page.getByTestId('connection').getByText('Connected').waitFor();
    await page.getByTestId('products-list').waitFor();
    await goToScreen(page, 'Alt+4', 'serials');
    await page.getByTestId('shipped-serials').waitFor();

    // Exports are for supervisors: the button says so until one signs in.
    expect(await page.getByRole('button', { name: 'Export CSV' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('shipped-export').innerText()).toContain('Only a signed-in supervisor can export.');
    await page.getByTestId('sign-in-open').click();
    await signInOnScreen(page, 'Sam', '4812');
    const list = page.getByTestId('shipped-serials');
    await list.waitFor();

    await page.getByLabel('SKU').fill('LT-300');
    await list.getByTestId('shipped-count').getByText('of 2 matching shipped serials').waitFor();
    const rows = await list.getByTestId('shipped-row').allInnerTexts();
    expect(rows).toHaveLength(2);
    for (const [i, serial] of ['LAPTP00002', 'LAPTP00001'].entries()) {
      expect(rows[i]).toContain(serial);
      expect(rows[i]).toContain('SO-200');
      expect(rows[i]).toContain('Bo Chen');
    }
    await snapAtStationSizes(page, 'serials-06-recall-sku');

    await page.getByRole('button', { name: 'Export CSV' }).click();
    const done = page.getByTestId('export-done');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.innerText()).toContain('Saved 2 rows');
    const download = page.waitForEvent('download');
    await done.getByRole('link', { name: /^Download/ }).click();
    const file = await (await download).path();
    const csv = fs.readFileSync(file, 'utf8');
    for (const serial of ['LAPTP00001', 'LAPTP00002']) expect(csv).toContain(serial);
    expect(csv).not.toContain(imei(1));
    const records = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(2);
    for (const record of records) {
      for (const column of ['Shipped at', 'Created at']) {
        const at = record[column]!;
        expect(at).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\${screenOffset}$`));
        expect(Date.now() - Date.parse(at)).toBeLessThan(60 * 60_000);
      }
      expect(record['Warranty until']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    await snapAtStationSizes(page, 'serials-07-recall-exported');

    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('verifies returns: restocks the matching unit and flags a swapped one', async () => {
    const { station, browser } = running();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const pageErrors = watchPageErrors(page);
    await page.goto(station.url);
    await page.getByTestId('connection').getByText('Connected').waitFor();
    await page.getByTestId('products-list').waitFor();

    await goToScreen(page, 'Alt+3', 'returns');
    // Every return is recorded against someone: the wizard asks for sign-in first.
    expect(await page.getByTestId('sign-in').innerText()).toContain('Returns needs someone signed in');
    await signInOnScreen(page, 'Pat', '2468');
    const wizard = page.getByTestId('returns-screen');
    await wizard.waitFor();
    const prompt = page.getByTestId('scan-prompt-text');
    expect(await prompt.innerText()).toBe('Scan the order number from the return paperwork');
    await snapAtStationSizes(page, 'returns-01-start');

    await scan(page, 'SO-200');
    await prompt.getByText('Scan the serial of the unit returned on order SO-200').waitFor();
    await scan(page, 'LAPTP00001');
    const verdict = page.getByTestId('return-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('match');
    expect(await verdict.getByTestId('return-verdict-title').innerText()).toBe('Shipped on SO-200');
    expect(await verdict.innerText()).toContain('Bo Chen');
    expect(await verdict.innerText()).toContain('In warranty');
    await snapAtStationSizes(page, 'returns-02-match');

    await page.getByLabel(/Note \(optional\)/).fill('box opened, unit unused');
    await page.getByLabel(/Note \(optional\)/).blur();
    await page.keyboard.press('r');
    const disposed = page.getByTestId('return-disposed');
    await disposed.waitFor();
    expect(await disposed.innerText()).toContain('LAPTP00001 is back in stock and can ship again');
    await prompt.getByText('Next return: scan the order number from its paperwork').waitFor();
    await snapAtStationSizes(page, 'returns-03-restocked');

    // The swapped unit: the paperwork says SO-200, the phone in the box went out on SO-100.
    await scan(page, 'SO-200');
    await prompt.getByText('Scan the serial of the unit returned on order SO-200').waitFor();
    await scan(page, imei(2));
    await verdict.getByText('It went out on SO-100').waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('SHIPPED_ON_OTHER_ORDER');
    expect(await verdict.getAttribute('role')).toBe('alert');
    expect(await verdict.innerText()).toContain('Ada Lindqvist');
    expect(await verdict.innerText()).toContain('RED FLAG: NOT FROM THIS ORDER');
    await snapAtStationSizes(page, 'returns-04-swapped');
    await page.keyboard.press('Escape');
    await prompt.getByText('Next return: scan the order number from its paperwork').waitFor();

    // A unit we never shipped, without paperwork.
    await page.keyboard.press('Escape');
    await prompt.getByText('Scan the serial of the returned unit').waitFor();
    await scan(page, 'NOT-OURS-1');
    await verdict.getByText('Never shipped by us').waitFor();
    expect(await page.getByTestId('disposition').count()).toBe(0);
    await snapAtStationSizes(page, 'returns-05-never-shipped');

    // The restocked laptop is in stock again, in the serial inventory.
    await goToScreen(page, 'Alt+4', 'serials');
    await page.getByRole('tab', { name: 'Inventory' }).click();
    await page.getByTestId('tab-in_stock').click();
    await page.getByLabel('Search serial', { exact: true }).fill('LAPTP00001');
    await page.getByTestId('serial-inventory').getByText('Showing 1–1 of 1').waitFor();
    const inventoryRow = page.getByTestId('inventory-row');
    expect(await inventoryRow.innerText()).toContain('LAPTP00001');
    expect(await inventoryRow.getByTestId('unit-status').innerText()).toBe('In stock');
    // A packer sees why the lifecycle moves are not offered to them.
    expect(await inventoryRow.getByRole('button', { name: 'Reserve' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('supervisor-only').innerText()).toContain('for supervisors; Pat is signed in');
    await snapAtStationSizes(page, 'serials-08-inventory-restocked');

    // Its history tells the whole story.
    await inventoryRow.getByRole('button', { name: /LAPTP00001/ }).click();
    // The timeline is asked for when it opens: wait for it before reading it.
    await page.getByTestId('history-event').first().waitFor();
    const events = await page.getByTestId('history-event').allInnerTexts();
    expect(events.map((e) => e.split('\n')[0])).toEqual([
      'Received on PO-E2E-1',
      'Shipped on order SO-200',
      'Return checked: match with order SO-200',
      'Returned from order SO-200',
      'Restocked',
    ]);
    expect(events[4]).toContain('box opened, unit unused');
    await snapAtStationSizes(page, 'serials-09-history-after-return');

    await page.getByRole('button', { name: 'Dark theme' }).click();
    await goToScreen(page, 'Alt+3', 'returns');
    await wizard.waitFor();
    await scan(page, 'SO-100');
    await scan(page, imei(1));
    await verdict.getByText('Shipped on SO-100').waitFor();
    await snapAtStationSizes(page, 'returns-06-match-dark');
    await page.getByRole('button', { name: 'Light theme' }).click();

    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

describe('a shipped list far longer than a browser can scroll natively', () => {
  it('moves row by row with the wheel and keys, and reaches the last row', async () => {
    const { browser } = running();
    const bulkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-e2e-bulk-'));
    const bulk = createAppContext({ dataDir: bulkDir, mode: 'browser', stationName: 'E2E-BULK' });
    let bulkStation: BrowserStation | undefined;
    try {
      await seed(bulk);
      // 300,000 more shipment rows, written straight into the store: 64 px each, 19 million pixels of list.
      const first = bulk.store.db.prepare('SELECT * FROM shipped_serials ORDER BY id LIMIT 1').get() as Record<
        string,
        string | number
      >;
      const insert = bulk.store.db.prepare(
        `INSERT INTO shipped_serials (shipment_id, serial, serial_key, order_id, order_line_id, product_id, unit_id, slot,
           slot_label, overridden, shipped_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, NULL, 0, ?, ?)`,
      );
      const rows = 300_000;
      bulk.store.db.transaction(() => {
        for (let i = 1; i <= rows; i++) {
          const serial = `BULK${String(i).padStart(7, '0')}`;
          insert.run(
            first.shipment_id!,
            serial,
            serial,
            first.order_id!,
            first.order_line_id!,
            first.product_id!,
            first.unit_id!,
            '2020-01-01T00:00:00.000Z',
            '2020-01-01T00:00:00.000Z',
          );
        }
      })();
      bulkStation = await startBrowserStation({ context: bulk, rendererDir: RENDERER_OUT, port: 0 });
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const pageErrors = watchPageErrors(page);
      await page.goto(bulkStation.url);
      await page.getByTestId('products-list').waitFor();
      await goToScreen(page, 'Alt+4', 'serials');
      const count = page.getByTestId('shipped-count');
      await count.getByText(`of ${(rows + 4).toLocaleString('en')} shipped serials`).waitFor();
      const firstShown = async () => Number(/Showing ([\d,]+)–/.exec(await count.innerText())![1]!.replace(/,/g, ''));
      expect(await firstShown()).toBe(1);
      expect(await page.getByTestId('shipped-row').first().innerText()).toContain('LAPTP00002');

      // Ten rows per 640 px of wheel, as in a short list, although the scroll bar is scaled down.
      const body = page.getByTestId('shipped-rows');
      const box = (await body.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, 640);
      await expect.poll(firstShown).toBe(11);

      await body.focus();
      await page.keyboard.press('End');
      await count.getByText(`${(rows + 4).toLocaleString('en')} of`).waitFor();
      // Newest first: the bulk rows are dated 2020, so the last row is the first of them written.
      await page.getByTestId('shipped-row').filter({ hasText: 'BULK0000001' }).waitFor();
      await snapAtStationSizes(page, 'serials-10-long-list-end');

      await page.keyboard.press('Home');
      await expect.poll(firstShown).toBe(1);
      expect(pageErrors).toEqual([]);
      await page.close();
    } finally {
      await bulkStation?.close();
      await bulk.close();
      fs.rmSync(bulkDir, { recursive: true, force: true });
    }
  });
});
