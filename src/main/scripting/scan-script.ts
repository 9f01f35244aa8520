/**
 * Scripted scan sessions (DESIGN.md §8): one line per event. A plain line is one raw scan with
 * C escapes decoded; a line starting with `!` is an action.
 */

export type ScriptLine =
  | { readonly kind: 'scan'; readonly raw: string }
  | { readonly kind: 'action'; readonly action: string; readonly args: readonly string[]; readonly rest: string };

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
  '"': '"',
  "'": "'",
};

/** Decodes `\x1d`, `\\`, `\n`, `\uXXXX` and the other C escapes; an unknown escape stays as written. */
export function decodeEscapes(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (whole, body: string) => {
    if (body.startsWith('x') && body.length === 3) return String.fromCharCode(parseInt(body.slice(1), 16));
    if (body.startsWith('u') && body.length === 5) return String.fromCharCode(parseInt(body.slice(1), 16));
    return SIMPLE_ESCAPES[body] ?? whole;
  });
}

export function parseScriptLine(line: string): ScriptLine {
  if (line.startsWith('!')) {
    const body = line.slice(1).trim();
    const [action = '', ...args] = body.split(/\s+/).filter(Boolean);
    const rest = body.slice(action.length).trim();
    return { kind: 'action', action: action.toLowerCase(), args, rest };
  }
  return { kind: 'scan', raw: decodeEscapes(line) };
}

/** Splits script input into lines: LF or CRLF, a final newline ends the last line. */
export function scriptLines(input: string): string[] {
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
