/**
 * The packing label: order number, ship-to and one row per shipped serial (SKU, product, slot,
 * serial). A long order continues on further labels, each marked "Label 2 of 3" and carrying the
 * order number as text and Code 128 so any one of them leads back to the order. Pure.
 */

import type { PrinterSettings } from '../types';
import { LabelDataError, printableText } from './encoding';
import {
  FORMAT_END,
  box,
  code128,
  code128Layout,
  condensedWidth,
  fitText,
  formatStart,
  labelFrame,
  text,
  textWidth,
  type LabelFrame,
} from './layout';

export interface PackedSerial {
  readonly sku: string;
  readonly productName: string;
  /** Which serial of the unit this is, e.g. "Serial" or "IMEI 2". */
  readonly slotLabel: string;
  readonly serial: string;
}

export interface PackingLabelInput {
  readonly orderNumber: string;
  readonly customerName?: string | null;
  /** Address as entered; line breaks start new lines. */
  readonly shipTo?: string | null;
  readonly serials: readonly PackedSerial[];
}

export interface PackingLabels {
  /** All labels as one job, one `^XA…^XZ` format per label. */
  readonly zpl: string;
  readonly labelCount: number;
  /** How many serial rows went on each label, in order. */
  readonly rowsPerLabel: readonly number[];
}

const MAX_ADDRESS_LINES = 6;

export function packingLabels(input: PackingLabelInput, settings: PrinterSettings): PackingLabels {
  const orderNumber = printableText(input.orderNumber);
  if (orderNumber === '') throw new LabelDataError('A packing label needs an order number.');
  const frame = labelFrame(settings);
  const { px, width: W, height: H } = frame;
  const margin = px(3);
  const inner = W - 2 * margin;

  const barcode = code128Layout(input.orderNumber.trim(), inner, frame);
  if (barcode === null) {
    throw new LabelDataError(
      `The order number "${orderNumber}" is too long for a Code 128 on a ${settings.labelWidthMm} mm wide label.`,
    );
  }

  const headerHeight = Math.min(px(6), Math.max(px(3), Math.round(H / 25)));
  const smallHeight = Math.min(px(3.5), Math.max(px(2), Math.round(headerHeight * 0.6)));
  const rowHeight = smallHeight;
  const rowPitch = Math.round(rowHeight * 1.35);
  const barHeight = Math.min(px(12), Math.max(px(6), Math.round(H * 0.08)));
  const footerTop = H - margin - barHeight - px(2);

  const customer = printableText(input.customerName ?? '');
  const address = (input.shipTo ?? '')
    .split(/\r?\n/)
    .map(printableText)
    .filter((line) => line !== '');
  const shipLines = [customer, ...address].filter((line) => line !== '').slice(0, MAX_ADDRESS_LINES);

  // Vertical budget: header, ship-to (full on the first label, one line after), rule, table header.
  const headerBottom = margin + headerHeight + px(2);
  const firstShipToBottom = headerBottom + smallHeight + px(1) + shipLines.length * rowPitch + px(2);
  const laterShipToBottom = headerBottom + rowPitch + px(1);
  const tableTop = (shipToBottom: number) => shipToBottom + px(1.5);
  const rowsTop = (shipToBottom: number) => tableTop(shipToBottom) + rowPitch + px(1);
  const capacity = (shipToBottom: number) => Math.floor((footerTop - rowsTop(shipToBottom)) / rowPitch);
  const firstCapacity = capacity(firstShipToBottom);
  const laterCapacity = capacity(laterShipToBottom);
  if (firstCapacity < 1 || laterCapacity < 1) {
    throw new LabelDataError(
      `A ${settings.labelWidthMm} × ${settings.labelHeightMm} mm label has no room for a packing list; load taller labels (4 × 6 inch is usual).`,
    );
  }

  const pages: PackedSerial[][] = [];
  const rows = [...input.serials];
  pages.push(rows.splice(0, firstCapacity));
  while (rows.length > 0) pages.push(rows.splice(0, laterCapacity));
  const total = pages.length;

  const columns = tableColumns(input.serials, inner, rowHeight, frame);
  let zpl = '';
  pages.forEach((page, index) => {
    const first = index === 0;
    let body = '';
    const pageText = `Label ${index + 1} of ${total}`;
    const pageWidth = textWidth(pageText, smallHeight);
    body += text(
      margin,
      margin,
      headerHeight,
      fitText(`Order ${orderNumber}`, inner - pageWidth - px(3), headerHeight),
    );
    body += text(margin, margin + headerHeight - smallHeight, smallHeight, pageText, {
      block: { width: inner, align: 'R' },
    });

    let y = headerBottom;
    if (first) {
      body += text(margin, y, smallHeight, 'Ship to');
      y += smallHeight + px(1);
      if (shipLines.length === 0) {
        body += text(margin, y, rowHeight, '(no address on the order)');
        y += rowPitch;
      }
      for (const line of shipLines) {
        body += text(margin, y, rowHeight, fitText(line, inner, rowHeight));
        y += rowPitch;
      }
      y = firstShipToBottom;
    } else {
      const who = customer === '' ? `order ${orderNumber}` : customer;
      body += text(margin, y, rowHeight, fitText(`Ship to ${who} (continued)`, inner, rowHeight));
      y = laterShipToBottom;
    }

    const top = tableTop(y);
    body += box(margin, top - px(1), inner, Math.max(2, px(0.3)), Math.max(2, px(0.3)));
    body += tableRow(top, rowHeight, columns, {
      sku: 'SKU',
      productName: 'Product',
      slotLabel: 'Slot',
      serial: 'Serial',
    });
    let rowY = rowsTop(y);
    if (page.length === 0) body += text(margin, rowY, rowHeight, 'No serial-numbered items in this shipment.');
    for (const row of page) {
      body += tableRow(rowY, rowHeight, columns, row);
      rowY += rowPitch;
    }

    body += box(margin, footerTop, inner, Math.max(2, px(0.3)), Math.max(2, px(0.3)));
    body += code128(Math.round((W - barcode.width) / 2), H - margin - barHeight, barcode, barHeight);
    zpl += formatStart(settings, frame) + body + FORMAT_END;
  });

  return { zpl, labelCount: total, rowsPerLabel: pages.map((page) => page.length) };
}

interface Columns {
  readonly sku: readonly [number, number];
  readonly product: readonly [number, number];
  readonly slot: readonly [number, number];
  readonly serial: readonly [number, number];
}

/** Column x and width: the serial column is as wide as the longest serial needs, within limits. */
function tableColumns(serials: readonly PackedSerial[], inner: number, height: number, frame: LabelFrame): Columns {
  const gap = frame.px(1.5);
  const x0 = frame.px(3);
  const longest = Math.max(textWidth('Serial', height), ...serials.map((s) => textWidth(s.serial, height)));
  const serialWidth = Math.min(Math.round(inner * 0.45), Math.max(Math.round(inner * 0.25), longest));
  const skuWidth = Math.round(inner * 0.2);
  const slotWidth = Math.round(inner * 0.14);
  const productWidth = inner - serialWidth - skuWidth - slotWidth - 3 * gap;
  const sku: [number, number] = [x0, skuWidth];
  const product: [number, number] = [sku[0] + skuWidth + gap, productWidth];
  const slot: [number, number] = [product[0] + productWidth + gap, slotWidth];
  const serial: [number, number] = [slot[0] + slotWidth + gap, serialWidth];
  return { sku, product, slot, serial };
}

function tableRow(y: number, height: number, columns: Columns, row: PackedSerial): string {
  const cell = ([x, width]: readonly [number, number], value: string) =>
    text(x, y, height, fitText(printableText(value), width, height));
  const serial = row.serial.trim();
  return (
    cell(columns.sku, row.sku) +
    cell(columns.product, row.productName) +
    cell(columns.slot, row.slotLabel) +
    // A serial is data, never shortened: squeeze the font instead.
    text(columns.serial[0], y, height, serial, { width: condensedWidth(serial, columns.serial[1], height) })
  );
}
