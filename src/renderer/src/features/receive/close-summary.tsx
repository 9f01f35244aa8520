import { useEffect } from 'react';
import type { ReceiveSummary } from '../../../../shared/ipc/receiving.contract';
import { Notice } from '../../components/notice';
import { ScanField } from '../../scan/scan-field';
import { VerdictBanner, type ShownVerdict } from '../wizard/verdict-banner';
import { WIZARD_KEYS } from '../wizard/wizard-keys';

function poStatusWords(summary: ReceiveSummary): string {
  switch (summary.poStatus) {
    case 'received':
      return `Everything on ${summary.poNumber} has now been received.`;
    case 'closed':
      return `${summary.poNumber} is closed.`;
    case 'open': {
      const toCome = summary.lines.reduce((n, line) => n + Math.max(0, line.qtyOrdered - line.qtyReceived), 0);
      return `${summary.poNumber} stays open: ${toCome.toLocaleString()} more unit${toCome === 1 ? '' : 's'} to come.`;
    }
  }
}

/** What closing put in stock, line by line, and the way on to the next PO. */
export function CloseSummary({
  summary,
  busy,
  verdict,
  onStart,
  onAnother,
}: {
  readonly summary: ReceiveSummary;
  readonly busy: boolean;
  readonly verdict: ShownVerdict | null;
  readonly onStart: (poNumber: string) => void;
  readonly onAnother: () => void;
}) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== WIZARD_KEYS.leave.key || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      onAnother();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onAnother]);

  const units = `${summary.units.toLocaleString()} unit${summary.units === 1 ? '' : 's'}`;
  const serials = `${summary.serials.toLocaleString()} serial number${summary.serials === 1 ? '' : 's'}`;
  return (
    <section className="screen receive receive-closed" data-testid="receive-summary">
      <h1 tabIndex={-1}>
        <span className="code">{summary.poNumber}</span> closed
      </h1>
      <Notice tone="success" title={`${units} put in stock`} testId="receive-summary-notice">
        <p>
          {summary.serials > 0 ? `${serials} recorded. ` : ''}
          <strong data-testid="po-status">{poStatusWords(summary)}</strong>
        </p>
      </Notice>
      <div className="table-wrap summary-table">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Product</th>
              <th scope="col" className="num">
                Put in stock now
              </th>
              <th scope="col" className="num">
                Received / ordered
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.lines.map((line) => (
              <tr key={line.sku} data-testid={`summary-${line.sku}`}>
                <td>
                  <span className="code">{line.sku}</span>
                </td>
                <td>{line.name}</td>
                <td className="num">{line.units.toLocaleString()}</td>
                <td className="num">
                  {line.qtyReceived.toLocaleString()} / {line.qtyOrdered.toLocaleString()}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="wizard-now summary-next">
        <ScanField label="Scan the next PO number" onScan={(raw) => onStart(raw)} enabled={!busy} testId="po-scan" />
        {verdict ? <VerdictBanner verdict={verdict} /> : null}
      </div>
      <div className="actions">
        <button type="button" className="button button-primary button-big" onClick={onAnother}>
          Receive another PO <kbd>{WIZARD_KEYS.leave.label}</kbd>
        </button>
      </div>
    </section>
  );
}
