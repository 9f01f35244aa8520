/** Serial normalization and format rules. Pure: no I/O. */

// C0 and C1 control characters and DEL; GS1 parsing has used the separators by now.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export interface SerialMatching {
  readonly caseSensitive: boolean;
}

/** The serial as it should be stored for display: trimmed, control characters removed. */
export function cleanSerial(raw: string): string {
  return raw.replace(CONTROL, '').trim();
}

/** The key serials are compared and indexed by. */
export function serialKey(raw: string, matching: SerialMatching): string {
  const cleaned = cleanSerial(raw).normalize('NFC');
  return matching.caseSensitive ? cleaned : cleaned.toUpperCase();
}
