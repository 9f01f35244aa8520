import { useCallback, useEffect, useId, useMemo, useState, type CSSProperties } from 'react';
import type { ShippedPage, ShippedSerialRow, ShippedSortColumn } from '../../../../shared/ipc/serials.contract';
import { useStation } from '../../api/station-context';
import { IconWarning } from '../../components/icons';
import { Notice } from '../../components/notice';
import { ExportCsvButton } from './export-button';
import { useLongList } from './long-list';
import { NotFoundList } from './not-found-list';
import { usePagedRows } from './page-cache';
import { formatDateTime } from './serial-words';
import {
  DEFAULT_SORT,
  hasFilters,
  nextSort,
  NO_FILTERS,
  parsePastedSerials,
  resultKey,
  shippedQuery,
  type ShippedFilters,
  type ShippedSort,
} from './shipped-query';
import { WarrantyCell } from './warranty-cell';

/** Rows asked for at a time while scrolling. */
export const SHIPPED_PAGE_SIZE = 200;
/** Two lines per row (serial over its slot, product over its SKU), read from a metre away. */
const ROW_HEIGHT = 64;
const TYPING_DELAY_MS = 300;

interface Column {
  readonly id: ShippedSortColumn;
  readonly header: string;
}

const COLUMNS: readonly Column[] = [
  { id: 'serial', header: 'Serial' },
  { id: 'order', header: 'Order' },
  { id: 'product', header: 'Product' },
  { id: 'shippedAt', header: 'Shipped at' },
  { id: 'createdAt', header: 'Created at' },
  { id: 'warranty', header: 'Warranty' },
];

interface Draft {
  readonly search: string;
  readonly serials: string;
  readonly order: string;
  readonly sku: string;
  readonly name: string;
}

const EMPTY_DRAFT: Draft = { search: '', serials: '', order: '', sku: '', name: '' };

export interface ShippedSerialsProps {
  readonly onOpenHistory: (serial: string) => void;
  /** Present when the station can show an order's detail. */
  readonly onOpenOrder?: ((orderNumber: string) => void) | undefined;
  readonly onOpenProduct?: ((sku: string) => void) | undefined;
  readonly isSupervisor: boolean;
}

/**
 * Every serial we shipped, one row per code per shipment: the warranty question (serial to
 * order and ship date) and the recall question (product to every customer) answered here.
 */
export function ShippedSerials({ onOpenHistory, onOpenOrder, onOpenProduct, isSupervisor }: ShippedSerialsProps) {
  const { api } = useStation();
  const ids = useId();
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [filters, setFilters] = useState<ShippedFilters>(NO_FILTERS);
  const [repeats, setRepeats] = useState(0);
  const [sort, setSort] = useState<ShippedSort>(DEFAULT_SORT);

  // Typing settles before asking the station, so each key press is not a query over millions of rows.
  useEffect(() => {
    const timer = setTimeout(() => {
      const pasted = parsePastedSerials(draft.serials);
      setRepeats(pasted.repeats);
      setFilters((current) => {
        const next: ShippedFilters = {
          search: draft.search.trim(),
          serials: pasted.serials,
          order: draft.order.trim(),
          sku: draft.sku.trim(),
          name: draft.name.trim(),
        };
        return resultKey(next, DEFAULT_SORT) === resultKey(current, DEFAULT_SORT) ? current : next;
      });
    }, TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  const key = useMemo(() => resultKey(filters, sort), [filters, sort]);
  const fetchPage = useCallback(
    (offset: number, limit: number) => api.invoke('serials:list-shipped', shippedQuery(filters, sort, offset, limit)),
    [api, filters, sort],
  );
  const paged = usePagedRows<ShippedSerialRow, ShippedPage>(key, fetchPage, SHIPPED_PAGE_SIZE);
  const { cache } = paged;
  const count = cache.count;
  const list = useLongList({ count, rowHeight: ROW_HEIGHT });
  const { ensure } = paged;
  const { scrollToTop } = list;

  const firstIndex = list.items[0]?.index ?? 0;
  const lastIndex = list.items.at(-1)?.index ?? -1;
  // A fling across a million rows should not ask for every page it passes.
  useEffect(() => {
    const timer = setTimeout(() => ensure(firstIndex, lastIndex), 60);
    return () => clearTimeout(timer);
  }, [ensure, firstIndex, lastIndex]);

  useEffect(() => {
    scrollToTop();
  }, [key, scrollToTop]);

  const first = cache.first;
  const searchShort = paged.error?.code === 'BAD_REQUEST' && filters.search !== '' ? paged.error : null;
  const otherError = paged.error && !searchShort ? paged.error : null;
  const range = list.virtualizer.range;
  const shownFrom = count === 0 || !range ? 0 : range.startIndex + 1;
  const shownTo = count === 0 || !range ? 0 : Math.min(range.endIndex + 1, count);
  const totalText = `${count.toLocaleString()}${cache.totalIsLowerBound ? '+' : ''}`;
  const filtered = hasFilters(filters);
  const exportQuery = shippedQuery(filters, sort, 0, 1000);

  const setField = (field: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  return (
    <div className="shipped" data-testid="shipped-serials">
      <div className="filters" role="search" aria-label="Find shipped serials">
        <div className="field field-search">
          <label htmlFor={`${ids}-search`}>Search serial or order</label>
          <input
            id={`${ids}-search`}
            type="search"
            value={draft.search}
            autoComplete="off"
            spellCheck={false}
            placeholder="3+ characters"
            aria-describedby={searchShort ? `${ids}-search-error` : undefined}
            aria-invalid={searchShort ? true : undefined}
            onChange={(event) => setField('search')(event.target.value)}
          />
          {searchShort ? (
            <p className="field-error" id={`${ids}-search-error`} role="alert">
              <IconWarning />
              {searchShort.message}
            </p>
          ) : null}
        </div>
        <TextFilter id={`${ids}-order`} label="Order" value={draft.order} onChange={setField('order')} />
        <TextFilter id={`${ids}-sku`} label="SKU" value={draft.sku} onChange={setField('sku')} />
        <TextFilter id={`${ids}-name`} label="Product name" value={draft.name} onChange={setField('name')} />
        <div className="field field-serials">
          <label htmlFor={`${ids}-serials`}>Serials, one per line (exact)</label>
          <textarea
            id={`${ids}-serials`}
            value={draft.serials}
            rows={2}
            autoComplete="off"
            spellCheck={false}
            placeholder="paste a list"
            onChange={(event) => setField('serials')(event.target.value)}
          />
        </div>
      </div>

      {filters.serials.length > 0 && first && !paged.error ? (
        <NotFoundList serials={first.notFound} pasted={filters.serials.length} />
      ) : null}

      {otherError ? (
        <Notice tone="error" title="The shipped serials could not be loaded">
          <p>{otherError.message}</p>
          <button type="button" className="button" onClick={paged.retry}>
            Try again
          </button>
        </Notice>
      ) : null}

      <div className="list-bar">
        <p className="list-count" data-testid="shipped-count">
          {first === null && !paged.error ? (
            'Loading…'
          ) : (
            <>
              Showing {shownFrom.toLocaleString()}–{shownTo.toLocaleString()} of{' '}
              <strong aria-live="polite">{totalText}</strong> {filtered ? 'matching ' : ''}shipped serials
            </>
          )}
          {filters.serials.length > 0 ? (
            <span className="list-count-extra" data-testid="pasted-count">
              {' · '}
              {filters.serials.length.toLocaleString()} {filters.serials.length === 1 ? 'serial' : 'serials'} pasted
              {repeats > 0 ? ` (${repeats.toLocaleString()} repeated ${repeats === 1 ? 'line' : 'lines'} ignored)` : ''}
            </span>
          ) : null}
        </p>
        <button
          type="button"
          className="button button-quiet"
          disabled={draft === EMPTY_DRAFT && !filtered}
          onClick={() => setDraft(EMPTY_DRAFT)}
        >
          Clear filters
        </button>
        <ExportCsvButton
          request={{ kind: 'shipped-serials', query: exportQuery }}
          what="shipped serials"
          canExport={isSupervisor && count > 0}
          disabledReason={isSupervisor ? 'Nothing to export.' : 'Only a signed-in supervisor can export.'}
          testId="shipped-export"
        />
      </div>

      <div className="vlist" role="table" aria-label="Shipped serial numbers" aria-rowcount={count + 1}>
        <div role="rowgroup" className="vlist-head">
          <div role="row" className="vlist-row vlist-header" aria-rowindex={1}>
            {COLUMNS.map((column) => (
              <SortHeader
                key={column.id}
                column={column}
                sort={sort}
                onSort={() => setSort((current) => nextSort(current, column.id))}
              />
            ))}
          </div>
        </div>
        <div
          className="vlist-body"
          ref={list.scrollRef}
          tabIndex={0}
          aria-label="Shipped serials: scroll with the arrow and page keys"
          onKeyDown={list.onKeyDown}
          data-testid="shipped-rows"
        >
          {first && count === 0 ? (
            <div className="vlist-empty">
              {filtered ? 'No shipped serial matches these filters.' : 'Nothing has been shipped from this store yet.'}
            </div>
          ) : null}
          <div role="rowgroup" className="vlist-canvas" style={{ height: list.height }}>
            {list.items.map((item) => {
              const row = cache.rowAt(item.index);
              const style: CSSProperties = { transform: `translateY(${list.top(item)}px)`, height: ROW_HEIGHT };
              return row ? (
                <ShippedRow
                  key={item.key}
                  row={row}
                  index={item.index}
                  style={style}
                  onOpenHistory={onOpenHistory}
                  onOpenOrder={onOpenOrder}
                  onOpenProduct={onOpenProduct}
                />
              ) : (
                <div
                  key={item.key}
                  role="row"
                  className="vlist-row vlist-loading"
                  aria-rowindex={item.index + 2}
                  style={style}
                >
                  <span role="cell">Loading row {(item.index + 1).toLocaleString()}…</span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

function TextFilter({
  id,
  label,
  value,
  onChange,
}: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

function SortHeader({
  column,
  sort,
  onSort,
}: {
  readonly column: Column;
  readonly sort: ShippedSort;
  readonly onSort: () => void;
}) {
  const sorted = sort.column === column.id;
  const ariaSort = sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <div role="columnheader" className="vlist-cell" aria-sort={ariaSort}>
      <button type="button" className="sort-button" onClick={onSort}>
        {column.header}
        <span className={`sort-mark ${sorted ? 'sort-mark-on' : ''}`} aria-hidden="true">
          {sorted ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        {sorted ? (
          <span className="visually-hidden">, sorted {sort.direction === 'asc' ? 'ascending' : 'descending'}</span>
        ) : null}
      </button>
    </div>
  );
}

function ShippedRow({
  row,
  index,
  style,
  onOpenHistory,
  onOpenOrder,
  onOpenProduct,
}: {
  readonly row: ShippedSerialRow;
  readonly index: number;
  readonly style: CSSProperties;
  readonly onOpenHistory: (serial: string) => void;
  readonly onOpenOrder?: ((orderNumber: string) => void) | undefined;
  readonly onOpenProduct?: ((sku: string) => void) | undefined;
}) {
  const shipped = formatDateTime(row.shippedAt);
  const created = formatDateTime(row.createdAt);
  return (
    <div role="row" className="vlist-row" aria-rowindex={index + 2} style={style} data-testid="shipped-row">
      <div role="cell" className="vlist-cell">
        <button type="button" className="link-button code" onClick={() => onOpenHistory(row.serial)}>
          {row.serial}
          <span className="visually-hidden"> — open its history</span>
        </button>
        <span className="cell-sub">
          {row.slotLabel ?? 'Serial'}
          {row.overridden ? <span className="mark-override">override</span> : null}
        </span>
      </div>
      <div role="cell" className="vlist-cell">
        {onOpenOrder ? (
          <button type="button" className="link-button code" onClick={() => onOpenOrder(row.orderNumber)}>
            {row.orderNumber}
          </button>
        ) : (
          <span className="code cell-main">{row.orderNumber}</span>
        )}
        <span className="cell-sub">{row.customerName}</span>
      </div>
      <div role="cell" className="vlist-cell">
        {onOpenProduct ? (
          <button type="button" className="link-button" onClick={() => onOpenProduct(row.sku)}>
            {row.productName}
          </button>
        ) : (
          <span className="cell-main">{row.productName}</span>
        )}
        <span className="cell-sub code">{row.sku}</span>
      </div>
      <div role="cell" className="vlist-cell">
        <span className="cell-main">{shipped.date}</span>
        <span className="cell-sub">{shipped.time}</span>
      </div>
      <div role="cell" className="vlist-cell">
        <span className="cell-main">{created.date}</span>
        <span className="cell-sub">{created.time}</span>
      </div>
      <div role="cell" className="vlist-cell">
        <WarrantyCell warranty={row.warranty} />
      </div>
    </div>
  );
}
