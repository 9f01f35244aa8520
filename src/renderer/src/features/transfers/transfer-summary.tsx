import { useEffect, useRef } from 'react';
import type { TransferSummary as Summary } from '../../../../shared/ipc/transfers.contract';
import { Notice } from '../../components/notice';
import { ScanField } from '../../scan/scan-field';
import { SerialHistoryView } from '../serials/serial-history';
import { VerdictBanner, type ShownVerdict } from '../wizard/verdict-banner';
import { placeLabel, unitsWord } from './place-words';

/** Keys on the summary: a new transfer, or more along the same route (a cart moved in loads). */
export const SUMMARY_KEYS = {
  another: { key: 'F4', label: 'F4' },
  again: { key: 'F2', label: 'F2' },
} as const;

/** What confirming moved, unit by unit, with each serial's history a click or a scan away. */
export function TransferSummary({
  summary,
  historyOf,
  busy,
  verdict,
  onHistory,
  onAnother,
  onAgain,
}: {
  readonly summary: Summary;
  readonly historyOf: string | null;
  readonly busy: boolean;
  readonly verdict: ShownVerdict | null;
  readonly onHistory: (serial: string | null) => void;
  readonly onAnother: () => void;
  readonly onAgain: () => void;
}) {
  const historyPanel = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      if (event.key === SUMMARY_KEYS.another.key) {
        event.preventDefault();
        onAnother();
      } else if (event.key === SUMMARY_KEYS.again.key) {
        event.preventDefault();
        if (!busy) onAgain();
      } else if (event.key === 'Escape' && historyOf !== null) {
        event.preventDefault();
        onHistory(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, historyOf, onAnother, onAgain, onHistory]);

  // Focus brings the history into view; the scan field takes the focus back without scrolling.
  useEffect(() => {
    if (historyOf !== null) historyPanel.current?.focus();
  }, [historyOf]);

  const from = placeLabel(summary.from);
  const to = placeLabel(summary.to);
  return (
    <section className="screen transfers transfer-done" data-testid="transfer-summary">
      <h1 tabIndex={-1}>Transfer confirmed</h1>
      <Notice tone="success" title={`${unitsWord(summary.moved)} moved to ${to}`} testId="transfer-summary-notice">
        <p>{summary.message} Each unit’s history now shows the move.</p>
      </Notice>
      <div className="wizard-now summary-next">
        <ScanField
          label="Scan a serial to see its history"
          onScan={(raw) => onHistory(raw.trim() === '' ? null : raw.trim())}
          enabled={!busy}
          testId="history-scan"
        />
        {verdict ? <VerdictBanner verdict={verdict} /> : null}
      </div>
      <div className="actions transfer-next">
        <button type="button" className="button button-primary button-big" disabled={busy} onClick={onAnother}>
          New transfer <kbd>{SUMMARY_KEYS.another.label}</kbd>
        </button>
        <button type="button" className="button button-big" disabled={busy} onClick={onAgain}>
          {busy ? 'Opening…' : `Move more from ${from} to ${to}`} <kbd>{SUMMARY_KEYS.again.label}</kbd>
        </button>
      </div>
      <div className="table-wrap summary-table transfer-moved">
        <table className="table" data-testid="moved-units">
          <caption className="visually-hidden">
            Units moved from {from} to {to}
          </caption>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Serials</th>
              <th scope="col">Was at</th>
              <th scope="col">Now at</th>
              <th scope="col">
                <span className="visually-hidden">History</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.units.map((unit) => {
              const serial = unit.serials[0];
              return (
                <tr key={unit.unitId} aria-current={serial !== undefined && serial === historyOf ? 'true' : undefined}>
                  <td>
                    <span className="line-name">{unit.productName}</span> <span className="code muted">{unit.sku}</span>
                  </td>
                  <td>
                    {unit.serials.map((s) => (
                      <span key={s} className="code transfer-serial">
                        {s}
                      </span>
                    ))}
                  </td>
                  <td>
                    <span className="code">{placeLabel(unit.from)}</span>
                  </td>
                  <td>
                    <span className="code">{to}</span>
                  </td>
                  <td className="cell-action">
                    {serial !== undefined ? (
                      <button type="button" className="button" onClick={() => onHistory(serial)}>
                        History <span className="visually-hidden">of {serial}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {historyOf !== null ? (
        <div
          className="transfer-history"
          ref={historyPanel}
          tabIndex={-1}
          aria-label={`History of ${historyOf}`}
          data-testid="transfer-history"
        >
          <div className="actions">
            <button type="button" className="button" onClick={() => onHistory(null)}>
              Close the history <kbd>Esc</kbd>
            </button>
          </div>
          <SerialHistoryView serial={historyOf} />
        </div>
      ) : null}
    </section>
  );
}
