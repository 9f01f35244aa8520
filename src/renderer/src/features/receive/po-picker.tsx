import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { PurchaseOrderRow } from '../../../../shared/ipc/catalog.contract';
import { useStation } from '../../api/station-context';
import { Notice } from '../../components/notice';
import { ScanField } from '../../scan/scan-field';
import { OpenSessions, type OpenSession } from '../wizard/open-sessions';
import { ScanPrompt } from '../wizard/scan-prompt';
import { VerdictBanner, type ShownVerdict } from '../wizard/verdict-banner';

/** Enough open POs for any receiving desk's day; the PO number can always be scanned instead. */
const PO_LIMIT = 200;

type Lists =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: ErrorInfo }
  | { readonly state: 'ready'; readonly sessions: readonly OpenSession[]; readonly pos: readonly PurchaseOrderRow[] };

/** The first step: scan the PO number, or pick an open PO or a session left unfinished. */
export function PoPicker({
  busy,
  verdict,
  onStart,
}: {
  readonly busy: boolean;
  readonly verdict: ShownVerdict | null;
  readonly onStart: (poNumber: string) => void;
}) {
  const { api } = useStation();
  const [lists, setLists] = useState<Lists>({ state: 'loading' });

  useEffect(() => {
    let cancelled = false;
    void Promise.all([
      api.invoke('receiving:list-open', {}),
      api.invoke('catalog:list-purchase-orders', { limit: PO_LIMIT, offset: 0 }),
    ]).then(([sessions, pos]) => {
      if (cancelled) return;
      if (!sessions.ok) return setLists({ state: 'failed', error: sessions.error });
      if (!pos.ok) return setLists({ state: 'failed', error: pos.error });
      const inProgress = new Set(sessions.value.map((s) => s.reference));
      setLists({
        state: 'ready',
        sessions: sessions.value,
        pos: pos.value.rows.filter((po) => po.status === 'open' && !inProgress.has(po.poNumber)),
      });
    });
    return () => {
      cancelled = true;
    };
  }, [api]);

  return (
    <section className="screen receive receive-pick" data-testid="receive-pick">
      <h1 tabIndex={-1}>Receive</h1>
      <div className="wizard-now">
        <ScanPrompt prompt={busy ? 'Opening the purchase order…' : 'Scan the purchase order number'} />
        <ScanField label="PO number" onScan={(raw) => onStart(raw)} enabled={!busy} testId="po-scan" />
        <VerdictBanner verdict={verdict} idle="Scan the PO number on the paperwork, or pick one below." />
      </div>
      {lists.state === 'loading' ? <p className="loading">Loading purchase orders…</p> : null}
      {lists.state === 'failed' ? (
        <Notice tone="error" title="The purchase orders could not be listed">
          <p>{lists.error.message}</p>
        </Notice>
      ) : null}
      {lists.state === 'ready' ? (
        <>
          {lists.sessions.length > 0 ? (
            <OpenSessions
              sessions={lists.sessions}
              referenceHeader="PO"
              testId="open-sessions"
              busy={busy}
              onResume={(session) => onStart(session.reference)}
            />
          ) : null}
          <section className="pick-section" data-testid="open-pos">
            <h2>Open purchase orders</h2>
            {lists.pos.length === 0 ? (
              <p className="empty">
                No purchase order is waiting to be received. Import purchase orders on the Import screen (
                <kbd>Alt 9</kbd>).
              </p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">PO</th>
                      <th scope="col">Vendor</th>
                      <th scope="col" className="num">
                        Lines
                      </th>
                      <th scope="col" className="num">
                        Received / ordered
                      </th>
                      <th scope="col">
                        <span className="visually-hidden">Action</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {lists.pos.map((po) => (
                      <tr key={po.id}>
                        <td>
                          <span className="code">{po.poNumber}</span>
                        </td>
                        <td>{po.vendor}</td>
                        <td className="num">{po.lines.toLocaleString()}</td>
                        <td className="num">
                          {po.qtyReceived.toLocaleString()} / {po.qtyOrdered.toLocaleString()}
                        </td>
                        <td className="cell-action">
                          <button type="button" className="button" disabled={busy} onClick={() => onStart(po.poNumber)}>
                            Receive <span className="visually-hidden">{po.poNumber}</span>
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : null}
    </section>
  );
}
