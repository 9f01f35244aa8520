/** Which status changes a supervisor may make by hand, and what each is recorded as. Pure. */

export type UnitStatus = 'in_stock' | 'reserved' | 'sold' | 'returned' | 'defective';
export type LifecycleEvent = 'reserved' | 'status_changed' | 'released' | 'returned' | 'marked_defective' | 'restocked';

const ALLOWED: Readonly<Record<UnitStatus, Partial<Record<UnitStatus, LifecycleEvent>>>> = {
  in_stock: { reserved: 'reserved', sold: 'status_changed' },
  reserved: { sold: 'status_changed', in_stock: 'released' },
  sold: { returned: 'returned', defective: 'marked_defective' },
  returned: { in_stock: 'restocked', defective: 'marked_defective' },
  defective: { in_stock: 'restocked' },
};

const WORDS: Readonly<Record<UnitStatus, string>> = {
  in_stock: 'in stock',
  reserved: 'reserved',
  sold: 'sold',
  returned: 'returned',
  defective: 'defective',
};

export function statusWords(status: UnitStatus): string {
  return WORDS[status];
}

/** The ledger event for a change, or the reason it is not allowed. */
export function transitionEvent(from: UnitStatus, to: UnitStatus): { event: LifecycleEvent } | { refused: string } {
  const event = ALLOWED[from][to];
  if (event) return { event };
  const options = Object.keys(ALLOWED[from]) as UnitStatus[];
  return {
    refused: `A ${statusWords(from)} unit cannot become ${statusWords(to)}. From ${statusWords(from)} it can go to: ${options.map(statusWords).join(' or ')}.`,
  };
}
