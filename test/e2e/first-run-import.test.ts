import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src/main/app-context';
import { startBrowserStation, type BrowserStation } from '../../src/main/station/browser-station';
import { launchChromium, snapAtStationSizes, watchPageErrors } from '../support/e2e-browser';
import { ensureRendererBuilt, RENDERER_OUT } from '../support/e2e-renderer-build';
import { goToScreen } from '../support/e2e-station';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/e2e');

let dataDir: string;
let context: AppContext | undefined;
let station: BrowserStation | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  await ensureRendererBuilt();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-e2e-'));
  context = createAppContext({ dataDir, mode: 'browser', stationName: 'E2E-1' });
  station = await startBrowserStation({ context, rendererDir: RENDERER_OUT, port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await station?.close();
  await context?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function running(): { station: BrowserStation; browser: Browser } {
  if (!station || !browser) throw new Error('The station or the browser did not start.');
  return { station, browser };
}

describe('browser station in Chromium', () => {
  it('goes from first run through demo data to an orders import that is refused, fixed and committed', async () => {
    const { station, browser } = running();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const pageErrors = watchPageErrors(page);

    await page.goto(station.url);
    await page.getByTestId('first-run').waitFor();
    // The token leaves the visible address as soon as the page has it.
    expect(page.url()).not.toContain('token=');
    expect(await page.getByTestId('station-name').innerText()).toContain('E2E-1');
    expect(await page.getByText('Browser station').count()).toBe(1);
    await page.getByTestId('connection').getByText('Connected').waitFor();
    // Scans are typed by a keyboard scanner until another is chosen; scale and printer say they are not set up.
    expect(await page.getByTestId('device-scanner').innerText()).toMatch(/keyboard scanner/);
    expect(await page.getByTestId('device-scale').innerText()).toMatch(/not set up/);
    await snapAtStationSizes(page, '01-first-run');

    await page.getByRole('button', { name: 'Load demo data' }).click();
    const notice = page.getByTestId('demo-loaded');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/\d+ products, \d+ orders and \d+ purchase orders/);
    const products = page.getByTestId('products-list');
    const phone = products.locator('tbody tr', { hasText: 'PH-100' });
    await phone.waitFor();
    expect(await phone.innerText()).toContain('IMEI 1, IMEI 2');
    expect(await page.locator('.badge-demo').innerText()).toMatch(/demo data/i);
    await snapAtStationSizes(page, '02-products-demo');

    // Keyboard first: Alt+9 is printed beside Import in the navigation.
    await goToScreen(page, 'Alt+9', 'import');
    await page.getByTestId('import-screen').waitFor();
    await page.getByRole('radio', { name: 'Orders', exact: true }).check();
    expect(await page.getByTestId('column-help').innerText()).toContain('order_number');
    await snapAtStationSizes(page, '03-import-choose');
    await page.getByTestId('import-file').setInputFiles(path.join(FIXTURES, 'orders-with-errors.csv'));

    const errorTable = page.getByTestId('import-errors');
    await errorTable.waitFor();
    const errorRows = await errorTable.locator('tbody tr').allInnerTexts();
    // Line 1 is the header: the unknown SKU is on line 3, the negative quantity on line 4.
    expect(errorRows.some((row) => /^3\b/.test(row) && row.includes('PH-999'))).toBe(true);
    expect(errorRows.some((row) => /^4\b/.test(row) && row.includes('qty'))).toBe(true);
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-blocked').innerText()).toMatch(/Nothing can be imported until/);
    await snapAtStationSizes(page, '04-import-errors');

    await page.getByTestId('import-file').setInputFiles(path.join(FIXTURES, 'orders-fixed.csv'));
    await errorTable.waitFor({ state: 'detached' });
    const commit = page.getByRole('button', { name: 'Import 2 orders' });
    await commit.waitFor();
    expect(await commit.isEnabled()).toBe(true);
    expect(await page.getByTestId('count-created').innerText()).toBe('2');
    await snapAtStationSizes(page, '05-import-clean');

    await commit.click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('2 new, 0 updated');
    await snapAtStationSizes(page, '06-import-result');

    await page.getByRole('button', { name: 'Open the Orders list' }).click();
    const orders = page.getByTestId('orders-list');
    await orders.waitFor();
    await page.getByLabel('Search order number or customer').fill('E2E-500');
    await orders.getByText('Showing 1–2 of 2').waitFor();
    const imported = orders.locator('tbody tr', { hasText: 'E2E-5001' });
    await imported.waitFor();
    const cells = await imported.locator('td').allInnerTexts();
    expect(cells).toEqual(['E2E-5001', 'Harbour Cafe', 'Open', '2', '3']);
    expect(await orders.locator('tbody tr').count()).toBe(2);
    await snapAtStationSizes(page, '07-orders');

    await page.getByRole('button', { name: 'Dark theme' }).click();
    await snapAtStationSizes(page, '08-orders-dark');
    await page.getByRole('button', { name: 'Light theme' }).click();

    await goToScreen(page, 'Alt+5', 'reports');
    await page.getByTestId('reports-screen').waitFor();
    await snapAtStationSizes(page, '09-reports');
    await goToScreen(page, 'Alt+7', 'orders');

    // A reload keeps the screen and, with the token kept for this tab, the connection.
    await page.reload();
    await page.getByTestId('orders-list').waitFor();
    await page.getByTestId('connection').getByText('Connected').waitFor();

    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('a page opened without the token gets a clear "not authorised" page and no station data', async () => {
    const { station, browser } = running();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${station.origin}/`);
    const locked = page.getByTestId('not-authorised');
    await locked.waitFor();
    expect(await locked.innerText()).toContain('This page is not authorised to use the station');
    expect(await page.getByText('E2E-1').count()).toBe(0);
    // The page itself cannot call the API either: the socket refuses it without the token.
    const refused = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => resolve('opened');
          ws.onclose = () => resolve('refused');
        }),
      `${station.origin.replace(/^http/, 'ws')}/api`,
    );
    expect(refused).toBe('refused');
    await snapAtStationSizes(page, '10-not-authorised');
    await page.close();
  });

  it('shows a banner while the station is unreachable, then reconnects by itself when it is back', async () => {
    const { browser } = running();
    const first = running().station;
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(first.url);
    await page.getByTestId('connection').getByText('Connected').waitFor();

    await first.close();
    // While the station is down its port is held by a listener that drops every connection, so
    // a station started meanwhile by a test running in parallel cannot be handed the same port.
    const holder = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      holder.once('error', reject);
      holder.listen(first.port, '127.0.0.1', () => resolve());
    });
    const banner = page.getByTestId('connection-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Lost connection to the station');
    await snapAtStationSizes(page, '11-connection-lost');

    // The same launch coming back: same port, same token.
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    station = await startBrowserStation({
      context: context!,
      rendererDir: RENDERER_OUT,
      port: first.port,
      token: first.token,
    });
    await page.getByTestId('connection').getByText('Connected').waitFor({ timeout: 30_000 });
    await banner.waitFor({ state: 'detached' });
    await page.close();
  });

  it('a page with a wrong token says the station refused it instead of retrying forever', async () => {
    const { station, browser } = running();
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${station.origin}/?token=not-the-token`);
    const locked = page.getByTestId('not-authorised');
    await locked.waitFor();
    expect(await locked.innerText()).toContain('The station refused this page’s access key');
    await page.close();
  });
});
