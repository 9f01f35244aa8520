import type { UnitStatus, WarrantyStatus } from '../../../../shared/ipc/serials.contract';

/** Local date and time as a clerk reads it off a label: `2025-06-01 14:32`. */
export function formatDateTime(iso: string): { readonly date: string; readonly time: string } {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return { date: iso, time: '' };
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  };
}

export function formatDateTimeLine(iso: string): string {
  const { date, time } = formatDateTime(iso);
  return time ? `${date} ${time}` : date;
}

export const STATUS_WORDS: Readonly<Record<UnitStatus, string>> = {
  in_stock: 'In stock',
  reserved: 'Reserved',
  sold: 'Sold',
  returned: 'Returned',
  defective: 'Defective',
};

/** Unit statuses arrive as plain strings in some answers; an unknown one is shown as it is. */
export function statusWords(status: string): string {
  return Object.hasOwn(STATUS_WORDS, status) ? STATUS_WORDS[status as UnitStatus] : status.replace(/_/g, ' ');
}

export interface WarrantyWords {
  readonly label: string;
  readonly detail: string | null;
}

export function warrantyWords(warranty: WarrantyStatus): WarrantyWords {
  switch (warranty.status) {
    case 'in-warranty':
      return { label: 'In warranty', detail: warranty.expiresOn ? `until ${warranty.expiresOn}` : null };
    case 'expired':
      return { label: 'Expired', detail: warranty.expiresOn ? `on ${warranty.expiresOn}` : null };
    case 'none':
      return {
        label: 'No warranty',
        detail: warranty.months === null || warranty.months <= 0 ? 'none set for product' : 'not shipped',
      };
  }
}

export interface LifecycleAction {
  readonly to: UnitStatus;
  readonly label: string;
}

/**
 * The moves a supervisor may make by hand from each status. The station refuses any other
 * move anyway; offering only these keeps people from asking for one that cannot happen.
 */
export const LIFECYCLE_ACTIONS: Readonly<Record<UnitStatus, readonly LifecycleAction[]>> = {
  in_stock: [
    { to: 'reserved', label: 'Reserve' },
    { to: 'sold', label: 'Mark sold' },
  ],
  reserved: [
    { to: 'sold', label: 'Mark sold' },
    { to: 'in_stock', label: 'Return to stock' },
  ],
  sold: [
    { to: 'returned', label: 'Mark returned' },
    { to: 'defective', label: 'Mark defective' },
  ],
  returned: [
    { to: 'in_stock', label: 'Return to stock' },
    { to: 'defective', label: 'Mark defective' },
  ],
  defective: [{ to: 'in_stock', label: 'Return to stock' }],
};
