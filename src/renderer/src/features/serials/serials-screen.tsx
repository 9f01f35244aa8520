import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { SerialHistoryView } from './serial-history';
import { SerialInventory } from './serial-inventory';
import { ShippedSerials } from './shipped-serials';
import { useAuth } from '../auth/auth-context';

type View = 'shipped' | 'inventory' | 'history';

const VIEWS: readonly { readonly id: View; readonly label: string }[] = [
  { id: 'shipped', label: 'Shipped' },
  { id: 'inventory', label: 'Inventory' },
  { id: 'history', label: 'Serial history' },
];

const BACK_LABEL: Readonly<Record<Exclude<View, 'history'>, string>> = {
  shipped: 'Back to shipped serials',
  inventory: 'Back to the inventory',
};

export interface SerialsScreenProps {
  readonly onOpenOrder?: ((orderNumber: string) => void) | undefined;
  readonly onOpenProduct?: ((sku: string) => void) | undefined;
}

/**
 * Serial look-ups for supervisors: what we shipped (warranty and recall), what we hold
 * (inventory by status) and one serial's whole story. A list keeps its filters and place
 * while a history is open, so going back lands where one left.
 */
export function SerialsScreen({ onOpenOrder, onOpenProduct }: SerialsScreenProps) {
  const ids = useId();
  const auth = useAuth();
  const operator = auth.status?.operator ?? null;
  const isSupervisor = operator?.role === 'supervisor';
  const [view, setView] = useState<View>('shipped');
  const [visited, setVisited] = useState<ReadonlySet<View>>(() => new Set<View>(['shipped']));
  const [serial, setSerial] = useState<string | null>(null);
  const [cameFrom, setCameFrom] = useState<Exclude<View, 'history'> | null>(null);
  const tabRefs = useRef(new Map<View, HTMLButtonElement>());
  const historyPanel = useRef<HTMLDivElement>(null);

  function show(next: View): void {
    setView(next);
    setVisited((current) => (current.has(next) ? current : new Set(current).add(next)));
  }

  function openHistory(next: string): void {
    setSerial(next);
    if (view !== 'history') setCameFrom(view);
    show('history');
  }

  // Opening a history from a list moves the keyboard there, so Tab continues in the history.
  useEffect(() => {
    if (view === 'history' && serial) historyPanel.current?.focus();
  }, [view, serial]);

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = VIEWS[(index + step + VIEWS.length) % VIEWS.length]!;
    show(next.id);
    tabRefs.current.get(next.id)?.focus();
  }

  return (
    <section className="screen serials-screen" data-testid="serials-screen">
      <div className="screen-head serials-head">
        <h1 tabIndex={-1}>Serials</h1>
        <div role="tablist" aria-label="Serial look-ups" className="view-tabs">
          {VIEWS.map((v, index) => (
            <button
              key={v.id}
              ref={(element) => {
                if (element) tabRefs.current.set(v.id, element);
                else tabRefs.current.delete(v.id);
              }}
              type="button"
              role="tab"
              id={`${ids}-tab-${v.id}`}
              aria-selected={view === v.id}
              aria-controls={`${ids}-panel-${v.id}`}
              tabIndex={view === v.id ? 0 : -1}
              className="view-tab"
              onClick={() => show(v.id)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              {v.label}
            </button>
          ))}
        </div>
      </div>

      {VIEWS.map((v) =>
        visited.has(v.id) ? (
          <div
            key={v.id}
            role="tabpanel"
            id={`${ids}-panel-${v.id}`}
            aria-labelledby={`${ids}-tab-${v.id}`}
            hidden={view !== v.id}
            className={`serials-panel serials-panel-${v.id}`}
          >
            {v.id === 'shipped' ? (
              <ShippedSerials
                onOpenHistory={openHistory}
                onOpenOrder={onOpenOrder}
                onOpenProduct={onOpenProduct}
                isSupervisor={isSupervisor}
              />
            ) : v.id === 'inventory' ? (
              <SerialInventory
                isSupervisor={isSupervisor}
                operatorName={operator?.name ?? null}
                onOpenHistory={openHistory}
              />
            ) : (
              <HistoryPanel
                serial={serial}
                panelRef={historyPanel}
                back={cameFrom ? { label: BACK_LABEL[cameFrom], go: () => show(cameFrom) } : null}
                onLookUp={(next) => {
                  setSerial(next);
                  setCameFrom(null);
                }}
              />
            )}
          </div>
        ) : null,
      )}
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
