import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { ProductRow } from '../../../../shared/ipc/catalog.contract';
import { useStation } from '../../api/station-context';
import { Notice } from '../../components/notice';
import { PAGE_SIZE, Pager, useTypedSearch } from '../lists/paged-list';
import { ExportStatusView } from '../reports/export-status';
import { useExport } from '../reports/use-export';
import {
  ApprovalOffered,
  ask,
  isRefusal,
  SupervisorOnlyNote,
  useSupervisorAccess,
} from '../settings/supervisor-access';
import { SupervisorApproval } from '../settings/supervisor-approval';
import { BulkEditor } from './bulk-editor';
import { ProductEditor } from './product-editor';
import { describeSerials } from './serial-fields';

/** The most products one bulk change takes (the station's limit). */
const MAX_BULK = 10_000;
/** Rows per request when selecting every match (the station's largest page). */
const SELECT_PAGE = 500;

type Mode =
  { readonly kind: 'list' } | { readonly kind: 'edit'; readonly product: ProductRow } | { readonly kind: 'bulk' };

type Loaded =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: ErrorInfo }
  | { readonly state: 'ready'; readonly rows: readonly ProductRow[]; readonly total: number };

interface ProductsScreenProps {
  readonly notice?: ReactNode;
  readonly onImport: () => void;
}

/** What the supervisor's approval opens on this screen. */
const APPROVAL_WHAT = 'change and export products';

/** Products: search, select, edit one or many, and export the catalogue for the import round trip. */
export function ProductsScreen(props: ProductsScreenProps) {
  return (
    <ApprovalOffered.Provider value={true}>
      <Products {...props} />
    </ApprovalOffered.Provider>
  );
}

function Products({ notice, onImport }: ProductsScreenProps) {
  const { api } = useStation();
  const supervisor = useSupervisorAccess();
  const searchId = useId();
  const noteId = useId();
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const { text, setText, search, offset, setOffset } = useTypedSearch();
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [selecting, setSelecting] = useState<string | null>(null);
  const [result, setResult] = useState<{ readonly title: string; readonly notes: readonly string[] } | null>(null);
  const latest = useRef(0);
  /** The organization rule new products follow; null until (or unless) the station says. */
  const [trackByDefault, setTrackByDefault] = useState<boolean | null>(null);
  const exporter = useExport((error) => {
    if (isRefusal(error)) supervisor.recheck();
  });

  useEffect(() => {
    const request = ++latest.current;
    const input = search ? { search, limit: PAGE_SIZE, offset } : { limit: PAGE_SIZE, offset };
    void ask(api, 'catalog:list-products', input).then((envelope) => {
      // A slower answer to an older search must not overwrite the newer one.
      if (request !== latest.current) return;
      setLoaded(
        envelope.ok
          ? { state: 'ready', rows: envelope.value.rows, total: envelope.value.total }
          : { state: 'failed', error: envelope.error },
      );
    });
  }, [api, search, offset, attempt]);

  useEffect(() => {
    void ask(api, 'settings:get', {}).then((envelope) => {
      if (envelope.ok) setTrackByDefault(envelope.value.rules.newProductsTrackSerials);
    });
  }, [api]);

  const rows = loaded.state === 'ready' ? loaded.rows : [];
  const total = loaded.state === 'ready' ? loaded.total : 0;

  function toggle(sku: string, on: boolean): void {
    setSelected((now) => {
      const next = new Set(now);
      if (on) next.add(sku);
      else next.delete(sku);
      return next;
    });
  }

  function togglePage(on: boolean): void {
    setSelected((now) => {
      const next = new Set(now);
      for (const row of rows) {
        if (on) next.add(row.sku);
        else next.delete(row.sku);
      }
      return next;
    });
  }

  async function selectAllMatching(): Promise<void> {
    const skus: string[] = [];
    setSelecting(`Selecting ${Math.min(total, MAX_BULK).toLocaleString()} products…`);
    for (let from = 0; from < Math.min(total, MAX_BULK); from += SELECT_PAGE) {
      const envelope = await ask(api, 'catalog:list-products', {
        ...(search ? { search } : {}),
        limit: SELECT_PAGE,
        offset: from,
      });
      if (!envelope.ok) {
        setSelecting(`Could not select every match: ${envelope.error.message}`);
        return;
      }
      skus.push(...envelope.value.rows.map((row) => row.sku));
      if (envelope.value.rows.length < SELECT_PAGE) break;
    }
    setSelected((now) => new Set([...now, ...skus].slice(0, MAX_BULK)));
    setSelecting(null);
  }

  function backToList(saved?: { readonly title: string; readonly notes: readonly string[] }): void {
    setResult(saved ?? null);
    setMode({ kind: 'list' });
    if (saved) setAttempt((n) => n + 1);
  }

  if (mode.kind === 'edit') {
    return (
      <section className="screen sv-screen" data-testid="products-screen">
        <SupervisorApproval supervisor={supervisor} what={APPROVAL_WHAT} />
        <ProductEditor
          product={mode.product}
          supervisor={supervisor}
          onClose={() => backToList()}
          onSaved={(saved) => backToList({ title: `Saved ${saved.sku}`, notes: saved.notes })}
        />
      </section>
    );
  }
  if (mode.kind === 'bulk') {
    return (
      <section className="screen sv-screen" data-testid="products-screen">
        <SupervisorApproval supervisor={supervisor} what={APPROVAL_WHAT} />
        <BulkEditor
          skus={[...selected]}
          supervisor={supervisor}
          onClose={() => backToList()}
          onDone={(done) =>
            backToList({
              title: `Changed ${done.updated.toLocaleString()} product${done.updated === 1 ? '' : 's'}`,
              notes: done.notes,
            })
          }
        />
      </section>
    );
  }

  const onPage = rows.filter((row) => selected.has(row.sku)).length;
  return (
    <section className="screen sv-screen" data-testid="products-list">
      <div className="screen-head">
        <h1 tabIndex={-1}>Products</h1>
        <div className="search">
          <label htmlFor={searchId}>Search SKU, name or barcode</label>
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
      {result ? (
        <Notice tone="success" title={result.title} testId="products-saved">
          {result.notes.length > 0 ? (
            <ul className="notes">
              {result.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      <SupervisorApproval supervisor={supervisor} what={APPROVAL_WHAT} />
      <SupervisorOnlyNote access={supervisor.access} what="change or export products" id={noteId} />

      <div className="sv-selection-bar" data-testid="selection-bar">
        <p aria-live="polite">
          <strong>{selected.size.toLocaleString()}</strong> selected
        </p>
        {total > rows.length && selected.size < Math.min(total, MAX_BULK) ? (
          <button
            type="button"
            className="button"
            onClick={() => void selectAllMatching()}
            disabled={selecting !== null && selecting.startsWith('Selecting')}
          >
            Select all {Math.min(total, MAX_BULK).toLocaleString()} {search ? 'matching' : 'products'}
          </button>
        ) : null}
        {selected.size > 0 ? (
          <button type="button" className="button" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
        ) : null}
        <button
          type="button"
          className="button button-primary"
          disabled={selected.size === 0}
          onClick={() => {
            setResult(null);
            setMode({ kind: 'bulk' });
          }}
          data-testid="bulk-edit-open"
        >
          {selected.size > 0 ? `Change ${selected.size.toLocaleString()} selected` : 'Change selected'}
        </button>
        <button
          type="button"
          className="button sv-push-right"
          disabled={exporter.busy || !supervisor.allowed}
          aria-describedby={supervisor.allowed ? undefined : noteId}
          onClick={() => void exporter.start({ kind: 'products' }, 'csv')}
          data-testid="products-export"
        >
          Export all products (CSV)
        </button>
        <button type="button" className="button" onClick={onImport} data-testid="products-import">
          Import products (CSV)
        </button>
      </div>
      {trackByDefault !== null ? (
        <p className="muted sv-default-rule" data-testid="new-products-default">
          New products follow the organization default:{' '}
          <strong>{trackByDefault ? 'serial numbers tracked' : 'serial numbers not tracked'}</strong> unless the import
          file’s “Has serial numbers” says otherwise (Settings → New products track serials).
        </p>
      ) : null}
      {selecting ? <p className="muted">{selecting}</p> : null}
      {exporter.run.step !== 'idle' ? (
        <>
          <ExportStatusView control={exporter} testId="products-export-status" />
          <p className="muted">
            The file has the import columns, “Has serial numbers” included: change it in a spreadsheet and bring it back
            with Import → Products.
          </p>
        </>
      ) : null}

      {loaded.state === 'failed' ? (
        <Notice tone="error" title="The list could not be loaded">
          <p>{loaded.error.message}</p>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </Notice>
      ) : null}
      {loaded.state === 'ready' && total === 0 ? (
        <div className="empty">
          {search ? (
            <p>Nothing matches “{search}”.</p>
          ) : (
            <>
              <p>There are no products on this station yet.</p>
              <button type="button" className="button" onClick={onImport}>
                Import products
              </button>
            </>
          )}
        </div>
      ) : null}
      {rows.length > 0 ? (
        <>
          <div className="table-wrap">
            <table className="table sv-products">
              <thead>
                <tr>
                  <th scope="col" className="sv-check-cell">
                    <PageCheckbox all={onPage === rows.length} some={onPage > 0} onChange={togglePage} />
                  </th>
                  <th scope="col">SKU</th>
                  <th scope="col">Name</th>
                  <th scope="col">Serial numbers</th>
                  <th scope="col" className="num">
                    Warranty
                  </th>
                  <th scope="col" className="num">
                    Unit weight
                  </th>
                  <th scope="col">Barcodes</th>
                  <th scope="col" className="num">
                    In stock
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Edit</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.id} className={selected.has(p.sku) ? 'sv-row-selected' : undefined}>
                    <td className="sv-check-cell">
                      <input
                        type="checkbox"
                        checked={selected.has(p.sku)}
                        aria-label={`Select ${p.sku}`}
                        onChange={(e) => toggle(p.sku, e.target.checked)}
                      />
                    </td>
                    <td>
                      <span className="code">{p.sku}</span>
                    </td>
                    <td>{p.name}</td>
                    <td>{describeSerials(p)}</td>
                    <td className="num">
                      {p.warrantyMonths === null ? <span className="muted">—</span> : `${p.warrantyMonths} mo`}
                    </td>
                    <td className="num">
                      {p.unitWeightG === null ? (
                        <span className="muted">—</span>
                      ) : (
                        `${p.unitWeightG.toLocaleString()} g`
                      )}
                    </td>
                    <td>
                      {p.barcodes.length === 0 ? (
                        <span className="muted">none</span>
                      ) : (
                        p.barcodes.map((code, i) => (
                          <span key={code}>
                            {i > 0 ? ', ' : null}
                            <span className="code">{code}</span>
                          </span>
                        ))
                      )}
                    </td>
                    <td className="num">{p.inStock.toLocaleString()}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-quiet sv-row-button"
                        aria-label={`Edit ${p.sku}`}
                        onClick={() => {
                          setResult(null);
                          setMode({ kind: 'edit', product: p });
                        }}
                      >
                        Edit
                      </button>
                    </td>
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

/** "Select all on this page": ticked when all are, half-ticked when some are. */
function PageCheckbox({
  all,
  some,
  onChange,
}: {
  readonly all: boolean;
  readonly some: boolean;
  readonly onChange: (on: boolean) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some && !all;
  }, [all, some]);
  return (
    <input
      ref={ref}
      type="checkbox"
      checked={all}
      aria-label="Select all on this page"
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}
