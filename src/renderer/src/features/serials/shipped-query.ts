import type { ShippedQuery, ShippedSortColumn } from '../../../../shared/ipc/serials.contract';

export interface ShippedSort {
  readonly column: ShippedSortColumn;
  readonly direction: 'asc' | 'desc';
}

/** Newest shipments first: the question is usually about something recent. */
export const DEFAULT_SORT: ShippedSort = { column: 'createdAt', direction: 'desc' };

/** Dates and warranty read best newest first; names and numbers from A. */
const FIRST_DIRECTION: Readonly<Record<ShippedSortColumn, 'asc' | 'desc'>> = {
  serial: 'asc',
  order: 'asc',
  product: 'asc',
  shippedAt: 'desc',
  createdAt: 'desc',
  warranty: 'desc',
};

/** A click on a header: the sorted column flips, another column starts in its natural order. */
export function nextSort(current: ShippedSort, column: ShippedSortColumn): ShippedSort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: FIRST_DIRECTION[column] };
}

export interface PastedSerials {
  readonly serials: readonly string[];
  /** Lines that repeated an earlier one (same spelling after trimming). */
  readonly repeats: number;
}

/**
 * One serial per line, as copied from a spreadsheet column or an e-mail: Windows line
 * endings, blank lines, stray spaces and tabs are tidied; repeats are counted, not sent twice.
 */
export function parsePastedSerials(text: string): PastedSerials {
  const seen = new Set<string>();
  const serials: string[] = [];
  let repeats = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const serial = line.trim();
    if (serial === '') continue;
    if (seen.has(serial)) {
      repeats += 1;
      continue;
    }
    seen.add(serial);
    serials.push(serial);
  }
  return { serials, repeats };
}

export interface ShippedFilters {
  readonly search: string;
  readonly serials: readonly string[];
  readonly order: string;
  readonly sku: string;
  readonly name: string;
}

export const NO_FILTERS: ShippedFilters = { search: '', serials: [], order: '', sku: '', name: '' };

export function hasFilters(filters: ShippedFilters): boolean {
  return (
    filters.search.trim() !== '' ||
    filters.serials.length > 0 ||
    filters.order.trim() !== '' ||
    filters.sku.trim() !== '' ||
    filters.name.trim() !== ''
  );
}

/** The request for one page; empty filters are left out rather than sent as "". */
export function shippedQuery(filters: ShippedFilters, sort: ShippedSort, offset: number, limit: number): ShippedQuery {
  const query: ShippedQuery = { sort: { ...sort }, offset, limit };
  const search = filters.search.trim();
  if (search) query.search = search;
  if (filters.serials.length > 0) query.serials = [...filters.serials];
  if (filters.order.trim()) query.order = filters.order.trim();
  if (filters.sku.trim()) query.sku = filters.sku.trim();
  if (filters.name.trim()) query.name = filters.name.trim();
  return query;
}

/** Identifies one result set: a change of filter or sort starts the list (and its cache) over. */
export function resultKey(filters: ShippedFilters, sort: ShippedSort): string {
  return JSON.stringify([
    filters.search.trim(),
    filters.serials,
    filters.order.trim(),
    filters.sku.trim(),
    filters.name.trim(),
    sort.column,
    sort.direction,
  ]);
}
