/**
 * Reads ZPL the way a printer does, for the label preview: commands to positioned text, boxes and
 * barcodes, in printer dots. It covers the commands our templates use (^XA ^XZ ^FO ^FD ^FS ^FH
 * ^A ^CF ^FB ^GB ^BC ^BX ^BY ^PW ^LL ^LH ^CI ^MD ~SD); anything else is listed in `warnings`
 * so a preview never silently differs from the print. Pure: no I/O.
 */

export interface TextElement {
  readonly kind: 'text';
  readonly x: number;
  readonly y: number;
  readonly height: number;
  readonly width: number;
  readonly text: string;
  readonly block: { readonly width: number; readonly lines: number; readonly align: 'L' | 'C' | 'R' | 'J' } | null;
}

export interface BoxElement {
  readonly kind: 'box';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly thickness: number;
  readonly color: 'B' | 'W';
}

export interface Code128Element {
  readonly kind: 'code128';
  readonly x: number;
  readonly y: number;
  readonly module: number;
  readonly height: number;
  /** Start code and data codewords as the printer forms them in mode N; check and stop are added on drawing. */
  readonly codewords: readonly number[] | null;
  /** For automatic mode (A): the data, subsets left to the encoder. */
  readonly text: string;
}

export interface DataMatrixElement {
  readonly kind: 'datamatrix';
  readonly x: number;
  readonly y: number;
  readonly module: number;
  /** True when the data starts with FNC1 (a GS1 DataMatrix). */
  readonly gs1: boolean;
  /** The data with FNC1 after the first written as GS (ASCII 29), as a scanner transmits it. */
  readonly data: string;
}

export type LabelElement = TextElement | BoxElement | Code128Element | DataMatrixElement;

export interface ParsedLabel {
  /** ^PW / ^LL in dots, or null when the format does not say. */
  readonly width: number | null;
  readonly height: number | null;
  readonly elements: readonly LabelElement[];
  readonly warnings: readonly string[];
}

export const FNC1 = '\u001d';

interface Field {
  x: number;
  y: number;
  font: { height: number; width: number };
  block: TextElement['block'];
  hex: string | null;
  barcode:
    | { kind: 'code128'; height: number; mode: string }
    | { kind: 'datamatrix'; module: number; quality: number; escape: string }
    | null;
  box: Omit<BoxElement, 'kind' | 'x' | 'y'> | null;
}

interface Settings {
  width: number | null;
  height: number | null;
  utf8: boolean;
}

const KNOWN_IGNORED = new Set(['MD', 'SD', 'PQ', 'PR', 'MM', 'MN', 'MT', 'JU', 'PO', 'FX', 'HS', 'LR', 'LT', 'LS']);

function numberParam(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : fallback;
}

/** Every `^…` / `~…` command in order: name (two letters, or `A` + font) and its raw parameters. */
function* commands(
  zpl: string,
): Generator<{ readonly prefix: string; readonly name: string; readonly params: string }> {
  let i = 0;
  while (i < zpl.length) {
    const prefix = zpl[i];
    if (prefix !== '^' && prefix !== '~') {
      i++;
      continue;
    }
    let name: string;
    let start: number;
    if (prefix === '^' && zpl[i + 1]?.toUpperCase() === 'A' && zpl[i + 2] !== '@') {
      name = 'A';
      start = i + 2;
    } else {
      name = zpl.slice(i + 1, i + 3).toUpperCase();
      start = i + 3;
    }
    // Field data runs to the next caret; parameters also stop at a tilde (a control command).
    let end = start;
    const stops = name === 'FD' || name === 'FX' ? '^' : '^~';
    while (end < zpl.length && !stops.includes(zpl[end] ?? '')) end++;
    yield { prefix, name, params: zpl.slice(start, end).replace(/[\r\n]/g, '') };
    i = end;
  }
}

/** `^FH` decoding: `_XX` becomes byte XX; everything else is the character's own bytes (UTF-8). */
function fieldBytes(data: string, hex: string | null): number[] {
  const encoder = new TextEncoder();
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const ch = data[i] ?? '';
    if (hex !== null && ch === hex && /^[0-9A-Fa-f]{2}$/.test(data.slice(i + 1, i + 3))) {
      bytes.push(parseInt(data.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    const code = data.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(code);
    bytes.push(...encoder.encode(char));
    i += char.length - 1;
  }
  return bytes;
}

function decodeBytes(bytes: readonly number[], utf8: boolean): string {
  if (utf8) return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  return String.fromCharCode(...bytes);
}

/**
 * Code 128 codewords for ZPL mode-N data: optional start code (`>9` A, `>:` B, `>;` C, default B)
 * and the invocation codes of the ZPL manual's Code 128 table.
 */
export function code128Codewords(data: string): { codewords: number[]; skipped: number } {
  let set: 'A' | 'B' | 'C' = 'B';
  let i = 0;
  const codewords: number[] = [];
  const start = data.slice(0, 2);
  if (start === '>9') set = 'A';
  else if (start === '>;') set = 'C';
  if (start === '>9' || start === '>:' || start === '>;') i = 2;
  codewords.push(set === 'A' ? 103 : set === 'B' ? 104 : 105);
  let skipped = 0;
  while (i < data.length) {
    const ch = data[i] ?? '';
    if (ch === '>' && i + 1 < data.length) {
      const code = data[i + 1] ?? '';
      i += 2;
      const simple: Record<string, number> = {
        '<': 62,
        '0': 30,
        '=': 94,
        '1': 95,
        '2': 96,
        '3': 97,
        '4': 98,
        '8': 102,
      };
      if (set !== 'C' && code in simple) codewords.push(simple[code] ?? 0);
      else if (set === 'C' && code === '8') codewords.push(102);
      else if (code === '5' && set !== 'C') {
        codewords.push(99);
        set = 'C';
      } else if (code === '6') {
        codewords.push(100);
        if (set !== 'B') set = 'B';
      } else if (code === '7') {
        codewords.push(101);
        if (set !== 'A') set = 'A';
      } else skipped++;
      continue;
    }
    const value = ch.charCodeAt(0);
    if (set === 'C') {
      const pair = data.slice(i, i + 2);
      if (/^\d\d$/.test(pair)) {
        codewords.push(Number(pair));
        i += 2;
      } else {
        skipped++;
        i += 1;
      }
      continue;
    }
    if (set === 'B' && value >= 32 && value <= 127) codewords.push(value - 32);
    else if (set === 'A' && value < 32) codewords.push(value + 64);
    else if (set === 'A' && value >= 32 && value <= 95) codewords.push(value - 32);
    else skipped++;
    i += 1;
  }
  return { codewords, skipped };
}

/**
 * `^BX` quality-200 data with escape character `e`: `e1` FNC1, `ee` a literal `e`, `edNNN` the
 * byte NNN, `e@`…`e_` control characters. The first FNC1 makes the symbol GS1; later ones
 * separate elements and reach the scanner as GS.
 */
export function dataMatrixData(data: string, escape: string): { gs1: boolean; data: string } {
  let out = '';
  let gs1 = false;
  for (let i = 0; i < data.length; i++) {
    const ch = data[i] ?? '';
    if (ch !== escape || i + 1 >= data.length) {
      out += ch;
      continue;
    }
    const next = data[i + 1] ?? '';
    if (next === '1') {
      if (i === 0) gs1 = true;
      else out += FNC1;
      i += 1;
    } else if (next === escape) {
      out += escape;
      i += 1;
    } else if (next === 'd' && /^\d{3}$/.test(data.slice(i + 2, i + 5))) {
      out += String.fromCharCode(Number(data.slice(i + 2, i + 5)));
      i += 4;
    } else if (next >= '@' && next <= '_') {
      out += String.fromCharCode(next.charCodeAt(0) - 64);
      i += 1;
    } else {
      out += ch;
    }
  }
  return { gs1, data: out };
}

function freshField(defaults: { font: Field['font'] }): Field {
  return { x: 0, y: 0, font: { ...defaults.font }, block: null, hex: null, barcode: null, box: null };
}

/** One entry per `^XA…^XZ` format in `zpl`. */
export function parseZpl(zpl: string): ParsedLabel[] {
  const labels: ParsedLabel[] = [];
  const settings: Settings = { width: null, height: null, utf8: false };
  let inFormat = false;
  let elements: LabelElement[] = [];
  let warnings: string[] = [];
  let home = { x: 0, y: 0 };
  let barDefaults = { module: 2, height: 10 };
  let defaultFont = { height: 9, width: 5 };
  let field = freshField({ font: defaultFont });
  let fieldData: string | null = null;
  const warn = (message: string) => {
    if (!warnings.includes(message)) warnings.push(message);
  };

  const finishField = () => {
    const data = fieldData;
    if (field.box !== null) {
      elements.push({ kind: 'box', x: field.x, y: field.y, ...field.box });
    } else if (data !== null) {
      const bytes = fieldBytes(data, field.hex);
      const text = decodeBytes(bytes, settings.utf8);
      const barcode = field.barcode;
      if (barcode === null) {
        elements.push({
          kind: 'text',
          x: field.x,
          y: field.y,
          height: field.font.height,
          width: field.font.width,
          text,
          block: field.block,
        });
      } else if (barcode.kind === 'code128') {
        if (barcode.mode === 'N') {
          const { codewords, skipped } = code128Codewords(text);
          if (skipped > 0) warn(`Code 128 data "${text}" has characters its subset cannot carry; they were left out.`);
          elements.push({
            kind: 'code128',
            x: field.x,
            y: field.y,
            module: barDefaults.module,
            height: barcode.height,
            codewords,
            text,
          });
        } else {
          if (barcode.mode !== 'A') warn(`Code 128 mode ${barcode.mode} is previewed as automatic mode.`);
          elements.push({
            kind: 'code128',
            x: field.x,
            y: field.y,
            module: barDefaults.module,
            height: barcode.height,
            codewords: null,
            text,
          });
        }
      } else {
        if (barcode.quality !== 200) warn(`DataMatrix quality ${barcode.quality} is previewed as quality 200.`);
        const decoded = dataMatrixData(text, barcode.escape);
        elements.push({ kind: 'datamatrix', x: field.x, y: field.y, module: barcode.module, ...decoded });
      }
    }
    field = freshField({ font: defaultFont });
    fieldData = null;
  };

  for (const { prefix, name, params } of commands(zpl)) {
    const p = params.split(',');
    if (prefix === '~') {
      if (!KNOWN_IGNORED.has(name)) warn(`~${name} is not shown in the preview.`);
      continue;
    }
    if (name === 'XA') {
      inFormat = true;
      elements = [];
      warnings = [];
      home = { x: 0, y: 0 };
      barDefaults = { module: 2, height: 10 };
      defaultFont = { height: 9, width: 5 };
      field = freshField({ font: defaultFont });
      fieldData = null;
      continue;
    }
    if (!inFormat) continue;
    switch (name) {
      case 'XZ':
        labels.push({ width: settings.width, height: settings.height, elements, warnings });
        inFormat = false;
        break;
      case 'CI':
        settings.utf8 = numberParam(p[0], 0) === 28;
        break;
      case 'PW':
        settings.width = numberParam(p[0], settings.width ?? 0);
        break;
      case 'LL':
        settings.height = numberParam(p[0], settings.height ?? 0);
        break;
      case 'LH':
        home = { x: numberParam(p[0], 0), y: numberParam(p[1], 0) };
        break;
      case 'FO':
        field.x = home.x + numberParam(p[0], 0);
        field.y = home.y + numberParam(p[1], 0);
        break;
      case 'A': {
        const font = params.charAt(0);
        const rest = params.slice(1).replace(/^[NRIB]?,?/, (m) => {
          if (m.startsWith('R') || m.startsWith('I') || m.startsWith('B')) warn('Rotated text is previewed upright.');
          return '';
        });
        const [h, w] = rest.split(',');
        if (font !== '0') warn(`Font ${font} is previewed with the scalable font.`);
        const height = numberParam(h, field.font.height);
        field.font = { height, width: numberParam(w, 0) || height };
        break;
      }
      case 'CF': {
        const height = numberParam(p[1], defaultFont.height);
        defaultFont = { height, width: numberParam(p[2], 0) || height };
        field.font = { ...defaultFont };
        break;
      }
      case 'FB': {
        const align = (p[3] ?? 'L').trim().toUpperCase();
        field.block = {
          width: numberParam(p[0], 0),
          lines: Math.max(1, numberParam(p[1], 1)),
          align: align === 'C' || align === 'R' || align === 'J' ? align : 'L',
        };
        break;
      }
      case 'FH':
        field.hex = params.charAt(0) || '_';
        break;
      case 'FD':
        fieldData = params;
        break;
      case 'FS':
        finishField();
        break;
      case 'BY':
        barDefaults = { module: numberParam(p[0], barDefaults.module), height: numberParam(p[2], barDefaults.height) };
        break;
      case 'BC':
        if ((p[0] ?? 'N').trim() !== '' && (p[0] ?? 'N').trim() !== 'N')
          warn('Rotated barcodes are previewed upright.');
        if ((p[2] ?? '').trim() === 'Y') warn('The Code 128 interpretation line is not shown in the preview.');
        field.barcode = {
          kind: 'code128',
          height: numberParam(p[1], barDefaults.height),
          mode: (p[5] ?? 'N').trim().toUpperCase() || 'N',
        };
        break;
      case 'BX':
        field.barcode = {
          kind: 'datamatrix',
          module: numberParam(p[1], 1),
          quality: numberParam(p[2], 0),
          escape: p[6] !== undefined && p[6] !== '' ? p[6].charAt(0) : '_',
        };
        break;
      case 'GB': {
        const thickness = Math.max(1, numberParam(p[2], 1));
        field.box = {
          width: Math.max(thickness, numberParam(p[0], thickness)),
          height: Math.max(thickness, numberParam(p[1], thickness)),
          thickness,
          color: (p[3] ?? 'B').trim().toUpperCase() === 'W' ? 'W' : 'B',
        };
        break;
      }
      default:
        if (!KNOWN_IGNORED.has(name)) warn(`^${name} is not shown in the preview.`);
    }
  }
  return labels;
}
