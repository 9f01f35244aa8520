import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ReceiveSessionView } from '../../../../shared/ipc/receiving.contract';
import type { ScannedUnit } from '../../../../shared/session';
import { IconCheck, IconError } from '../../components/icons';
import { ScanField } from '../../scan/scan-field';
import type { EntrySource } from '../../scan/scan-buffer';
import { LineProgress, type LineProgressRow } from '../wizard/line-progress';
import { RecentScans } from '../wizard/recent-scans';
import { ScanPrompt } from '../wizard/scan-prompt';
import { SessionResumedBanner } from '../wizard/session-resumed-banner';
import { VerdictBanner } from '../wizard/verdict-banner';
import { verdictTitle } from '../wizard/verdict-titles';
import type { PasteReport, ReceiveMode, ReceiveStep } from './receive-state';

type SessionStep = Extract<ReceiveStep, { kind: 'session' }>;

/**
 * The wizard's keys. F-keys and Delete, because a scanner only ever types printable
 * characters and Enter; the browser keeps F5, F11 and F12, and F1, F3, F6, F7 open its own things.
 */
export const RECEIVE_KEYS = {
  paste: { key: 'F2', label: 'F2' },
  remove: { key: 'F8', label: 'F8' },
  close: { key: 'F9', label: 'F9' },
  leave: { key: 'F4', label: 'F4' },
} as const;

interface ReceiveWizardProps {
  readonly step: SessionStep;
  readonly onScan: (raw: string, source: EntrySource) => void;
  readonly onRemove: (serial: string) => void;
  readonly onPaste: (text: string) => Promise<void>;
  readonly onMode: (mode: ReceiveMode) => void;
  readonly onDismissPasteReport: () => void;
  readonly onDismissResumed: () => void;
  readonly onClose: () => void;
  readonly onLeave: () => void;
}

function lineRows(view: ReceiveSessionView): LineProgressRow[] {
  return view.lines.map((line) => ({
    id: line.lineId,
    sku: line.sku,
    name: line.name,
    unitsDone: line.qtyReceivedBefore + line.unitsScanned,
    unitsTotal: line.qtyOrdered,
    serials: line.serialsNeeded > 0 ? { done: line.serialsScanned, total: line.serialsNeeded } : null,
  }));
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !target.hasAttribute('data-scan-field'))
  );
}

/** The receiving wizard for one open PO session. */
export function ReceiveWizard(props: ReceiveWizardProps) {
  const { step, onScan, onRemove, onPaste, onMode, onDismissPasteReport, onDismissResumed, onClose, onLeave } = props;
  const { view, mode, verdict, closing } = step;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      const typing = isTyping(event.target);
      switch (event.key) {
        case RECEIVE_KEYS.paste.key:
          event.preventDefault();
          onMode('paste');
          return;
        case RECEIVE_KEYS.remove.key:
          event.preventDefault();
          onMode('remove');
          return;
        case 'Delete':
          if (typing) return;
          event.preventDefault();
          onMode('remove');
          return;
        case RECEIVE_KEYS.close.key:
          event.preventDefault();
          onClose();
          return;
        case RECEIVE_KEYS.leave.key:
          event.preventDefault();
          onLeave();
          return;
        case 'Escape':
          if (mode !== 'scan') {
            event.preventDefault();
            onMode('scan');
          }
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mode, onMode, onClose, onLeave]);

  const slotLabels = new Map(view.lines.map((line) => [line.lineId, line.slotLabels]));
  const slotLabel = (unit: ScannedUnit, slot: number) => slotLabels.get(unit.lineId)?.[slot - 1] ?? `Serial ${slot}`;
  const done = view.expect.step === 'close';

  return (
    <section className="screen receive" data-testid="receive-wizard">
      <div className="wizard-head">
        <h1 tabIndex={-1}>
          Receiving <span className="code">{view.poNumber}</span>
        </h1>
        <p className="wizard-sub">
          <span className="label">Vendor</span> <strong data-testid="vendor">{view.vendor}</strong>
          {view.serialsSkipped ? (
            <span className="badge badge-info">Serials are not captured for this vendor</span>
          ) : null}
        </p>
      </div>
      {step.showResumed ? (
        <SessionResumedBanner
          reference={view.poNumber}
          startedAt={view.startedAt}
          unitsDone={view.totals.unitsDone}
          onDismiss={onDismissResumed}
        />
      ) : null}
      <div className="wizard-now">
        {mode === 'remove' ? (
          <ScanPrompt
            prompt="Scan the serial to remove"
            tone="remove"
            totals={view.totals}
            hint={
              <>
                One scan removes one serial. <kbd>Esc</kbd> to stop removing.
              </>
            }
          />
        ) : (
          <ScanPrompt
            prompt={view.expect.prompt}
            tone={done ? 'done' : 'normal'}
            totals={view.totals}
            hint={
              done ? (
                <>
                  Press <kbd>{RECEIVE_KEYS.close.label}</kbd> to close and put it all in stock.
                </>
              ) : null
            }
          />
        )}
        <ScanField
          label={mode === 'remove' ? 'Serial to remove' : 'Scan'}
          tone={mode === 'remove' ? 'remove' : 'normal'}
          onScan={onScan}
          enabled={mode !== 'paste' && !closing}
          pausedHint={closing ? 'Closing the session…' : 'Scanning is paused while the paste box is open.'}
          testId="scan-field"
        />
        <VerdictBanner
          verdict={verdict}
          idle={view.totals.unitsDone > 0 ? 'Ready for the next scan.' : 'Nothing scanned in this session yet.'}
        />
      </div>
      <div className="wizard-actions" role="toolbar" aria-label="Receiving actions">
        <KeyButton keyLabel={RECEIVE_KEYS.paste.label} pressed={mode === 'paste'} onClick={() => onMode('paste')}>
          Paste list
        </KeyButton>
        <KeyButton keyLabel={RECEIVE_KEYS.remove.label} pressed={mode === 'remove'} onClick={() => onMode('remove')}>
          Remove a serial
        </KeyButton>
        <KeyButton keyLabel={RECEIVE_KEYS.leave.label} onClick={onLeave}>
          Other PO
        </KeyButton>
        <KeyButton keyLabel={RECEIVE_KEYS.close.label} primary disabled={closing} onClick={onClose}>
          {closing ? 'Closing…' : 'Close and put in stock'}
        </KeyButton>
      </div>
      {mode === 'paste' ? <PastePanel view={view} onPaste={onPaste} onCancel={() => onMode('scan')} /> : null}
      {step.pasteReport ? <PasteReportView report={step.pasteReport} onDismiss={onDismissPasteReport} /> : null}
      <div className="wizard-detail">
        <section aria-labelledby="receive-lines">
          <h2 id="receive-lines">Lines</h2>
          <LineProgress
            rows={lineRows(view)}
            currentId={view.expect.lineId}
            unitsHeader="Received"
            caption={`Lines of ${view.poNumber}`}
          />
        </section>
        <section aria-labelledby="receive-recent">
          <h2 id="receive-recent">Scanned this session</h2>
          <RecentScans units={view.recent} onRemove={onRemove} slotLabel={slotLabel} busy={closing} />
        </section>
      </div>
    </section>
  );
}

function KeyButton({
  keyLabel,
  onClick,
  children,
  primary = false,
  pressed,
  disabled = false,
}: {
  readonly keyLabel: string;
  readonly onClick: () => void;
  readonly children: ReactNode;
  readonly primary?: boolean;
  readonly pressed?: boolean;
  readonly disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className={`button${primary ? ' button-primary' : ''}`}
      aria-keyshortcuts={keyLabel}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
    >
      {children} <kbd>{keyLabel}</kbd>
    </button>
  );
}

function PastePanel({
  view,
  onPaste,
  onCancel,
}: {
  readonly view: ReceiveSessionView;
  readonly onPaste: (text: string) => Promise<void>;
  readonly onCancel: () => void;
}) {
  const id = useId();
  const box = useRef<HTMLTextAreaElement | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '').length;

  useEffect(() => box.current?.focus(), []);

  async function submit() {
    if (busy || lines === 0) return;
    setBusy(true);
    await onPaste(text);
    // On success the panel closes; after a failure the list stays here to try again.
    setBusy(false);
  }

  const forWhat = view.expect.productName
    ? `They are checked one by one like scans, as serials of ${view.expect.productName}.`
    : 'Scan the item first, so the station knows which product the serials belong to.';
  return (
    <section className="paste-panel" data-testid="paste-panel">
      <h2>
        <label htmlFor={id}>Paste serials, one per line</label>
      </h2>
      <p className="muted">{forWhat}</p>
      <textarea
        id={id}
        ref={box}
        className="paste-box"
        rows={8}
        value={text}
        disabled={busy}
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.ctrlKey) {
            event.preventDefault();
            void submit();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onCancel();
          }
        }}
      />
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || lines === 0}
          onClick={() => void submit()}
        >
          {busy ? 'Checking…' : `Check and add ${lines} serial${lines === 1 ? '' : 's'}`} <kbd>Ctrl Enter</kbd>
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}

function PasteReportView({ report, onDismiss }: { readonly report: PasteReport; readonly onDismiss: () => void }) {
  return (
    <section className="paste-report" data-testid="paste-report">
      <div className="paste-report-head">
        <h2>
          Pasted list: {report.accepted.toLocaleString()} added, {report.rejected.toLocaleString()} refused
        </h2>
        <button type="button" className="button button-quiet" onClick={onDismiss}>
          Hide this list
        </button>
      </div>
      <div className="table-wrap paste-report-table">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Pasted</th>
              <th scope="col">Result</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {report.results.map((row) => (
              <tr key={row.line} className={row.ok ? 'paste-ok' : 'paste-refused'}>
                <td className="num">{row.line}</td>
                <td>
                  <span className="code">{row.input}</span>
                </td>
                <td>
                  {row.ok ? (
                    <span className="result result-ok">
                      <IconCheck /> Added
                    </span>
                  ) : (
                    <span className="result result-refused">
                      <IconError /> {verdictTitle(row.code)}
                    </span>
                  )}
                </td>
                <td>{row.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
