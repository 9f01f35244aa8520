import type { ReactNode } from 'react';
import type { ProductRow } from '../../../../shared/ipc/catalog.contract';
import { Notice } from '../../components/notice';

export const MAX_SERIALS_PER_UNIT = 10;

/** The list's "Serial numbers" cell: Yes/No, how many per unit, and the slot names when they tell something. */
export function describeSerials(product: ProductRow): ReactNode {
  if (!product.trackSerials) return <span className="muted">No</span>;
  const labels = product.serialSlotLabels.filter((label) => label.trim() !== '');
  // A single slot called "Serial" says nothing the "Yes" does not.
  const telling = labels.length > 1 || labels.some((label) => !/^serial( number)?$/i.test(label.trim()));
  const perUnit = product.serialsPerUnit === 1 ? '1 per unit' : `${product.serialsPerUnit} per unit`;
  return (
    <span>
      <strong>Yes</strong>, {perUnit}
      {telling ? <span className="muted"> ({labels.join(', ')})</span> : null}
    </span>
  );
}

/** The default slot names, as the station gives them to a product without its own. */
export function defaultLabel(index: number, count: number): string {
  return count === 1 ? 'Serial' : `Serial ${index + 1}`;
}

/** Keeps the names already typed, names new slots, and drops the ones past the new count. */
export function resizeLabels(labels: readonly string[], count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SERIALS_PER_UNIT) return [...labels];
  return Array.from({ length: count }, (_, i) => {
    const kept = labels[i];
    if (kept === undefined) return defaultLabel(i, count);
    // "Serial" alone reads wrong once there is a second slot, and "Serial 1" once there is only one.
    if (kept === defaultLabel(i, labels.length)) return defaultLabel(i, count);
    return kept;
  });
}

/** A whole number in range, or null for an empty field when empty is allowed; a message otherwise. */
export function parseWhole(
  text: string,
  what: string,
  min: number,
  max: number,
  emptyAllowed: boolean,
): { value: number | null } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') {
    return emptyAllowed ? { value: null } : { error: `Enter the ${what}.` };
  }
  if (!/^\d+$/.test(trimmed)) return { error: `The ${what} must be a whole number; “${trimmed}” is not.` };
  const value = Number(trimmed);
  if (value < min || value > max) {
    return { error: `The ${what} must be between ${min.toLocaleString()} and ${max.toLocaleString()}.` };
  }
  return { value };
}

/** Grams may have decimals, typed with a point or a comma. */
export function parseGrams(text: string): { value: number | null } | { error: string } {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return { value: null };
  if (!/^\d+(\.\d+)?$/.test(trimmed))
    return { error: `The unit weight must be a number of grams; “${text.trim()}” is not.` };
  const value = Number(trimmed);
  if (value > 1_000_000) return { error: 'The unit weight must be at most 1,000,000 g (1 tonne).' };
  return { value };
}

/** Whether the station will accept the pattern: it anchors and compiles it the same way. */
export function patternProblem(pattern: string): string | null {
  if (pattern.trim() === '') return null;
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
    return null;
  } catch {
    return `“${pattern}” is not a valid serial pattern (a regular expression such as ^[0-9]{15}$ for a 15-digit IMEI).`;
  }
}

export function labelsProblem(labels: readonly string[]): string | null {
  const empty = labels.findIndex((label) => label.trim() === '');
  if (empty >= 0) return `Name serial ${empty + 1}, for example “IMEI ${empty + 1}” or “Serial”.`;
  if (labels.some((label) => label.trim().length > 50)) return 'A slot name can be at most 50 characters.';
  return null;
}

/** One input per serial slot, so the packer is asked for "IMEI 1", then "IMEI 2". */
export function SlotLabelInputs({
  idPrefix,
  labels,
  onChange,
  disabled,
}: {
  readonly idPrefix: string;
  readonly labels: readonly string[];
  readonly onChange: (labels: string[]) => void;
  readonly disabled?: boolean;
}) {
  return (
    <fieldset className="sv-slots" disabled={disabled}>
      <legend>What each serial is called</legend>
      <div className="sv-slot-list">
        {labels.map((label, i) => (
          <div className="sv-field" key={i}>
            <label htmlFor={`${idPrefix}-slot-${i}`}>Serial {i + 1}</label>
            <input
              id={`${idPrefix}-slot-${i}`}
              type="text"
              value={label}
              maxLength={50}
              autoComplete="off"
              onChange={(e) => onChange(labels.map((l, j) => (j === i ? e.target.value : l)))}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** Said plainly whenever serial tracking is being turned on. */
export function TrackingOnNote() {
  return (
    <Notice tone="info" title="Serials are captured from now on" testId="tracking-on-note">
      <p>
        Receiving and packing will ask for serials from the next receipt and shipment. Units already shipped keep no
        serials: Packbench never invents serials for them.
      </p>
    </Notice>
  );
}
