/**
 * Weight units scales report, and their exact conversion to grams (the avoirdupois pound is
 * defined as 453.59237 g, the ounce as 1/16 of it). Units a shipping station has no business
 * weighing parcels in are refused with a message rather than guessed.
 */

export type WeightUnit = 'mg' | 'g' | 'kg' | 'oz' | 'lb';

export const GRAMS_PER_UNIT: Readonly<Record<WeightUnit, number>> = {
  mg: 0.001,
  g: 1,
  kg: 1000,
  oz: 28.349523125,
  lb: 453.59237,
};

/** Rounded to 0.1 g, half away from zero; -0 becomes 0. */
export function roundGrams(grams: number): number {
  const rounded = Math.sign(grams) * (Math.round(Math.abs(grams) * 10) / 10);
  return rounded === 0 ? 0 : rounded;
}

export function toGrams(value: number, unit: WeightUnit): number {
  return roundGrams(value * GRAMS_PER_UNIT[unit]);
}

const ACCEPTED: Readonly<Record<string, WeightUnit>> = {
  mg: 'mg',
  g: 'g',
  kg: 'kg',
  oz: 'oz',
  lb: 'lb',
  lbs: 'lb',
};

const REFUSED: Readonly<Record<string, string>> = {
  ct: 'carats',
  c: 'carats',
  ozt: 'troy ounces',
  'oz t': 'troy ounces',
  dwt: 'pennyweights',
  gn: 'grains',
  // "gr" is grams on some indicators and grains on others: a 15-fold error is not worth a guess.
  gr: 'grains or grams ("gr" is ambiguous)',
  grain: 'grains',
  tl: 'taels',
  t: 'metric tons',
  ton: 'tons',
  lbt: 'troy pounds',
  n: 'newtons',
  pcs: 'pieces (counting mode)',
  '%': 'percent (percent weighing mode)',
};

export type UnitMatch =
  | { readonly ok: true; readonly unit: WeightUnit }
  | { readonly ok: false; readonly message: string; readonly known: boolean };

/** Recognises a unit as printed by a scale ("kg", "LB", "lbs", "g"). */
export function matchUnit(text: string): UnitMatch {
  const key = text.trim().toLowerCase();
  const unit = ACCEPTED[key];
  if (unit) return { ok: true, unit };
  const refused = REFUSED[key];
  if (refused) return { ok: false, known: true, message: refusedUnitMessage(refused) };
  return { ok: false, known: false, message: `The scale sent an unknown weight unit "${text.trim()}".` };
}

export function refusedUnitMessage(unitName: string): string {
  return `The scale weighs in ${unitName}: switch it to grams, kilograms, ounces or pounds.`;
}

/** Parses a decimal as scales print it ("1.250", "-0.012", "- 1.2", "001.25", ".5"). */
export function parseDecimal(text: string): number | null {
  const compact = text.replace(/\s+/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(compact)) return null;
  return Number(compact);
}
