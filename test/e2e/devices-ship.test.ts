import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/main/app-context';
import { renderLabelPreviews } from '../../src/main/devices/printer/preview/label-preview';
import { PrinterSimulator } from '../../src/main/devices/printer/printer.simulator';
import { FAKE_SCALE_PATH, FakeHidScale, fakeScaleBackend } from '../../src/main/devices/scale/hid-pos-scale.simulator';
import { SCALE_USAGE_PAGE } from '../../src/main/devices/scale/hid-pos-scale-report';
import type { FakeHidBackend } from '../../src/main/devices/hid/fake-hid-transport';
import { PrinterConfig } from '../../src/shared/ipc/devices.contract';
import { printerSettings } from '../../src/main/devices/device-manager';
import { commandLabels } from '../../src/main/devices/printer/zpl/command-labels';
import { commandBarcodeText, STATION_COMMANDS } from '../../src/shared/scan/station-commands';
import { SCREENS_DIR, snapAtStationSizes, snapPartAtStationSizes, watchPageErrors } from '../support/e2e-browser';
import { answered, scanAnswered, scanFieldReady, wedgeScan } from '../support/e2e-scanning';
import { browserStationSuite, goToScreen, importCsv, scanPromptText } from '../support/e2e-station';

const PHONE_UPC = '0840000000017';
const CABLE_UPC = '0840000000024';
const IMEI = { one: '356938035643809', two: '356938035643817' } as const;

const PRODUCTS = `sku,name,barcodes,has_serial_numbers,serials_per_unit,serial_labels,serial_pattern,serial_length,warranty_months,unit_weight_g
PH-100,Phone X 128 GB dual SIM,${PHONE_UPC},yes,2,IMEI 1|IMEI 2,^[0-9]{15}$,,24,420
CB-1,USB-C cable 1 m,${CABLE_UPC},no,,,,,12,40
`;
const POS = `po_number,vendor,sku,qty,unit_cost
PO-DEV-1,Northwind Electronics,PH-100,1,399.99
PO-DEV-1,Northwind Electronics,CB-1,5,2.50
`;
const ORDERS = `order_number,customer_name,ship_to,sku,qty,serials
SO-DEV-1,Harbour Cafe,"12 Harbour Road, Oslo",PH-100,1,
SO-DEV-1,Harbour Cafe,"12 Harbour Road, Oslo",CB-1,1,
SO-DEV-2,Bo Svensson,4 Mill Lane,CB-1,1,
`;

let printer: PrinterSimulator | undefined;
let hid: FakeHidBackend;

/** A receiving desk's work: the phone (both IMEIs) and five cables in stock. */
async function seed(ctx: AppContext): Promise<void> {
  ctx.services.auth.add({ name: 'Sam', role: 'supervisor', pin: '4812' }, null);
  ctx.services.auth.add({ name: 'Pat', role: 'packer', pin: '2468' }, 'cli');
  await importCsv(ctx, 'products', PRODUCTS);
  await importCsv(ctx, 'pos', POS);
  await importCsv(ctx, 'orders', ORDERS);
  const actor = ctx.services.station.actor(null);
  const session = ctx.services.receiving.start('PO-DEV-1', actor);
  for (const raw of [PHONE_UPC, IMEI.one, IMEI.two, ...Array<string>(5).fill(CABLE_UPC)]) {
    const verdict = ctx.services.receiving.scan(session.sessionId, raw, 'script', actor);
    if (!verdict.ok) throw new Error(`Receiving ${raw} was refused: ${verdict.message}`);
  }
  ctx.services.receiving.close(session.sessionId, actor, ctx.services.station.receivingLocation());
}

/** The simulated USB scale the station has open now (a new one after each re-plug). */
function scale(): FakeHidScale {
  const latest = hid.latest;
  if (!(latest instanceof FakeHidScale)) throw new Error('The station has not opened the simulated scale.');
  return latest;
}

async function pillText(page: Page, device: string): Promise<string> {
  return page.getByTestId(`device-${device}`).innerText();
}

/** Decodes every barcode zbarimg finds in a PNG, one per line. */
function zbar(png: Buffer): string[] {
  const file = path.join(running().dataDir, `label-${Date.now()}.png`);
  fs.writeFileSync(file, png);
  const out = execFileSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.trim() !== '');
}

const running = browserStationSuite({
  name: 'devices',
  stationName: 'PACK-DEV',
  contextOptions: () => {
    hid = fakeScaleBackend({ grams: 0 });
    return { hid, startDevices: true };
  },
  prepare: async (context) => {
    await seed(context);
    printer = await PrinterSimulator.start({ port: 0 });
    await context.services.devices.configure({
      scale: { kind: 'hid-pos', path: FAKE_SCALE_PATH },
      // A label for every shipped serial too, besides the packing label.
      printer: PrinterConfig.parse({ address: printer.url, serialLabels: true }),
    });
    context.services.admin.updateStation({ stages: { weigh: true, print: true } });
  },
  cleanUp: () => printer?.close(),
});

describe('ship with the simulated USB scale and network label printer, in Chromium', () => {
  it('weighs on the scale (refusing a wrong weight), survives paper out, prints labels that scan back to the serials, and ships', async () => {
    const { station, browser, context } = running();
    if (!printer) throw new Error('The printer simulator did not start.');
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const pageErrors = watchPageErrors(page);
    await page.goto(station.url);
    await page.getByTestId('connection').getByText('Connected').waitFor();

    // The frame says what the station has: a keyboard scanner, and a scale and printer that answer.
    await page.getByTestId('device-scale').getByText('connected').waitFor();
    expect(await pillText(page, 'scanner')).toBe('Scanner keyboard scanner');
    expect(await pillText(page, 'printer')).toMatch(/^Printer (connected|Ready)/);

    await goToScreen(page, 'Alt+1', 'ship');
    await page.getByTestId('sign-in').waitFor();
    await page.getByRole('button', { name: /Pat/ }).click();
    await page.keyboard.type('2468');
    await page.keyboard.press('Enter');
    await page.getByTestId('ship-screen').waitFor();
    await scanFieldReady(page);

    await wedgeScan(page, 'SO-DEV-1');
    await page.getByTestId('ship-order').getByText('SO-DEV-1').waitFor();
    for (const code of [PHONE_UPC, IMEI.one, IMEI.two]) expect((await scanAnswered(page, code)).title).toBe('Accepted');
    // The cable comes from a scanner the station reads itself, over the same socket as every event.
    const fromHid = await answered(page, async () =>
      context.bus.emit('devices:scan', {
        text: CABLE_UPC,
        symbology: 'EAN-13',
        source: 'hid',
        receivedAt: new Date().toISOString(),
      }),
    );
    expect(fromHid.title).toBe('Accepted');
    expect(fromHid.message).toContain('USB-C cable 1 m');

    expect(await scanPromptText(page)).toBe('Put the parcel on the scale');
    expect(await page.getByTestId('ship-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('ship-missing').innerText()).toContain('the parcel is not weighed');
    await snapAtStationSizes(page, 'devices-01-weigh-next');

    // A parcel far heavier than its contents (420 g + 40 g): refused in large type, a supervisor may approve it.
    scale().setGrams(700);
    await page.getByTestId('scale-now').getByText('700 g').waitFor();
    const heavy = await answered(page, () => page.keyboard.press('F6'));
    expect(heavy.title).toBe('Weight does not match');
    expect(heavy.message).toContain('should weigh about 460 g');
    expect(await page.getByTestId('verdict').getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('ship-weight').innerText()).toContain('Outside ±5%');
    await page.getByTestId('override-offer').waitFor();
    expect(await scanPromptText(page)).toBe('Weight does not match — weigh the parcel again');
    expect(await page.getByTestId('ship-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('ship-missing').innerText()).toContain('the weight is outside the tolerance');
    await snapAtStationSizes(page, 'devices-02-weight-out-of-tolerance');

    // The packer takes out what did not belong and weighs again; the parcel is still moving at F6.
    scale().setGrams(452, true);
    await page.getByTestId('scale-now').getByText('452 g').waitFor();
    const weighed = answered(page, async () => {
      await page.keyboard.press('F6');
      await page.getByTestId('stage-progress').waitFor();
      await page.getByTestId('stage-weight-figure').getByText('452 g').waitFor();
      expect(await page.getByTestId('stage-weight').innerText()).toContain('Moving');
      await snapAtStationSizes(page, 'devices-03-weighing');
      scale().setGrams(455);
    });
    const weight = await weighed;
    expect(weight.message).toContain('455');
    expect(weight.title).toBe('Weight recorded');
    expect(await page.getByTestId('ship-weight-measured').innerText()).toBe('455 g');
    expect(await scanPromptText(page)).toBe('Print the shipping label');

    // Paper out: the label is refused in large type, the order stays, and the frame says why.
    printer.setFaults({ paperOut: true });
    const refused = await answered(page, () => page.keyboard.press('F7'));
    expect(refused.title).toBe('Label not printed — Paper out');
    expect(refused.message.toLowerCase()).toContain('paper');
    await page.getByTestId('stage-kept').waitFor();
    expect(await scanPromptText(page)).toBe('Printer: Paper out — fix it, then print again');
    await page.getByTestId('device-printer').and(page.locator('[data-state="error"]')).waitFor();
    expect((await pillText(page, 'printer')).toLowerCase()).toContain('paper');
    const banner = await page.getByTestId('device-banner').innerText();
    expect(banner).toContain('The order you are packing is kept; nothing scanned is lost.');
    expect(await page.getByTestId('ship-order').innerText()).toContain('SO-DEV-1');
    expect(await page.getByTestId('scan-counts').innerText()).toBe('2 / 2 units · 2 / 2 serials');
    await snapAtStationSizes(page, 'devices-04-paper-out');

    // Labels loaded: print again.
    printer.setFaults({ paperOut: false });
    const before = printer.labels.length;
    const printed = await answered(page, () => page.getByTestId('stage-print').click());
    // The packing label, then one label per IMEI (the cable has no serial).
    expect(printed.title).toBe('3 labels printed');
    expect(await page.getByTestId('ship-label-previews').getByRole('img').count()).toBe(3);
    await page.getByTestId('ship-ready').waitFor();
    const [packing, ...serialLabels] = (await printer.waitForLabels(before + 3)).slice(before);
    expect(packing!.zpl).toContain(IMEI.one);
    expect(packing!.zpl).toContain('IMEI 2');
    await snapAtStationSizes(page, 'devices-05-printed');

    // The labels the printer received, drawn from their ZPL and read back by an independent decoder.
    const [packingPng] = renderLabelPreviews(packing!.zpl, { scale: 2 });
    expect(zbar(packingPng!.png).some((text) => text.includes('SO-DEV-1'))).toBe(true);
    const serialsRead = serialLabels.map((serialLabel) => {
      const [png] = renderLabelPreviews(serialLabel.zpl, { scale: 2 });
      return zbar(png!.png);
    });
    expect(serialsRead).toEqual([[IMEI.one], [IMEI.two]]);

    await page.keyboard.press('Enter');
    const done = page.getByTestId('ship-done');
    await done.waitFor();
    expect(await done.innerText()).toContain('Order SO-DEV-1 shipped');
    const shipment = context.store.db
      .prepare(
        `SELECT s.weight_g AS weightG FROM shipments s JOIN orders o ON o.id = s.order_id WHERE o.order_number = 'SO-DEV-1'`,
      )
      .get() as { weightG: number } | undefined;
    expect(shipment?.weightG).toBe(455);

    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('keeps the order through a scale unplugged and plugged back, and shows the Devices screen', async () => {
    const { station, browser, context } = running();
    if (!printer) throw new Error('The printer simulator did not start.');
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const pageErrors = watchPageErrors(page);
    await page.goto(station.url);
    await page.getByTestId('connection').getByText('Connected').waitFor();
    await page.getByRole('button', { name: /^Ship/ }).click();
    // Pat's shift from the first window may still be open at the station.
    await page.getByTestId('sign-in').or(page.getByTestId('ship-screen')).waitFor();
    if (await page.getByTestId('sign-in').isVisible()) {
      await page.getByRole('button', { name: /Pat/ }).click();
      await page.keyboard.type('2468');
      await page.keyboard.press('Enter');
    }
    await page.getByTestId('ship-screen').waitFor();
    await scanFieldReady(page);
    await wedgeScan(page, 'SO-DEV-2');
    await page.getByTestId('ship-order').getByText('SO-DEV-2').waitFor();
    expect((await scanAnswered(page, CABLE_UPC)).title).toBe('Accepted');

    hid.unplug(FAKE_SCALE_PATH);
    await page.getByTestId('device-scale').and(page.locator('[data-state="reconnecting"]')).waitFor();
    expect(await pillText(page, 'scale')).toMatch(/Unplugged/);
    const banner = await page.getByTestId('device-banner').innerText();
    expect(banner).toMatch(/Scale: Unplugged/);
    expect(banner).toContain('Type the weight (F3) meanwhile.');
    // The weigh step offers typing the weight while the scale is away.
    await page.getByTestId('stage-type-weight').waitFor();
    expect(await page.getByTestId('ship-order').innerText()).toContain('SO-DEV-2');
    await snapAtStationSizes(page, 'devices-06-scale-unplugged');

    hid.plug(
      {
        path: FAKE_SCALE_PATH,
        vendorId: 0x0922,
        productId: 0x8003,
        manufacturer: 'Simulated',
        product: 'USB shipping scale',
        usagePage: SCALE_USAGE_PAGE,
        usage: 0x20,
      },
      () => new FakeHidScale({ grams: 0 }),
    );
    await page.getByTestId('device-scale').and(page.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });
    await page.getByTestId('device-banner').waitFor({ state: 'detached' });
    await page.getByTestId('stage-weigh').waitFor();
    expect(await page.getByTestId('ship-order').innerText()).toContain('SO-DEV-2');

    // The Devices screen: what is set up, how each is doing, the live weight, a test print and a test scan.
    await page.getByRole('button', { name: 'Devices' }).click();
    await page.getByTestId('devices-screen').waitFor();
    expect(await page.getByTestId('device-card-scale-config').innerText()).toBe(
      `USB HID POS scale at ${FAKE_SCALE_PATH}`,
    );
    expect(await page.getByTestId('device-card-printer-config').innerText()).toContain(printer.url);
    // Pat is a packer: the choice of devices is a supervisor's.
    await page.getByTestId('supervisor-only').waitFor();
    scale().setGrams(1250);
    await page.getByTestId('live-weight-figure').getByText('1,250 g').waitFor();
    await page.getByTestId('test-print-serial').fill('SN-DEVICES-1');
    const labelsBefore = printer.labels.length;
    await page.getByTestId('test-print-button').click();
    await page.getByTestId('test-print-answer').waitFor();
    await page.getByTestId('test-print-previews').getByRole('img').waitFor();
    const [testLabel] = (await printer.waitForLabels(labelsBefore + 1)).slice(labelsBefore);
    expect(zbar(renderLabelPreviews(testLabel!.zpl, { scale: 2 })[0]!.png)).toContain('SN-DEVICES-1');
    context.bus.emit('devices:scan', {
      text: '0109501101530003\x1d21SN-77',
      symbology: 'GS1 DataMatrix',
      source: 'serial',
      receivedAt: new Date().toISOString(),
    });
    await page.getByTestId('test-scan-row').first().waitFor();
    expect(await page.getByTestId('test-scan-row').first().innerText()).toContain('GS1 DataMatrix');
    // A keyboard scanner is tried in the card's own box, and the screen says it read as a scanner.
    await page.getByTestId('test-scan-input').click();
    await wedgeScan(page, CABLE_UPC);
    expect(await page.getByTestId('test-scan-row').first().innerText()).toContain(CABLE_UPC);
    expect(await page.getByTestId('test-scan-verdict').innerText()).toContain('Read as a scanner: 13 characters');
    await page.getByTestId('test-scan').scrollIntoViewIfNeeded();
    await snapAtStationSizes(page, 'devices-07b-test-scan');
    const toTop = () => page.evaluate(() => document.getElementById('content')?.scrollTo(0, 0));
    await toTop();
    await snapAtStationSizes(page, 'devices-07-devices-screen');
    await page.getByTestId('discover-button').click();
    await page.getByTestId('discover-panel').getByText('USB shipping scale', { exact: false }).first().waitFor();
    await page.getByTestId('discover-panel').scrollIntoViewIfNeeded();
    await snapAtStationSizes(page, 'devices-08-discover');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await toTop();
    await snapAtStationSizes(page, 'devices-09-devices-screen-dark');
    await page.getByRole('button', { name: 'Light theme' }).click();

    // The command sheet, as the screen draws it, read back by an independent decoder.
    await snapPartAtStationSizes(page, 'command-sheet', 'devices-10-command-sheet');
    // Printed, the sheet is all there is on the page.
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SCREENS_DIR, 'devices-11-command-sheet-print.png'), fullPage: true });
    expect(await page.getByTestId('station-name').evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden');
    expect(await page.getByTestId('command-sheet').evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    await page.emulateMedia({ media: 'screen' });
    for (const command of STATION_COMMANDS) {
      const png = await page.getByTestId(`command-barcode-${command}`).screenshot();
      expect(zbar(png), command).toEqual([commandBarcodeText(command)]);
    }

    // The same codes on the station's label printer, for a station without a paper printer.
    const commandLabelsBefore = printer.labels.length;
    await page.getByTestId('command-labels-print').click();
    await page.getByTestId('command-labels-answer').waitFor();
    await page.getByTestId('command-labels-previews').getByRole('img').first().waitFor();
    const expectedLabels = commandLabels(printerSettings(PrinterConfig.parse({ address: printer.url }))).perLabel
      .length;
    const commandJob = (await printer.waitForLabels(commandLabelsBefore + expectedLabels)).slice(commandLabelsBefore);
    const decoded = commandJob.flatMap((label) =>
      renderLabelPreviews(label.zpl, { scale: 2 }).flatMap((preview) => zbar(preview.png)),
    );
    expect(decoded.sort()).toEqual(STATION_COMMANDS.map(commandBarcodeText).sort());

    // Back to the order, parked by scanning PARK from the sheet instead of pressing F4.
    await page.getByRole('button', { name: /^Ship/ }).click();
    await page.getByTestId('ship-order').getByText('SO-DEV-2').waitFor();
    await scanFieldReady(page);
    const parked = await scanAnswered(page, commandBarcodeText('PARK'));
    expect(parked.title).toBe('Order parked');
    await page.getByTestId('open-sessions').getByText('SO-DEV-2').waitFor();

    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
