/**
 * The serial label stuck on a unit: product, SKU and serial in text, a Code 128 of the serial
 * and, when the product has a GTIN, a GS1 DataMatrix with (01) GTIN + (21) serial so one scan
 * fills both. Pure: ZPL in, nothing sent.
 */

import { formatBracketed, formatElementString, validateValue, aiDefinition } from '../../../../shared/scan/gs1';
import { toGtin14 } from '../../../../shared/scan/gtin';
import type { PrinterSettings } from '../types';
import { LabelDataError, gs1DataMatrixData, printableText } from './encoding';
import {
  FORMAT_END,
  code128,
  code128Layout,
  condensedWidth,
  dataMatrixSide,
  fitText,
  formatStart,
  gs1DataMatrix,
  labelFrame,
  text,
} from './layout';

export interface SerialLabelInput {
  readonly serial: string;
  readonly sku?: string | null;
  readonly productName?: string | null;
  /** GTIN-8, -12, -13 or -14 of the product; without one the label has no DataMatrix. */
  readonly gtin?: string | null;
}

export interface SerialLabel {
  readonly zpl: string;
  /** The element string in the DataMatrix (GS between variable-length values), or null when there is none. */
  readonly gs1: string | null;
  /** The same data as printed under GS1 rules for people, e.g. `(01)09501101530003(21)ABC123`. */
  readonly gs1Text: string | null;
  /** Why something a packer might expect is missing from the label. */
  readonly notes: readonly string[];
}

export function serialLabel(input: SerialLabelInput, settings: PrinterSettings): SerialLabel {
  const serial = input.serial.trim();
  if (serial === '') throw new LabelDataError('A serial label needs a serial.');
  const frame = labelFrame(settings);
  const { px, width: W, height: H } = frame;
  const notes: string[] = [];

  const margin = px(2);
  const gap = px(1.5);

  const barcode = code128Layout(serial, W - 2 * margin, frame);
  if (barcode === null) {
    throw new LabelDataError(
      `The serial "${serial}" is too long for a Code 128 on a ${settings.labelWidthMm} mm wide label; load wider labels.`,
    );
  }
  const barHeight = Math.min(px(15), Math.max(px(5), Math.round(H * 0.28)));
  // On a tall roll the label is laid out from the top rather than spread over the whole height.
  const topHeight = Math.min(H - 2 * margin - gap - barHeight, px(28));
  const barY = margin + topHeight + gap;
  const barX = Math.round((W - barcode.width) / 2);
  if (topHeight < px(5)) {
    throw new LabelDataError(
      `A ${settings.labelWidthMm} × ${settings.labelHeightMm} mm label is too small for a serial label; it needs about 25 mm of height.`,
    );
  }

  const gs1 = gs1Elements(input, serial, notes);
  let dataMatrix = '';
  let textRight = W - margin;
  if (gs1 !== null) {
    const data = gs1DataMatrixData(gs1);
    const side = dataMatrixSide(data);
    const module = Math.min(px(0.75), Math.floor(topHeight / side));
    if (module < Math.max(2, px(0.25))) {
      notes.push('The label is too small for the GS1 DataMatrix; only the Code 128 was printed.');
    } else {
      const x = W - margin - side * module;
      dataMatrix = gs1DataMatrix(x, margin, data, module);
      textRight = x - gap;
    }
  }

  const lines: { readonly content: string; readonly exact: boolean }[] = [];
  const product = printableText(input.productName ?? '');
  const sku = printableText(input.sku ?? '');
  if (product !== '') lines.push({ content: product, exact: false });
  if (sku !== '') lines.push({ content: `SKU ${sku}`, exact: false });
  if (gs1 !== null && dataMatrix !== '') lines.push({ content: `GTIN ${gs1[0]?.value ?? ''}`, exact: true });
  lines.push({ content: `S/N ${serial}`, exact: true });

  const textWidthAvailable = textRight - margin;
  const lineHeight = Math.min(px(5), Math.max(px(2), Math.floor(topHeight / (lines.length * 1.2))));
  const pitch = Math.round(lineHeight * 1.2);
  let body = '';
  lines.forEach((line, i) => {
    const y = margin + i * pitch;
    body += line.exact
      ? text(margin, y, lineHeight, line.content, {
          width: condensedWidth(line.content, textWidthAvailable, lineHeight),
        })
      : text(margin, y, lineHeight, fitText(line.content, textWidthAvailable, lineHeight));
  });

  const zpl = formatStart(settings, frame) + body + dataMatrix + code128(barX, barY, barcode, barHeight) + FORMAT_END;
  return {
    zpl,
    gs1: gs1 !== null && dataMatrix !== '' ? formatElementString(gs1) : null,
    gs1Text: gs1 !== null && dataMatrix !== '' ? formatBracketed(gs1) : null,
    notes,
  };
}

function gs1Elements(
  input: SerialLabelInput,
  serial: string,
  notes: string[],
): { readonly ai: string; readonly value: string }[] | null {
  const rawGtin = (input.gtin ?? '').trim();
  if (rawGtin === '') return null;
  const gtin = toGtin14(rawGtin);
  if (gtin === null) {
    throw new LabelDataError(`"${rawGtin}" is not a GTIN (8, 12, 13 or 14 digits with a correct check digit).`);
  }
  const serialDefinition = aiDefinition('21');
  const problem = serialDefinition ? validateValue(serialDefinition, serial, new Date()) : null;
  if (problem !== null) {
    notes.push(
      `No GS1 DataMatrix: ${problem.replace(/^This GS1 code's /, 'the ').replace(/^This GS1 code has /, 'it has ')}`,
    );
    return null;
  }
  return [
    { ai: '01', value: gtin },
    { ai: '21', value: serial },
  ];
}
