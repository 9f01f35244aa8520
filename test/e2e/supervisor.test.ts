import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/main/app-context';
import type { Caller } from '../../src/main/dispatcher';
import { snapAtStationSizes, watchPageErrors } from '../support/e2e-browser';
import { browserStationSuite, goToScreen } from '../support/e2e-station';
import { addOrder, stockUnits } from '../support/ship-fixture';

const SHIPPED = ['E2ELT00001', 'E2ELT00002'];

function productId(ctx: AppContext, sku: string): number {
  return (ctx.store.db.prepare('SELECT id FROM products WHERE sku = ?').get(sku) as { id: number }).id;
}

/** Ships one laptop per order the way a packer's scans would, through the shipping service. */
function shipLaptops(ctx: AppContext): void {
  ctx.services.auth.add({ name: 'Pat', role: 'packer', pin: '2468' }, 'cli');
  const packer: Caller = { id: 'e2e-packer', trusted: true, operator: null };
  const actor = ctx.services.station.actor(ctx.services.auth.signIn(packer, 'Pat', '2468'));
  const laptop = productId(ctx, 'LT-300');
  const barcode = (
    ctx.store.db.prepare('SELECT code FROM product_barcodes WHERE product_id = ? LIMIT 1').get(laptop) as {
      code: string;
    }
  ).code;
  stockUnits(
    ctx.store,
    laptop,
    SHIPPED.map((serial) => [serial]),
  );
  SHIPPED.forEach((serial, i) => {
    const orderNumber = `E2E-SO-${i + 1}`;
    addOrder(ctx.store, orderNumber, [{ productId: laptop, qty: 1 }]);
    const session = ctx.services.shipping.start(orderNumber, actor);
    ctx.services.shipping.scan(session.sessionId, barcode, 'wedge', actor);
    // A box barcode scanned as the serial is refused: it shows on the dashboard by reason.
    ctx.services.shipping.scan(session.sessionId, barcode, 'wedge', actor);
    ctx.services.shipping.scan(session.sessionId, serial, 'wedge', actor);
    ctx.services.shipping.ship(session.sessionId, actor);
  });
}

async function signInAsSam(page: Page): Promise<void> {
  await page.getByTestId('sign-in-open').click();
  await page.getByRole('list', { name: 'Operators' }).getByRole('button', { name: /Sam/ }).click();
  await page.getByLabel('PIN for Sam').fill('4812');
  await page.getByLabel('PIN for Sam').press('Enter');
  await page.getByTestId('operator').getByText('Sam').waitFor();
}

const running = browserStationSuite({
  name: 'supervisor',
  stationName: 'E2E-SUP',
  prepare: async (context) => {
    context.services.auth.add({ name: 'Sam', role: 'supervisor', pin: '4812' }, null);
    await context.services.demo.load();
    shipLaptops(context);
  },
});

describe('supervisor tools in Chromium', () => {
  it('a supervisor checks the day, exports the shift log, turns on serials for two products, changes a rule and backs up', async () => {
    const { station, browser, context, dataDir } = running();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
    const pageErrors = watchPageErrors(page);
    await page.goto(station.url);
    await page.getByTestId('products-list').waitFor();
    await signInAsSam(page);

    // Reports → Today: the two shipments and the refused box-barcode scans.
    await goToScreen(page, 'Alt+5', 'reports');
    const totals = page.getByTestId('dashboard-totals');
    await totals.waitFor();
    expect(await totals.innerText()).toMatch(/units shipped\s*2\b/i);
    expect(await page.getByTestId('rejected').innerText()).toContain('A product barcode scanned as a serial');
    expect(await page.getByTestId('per-operator').innerText()).toContain('Pat');
    await page.locator('[data-testid="hourly-chart"] canvas').waitFor();
    await snapAtStationSizes(page, 'supervisor-01-dashboard');

    // Reports → Exports: today's shift log as CSV, downloaded in the browser.
    await page.getByRole('tab', { name: 'Exports' }).click();
    const form = page.getByTestId('shift-log-form');
    await form.getByRole('button', { name: 'Export shift serial log' }).click();
    const link = page.getByTestId('shift-log-export').getByRole('link', { name: /^Download shift-log_/ });
    await link.waitFor();
    await snapAtStationSizes(page, 'supervisor-02-export-done');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^shift-log_\d{4}-\d{2}-\d{2}_to_\d{4}-\d{2}-\d{2}_.*\.csv$/);
    const file = await download.path();
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Time,Event,Station,Operator,Shift,Order or PO,SKU,Product,Serial,Slot,Override,Override reason,Approved by,Weight (g)',
    );
    for (const serial of SHIPPED) expect(text).toContain(serial);

    // Products: bulk edit turns serial tracking on for the two USB-C cables.
    await goToScreen(page, 'Alt+6', 'products');
    const list = page.getByTestId('products-list');
    await list.getByLabel('Search SKU, name or barcode').fill('CB-USB-C');
    await list.locator('tbody tr').filter({ hasText: 'CB-HDMI' }).waitFor({ state: 'detached' });
    await list.getByText('Showing 1–2 of 2').waitFor();
    await list.getByLabel('Select all on this page').check();
    await list.getByRole('button', { name: 'Change 2 selected' }).click();
    const bulk = page.getByTestId('bulk-editor');
    expect(await bulk.getByTestId('bulk-skus').innerText()).toBe('CB-USB-C1, CB-USB-C2');
    await bulk.getByLabel('Track serial numbers').check();
    await bulk.getByTestId('tracking-on-note').waitFor();
    await snapAtStationSizes(page, 'supervisor-03-bulk-edit');
    await bulk.getByRole('button', { name: 'Apply to 2 products' }).click();
    await page.getByTestId('products-saved').getByText('Changed 2 products').waitFor();
    const tracked = context.store.db
      .prepare(
        "SELECT sku, track_serials AS tracked FROM products WHERE sku IN ('CB-USB-C1', 'CB-USB-C2', 'CB-HDMI-2') ORDER BY sku",
      )
      .all();
    expect(tracked).toEqual([
      { sku: 'CB-HDMI-2', tracked: 0 },
      { sku: 'CB-USB-C1', tracked: 1 },
      { sku: 'CB-USB-C2', tracked: 1 },
    ]);
    await list.locator('tbody tr', { hasText: 'CB-USB-C1' }).getByText('Yes, 1 per unit').waitFor();
    await snapAtStationSizes(page, 'supervisor-04-products');

    // One product: the dual-SIM phone gets a 24-month warranty; its two IMEI slots are shown by name.
    await list.getByLabel('Search SKU, name or barcode').fill('PH-100');
    await list.getByText('Showing 1–1 of 1').waitFor();
    await list.getByRole('button', { name: 'Edit PH-100' }).click();
    const editor = page.getByTestId('product-editor');
    expect(await editor.getByLabel('Serials per unit').inputValue()).toBe('2');
    expect(await editor.getByLabel('Serial 2', { exact: true }).inputValue()).toBe('IMEI 2');
    await editor.getByLabel('Warranty (months)').fill('30');
    await snapAtStationSizes(page, 'supervisor-04b-product-editor');
    await editor.getByRole('button', { name: 'Save PH-100' }).click();
    await page.getByTestId('products-saved').getByText('Saved PH-100').waitFor();
    expect(context.store.db.prepare("SELECT warranty_months AS m FROM products WHERE sku = 'PH-100'").get()).toEqual({
      m: 30,
    });

    // Settings: allow over-receipt, saved and recorded.
    await goToScreen(page, 'Alt+0', 'settings');
    const rule = page.getByTestId('rule-allowOverReceipt');
    await rule.waitFor();
    expect(await rule.innerText()).toContain('Let receiving take more units than the purchase order line ordered.');
    await rule.getByRole('switch').check();
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByTestId('rules-saved').getByText('Receive more than ordered: Off → On').waitFor();
    expect(context.services.admin.settings().rules.allowOverReceipt).toBe(true);
    await snapAtStationSizes(page, 'supervisor-05-settings');
    await page.getByTestId('rule-vendorSkips').scrollIntoViewIfNeeded();
    await snapAtStationSizes(page, 'supervisor-05b-vendors');

    // Backups: one taken now, while the station keeps working.
    await page.getByTestId('backup-now').click();
    const taken = page.getByTestId('backup-taken');
    await taken.waitFor();
    const backups = fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.endsWith('.db'));
    expect(backups).toHaveLength(1);
    expect(await taken.innerText()).toContain(backups[0]!);
    await page.getByTestId('last-backup').getByText(backups[0]!).waitFor();
    await page.getByTestId('backups').scrollIntoViewIfNeeded();
    await snapAtStationSizes(page, 'supervisor-06-backup');

    // Shift log at shift end: written into the chosen folder when Sam signs out below.
    const shiftLogs = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-e2e-shift-logs-'));
    const shiftLog = page.getByTestId('shift-export-settings');
    await shiftLog.getByRole('switch', { name: /Save the shift log when a shift ends/ }).check();
    await shiftLog.getByLabel('Folder').fill(shiftLogs);
    await shiftLog.getByRole('button', { name: 'Save shift log setting' }).click();
    await page.getByTestId('shift-export-saved').getByText(`its log goes to ${shiftLogs}`).waitFor();
    await shiftLog.scrollIntoViewIfNeeded();
    await snapAtStationSizes(page, 'supervisor-06b-shift-log');

    await page.getByRole('button', { name: 'Dark theme' }).click();
    await goToScreen(page, 'Alt+5', 'reports');
    await page.getByTestId('dashboard-totals').waitFor();
    await snapAtStationSizes(page, 'supervisor-07-dashboard-dark');

    await page.getByTestId('sign-out').click();
    // Written under a hidden temporary name first, then renamed: only a finished file has the real name.
    const finished = () => fs.readdirSync(shiftLogs).filter((name) => !name.startsWith('.'));
    await expect.poll(finished, { timeout: 10_000 }).toHaveLength(1);
    const [logFile] = finished();
    expect(logFile).toMatch(/^shift-log_E2E-SUP_Sam_.*\.csv$/);
    expect(fs.readFileSync(path.join(shiftLogs, logFile!), 'utf8')).toContain('Time,Event,Station,Operator');
    fs.rmSync(shiftLogs, { recursive: true, force: true });

    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('someone not signed in sees why the supervisor controls are unavailable', async () => {
    const { station, browser } = running();
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${station.url}#/settings`);
    const rules = page.getByTestId('rules');
    await rules.waitFor();
    expect(await rules.getByTestId('supervisor-only').innerText()).toContain('No one is signed in at this station.');
    expect(await page.getByRole('button', { name: 'Save rules' }).isDisabled()).toBe(true);
    await snapAtStationSizes(page, 'supervisor-08-settings-signed-out');
    await page.close();
  });
});
