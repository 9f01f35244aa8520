/** How each organization rule is named and entered on the settings screen. */
export interface RuleWords {
  readonly title: string;
  /** Shown after a number (and used in "Default: 5 %"). */
  readonly unit?: string;
  /** A number rule that may be left empty, and what empty means. */
  readonly emptyMeans?: string;
  /** A choice rule's values, in words. */
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  /** A number rule's range, checked before saving so the message names the rule. */
  readonly min?: number;
  readonly max?: number;
  readonly whole?: boolean;
}

export const RULE_WORDS: Readonly<Record<string, RuleWords>> = {
  captureSerialsOnReceive: { title: 'Capture serials when receiving' },
  captureSerialsOnShip: { title: 'Capture serials when packing' },
  newProductsTrackSerials: { title: 'New products track serials' },
  defaultSerialLength: {
    title: 'Default serial length',
    unit: 'characters',
    emptyMeans: 'any length',
    min: 1,
    max: 200,
    whole: true,
  },
  uniquenessScope: {
    title: 'Serials are unique',
    options: [
      { value: 'product', label: 'per product' },
      { value: 'organization', label: 'across the organization' },
    ],
  },
  caseSensitiveSerials: { title: 'Upper and lower case differ' },
  rejectSerialEqualToKnownCode: { title: 'Refuse known codes as serials' },
  allowDuplicateSerialsInOrder: { title: 'Same serial twice in one order' },
  requireShippedSerialInStock: { title: 'Shipped serials must be in stock' },
  allowOverReceipt: { title: 'Receive more than ordered' },
  allowMoreSerialsThanReceived: { title: 'More serials than units received' },
  overrideRequiresSupervisor: { title: 'Overrides need a supervisor' },
  weightTolerancePercent: { title: 'Weight tolerance', unit: '%', min: 0, max: 100 },
  packagingWeightG: { title: 'Packaging weight', unit: 'g', min: 0 },
};

/** A rule the screen has no words for yet still shows, under its own name split into words. */
export function ruleWords(key: string): RuleWords {
  const known = RULE_WORDS[key];
  if (known) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return { title: words.charAt(0).toUpperCase() + words.slice(1) };
}

export type RuleValue = boolean | number | string | null;

/** A rule's value as the screen says it: On/Off, "5 %", "per product", "any length". */
export function valueWords(key: string, value: RuleValue): string {
  const words = ruleWords(key);
  if (typeof value === 'boolean') return value ? 'On' : 'Off';
  if (value === null) return words.emptyMeans ?? 'none';
  if (typeof value === 'number') return words.unit ? `${value.toLocaleString()} ${words.unit}` : value.toLocaleString();
  return words.options?.find((option) => option.value === value)?.label ?? value;
}
