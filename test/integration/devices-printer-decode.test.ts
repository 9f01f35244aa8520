/**
 * The independent check: labels go through the real TCP transport to the simulated printer, the
 * captured ZPL is rendered by the preview renderer, and barcode readers that share no code with
 * Packbench decode the PNG — Debian's zbarimg (zbar-tools) for Code 128 and dmtxread
 * (dmtx-utils, libdmtx) for the GS1 DataMatrix, which zbar cannot read.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatElementString, GS } from '../../src/shared/scan/gs1';
import { renderLabelPreviews } from '../../src/main/devices/printer/preview/label-preview';
import { PrinterSimulator } from '../../src/main/devices/printer/printer.simulator';
import { Tcp9100Printer } from '../../src/main/devices/printer/tcp9100-printer';
import { DEFAULT_PRINTER_SETTINGS, type PrinterSettings } from '../../src/main/devices/printer/types';
import { packingLabels } from '../../src/main/devices/printer/zpl/packing-label';
import { serialLabel } from '../../src/main/devices/printer/zpl/serial-label';
import { commandLabels } from '../../src/main/devices/printer/zpl/command-labels';
import { commandBarcodeText, STATION_COMMANDS } from '../../src/shared/scan/station-commands';

function tool(name: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

const zbarimg = tool('zbarimg');
const dmtxread = tool('dmtxread');
if (zbarimg === null) console.warn('Skipping barcode decode checks: zbarimg (Debian zbar-tools) is not installed.');
if (dmtxread === null)
  console.warn('Skipping DataMatrix decode checks: dmtxread (Debian dmtx-utils) is not installed.');

const GTIN = '09501101530003';
let dir: string;
let simulator: PrinterSimulator;
let printer: Tcp9100Printer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-labels-'));
  simulator = await PrinterSimulator.start();
  printer = new Tcp9100Printer({ host: '127.0.0.1', port: simulator.port, statusTimeoutMs: 1000 });
});

afterAll(async () => {
  await printer?.close();
  await simulator?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Prints through TCP, takes what the printer received, renders it; one PNG path per label. */
async function printAndRender(zpl: string, name: string): Promise<string[]> {
  const before = simulator.labels.length;
  const result = await printer.print(zpl);
  expect(result.ok, result.message).toBe(true);
  const received = simulator.labels
    .slice(before)
    .map((l) => l.zpl)
    .join('\n');
  return renderLabelPreviews(received).map((preview, i) => {
    expect(preview.warnings.filter((w) => !w.startsWith('Some characters'))).toEqual([]);
    const file = path.join(dir, `${name}-${i + 1}.png`);
    fs.writeFileSync(file, preview.png);
    return file;
  });
}

/** Code 128 symbols zbar finds, one decoded text per symbol (zbar uses LF between symbols). */
function zbarCode128(file: string): string[] {
  const out = execFileSync(zbarimg!, ['--nodbus', '--quiet', '--raw', '-Sdisable', '-Scode128.enable', file], {
    encoding: 'latin1',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out.replace(/\n$/, '').split('\n');
}

/** The DataMatrix content dmtxread finds; with -G it shows the leading FNC1 too. */
function dmtx(file: string): string {
  return execFileSync(dmtxread!, ['-N1', file], { encoding: 'latin1' });
}

/** The element string as a scanner hands it over, whatever the decoder uses for FNC1/GS. */
function normaliseGs1(text: string): string {
  const body = text.replace(/^\]d2/, '').replace(/\u00e8/g, GS);
  return body.startsWith(GS) ? body.slice(1) : body;
}

describe.skipIf(zbarimg === null)('printed labels decode with independent readers', () => {
  const settings: PrinterSettings = { ...DEFAULT_PRINTER_SETTINGS, labelWidthMm: 76.2, labelHeightMm: 38.1 };

  it.each([
    ['plain', 'SN-000123456'],
    ['digits', '0012345678901234'],
    ['lower case and punctuation', 'abc-xyz.42/7'],
    ['ZPL control characters', 'AB^12~_X'],
    ['invocation and escape characters', 'AB_12>C<'],
  ])('a serial label with a %s serial: the Code 128 reads back as the serial', async (name, serial) => {
    const label = serialLabel({ serial, sku: 'WID-42', productName: 'Widget', gtin: GTIN }, settings);
    const [png] = await printAndRender(label.zpl, `serial-${name.replace(/\W+/g, '-')}`);
    expect(zbarCode128(png!)).toEqual([serial]);
  });

  it.skipIf(dmtxread === null).each([['SN-000123456'], ['AB_12>C<'], ['0012345678901234']])(
    'the GS1 DataMatrix of serial %j decodes to (01) GTIN + (21) serial',
    async (serial) => {
      const label = serialLabel({ serial, gtin: GTIN }, settings);
      const expected = formatElementString([
        { ai: '01', value: GTIN },
        { ai: '21', value: serial },
      ]);
      expect(label.gs1).toBe(expected);
      const [png] = await printAndRender(label.zpl, `gs1-${serial.replace(/\W+/g, '-')}`);
      expect(normaliseGs1(dmtx(png!))).toBe(expected);
      // The first codeword is FNC1 (232): a GS1 DataMatrix, not a plain one holding the same digits.
      const codewords = execFileSync(dmtxread!, ['-N1', '-c', png!], { encoding: 'latin1' });
      expect(codewords.split('\n')[0]).toBe('d:232');
    },
  );

  it.each([203, 300] as const)('decodes at %d dpi as well', async (dpi) => {
    const label = serialLabel({ serial: 'DPI-CHECK-77', gtin: GTIN }, { ...settings, dpi });
    const [png] = await printAndRender(label.zpl, `dpi-${dpi}`);
    expect(zbarCode128(png!)).toEqual(['DPI-CHECK-77']);
    if (dmtxread !== null) expect(normaliseGs1(dmtx(png!))).toBe(label.gs1);
  });

  it('every label of a multi-label packing list carries a readable order-number barcode', async () => {
    const serials = Array.from({ length: 45 }, (_, i) => ({
      sku: 'SKU',
      productName: 'Item',
      slotLabel: 'Serial',
      serial: `S${i}`,
    }));
    const packing = packingLabels(
      { orderNumber: 'SO-2024-0815', customerName: 'Ada', shipTo: '1 Main St', serials },
      DEFAULT_PRINTER_SETTINGS,
    );
    const pngs = await printAndRender(packing.zpl, 'packing');
    expect(pngs).toHaveLength(packing.labelCount);
    for (const png of pngs) expect(zbarCode128(png)).toEqual(['SO-2024-0815']);
  });

  it.each([
    ['a 3 × 1.5 inch label', settings],
    ['a 4 × 6 inch label', DEFAULT_PRINTER_SETTINGS],
  ])('the command labels on %s read back as their CMD: texts', async (name, labelSettings) => {
    const labels = commandLabels(labelSettings);
    const pngs = await printAndRender(labels.zpl, `commands-${name.replace(/\W+/g, '-')}`);
    // zbar lists the codes of one picture in no particular order.
    expect(pngs.map((png) => zbarCode128(png).sort())).toEqual(
      labels.perLabel.map((on) => on.map(commandBarcodeText).sort()),
    );
    expect(labels.perLabel.flat()).toEqual([...STATION_COMMANDS]);
  });
});
