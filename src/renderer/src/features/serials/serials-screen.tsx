import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { useAuth } from '../auth/auth-context';
import { OrderDetailView, ProductDetailView } from './detail-views';
import { SerialHistoryView } from './serial-history';
import { SerialInventory } from './serial-inventory';
import { ShippedSerials } from './shipped-serials';

type Tab = 'shipped' | 'inventory' | 'history';
/** What the screen shows: one of the tabs, or an order or product opened from a list. */
type View = Tab | 'detail';
type Detail =
  { readonly kind: 'order'; readonly orderNumber: string } | { readonly kind: 'product'; readonly sku: string };

const TABS: readonly { readonly id: Tab; readonly label: string }[] = [
  { id: 'shipped', label: 'Shipped' },
  { id: 'inventory', label: 'Inventory' },
  { id: 'history', label: 'Serial history' },
];

function backLabel(to: View, detail: Detail | null): string {
  switch (to) {
    case 'shipped':
      return 'Back to shipped serials';
    case 'inventory':
      return 'Back to the inventory';
    case 'history':
      return 'Back to the serial history';
    case 'detail':
      return detail?.kind === 'order' ? `Back to order ${detail.orderNumber}` : `Back to product ${detail?.sku ?? ''}`;
  }
}

/**
 * Serial look-ups for supervisors: what we shipped (warranty and recall), what we hold
 * (inventory by status), one serial's whole story, and the orders and products they belong
 * to. A list keeps its filters and place while something opened from it is shown, so going
 * back lands where one left.
 */
export function SerialsScreen() {
  const ids = useId();
  const auth = useAuth();
  const operator = auth.status?.operator ?? null;
  const isSupervisor = operator?.role === 'supervisor';
  const [view, setView] = useState<View>('shipped');
  const [visited, setVisited] = useState<ReadonlySet<Tab>>(() => new Set<Tab>(['shipped']));
  const [serial, setSerial] = useState<string | null>(null);
  const [historyFrom, setHistoryFrom] = useState<View | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [detailFrom, setDetailFrom] = useState<View>('shipped');
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>());
  const historyPanel = useRef<HTMLDivElement>(null);
  const detailPanel = useRef<HTMLDivElement>(null);

  function show(next: View): void {
    setView(next);
    if (next !== 'detail') setVisited((current) => (current.has(next) ? current : new Set(current).add(next)));
  }

  function openHistory(next: string): void {
    setSerial(next);
    if (view !== 'history') setHistoryFrom(view);
    show('history');
  }

  function openDetail(next: Detail): void {
    setDetail(next);
    if (view !== 'detail') setDetailFrom(view);
    show('detail');
  }

  const openOrder = (orderNumber: string) => openDetail({ kind: 'order', orderNumber });
  const openProduct = (sku: string) => openDetail({ kind: 'product', sku });

  // Opening something from a list moves the keyboard there, so Tab continues in what was opened.
  useEffect(() => {
    if (view === 'history' && serial) historyPanel.current?.focus();
    if (view === 'detail') detailPanel.current?.focus();
  }, [view, serial, detail]);

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length]!;
    show(next.id);
    tabRefs.current.get(next.id)?.focus();
  }

  return (
    <section className="screen serials-screen" data-testid="serials-screen">
      <div className="screen-head serials-head">
        <h1 tabIndex={-1}>Serials</h1>
        <div role="tablist" aria-label="Serial look-ups" className="view-tabs">
          {TABS.map((tab, index) => (
            <button
              key={tab.id}
              ref={(element) => {
                if (element) tabRefs.current.set(tab.id, element);
                else tabRefs.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={`${ids}-tab-${tab.id}`}
              aria-selected={view === tab.id}
              aria-controls={`${ids}-panel-${tab.id}`}
              tabIndex={view === tab.id || (view === 'detail' && index === 0) ? 0 : -1}
              className="view-tab"
              onClick={() => show(tab.id)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              {tab.label}
            </button>
          ))}
        </div>
      </div>

      {TABS.map((tab) =>
        visited.has(tab.id) ? (
          <div
            key={tab.id}
            role="tabpanel"
            id={`${ids}-panel-${tab.id}`}
            aria-labelledby={`${ids}-tab-${tab.id}`}
            hidden={view !== tab.id}
            className={`serials-panel serials-panel-${tab.id}`}
          >
            {tab.id === 'shipped' ? (
              <ShippedSerials
                onOpenHistory={openHistory}
                onOpenOrder={openOrder}
                onOpenProduct={openProduct}
                isSupervisor={isSupervisor}
              />
            ) : tab.id === 'inventory' ? (
              <SerialInventory
                isSupervisor={isSupervisor}
                operatorName={operator?.name ?? null}
                onOpenHistory={openHistory}
              />
            ) : (
              <HistoryPanel
                serial={serial}
                panelRef={historyPanel}
                back={historyFrom ? { label: backLabel(historyFrom, detail), go: () => show(historyFrom) } : null}
                onLookUp={(next) => {
                  setSerial(next);
                  setHistoryFrom(null);
                }}
              />
            )}
          </div>
        ) : null,
      )}

      {view === 'detail' && detail ? (
        <div className="detail-panel" tabIndex={-1} ref={detailPanel} aria-label="Detail">
          <div className="actions">
            <button type="button" className="button" onClick={() => show(detailFrom)}>
              ← {backLabel(detailFrom, null)}
            </button>
          </div>
          {detail.kind === 'order' ? (
            <OrderDetailView orderNumber={detail.orderNumber} onOpenHistory={openHistory} onOpenProduct={openProduct} />
          ) : (
            <ProductDetailView sku={detail.sku} onOpenHistory={openHistory} />
          )}
        </div>
      ) : null}
    </section>
  );
}

function HistoryPanel({
  serial,
  panelRef,
  back,
  onLookUp,
}: {
  readonly serial: string | null;
  readonly panelRef: RefObject<HTMLDivElement | null>;
  readonly back: { readonly label: string; readonly go: () => void } | null;
  readonly onLookUp: (serial: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState(serial ?? '');
  const [shownFor, setShownFor] = useState(serial);
  const [problem, setProblem] = useState<string | null>(null);

  // A serial opened from a list replaces whatever was typed here.
  if (serial !== shownFor) {
    setShownFor(serial);
    setText(serial ?? '');
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    const next = text.trim();
    if (next === '') {
      setProblem('Type or scan a serial to see its history.');
      return;
    }
    setProblem(null);
    onLookUp(next);
  }

  return (
    <div className="history-panel" tabIndex={-1} ref={panelRef} aria-label="Serial history">
      <form className="history-lookup" onSubmit={submit}>
        {back ? (
          <button type="button" className="button" onClick={back.go}>
            ← {back.label}
          </button>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-serial`}>Serial</label>
          <input
            id={`${id}-serial`}
            type="text"
            value={text}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary">
          Show history
        </button>
        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
      </form>
      {serial ? (
        <SerialHistoryView serial={serial} />
      ) : (
        <p className="muted">Type or scan a serial, or open one from the shipped list or the inventory.</p>
      )}
    </div>
  );
}
