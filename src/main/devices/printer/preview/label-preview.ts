/**
 * Label preview: ZPL to PNG in the main process, one image per `^XA…^XZ` format, one pixel per
 * printer dot (or an integer multiple). Barcodes are drawn from bwip-js's symbol data at the
 * module sizes the ZPL asks for, so what scans on the preview scans on the label. Text uses
 * bwip-js's built-in OCR-B outlines: close to, not identical with, the printer's font 0.
 */

import bwipjs from 'bwip-js/node';
import { encodeGreyPng } from './png';
import { parseZpl, FNC1, type LabelElement, type ParsedLabel, type TextElement } from './zpl-parse';

export interface LabelPreviewOptions {
  /** Size used when the ZPL has no ^PW / ^LL; default 4 × 6 inch at 203 dpi. */
  readonly widthDots?: number;
  readonly heightDots?: number;
  /** Whole-number enlargement (each dot becomes scale × scale pixels); default 1. */
  readonly scale?: number;
}

export interface LabelPreview {
  readonly width: number;
  readonly height: number;
  readonly png: Buffer;
  /** What the preview could not show exactly, in words for a technician. */
  readonly warnings: readonly string[];
}

const MAX_DOTS = 8000;

class Bitmap {
  readonly width: number;
  readonly height: number;
  /** 1 = black dot. */
  readonly dots: Uint8Array;

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.dots = new Uint8Array(width * height);
  }

  fill(x: number, y: number, w: number, h: number, black = true): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let row = y0; row < y1; row++) this.dots.fill(black ? 1 : 0, row * this.width + x0, row * this.width + x1);
  }

  set(x: number, y: number): void {
    if (x >= 0 && y >= 0 && x < this.width && y < this.height) this.dots[y * this.width + x] = 1;
  }

  toPng(scale: number): Buffer {
    const w = this.width * scale;
    const h = this.height * scale;
    const pixels = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      const source = Math.floor(y / scale) * this.width;
      for (let x = 0; x < w; x++) pixels[y * w + x] = this.dots[source + Math.floor(x / scale)] ? 0 : 255;
    }
    return encodeGreyPng(w, h, pixels);
  }
}

/** Renders every label in `zpl`. Never throws for odd ZPL: what it cannot draw becomes a warning. */
export function renderLabelPreviews(zpl: string, options: LabelPreviewOptions = {}): LabelPreview[] {
  return parseZpl(zpl).map((label) => renderLabel(label, options));
}

function renderLabel(label: ParsedLabel, options: LabelPreviewOptions): LabelPreview {
  const warnings = [...label.warnings];
  const clamp = (value: number) => Math.min(MAX_DOTS, Math.max(1, Math.round(value)));
  const width = clamp(label.width ?? options.widthDots ?? 812);
  const height = clamp(label.height ?? options.heightDots ?? 1218);
  const scale = Math.max(1, Math.min(8, Math.floor(options.scale ?? 1)));
  const bitmap = new Bitmap(width, height);
  for (const element of label.elements) {
    try {
      draw(bitmap, element, warnings);
    } catch (error) {
      warnings.push(`A ${element.kind} at ${element.x},${element.y} could not be drawn: ${errorText(error)}`);
    }
  }
  return { width: width * scale, height: height * scale, png: bitmap.toPng(scale), warnings };
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^bwipp\.\w+#\d+:\s*/, '');
}

function draw(bitmap: Bitmap, element: LabelElement, warnings: string[]): void {
  switch (element.kind) {
    case 'box': {
      const { x, y, width, height, thickness } = element;
      const black = element.color === 'B';
      if (thickness * 2 >= Math.min(width, height)) {
        bitmap.fill(x, y, width, height, black);
      } else {
        bitmap.fill(x, y, width, thickness, black);
        bitmap.fill(x, y + height - thickness, width, thickness, black);
        bitmap.fill(x, y, thickness, height, black);
        bitmap.fill(x + width - thickness, y, thickness, height, black);
      }
      return;
    }
    case 'code128': {
      const symbol = element.codewords
        ? bwipjs.raw({
            bcid: 'code128',
            text: element.codewords.map((cw) => `^${String(cw).padStart(3, '0')}`).join(''),
            raw: true,
          } as bwipjs.RawOptions)
        : bwipjs.raw({ bcid: 'code128', text: element.text });
      const first = symbol[0];
      if (!first || !('sbs' in first)) throw new Error('no bars were produced');
      let x = element.x;
      first.sbs.forEach((modules, i) => {
        if (i % 2 === 0) bitmap.fill(x, element.y, modules * element.module, element.height);
        x += modules * element.module;
      });
      return;
    }
    case 'datamatrix': {
      const text = element.gs1 ? `^FNC1${element.data.replace(/\^/g, '^^').split(FNC1).join('^FNC1')}` : element.data;
      const symbol = bwipjs.raw({ bcid: 'datamatrix', text, parsefnc: element.gs1 });
      const first = symbol[0];
      if (!first || !('pixs' in first)) throw new Error('no modules were produced');
      for (let row = 0; row < first.pixy; row++) {
        for (let col = 0; col < first.pixx; col++) {
          if (first.pixs[row * first.pixx + col]) {
            bitmap.fill(
              element.x + col * element.module,
              element.y + row * element.module,
              element.module,
              element.module,
            );
          }
        }
      }
      return;
    }
    case 'text':
      drawText(bitmap, element, warnings);
      return;
  }
}

// ------------------------------------------------------------------------------------------
// Text

const FONT = 'OCR-B';
/** Font 0's advance is narrower than OCR-B's; this brings the preview's line lengths close. */
const WIDTH_FACTOR = 0.9;
/** Where the baseline sits in a font-0 character cell, from the top. */
const BASELINE = 0.8;

interface Glyph {
  readonly advance: number;
  readonly draw: (bitmap: Bitmap, x: number, baseline: number) => void;
}

function glyphFor(char: string, height: number, width: number, warnings: string[]): Glyph {
  const fontId = bwipjs.FontLib.lookup(FONT);
  const w = Math.max(1, Math.round(width * WIDTH_FACTOR));
  const load = (code: number) => bwipjs.FontLib.getglyph(fontId, code, w, height);
  const code = char.codePointAt(0) ?? 32;
  let glyph = load(code);
  if (glyph.width === 0 && char !== ' ') {
    // The preview font has plain Latin letters only: show "é" as "e" rather than nothing.
    const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (base !== char && base.length === 1) glyph = load(base.charCodeAt(0));
  }
  const advance = Math.max(1, Math.round(glyph.advance));
  if (glyph.width === 0 && char.trim() !== '') {
    if (
      !warnings.includes('Some characters are shown as boxes: the preview font lacks them; the printer may have them.')
    ) {
      warnings.push('Some characters are shown as boxes: the preview font lacks them; the printer may have them.');
    }
    const boxHeight = Math.round(height * 0.6);
    return {
      advance,
      draw: (bitmap, x, baseline) => {
        const left = x + Math.round(advance * 0.15);
        const right = x + Math.round(advance * 0.85);
        for (let yy = baseline - boxHeight; yy <= baseline; yy++) {
          bitmap.set(left, yy);
          bitmap.set(right, yy);
        }
        for (let xx = left; xx <= right; xx++) {
          bitmap.set(xx, baseline - boxHeight);
          bitmap.set(xx, baseline);
        }
      },
    };
  }
  // bwip-js reuses its glyph cache; copy the coverage bytes this glyph owns.
  const source = (glyph.bytes as Uint8Array | null) ?? (glyph.pixels as Uint8Array | null);
  const size = glyph.width * glyph.height;
  const coverage = source ? source.slice(glyph.offset, glyph.offset + size) : new Uint8Array(0);
  const { left: glyphLeft, top: glyphTop, width: glyphWidth } = glyph;
  return {
    advance,
    draw: (bitmap, x, baseline) => {
      const left = x + glyphLeft;
      const top = baseline - glyphTop;
      for (let i = 0; i < coverage.length; i++) {
        if ((coverage[i] ?? 0) >= 128) bitmap.set(left + (i % glyphWidth), top + Math.floor(i / glyphWidth));
      }
    },
  };
}

function measure(text: string, height: number, width: number, warnings: string[]): number {
  let total = 0;
  for (const ch of text) total += glyphFor(ch, height, width, warnings).advance;
  return total;
}

function drawLine(bitmap: Bitmap, text: string, x: number, y: number, element: TextElement, warnings: string[]): void {
  const baseline = y + Math.round(element.height * BASELINE);
  let pen = x;
  for (const ch of text) {
    const glyph = glyphFor(ch, element.height, element.width, warnings);
    glyph.draw(bitmap, pen, baseline);
    pen += glyph.advance;
  }
}

function wrap(text: string, maxWidth: number, element: TextElement, warnings: string[]): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (current !== '' && measure(candidate, element.height, element.width, warnings) > maxWidth) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  lines.push(current);
  return lines;
}

function drawText(bitmap: Bitmap, element: TextElement, warnings: string[]): void {
  const block = element.block;
  if (block === null) {
    drawLine(bitmap, element.text, element.x, element.y, element, warnings);
    return;
  }
  const lines = wrap(element.text, block.width, element, warnings);
  if (lines.length > block.lines) {
    warnings.push(
      `Text "${element.text}" needs ${lines.length} lines in a ${block.lines}-line block; the printer overprints the last line.`,
    );
  }
  lines.slice(0, block.lines).forEach((line, i) => {
    const lineWidth = measure(line, element.height, element.width, warnings);
    const offset =
      block.align === 'R'
        ? block.width - lineWidth
        : block.align === 'C'
          ? Math.round((block.width - lineWidth) / 2)
          : 0;
    drawLine(bitmap, line, element.x + Math.max(0, offset), element.y + i * element.height, element, warnings);
  });
}
