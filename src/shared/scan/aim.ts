/**
 * AIM symbology identifiers (ISO/IEC 15424): scanners configured to send them put
 * `]` + code character + modifier character in front of the data, which tells a GS1 symbol
 * (FNC1 in first position) from a plain one carrying the same characters.
 */

export interface Symbology {
  /** The identifier exactly as sent, e.g. `]d2`. */
  readonly aim: string;
  readonly name: string;
  /** The data is a GS1 element string (FNC1 in first position). */
  readonly gs1: boolean;
}

interface Known {
  readonly name: string;
  readonly gs1?: true;
}

/** Identifiers whose modifier changes what the data means. */
const KNOWN: Readonly<Record<string, Known>> = {
  C0: { name: 'Code 128' },
  C1: { name: 'GS1-128', gs1: true },
  C2: { name: 'Code 128 (FNC1 in second position)' },
  C4: { name: 'ISBT 128' },
  d0: { name: 'Data Matrix (ECC 000-140)' },
  d1: { name: 'Data Matrix' },
  d2: { name: 'GS1 DataMatrix', gs1: true },
  d3: { name: 'Data Matrix (FNC1 in second position)' },
  d4: { name: 'Data Matrix (ECI)' },
  d5: { name: 'GS1 DataMatrix (ECI)', gs1: true },
  d6: { name: 'Data Matrix (ECI, FNC1 in second position)' },
  Q0: { name: 'QR Code (model 1)' },
  Q1: { name: 'QR Code' },
  Q2: { name: 'QR Code (ECI)' },
  Q3: { name: 'GS1 QR Code', gs1: true },
  Q4: { name: 'GS1 QR Code (ECI)', gs1: true },
  Q5: { name: 'QR Code (FNC1 in second position)' },
  Q6: { name: 'QR Code (ECI, FNC1 in second position)' },
  E0: { name: 'EAN-13 / UPC-A / UPC-E' },
  E1: { name: 'EAN/UPC 2-digit add-on' },
  E2: { name: 'EAN/UPC 5-digit add-on' },
  E3: { name: 'EAN/UPC with add-on' },
  E4: { name: 'EAN-8' },
  e0: { name: 'GS1 DataBar', gs1: true },
  I0: { name: 'Interleaved 2 of 5 (ITF)' },
  I1: { name: 'Interleaved 2 of 5 (ITF), check digit verified' },
  I3: { name: 'Interleaved 2 of 5 (ITF), check digit stripped' },
  F0: { name: 'Codabar' },
  L0: { name: 'PDF417' },
  L1: { name: 'PDF417 (ECI)' },
  L2: { name: 'PDF417' },
  z0: { name: 'Aztec' },
  z1: { name: 'GS1 Aztec', gs1: true },
  J0: { name: 'DotCode' },
  J1: { name: 'GS1 DotCode', gs1: true },
};

/** Symbology families by code character, for modifiers not listed above. */
const FAMILIES: Readonly<Record<string, string>> = {
  A: 'Code 39',
  C: 'Code 128',
  d: 'Data Matrix',
  E: 'EAN/UPC',
  e: 'GS1 DataBar',
  F: 'Codabar',
  G: 'Code 93',
  H: 'Code 11',
  I: 'Interleaved 2 of 5 (ITF)',
  J: 'DotCode',
  L: 'PDF417',
  M: 'MSI',
  Q: 'QR Code',
  z: 'Aztec',
};

const PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

/** Splits a leading AIM identifier off `text`; null when there is none. */
export function parseAimPrefix(text: string): { readonly symbology: Symbology; readonly rest: string } | null {
  const match = PREFIX.exec(text);
  if (match === null) return null;
  const aim = match[0];
  const key = aim.slice(1);
  const known = KNOWN[key];
  const symbology: Symbology = known
    ? { aim, name: known.name, gs1: known.gs1 === true }
    : { aim, name: FAMILIES[key.charAt(0)] ?? 'Unknown', gs1: false };
  return { symbology, rest: text.slice(aim.length) };
}
