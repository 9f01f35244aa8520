import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { Output } from '../../../../shared/ipc';
import { useStation } from '../../api/station-context';
import { Notice } from '../../components/notice';

export type ListChannel = 'catalog:list-products' | 'catalog:list-orders' | 'catalog:list-purchase-orders';
type RowOf<C extends ListChannel> = Output<C>['rows'][number];

export interface Column<R> {
  readonly header: string;
  readonly cell: (row: R) => ReactNode;
  /** `num` right-aligns counts so digits line up. */
  readonly align?: 'num';
}

/** Rows per page: enough to fill a 1080p screen twice, small enough to render instantly. */
export const PAGE_SIZE = 100;
const SEARCH_DELAY_MS = 250;

interface PagedListProps<C extends ListChannel> {
  readonly channel: C;
  readonly title: string;
  readonly searchLabel: string;
  readonly columns: readonly Column<RowOf<C>>[];
  readonly rowKey: (row: RowOf<C>) => string | number;
  readonly empty: ReactNode;
  readonly notice?: ReactNode;
  readonly testId: string;
}

type Loaded<C extends ListChannel> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: ErrorInfo }
  | { readonly state: 'ready'; readonly page: Output<C> };

/**
 * A list's search box: what is typed is searched a moment after typing stops, from the first
 * page again, so each keystroke does not ask the station.
 */
export function useTypedSearch(delayMs = SEARCH_DELAY_MS) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(text.trim());
      setOffset(0);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);

  return { text, setText, search, offset, setOffset };
}

/** A searchable, paged list over one catalog channel. */
export function PagedList<C extends ListChannel>(props: PagedListProps<C>) {
  const { channel, title, searchLabel, columns, rowKey, empty, notice, testId } = props;
  const { api } = useStation();
  const searchId = useId();
  const { text, setText, search, offset, setOffset } = useTypedSearch();
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<C>>({ state: 'loading' });
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    const input = search ? { search, limit: PAGE_SIZE, offset } : { limit: PAGE_SIZE, offset };
    void api.invoke<ListChannel>(channel, input).then((envelope) => {
      // A slower answer to an older search must not overwrite the newer one.
      if (request !== latest.current) return;
      setLoaded(
        envelope.ok
          ? { state: 'ready', page: envelope.value as Output<C> }
          : { state: 'failed', error: envelope.error },
      );
    });
  }, [api, channel, search, offset, attempt]);

  const page = loaded.state === 'ready' ? loaded.page : null;
  const rows = (page?.rows ?? []) as RowOf<C>[];
  const total = page?.total ?? 0;

  return (
    <section className="screen" data-testid={testId}>
      <div className="screen-head">
        <h1 tabIndex={-1}>{title}</h1>
        <div className="search">
          <label htmlFor={searchId}>{searchLabel}</label>
          <input
            id={searchId}
            type="search"
            value={text}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
      </div>
      {notice}
      {loaded.state === 'failed' ? (
        <Notice tone="error" title="The list could not be loaded">
          <p>{loaded.error.message}</p>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </Notice>
      ) : null}
      {page && total === 0 ? <div className="empty">{search ? <p>Nothing matches “{search}”.</p> : empty}</div> : null}
      {rows.length > 0 ? (
        <>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  {columns.map((column) => (
                    <th key={column.header} scope="col" className={column.align === 'num' ? 'num' : undefined}>
                      {column.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={rowKey(row)}>
                    {columns.map((column) => (
                      <td key={column.header} className={column.align === 'num' ? 'num' : undefined}>
                        {column.cell(row)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} shown={rows.length} total={total} pageSize={PAGE_SIZE} onOffset={setOffset} />
        </>
      ) : null}
      {loaded.state === 'loading' ? <p className="muted">Loading…</p> : null}
    </section>
  );
}

/**
 * "Showing 1–100 of 250" under a list, with the previous and next page buttons once there is
 * more than one page. `live` has the count read out as it changes.
 */
export function Pager({
  offset,
  shown,
  total,
  pageSize,
  onOffset,
  live = true,
}: {
  readonly offset: number;
  /** How many rows this page holds. */
  readonly shown: number;
  readonly total: number;
  readonly pageSize: number;
  readonly onOffset: (offset: number) => void;
  readonly live?: boolean;
}) {
  const first = total === 0 ? 0 : offset + 1;
  const last = offset + shown;
  return (
    <div className="pager">
      <p aria-live={live ? 'polite' : undefined}>
        Showing {first.toLocaleString()}–{last.toLocaleString()} of {total.toLocaleString()}
      </p>
      {total > pageSize ? (
        <>
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => onOffset(Math.max(0, offset - pageSize))}
          >
            Previous page
          </button>
          <button type="button" className="button" disabled={last >= total} onClick={() => onOffset(offset + pageSize)}>
            Next page
          </button>
        </>
      ) : null}
    </div>
  );
}
