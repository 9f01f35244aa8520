import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Envelope, ErrorInfo } from '../../../../shared/errors';

export interface PageAnswer<R> {
  readonly total: number;
  readonly totalIsLowerBound: boolean;
  readonly rows: readonly R[];
}

/** Pages kept in memory: enough to scroll back and forth over 10,000 rows without asking again. */
const MAX_CACHED_PAGES = 50;

/**
 * The pages of one result set fetched so far, as the list is scrolled. A list may hold
 * millions of rows, so only the pages someone looked at are asked for, and only the most
 * recently used are kept.
 */
export class PageCache<R, A extends PageAnswer<R> = PageAnswer<R>> {
  readonly pageSize: number;
  readonly #pages = new Map<number, readonly R[]>();
  readonly #pending = new Set<number>();
  #total: number | null = null;
  #lowerBound = false;
  /** Furthest row known to exist, and whether the page that told us was full (so more may follow). */
  #furthest = 0;
  #furthestFull = false;
  #first: A | null = null;

  constructor(pageSize: number) {
    this.pageSize = pageSize;
  }

  /** The answer for the first page, which carries whatever the service says about the whole set. */
  get first(): A | null {
    return this.#first;
  }

  get total(): number | null {
    return this.#total;
  }

  get totalIsLowerBound(): boolean {
    return this.#lowerBound;
  }

  /**
   * How many rows the list should offer. When the service only counted up to a limit, one
   * more row is offered past the last full page, so scrolling to the end asks for the next.
   */
  get count(): number {
    if (this.#total === null) return 0;
    if (!this.#lowerBound) return this.#total;
    return Math.max(this.#total, this.#furthest + (this.#furthestFull ? 1 : 0));
  }

  get loading(): boolean {
    return this.#pending.size > 0;
  }

  rowAt(index: number): R | undefined {
    const page = Math.floor(index / this.pageSize);
    const rows = this.#pages.get(page);
    if (!rows) return undefined;
    // Touching a page keeps it among the most recently used.
    this.#pages.delete(page);
    this.#pages.set(page, rows);
    return rows[index - page * this.pageSize];
  }

  /** Pages covering rows start..end (inclusive) that are neither cached nor on their way. */
  missing(start: number, end: number): number[] {
    if (end < start) return [];
    const pages: number[] = [];
    for (let page = Math.floor(start / this.pageSize); page <= Math.floor(end / this.pageSize); page++) {
      if (!this.#pages.has(page) && !this.#pending.has(page)) pages.push(page);
    }
    return pages;
  }

  begin(page: number): void {
    this.#pending.add(page);
  }

  fail(page: number): void {
    this.#pending.delete(page);
  }

  store(page: number, answer: A): void {
    this.#pending.delete(page);
    if (page === 0) this.#first = answer;
    this.#pages.set(page, answer.rows);
    while (this.#pages.size > MAX_CACHED_PAGES) {
      const oldest = this.#pages.keys().next().value;
      if (oldest === undefined) break;
      this.#pages.delete(oldest);
    }
    const offset = page * this.pageSize;
    const end = offset + answer.rows.length;
    const full = answer.rows.length === this.pageSize;
    if (this.#total === null || page === 0) {
      this.#total = answer.total;
      this.#lowerBound = answer.totalIsLowerBound;
    }
    if (end >= this.#furthest) {
      this.#furthest = end;
      this.#furthestFull = full;
    }
    // A short page is the real end of the list, whatever the first count said.
    if (!full) {
      this.#total = end;
      this.#lowerBound = false;
    }
  }
}

export interface PagedRows<R, A extends PageAnswer<R>> {
  readonly cache: PageCache<R, A>;
  /** Counts up whenever a page arrives, so the list re-renders with it. */
  readonly version: number;
  readonly error: ErrorInfo | null;
  /** Asks for whatever is missing between rows start and end (inclusive). */
  readonly ensure: (start: number, end: number) => void;
  readonly retry: () => void;
}

/**
 * Rows of a paged channel, fetched a page at a time as they come into view. `key` names
 * the result set (filters and sort); when it changes, everything starts over.
 */
export function usePagedRows<R, A extends PageAnswer<R>>(
  key: string,
  fetchPage: (offset: number, limit: number) => Promise<Envelope<A>>,
  pageSize: number,
): PagedRows<R, A> {
  const [attempt, setAttempt] = useState(0);
  // A new cache per result set: answers meant for an older one land in the old cache and are ignored.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- key and attempt name the result set
  const cache = useMemo(() => new PageCache<R, A>(pageSize), [key, attempt, pageSize]);
  const [version, setVersion] = useState(0);
  const [failed, setFailed] = useState<{ readonly cache: PageCache<R, A>; readonly error: ErrorInfo } | null>(null);

  const ensure = useCallback(
    (start: number, end: number) => {
      for (const page of cache.missing(start, end)) {
        cache.begin(page);
        void fetchPage(page * cache.pageSize, cache.pageSize).then((envelope) => {
          if (envelope.ok) {
            cache.store(page, envelope.value);
          } else {
            cache.fail(page);
            setFailed({ cache, error: envelope.error });
          }
          setVersion((n) => n + 1);
        });
      }
    },
    [cache, fetchPage],
  );

  useEffect(() => {
    ensure(0, 0);
  }, [ensure]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { cache, version, error: failed?.cache === cache ? failed.error : null, ensure, retry };
}
