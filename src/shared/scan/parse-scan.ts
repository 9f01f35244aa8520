/**
 * Turns one raw scan (keyboard wedge, HID POS or serial scanner) into what every wizard
 * needs: the symbology, the GS1 data when there is any, a GTIN when the scan is a plain
 * product barcode, and the cleaned text. Pure: runs in main and in the renderer.
 */

import type { RejectionCode } from '../errors';
import { parseAimPrefix, type Symbology } from './aim';
import {
  GS,
  looksBracketed,
  looksLikeUrl,
  parseBracketed,
  parseDigitalLink,
  parseElementString,
  type Gs1Data,
  type Gs1Result,
} from './gs1';
import { expandUpcE, toGtin14 } from './gtin';

export type ScanParseError = {
  readonly code: Extract<RejectionCode, 'SERIAL_EMPTY' | 'GS1_INVALID' | 'SERIAL_FORMAT'>;
  readonly message: string;
};

export interface ParsedScan {
  /** Exactly as received. */
  readonly raw: string;
  /**
   * What the scan says: AIM prefix removed, control characters (GS included, after GS1
   * parsing has used them) stripped, trimmed. Non-ASCII characters are kept as they are.
   */
  readonly text: string;
  readonly symbology: Symbology | null;
  /** Null when the scan is not GS1 data, or when it is but cannot be used (see `error`). */
  readonly gs1: Gs1Data | null;
  /**
   * A plain GTIN-looking code (8/12/13/14 digits with a valid check digit, or a UPC-E from a
   * scanner that said UPC/EAN), as 14 digits. Null otherwise, and always null for GS1 scans:
   * their GTIN is `gs1.gtin`.
   */
  readonly gtin14: string | null;
  readonly error: ScanParseError | null;
}

export interface ParseScanOptions {
  /** The date two-digit GS1 years are read against; defaults to now. */
  readonly now?: Date;
  /** Longer scans are refused; defaults to 4096 characters. */
  readonly maxLength?: number;
}

export const DEFAULT_MAX_SCAN_LENGTH = 4096;

// Scanners add CR/LF/TAB suffixes and sometimes STX/ETX framing; a leading GS is FNC1 and stays.
// eslint-disable-next-line no-control-regex
const LEADING_JUNK = /^[\s\u0000-\u001c\u001e\u001f\u007f-\u009f]+/;
// eslint-disable-next-line no-control-regex
const TRAILING_JUNK = /[\s\u0000-\u001f\u007f-\u009f]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function scan(
  raw: string,
  text: string,
  symbology: Symbology | null,
  gs1: Gs1Data | null,
  gtin14: string | null,
  error: ScanParseError | null,
): ParsedScan {
  return { raw, text, symbology, gs1, gtin14, error };
}

function plainGtin(text: string, symbology: Symbology | null): string | null {
  if (!/^\d+$/.test(text)) return null;
  // Only ]E0 is UPC-A/EAN-13/UPC-E; an 8-digit ]E0 is a UPC-E, not an EAN-8 (that is ]E4).
  if (symbology?.aim === ']E0' && text.length === 8) {
    const upcA = expandUpcE(text);
    if (upcA !== null) return toGtin14(upcA);
  }
  return toGtin14(text);
}

/** Parses one scan. Never throws: anything unusable comes back with `error` set. */
export function parseScan(raw: string, options: ParseScanOptions = {}): ParsedScan {
  const maxLength = options.maxLength ?? DEFAULT_MAX_SCAN_LENGTH;
  if (raw.length > maxLength) {
    return scan(raw, '', null, null, null, {
      code: 'SERIAL_FORMAT',
      message: `This scan is ${raw.length} characters long; no barcode here is longer than ${maxLength}. Scan again.`,
    });
  }
  const gs1Options = { now: options.now ?? new Date() };

  const framed = raw.replace(LEADING_JUNK, '').replace(TRAILING_JUNK, '');
  const aim = parseAimPrefix(framed);
  const symbology = aim?.symbology ?? null;
  const body = aim ? aim.rest : framed;
  const text = body.replace(CONTROL, '').trim();
  if (text === '') {
    return scan(raw, '', symbology, null, null, { code: 'SERIAL_EMPTY', message: 'Nothing was read — scan again.' });
  }

  const result = (parsed: Gs1Result): ParsedScan =>
    parsed.ok
      ? scan(raw, text, symbology, parsed.data, null, null)
      : scan(raw, text, symbology, null, null, { code: 'GS1_INVALID', message: parsed.message });

  if (looksLikeUrl(text)) {
    const link = parseDigitalLink(text, gs1Options);
    if (link !== null) return result(link);
  } else if (looksBracketed(text)) {
    return result(parseBracketed(text, gs1Options));
  } else if (symbology?.gs1 === true || (symbology === null && body.startsWith(GS))) {
    let start = 0;
    while (body[start] === GS) start++;
    return result(parseElementString(body.slice(start), gs1Options));
  } else if (symbology === null && body.includes(GS)) {
    // Without FNC1 first or an AIM prefix, GS-separated text is GS1 only if it all parses.
    const parsed = parseElementString(body, gs1Options);
    if (parsed.ok) return result(parsed);
  }

  return scan(raw, text, symbology, null, plainGtin(text, symbology), null);
}
