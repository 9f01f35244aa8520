/** Builds ScaleSamples from what protocol parsers read, with one rule set for all protocols. */

import type { WeightReading, WeightStatus } from '../types';
import type { ScaleSample } from './types';
import { matchUnit, parseDecimal, toGrams, type WeightUnit } from './units';

export type WeightSampleResult =
  | { readonly ok: true; readonly sample: ScaleSample }
  /** Not a weight at all: the frame is garbage for this protocol. */
  | { readonly ok: false; readonly reason: string };

/**
 * A weight as printed by a scale. A negative weight is "under zero" whatever the stable
 * flag says: it can never be a parcel's weight. A stable zero is "zero".
 */
export function weightSample(
  valueText: string,
  unit: string | WeightUnit,
  options: { readonly stable: boolean; readonly raw: string; readonly stableKnown?: boolean },
): WeightSampleResult {
  const value = parseDecimal(valueText);
  if (value === null) return { ok: false, reason: `"${valueText.trim()}" is not a weight` };
  const match = matchUnit(unit);
  const stableKnown = options.stableKnown ?? true;
  if (!match.ok) {
    if (!match.known) return { ok: false, reason: match.message };
    return { ok: true, sample: statusSample('no-reading', options.raw, match.message) };
  }
  const grams = toGrams(value, match.unit);
  let status: WeightStatus = 'ok';
  if (grams < 0) status = 'under-zero';
  else if (!options.stable && stableKnown) status = 'motion';
  else if (grams === 0 && options.stable) status = 'zero';
  const reading: WeightReading = { grams, stable: options.stable, status, raw: options.raw };
  return { ok: true, sample: { reading, stableKnown } };
}

/** A reading without a usable weight (motion without weight, over weight, fault, ...). */
export function statusSample(
  status: WeightStatus,
  raw: string,
  problem?: string,
  grams: number | null = null,
): ScaleSample {
  const stable = status === 'zero';
  const reading: WeightReading = { grams: status === 'zero' ? 0 : grams, stable, status, raw };
  return problem === undefined ? { reading, stableKnown: true } : { reading, stableKnown: true, problem };
}

/** Frames as text for `raw`, with control characters made visible (<STX>, <CR>, ...). */
export function visibleRaw(frame: Uint8Array): string {
  const names: Readonly<Record<number, string>> = { 2: '<STX>', 3: '<ETX>', 10: '<LF>', 13: '<CR>' };
  let text = '';
  for (const byte of frame) {
    const named = names[byte];
    if (named) text += named;
    else if (byte < 0x20 || byte >= 0x7f) text += `<${byte.toString(16).padStart(2, '0').toUpperCase()}>`;
    else text += String.fromCharCode(byte);
  }
  return text;
}
