import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { SerialHistory } from '../../../../shared/ipc/serials.contract';
import { useStation } from '../../api/station-context';
import { IconCheck, IconError, IconInfo, IconWarning } from '../../components/icons';
import { Notice } from '../../components/notice';
import { describeEvent, type HistoryEntry } from './history-words';
import { formatDateTimeLine, statusWords } from './serial-words';
import { WarrantyCell } from './warranty-cell';

type Loaded =
  | { readonly state: 'loading'; readonly serial: string }
  | { readonly state: 'failed'; readonly serial: string; readonly error: ErrorInfo }
  | { readonly state: 'ready'; readonly serial: string; readonly history: SerialHistory };

/**
 * One serial's whole story: the units that carry it, then every event in the order it
 * happened (received, reserved, shipped, returned, restocked, shipped again, overrides),
 * with where, who and when. The ledger's chain is checked each time it is shown.
 */
export function SerialHistoryView({ serial }: { readonly serial: string }) {
  const { api } = useStation();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading', serial });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void api.invoke('serials:history', { serial }).then((envelope) => {
      if (!current) return;
      setLoaded(
        envelope.ok
          ? { state: 'ready', serial, history: envelope.value }
          : { state: 'failed', serial, error: envelope.error },
      );
    });
    return () => {
      current = false;
    };
  }, [api, serial, attempt]);

  if (loaded.serial !== serial || loaded.state === 'loading') {
    return (
      <p className="muted" data-testid="history-loading">
        Loading the history of <span className="code">{serial}</span>…
      </p>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <Notice tone="error" title={`The history of ${serial} could not be loaded`}>
        <p>{loaded.error.message}</p>
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </Notice>
    );
  }

  const { history } = loaded;
  const key = serial.trim().toUpperCase();
  const products = new Set(history.units.map((unit) => unit.sku));
  return (
    <article className="history" data-testid="serial-history" aria-labelledby="history-title">
      <h2 id="history-title" className="history-title">
        History of <span className="code">{history.serial}</span>
      </h2>
      {history.ledger.ok ? (
        <p className="ledger-ok" data-testid="ledger-ok">
          <IconCheck />
          Record intact: every event below is as it was written.
        </p>
      ) : (
        <div className="tampered" role="alert" data-testid="ledger-tampered">
          <IconError className="tampered-icon" />
          <div>
            <p className="tampered-title">Record tampered</p>
            <p>{history.ledger.reason ?? 'The ledger’s chain does not add up.'}</p>
            {history.ledger.firstBrokenEventId !== null ? (
              <p>
                The first altered event is number {history.ledger.firstBrokenEventId}; do not rely on it or on what
                follows without checking the paperwork. Tell a supervisor.
              </p>
            ) : null}
          </div>
        </div>
      )}

      {history.units.length === 0 && history.events.length === 0 ? (
        <div className="empty" data-testid="history-empty">
          <p>
            We have no record of <span className="code">{history.serial}</span>: it was never received, shipped,
            returned or scanned here. Check the serial for a typo.
          </p>
        </div>
      ) : null}

      {history.units.length > 0 ? (
        <section aria-labelledby="history-units">
          <h3 id="history-units">
            {history.units.length === 1 ? 'The unit' : `${history.units.length} units carry this serial`}
          </h3>
          <ul className="unit-cards">
            {history.units.map((unit) => (
              <li key={unit.unitId} className="unit-card" data-testid="history-unit">
                <p className="unit-card-product">
                  {unit.productName} <span className="code muted">{unit.sku}</span>
                </p>
                <dl className="unit-facts">
                  <div>
                    <dt>Status</dt>
                    <dd>
                      <span className={`unit-status unit-status-${unit.status}`}>{statusWords(unit.status)}</span>
                    </dd>
                  </div>
                  <div>
                    <dt>{unit.codes.length === 1 ? 'Code' : 'Codes'}</dt>
                    <dd>
                      {unit.codes.map((code) => (
                        <span
                          key={code.slot}
                          className={`code unit-code ${code.serial.toUpperCase() === key ? 'unit-code-this' : ''}`}
                        >
                          {code.serial}
                        </span>
                      ))}
                    </dd>
                  </div>
                  <div>
                    <dt>Location</dt>
                    <dd>{[unit.warehouse, unit.location].filter(Boolean).join(' / ') || '—'}</dd>
                  </div>
                  {unit.lot ? (
                    <div>
                      <dt>Lot</dt>
                      <dd className="code">{unit.lot}</dd>
                    </div>
                  ) : null}
                  <div>
                    <dt>Warranty</dt>
                    <dd>
                      <WarrantyCell warranty={unit.warranty} />
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {history.events.length > 0 ? (
        <section aria-labelledby="history-events">
          <h3 id="history-events">
            {history.events.length.toLocaleString()} {history.events.length === 1 ? 'event' : 'events'}, oldest first
          </h3>
          <ol className="timeline" data-testid="history-events">
            {history.events.map((event) => (
              <TimelineEvent
                key={event.id}
                event={event}
                showProduct={products.size > 1}
                lookedUp={key}
                broken={history.ledger.firstBrokenEventId === event.id}
              />
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}

function TimelineEvent({
  event,
  showProduct,
  lookedUp,
  broken,
}: {
  readonly event: HistoryEntry;
  readonly showProduct: boolean;
  readonly lookedUp: string;
  readonly broken: boolean;
}) {
  const words = describeEvent(event);
  const Icon = words.tone === 'flag' ? IconError : words.tone === 'attention' ? IconWarning : IconInfo;
  const otherCode = event.serial && event.serial.toUpperCase() !== lookedUp ? event.serial : null;
  return (
    <li
      className={`timeline-event timeline-${words.tone} ${broken ? 'timeline-broken' : ''}`}
      data-testid="history-event"
    >
      <Icon className="timeline-icon" />
      <div className="timeline-body">
        <p className="timeline-title">
          {words.title}
          {broken ? <span className="mark-broken">altered after it was written</span> : null}
        </p>
        {words.notes.length > 0 || otherCode || (showProduct && event.productName) ? (
          <p className="timeline-notes">
            {[
              ...(showProduct && event.productName ? [`${event.productName} (${event.sku ?? '?'})`] : []),
              ...(otherCode ? [`code ${otherCode}`] : []),
              ...words.notes,
            ].join(' · ')}
          </p>
        ) : null}
        <p className="timeline-meta">
          <time dateTime={event.at}>{formatDateTimeLine(event.at)}</time>
          {' · '}
          {event.station ? `station ${event.station}` : 'no station'}
          {' · '}
          {event.operator ? `by ${event.operator}` : 'no operator recorded'}
        </p>
      </div>
    </li>
  );
}
