import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { PlaceView, TransferPlace } from '../../../../shared/ipc/transfers.contract';
import { useStation } from '../../api/station-context';
import { Notice } from '../../components/notice';
import { ScanField } from '../../scan/scan-field';
import { OpenSessions, type OpenSession } from '../wizard/open-sessions';
import { ScanPrompt } from '../wizard/scan-prompt';
import { VerdictBanner, type ShownVerdict } from '../wizard/verdict-banner';
import { inStockAt, parsePlace, placeLabel, samePlace, unitsWord } from './place-words';

type Lists =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: ErrorInfo }
  | {
      readonly state: 'ready';
      readonly open: readonly OpenSession[];
      readonly places: readonly TransferPlace[];
    };

/** A row of the places table: a whole warehouse, or one location in it. */
interface PlaceRow {
  readonly place: PlaceView;
  readonly inStock: number;
  readonly whole: boolean;
}

/**
 * Each warehouse with more than one place also gets a row for the whole warehouse, so a
 * transfer between warehouses can take units from any of its locations.
 */
function placeRows(places: readonly TransferPlace[]): PlaceRow[] {
  const rows: PlaceRow[] = [];
  const byWarehouse = new Map<string, TransferPlace[]>();
  for (const place of places) {
    const key = place.warehouse.toUpperCase();
    byWarehouse.set(key, [...(byWarehouse.get(key) ?? []), place]);
  }
  for (const group of byWarehouse.values()) {
    const first = group[0]!;
    const onlyWhole = group.length === 1 && first.location === null;
    if (!onlyWhole) {
      rows.push({
        place: { warehouse: first.warehouse, location: null },
        inStock: group.reduce((n, p) => n + p.inStock, 0),
        whole: true,
      });
    }
    for (const place of group) {
      rows.push({
        place: { warehouse: place.warehouse, location: place.location },
        inStock: place.inStock,
        whole: false,
      });
    }
  }
  return rows;
}

export interface PlacePickerProps {
  /** The source once chosen; the destination is asked for next. */
  readonly from: PlaceView | null;
  readonly busy: boolean;
  readonly verdict: ShownVerdict | null;
  /** `message` says what the source holds, for the verdict under the prompt. */
  readonly onSource: (place: PlaceView, message: string) => void;
  readonly onClearSource: () => void;
  readonly onStart: (from: PlaceView, to: PlaceView) => void;
  readonly onResume: (sessionId: number) => void;
  /** A place that cannot be used as it was scanned; `attention` for one that needs a second look. */
  readonly onRefuse: (title: string, message: string, sound: 'reject' | 'attention') => void;
}

/**
 * The first step: where the units are now, then where they go. Either is scanned off a shelf
 * label, typed as WAREHOUSE/LOCATION, or picked from the places units stand at.
 */
export function PlacePicker({
  from,
  busy,
  verdict,
  onSource,
  onClearSource,
  onStart,
  onResume,
  onRefuse,
}: PlacePickerProps) {
  const { api } = useStation();
  const [lists, setLists] = useState<Lists>({ state: 'loading' });
  /** A destination nobody has used yet, waiting for a second scan to be sure it is not a typo. */
  const [newPlace, setNewPlace] = useState<PlaceView | null>(null);

  useEffect(() => {
    let cancelled = false;
    void Promise.all([api.invoke('transfers:list-open', {}), api.invoke('transfers:list-places', {})]).then(
      ([open, places]) => {
        if (cancelled) return;
        if (!open.ok) return setLists({ state: 'failed', error: open.error });
        if (!places.ok) return setLists({ state: 'failed', error: places.error });
        setLists({ state: 'ready', open: open.value, places: places.value });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  useEffect(() => {
    if (from === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || busy) return;
      event.preventDefault();
      setNewPlace(null);
      onClearSource();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [from, busy, onClearSource]);

  const known = lists.state === 'ready' ? lists.places : null;

  const chooseSource = (place: PlaceView) => {
    const stock = known ? inStockAt(known, place) : null;
    if (known && !stock) {
      const label = placeLabel(place);
      onRefuse(
        stock === null ? 'Unknown place' : 'Nothing in stock there',
        stock === null
          ? `No unit is recorded at ${label}. Check the shelf label, or pick the place from the list below.`
          : `Nothing in stock stands at ${label}, so there is nothing to move from it. Pick another place.`,
        'reject',
      );
      return;
    }
    setNewPlace(null);
    const holds = stock === null ? '' : ` ${unitsWord(stock)} in stock there.`;
    onSource(place, `Moving from ${placeLabel(place)}.${holds} Now scan or pick where they go.`);
  };

  const chooseDestination = (source: PlaceView, place: PlaceView, picked: boolean) => {
    if (samePlace(source, place)) {
      onRefuse(
        'Same place twice',
        `The units are already at ${placeLabel(place)}. Scan or pick where they go.`,
        'reject',
      );
      return;
    }
    const unused = known !== null && inStockAt(known, place) === null;
    if (unused && !picked && !(newPlace && samePlace(newPlace, place))) {
      setNewPlace(place);
      onRefuse(
        'A new place — scan it again to be sure',
        `Nothing has ever stood at ${placeLabel(place)}. If that is right, scan or type it once more; if not, scan the right label.`,
        'attention',
      );
      return;
    }
    setNewPlace(null);
    onStart(source, place);
  };

  const onScan = (raw: string) => {
    if (busy) return;
    const parsed = parsePlace(raw);
    if ('problem' in parsed) {
      onRefuse('Not a place', parsed.problem, 'reject');
      return;
    }
    if (from === null) chooseSource(parsed.place);
    else chooseDestination(from, parsed.place, false);
  };

  const prompt = busy
    ? 'Opening the transfer…'
    : from === null
      ? 'Scan or pick where the units are now'
      : `Scan or pick where the units from ${placeLabel(from)} go`;

  return (
    <section className="screen transfers transfer-pick" data-testid="transfer-pick">
      <div className="wizard-head">
        <h1 tabIndex={-1}>Transfers</h1>
        <ol className="transfer-route" aria-label="Route">
          <li className={`transfer-end${from === null ? ' transfer-end-now' : ''}`} data-testid="route-from">
            <span className="label">From</span>
            {from ? (
              <>
                <strong className="code transfer-place">{placeLabel(from)}</strong>
                <button type="button" className="button button-quiet" disabled={busy} onClick={onClearSource}>
                  Change <kbd>Esc</kbd>
                </button>
              </>
            ) : (
              <span className="muted">waiting for a scan</span>
            )}
          </li>
          <li className={`transfer-end${from !== null ? ' transfer-end-now' : ''}`} data-testid="route-to">
            <span className="label">To</span>
            <span className="muted">{from === null ? 'next' : 'waiting for a scan'}</span>
          </li>
        </ol>
      </div>
      <div className="wizard-now">
        <ScanPrompt
          prompt={prompt}
          hint={
            from === null ? (
              <>
                Scan the shelf label, or type it as <span className="code">WAREHOUSE/LOCATION</span> and press{' '}
                <kbd>Enter</kbd>. A warehouse alone takes units from any of its locations.
              </>
            ) : (
              <>
                <kbd>Esc</kbd> to change where the units are now.
              </>
            )
          }
        />
        <ScanField
          label={from === null ? 'From (source)' : 'To (destination)'}
          onScan={(raw) => onScan(raw)}
          enabled={!busy}
          testId="place-scan"
        />
        <VerdictBanner verdict={verdict} idle="Scan a shelf label or pick a place below." />
      </div>
      {lists.state === 'loading' ? <p className="loading">Loading places…</p> : null}
      {lists.state === 'failed' ? (
        <Notice tone="error" title="The places could not be listed">
          <p>{lists.error.message}</p>
          <p>Scan or type the places instead.</p>
        </Notice>
      ) : null}
      {lists.state === 'ready' ? (
        <>
          {lists.open.length > 0 ? (
            <OpenSessions
              sessions={lists.open}
              referenceHeader="Route"
              testId="open-transfers"
              busy={busy}
              onResume={(session) => onResume(session.sessionId)}
              showReference={(reference) => reference.replace(' -> ', ' → ')}
            />
          ) : null}
          <section className="pick-section" data-testid="known-places">
            <h2>{from === null ? 'Places with stock' : 'Places'}</h2>
            {lists.places.length === 0 ? (
              <p className="empty">
                No unit is recorded at any place yet. Units get their place when a purchase order is received.
              </p>
            ) : (
              <div className="table-wrap transfer-places">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Place</th>
                      <th scope="col" className="num">
                        In stock
                      </th>
                      <th scope="col">
                        <span className="visually-hidden">Action</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {placeRows(lists.places).map((row) => {
                      const label = placeLabel(row.place);
                      const isSource = from !== null && samePlace(from, row.place);
                      return (
                        <tr
                          key={`${label}${row.whole ? ' *' : ''}`}
                          className={row.whole ? 'transfer-whole' : undefined}
                        >
                          <td>
                            <span className="code">{label}</span>
                            {row.whole ? <span className="muted"> — all its locations</span> : null}
                            {isSource ? <span className="mark transfer-mark-source">source</span> : null}
                          </td>
                          <td className="num">{row.inStock.toLocaleString()}</td>
                          <td className="cell-action">
                            {from === null ? (
                              <button
                                type="button"
                                className="button"
                                disabled={busy || row.inStock === 0}
                                aria-label={`Move from ${label}`}
                                onClick={() => chooseSource(row.place)}
                              >
                                Move from here
                              </button>
                            ) : (
                              <button
                                type="button"
                                className="button"
                                disabled={busy || isSource}
                                aria-label={`Move to ${label}`}
                                onClick={() => chooseDestination(from, row.place, true)}
                              >
                                Move here
                              </button>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {from !== null ? (
              <p className="muted transfer-places-note">
                A new place not listed here can be scanned or typed; it is asked for twice, so a typo does not send
                stock astray. {unitsWord(inStockAt(lists.places, from) ?? 0)} in stock at {placeLabel(from)}.
              </p>
            ) : null}
          </section>
        </>
      ) : null}
    </section>
  );
}
