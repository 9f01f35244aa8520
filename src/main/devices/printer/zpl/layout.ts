/**
 * Building blocks shared by the label templates: label frame and darkness, text, lines and
 * barcode sizing in printer dots. Pure: no I/O.
 */

import type { PrinterSettings } from '../types';
import { LabelDataError, code128Data, dots, fieldData } from './encoding';

export interface LabelFrame {
  readonly dpi: number;
  readonly width: number;
  readonly height: number;
  /** Printer dots for a length in millimetres. */
  readonly px: (mm: number) => number;
}

const DPIS: readonly number[] = [203, 300, 600];

/** The label in dots, or a LabelDataError naming the setting that is wrong. */
export function labelFrame(settings: PrinterSettings): LabelFrame {
  if (!DPIS.includes(settings.dpi)) {
    throw new LabelDataError(`The printer resolution must be 203, 300 or 600 dpi, not ${settings.dpi}.`);
  }
  if (!(settings.labelWidthMm >= 25 && settings.labelWidthMm <= 220)) {
    throw new LabelDataError(`The label width must be between 25 and 220 mm, not ${settings.labelWidthMm} mm.`);
  }
  if (!(settings.labelHeightMm >= 12 && settings.labelHeightMm <= 1000)) {
    throw new LabelDataError(`The label height must be between 12 and 1000 mm, not ${settings.labelHeightMm} mm.`);
  }
  if (
    settings.darkness !== null &&
    !(Number.isInteger(settings.darkness) && settings.darkness >= 0 && settings.darkness <= 30)
  ) {
    throw new LabelDataError(`The print darkness must be a whole number from 0 to 30, not ${settings.darkness}.`);
  }
  if (!(Number.isInteger(settings.darknessAdjust) && Math.abs(settings.darknessAdjust) <= 30)) {
    throw new LabelDataError(
      `The darkness adjustment must be a whole number from -30 to 30, not ${settings.darknessAdjust}.`,
    );
  }
  const px = (mm: number): number => dots(mm, settings.dpi);
  return { dpi: settings.dpi, width: px(settings.labelWidthMm), height: px(settings.labelHeightMm), px };
}

/**
 * Start of one label format. `~SD` (absolute darkness) is a control command acted on as soon as it
 * arrives, so it goes before `^XA`; `^MD` adjusts darkness for this format only.
 */
export function formatStart(settings: PrinterSettings, frame: LabelFrame): string {
  const darkness = settings.darkness === null ? '' : `~SD${String(settings.darkness).padStart(2, '0')}`;
  const adjust = settings.darknessAdjust === 0 ? '' : `^MD${settings.darknessAdjust}`;
  return `${darkness}^XA^CI28^PW${frame.width}^LL${frame.height}^LH0,0${adjust}\n`;
}

export const FORMAT_END = '^XZ\n';

/** Average advance of the printer's font 0 relative to its width parameter, erring wide. */
const CHAR_WIDTH = 0.6;

export function textWidth(text: string, height: number, width = height): number {
  return Math.ceil([...text].length * width * CHAR_WIDTH);
}

/** `text` cut to fit `maxWidth` dots at font `height`, ending in "..." when cut. */
export function fitText(text: string, maxWidth: number, height: number): string {
  if (textWidth(text, height) <= maxWidth) return text;
  const chars = [...text];
  const room = Math.max(0, Math.floor(maxWidth / (height * CHAR_WIDTH)) - 3);
  return `${chars.slice(0, room).join('').trimEnd()}...`;
}

/** The font width that squeezes `text` into `maxWidth` (never wider than `height`), so data is never cut. */
export function condensedWidth(text: string, maxWidth: number, height: number): number {
  const natural = textWidth(text, height);
  return natural <= maxWidth ? height : Math.max(1, Math.floor((height * maxWidth) / natural));
}

export interface TextOptions {
  readonly width?: number;
  /** Field block: align within this many dots (single line). */
  readonly block?: { readonly width: number; readonly align: 'L' | 'C' | 'R' };
}

/** One line of font-0 text with its top-left at (x, y). */
export function text(x: number, y: number, height: number, content: string, options: TextOptions = {}): string {
  const block = options.block ? `^FB${options.block.width},1,0,${options.block.align},0` : '';
  return `^FO${x},${y}^A0N,${height},${options.width ?? height}${block}${fieldData(content)}\n`;
}

/** A filled rule or an outlined box (`^GB`). */
export function box(x: number, y: number, width: number, height: number, thickness: number): string {
  return `^FO${x},${y}^GB${width},${height},${thickness}^FS\n`;
}

export interface Code128Layout {
  readonly data: string;
  readonly module: number;
  /** Width of the bars alone, without quiet zones. */
  readonly width: number;
}

/**
 * Code 128 sized for `available` dots: the widest whole-dot module up to about 0.375 mm that fits
 * with a 10-module quiet zone on both sides. Null when even the narrowest module a scanner reads
 * reliably (about 0.12 mm) does not fit.
 */
export function code128Layout(value: string, available: number, frame: LabelFrame): Code128Layout | null {
  const data = code128Data(value);
  // After the start code each character or two-character invocation code is one symbol.
  const symbols = data.slice(2).replace(/>./g, '#').length;
  const modules = 11 * (symbols + 2) + 13;
  const minModule = Math.max(1, Math.ceil(frame.px(0.12)));
  const maxModule = Math.max(minModule, frame.px(0.375));
  const module = Math.min(maxModule, Math.floor(available / (modules + 20)));
  if (module < minModule) return null;
  return { data, module, width: modules * module };
}

/** `^BC` (no interpretation line) at (x, y). */
export function code128(x: number, y: number, layout: Code128Layout, height: number): string {
  return `^FO${x},${y}^BY${layout.module}^BCN,${height},N,N,N${fieldData(layout.data)}\n`;
}

/** ECC 200 square symbol sizes and how many data codewords each holds. */
// prettier-ignore
const DATAMATRIX_SQUARES: ReadonlyArray<readonly [number, number]> = [
  [10, 3], [12, 5], [14, 8], [16, 12], [18, 18], [20, 22], [22, 30], [24, 36], [26, 44],
  [32, 62], [36, 86], [40, 114], [44, 144], [48, 174], [52, 204],
];

/**
 * Modules per side of the square DataMatrix a printer needs for `data` (escaped `^BX` field data)
 * in ASCII encodation: digit pairs take one codeword, FNC1 and other characters one each. Printers
 * may pack tighter, never looser, so a layout sized on this always fits.
 */
export function dataMatrixSide(data: string): number {
  let codewords = 0;
  for (let i = 0; i < data.length;) {
    if (data[i] === '_') {
      codewords += 1;
      i += 2;
    } else if (/\d/.test(data[i] ?? '') && /\d/.test(data[i + 1] ?? '')) {
      codewords += 1;
      i += 2;
    } else {
      codewords += 1;
      i += 1;
    }
  }
  const fit = DATAMATRIX_SQUARES.find(([, capacity]) => capacity >= codewords);
  if (!fit) throw new LabelDataError('The GS1 data is too long for a DataMatrix on a label.');
  return fit[0];
}

/** `^BX` GS1 DataMatrix (quality 200, square, escape character `_`) at (x, y). */
export function gs1DataMatrix(x: number, y: number, data: string, module: number): string {
  return `^FO${x},${y}^BXN,${module},200,,,,_,1^FD${data}^FS\n`;
}
