/**
 * Command barcodes on the station's own label printer, one label per command, to stick by the
 * scanner: the word in large type, what it does and its keys, and its Code 128. Many pack
 * stations have a label printer and no paper printer. Pure.
 */

import {
  COMMAND_INFO,
  commandBarcodeText,
  STATION_COMMANDS,
  type StationCommand,
} from '../../../../shared/scan/station-commands';
import type { PrinterSettings } from '../types';
import { LabelDataError } from './encoding';
import { FORMAT_END, code128, code128Layout, fitText, formatStart, labelFrame, text } from './layout';

export interface CommandLabels {
  /** All labels as one job, one `^XA…^XZ` format per label. */
  readonly zpl: string;
  /** The commands on each label, in order: several on a tall label, one on a small one. */
  readonly perLabel: readonly (readonly StationCommand[])[];
}

/** The keys a command stands for, in words for the label: "Ship F2 / Receive, transfer F8". */
function keysLine(command: StationCommand): string {
  const { keys } = COMMAND_INFO[command];
  const parts: string[] = [];
  if (keys.ship) parts.push(`Ship ${keys.ship}`);
  if (keys.wizard) parts.push(`Receive, transfer ${keys.wizard}`);
  return parts.join(' / ');
}

export function commandLabels(settings: PrinterSettings): CommandLabels {
  const frame = labelFrame(settings);
  const { px, width: W, height: H } = frame;
  const margin = px(2);
  const inner = W - 2 * margin;
  const wordHeight = Math.min(px(10), Math.max(px(4), Math.round(H * 0.18)));
  const smallHeight = Math.min(px(3.5), Math.max(px(2), Math.round(wordHeight * 0.4)));
  const linePitch = Math.round(smallHeight * 1.3);
  const barHeight = Math.min(px(15), Math.max(px(6), Math.round(H * 0.3)));
  const textHeight = wordHeight + px(1) + 2 * linePitch;
  const blockHeight = textHeight + px(2) + barHeight;
  // Room between two commands on one label, so a scanner aimed at one never reads its neighbour.
  const spacing = px(8);
  if (blockHeight > H - 2 * margin) {
    throw new LabelDataError(
      `A ${settings.labelWidthMm} × ${settings.labelHeightMm} mm label is too small for command barcodes; they need about 30 mm of height.`,
    );
  }
  const fit = Math.max(1, Math.floor((H - 2 * margin + spacing) / (blockHeight + spacing)));

  const perLabel: StationCommand[][] = [];
  for (let i = 0; i < STATION_COMMANDS.length; i += fit) perLabel.push(STATION_COMMANDS.slice(i, i + fit));
  let zpl = '';
  for (const commands of perLabel) {
    let body = '';
    commands.forEach((command, index) => {
      const barcode = code128Layout(commandBarcodeText(command), inner, frame);
      if (barcode === null) {
        throw new LabelDataError(
          `A ${settings.labelWidthMm} mm wide label is too narrow for the ${command} barcode; load wider labels.`,
        );
      }
      const top = margin + index * (blockHeight + spacing);
      body += text(margin, top, wordHeight, command);
      let y = top + wordHeight + px(1);
      body += text(margin, y, smallHeight, fitText(COMMAND_INFO[command].does, inner, smallHeight));
      y += linePitch;
      body += text(margin, y, smallHeight, fitText(keysLine(command), inner, smallHeight));
      body += code128(Math.round((W - barcode.width) / 2), top + textHeight + px(2), barcode, barHeight);
    });
    zpl += formatStart(settings, frame) + body + FORMAT_END;
  }
  return { zpl, perLabel };
}
