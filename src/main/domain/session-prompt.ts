/** Wording shared by the scan sessions' prompts (receiving, shipping, transfers). */

/** A serial slot's name on the label, or "Serial" / "Serial 2" when the product names none. */
export function slotLabelOf(
  of: { readonly slotLabels: readonly string[]; readonly serialsPerUnit: number },
  slot: number,
): string {
  return of.slotLabels[slot - 1] ?? (of.serialsPerUnit === 1 ? 'Serial' : `Serial ${slot}`);
}

/** The fields of an `Expect` that asks for no particular line, unit or slot. */
export const NO_TARGET = {
  lineId: null,
  sku: null,
  productName: null,
  unit: null,
  units: null,
  slot: null,
  slots: null,
  slotLabel: null,
} as const;
