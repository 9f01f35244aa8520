/**
 * How text reaches a ZPL field without being read as commands. Pure: no I/O.
 *
 * A printer acts on `^` and `~` wherever they appear, so a serial like `AB^XZ~JR` sent as-is would
 * end the label or reset the printer. Field data is therefore sent through `^FH` (field hex):
 * every byte outside printable ASCII, and `^ ~ _` themselves, becomes `_XX`. With `^CI28` the
 * bytes are UTF-8, so names and addresses keep their accents.
 */

import { GS, formatElementString } from '../../../../shared/scan/gs1';

/** The `^FH` indicator; also the escape character we give `^BX` for GS1 DataMatrix. */
const HEX_INDICATOR = '_';

const encoder = new TextEncoder();

function needsHex(code: number): boolean {
  return code < 0x20 || code > 0x7e || code === 0x5e /* ^ */ || code === 0x7e /* ~ */ || code === 0x5f; /* _ */
}

/** `text` with every byte a printer could misread written as `_XX` (for use after `^FH`). */
export function hexEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (!needsHex(code)) {
      out += ch;
      continue;
    }
    for (const byte of encoder.encode(ch)) out += `${HEX_INDICATOR}${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `^FD…^FS` for `data`, with `^FH` in front only when something had to be escaped. */
export function fieldData(data: string): string {
  const escaped = hexEscape(data);
  return escaped === data ? `^FD${data}^FS` : `^FH^FD${escaped}^FS`;
}

/** Text as it should appear on a label: control characters (line breaks, tabs) become spaces. */
export function printableText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

export class LabelDataError extends Error {
  override readonly name = 'LabelDataError';
}

/**
 * Field data for `^BC` (Code 128, mode N) carrying `value` exactly. We start subset B explicitly
 * (`>:`), which encodes every printable ASCII character; the three characters ZPL reserves inside
 * Code 128 data are sent as the invocation codes the ZPL manual gives for subset B:
 * `>0` for `>`, `><` for `^`, `>=` for `~`.
 */
export function code128Data(value: string): string {
  let out = '>:';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code > 0x7e) {
      throw new LabelDataError(
        `"${value}" cannot go in a Code 128 barcode: it contains ${describe(ch)}, which only plain letters, digits and punctuation can be.`,
      );
    }
    out += ch === '>' ? '>0' : ch === '^' ? '><' : ch === '~' ? '>=' : ch;
  }
  return out;
}

/** Field data for a Code 128 of `value`: invocation codes first, then `^FH` for any `_`. */
export function code128FieldData(value: string): string {
  return fieldData(code128Data(value));
}

/**
 * Field data for `^BX…,200,…,_` (GS1 DataMatrix). With quality 200 and escape character `_`,
 * `_1` is FNC1: first in the data it marks the symbol as GS1, between elements it ends a
 * variable-length value; a literal `_` is `__`. GS1 data is limited to a printable set without
 * `^` or `~`, so the field needs no `^FH` — and must not have one, since `^FH` would also read `_`.
 */
export function gs1DataMatrixData(elements: readonly { readonly ai: string; readonly value: string }[]): string {
  let out = `${HEX_INDICATOR}1`;
  for (const ch of formatElementString(elements)) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === GS) out += `${HEX_INDICATOR}1`;
    else if (ch === HEX_INDICATOR) out += HEX_INDICATOR + HEX_INDICATOR;
    else if (code < 0x20 || code > 0x7e || ch === '^' || ch === '~') {
      throw new LabelDataError(`GS1 data cannot contain ${describe(ch)}.`);
    } else out += ch;
  }
  return out;
}

function describe(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
    return `a control character (0x${code.toString(16).padStart(2, '0').toUpperCase()})`;
  }
  return `"${ch}"`;
}

/** Printer dots for `mm` at `dpi` (203 dpi is 8 dots per mm). */
export function dots(mm: number, dpi: number): number {
  return Math.round((mm * dpi) / 25.4);
}
