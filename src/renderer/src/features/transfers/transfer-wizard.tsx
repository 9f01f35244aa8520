import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { TransferUnitView, TransferView } from '../../../../shared/ipc/transfers.contract';
import { IconCheck, IconError } from '../../components/icons';
import { ScanField } from '../../scan/scan-field';
import type { EntrySource } from '../../scan/scan-buffer';
import { formatWhen } from '../wizard/format';
import { SessionResumedBanner } from '../wizard/session-resumed-banner';
import { VerdictBanner } from '../wizard/verdict-banner';
import { verdictTitle } from '../wizard/verdict-titles';
import { placeLabel, unitsWord } from './place-words';
import { SCAN_TITLES, type PasteReport, type TransferMode, type TransferStep } from './transfer-state';

type SessionStep = Extract<TransferStep, { kind: 'session' }>;

/**
 * The wizard's keys, the same as receiving's so a desk that does both learns them once.
 * F-keys and Delete, because a scanner only ever types printable characters and Enter.
 */
export const TRANSFER_KEYS = {
  paste: { key: 'F2', label: 'F2' },
  remove: { key: 'F8', label: 'F8' },
  confirm: { key: 'F9', label: 'F9' },
  leave: { key: 'F4', label: 'F4' },
} as const;

interface TransferWizardProps {
  readonly step: SessionStep;
  readonly onScan: (raw: string, source: EntrySource) => void;
  readonly onRemove: (serial: string) => void;
  readonly onPaste: (lines: readonly string[], progress: (done: number) => void) => Promise<void>;
  readonly onMode: (mode: TransferMode) => void;
  readonly onDismissPasteReport: () => void;
  readonly onDismissResumed: () => void;
  readonly onConfirm: () => void;
  readonly onLeave: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !target.hasAttribute('data-scan-field'))
  );
}

/** The transfer being scanned: where from, where to, the next scan, and what will move. */
export function TransferWizard(props: TransferWizardProps) {
  const { step, onScan, onRemove, onPaste, onMode, onDismissPasteReport, onDismissResumed, onConfirm, onLeave } = props;
  const { view, mode, verdict, confirming } = step;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      switch (event.key) {
        case TRANSFER_KEYS.paste.key:
          event.preventDefault();
          onMode('paste');
          return;
        case TRANSFER_KEYS.remove.key:
          event.preventDefault();
          onMode('remove');
          return;
        case 'Delete':
          if (isTyping(event.target)) return;
          event.preventDefault();
          onMode('remove');
          return;
        case TRANSFER_KEYS.confirm.key:
          event.preventDefault();
          onConfirm();
          return;
        case TRANSFER_KEYS.leave.key:
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
  }, [mode, onMode, onConfirm, onLeave]);

  const from = placeLabel(view.from);
  const to = placeLabel(view.to);
  return (
    <section className="screen transfers" data-testid="transfer-wizard">
      <div className="wizard-head">
        <h1 tabIndex={-1}>Transfer</h1>
        <p className="wizard-sub transfer-route-line">
          <span className="label">From</span>{' '}
          <strong className="code transfer-place" data-testid="transfer-from">
            {from}
          </strong>
          <span className="transfer-arrow" aria-hidden="true">
            →
          </span>
          <span className="label">To</span>{' '}
          <strong className="code transfer-place" data-testid="transfer-to">
            {to}
          </strong>
        </p>
      </div>
      {step.showResumed ? (
        <SessionResumedBanner
          reference={`${from} → ${to}`}
          startedAt={view.startedAt}
          unitsDone={view.count}
          onDismiss={onDismissResumed}
        />
      ) : null}
      <div className="wizard-now">
        <TransferPrompt
          mode={mode}
          prompt={mode === 'remove' ? 'Scan the serial of the unit to take out' : view.expect.prompt}
          count={view.count}
          hint={
            mode === 'remove' ? (
              <>
                One scan takes one unit out; it stays at {from}. <kbd>Esc</kbd> to stop removing.
              </>
            ) : view.count > 0 ? (
              <>
                Press <kbd>{TRANSFER_KEYS.confirm.label}</kbd> to move {view.count === 1 ? 'it' : 'them all'} to {to}.
                Nothing moves until then.
              </>
            ) : (
              <>Only units in stock at {from} can move. Nothing moves until you confirm.</>
            )
          }
        />
        <ScanField
          label={mode === 'remove' ? 'Serial to take out' : 'Scan a serial'}
          tone={mode === 'remove' ? 'remove' : 'normal'}
          onScan={onScan}
          enabled={mode !== 'paste' && !confirming}
          pausedHint={confirming ? 'Moving the units…' : 'Scanning is paused while the paste box is open.'}
          testId="scan-field"
        />
        <VerdictBanner
          verdict={verdict}
          idle={view.count > 0 ? 'Ready for the next scan.' : 'Nothing scanned in this transfer yet.'}
        />
      </div>
      <div className="wizard-actions" role="toolbar" aria-label="Transfer actions">
        <KeyButton keyLabel={TRANSFER_KEYS.paste.label} pressed={mode === 'paste'} onClick={() => onMode('paste')}>
          Paste list
        </KeyButton>
        <KeyButton keyLabel={TRANSFER_KEYS.remove.label} pressed={mode === 'remove'} onClick={() => onMode('remove')}>
          Remove a unit
        </KeyButton>
        <KeyButton keyLabel={TRANSFER_KEYS.leave.label} onClick={onLeave}>
          Other transfer
        </KeyButton>
        <KeyButton
          keyLabel={TRANSFER_KEYS.confirm.label}
          primary
          disabled={confirming || view.count === 0}
          onClick={onConfirm}
        >
          {confirming ? 'Moving…' : `Move ${unitsWord(view.count)}`}
        </KeyButton>
      </div>
      {mode === 'paste' ? <PastePanel from={from} onPaste={onPaste} onCancel={() => onMode('scan')} /> : null}
      {step.pasteReport ? <PasteReportView report={step.pasteReport} onDismiss={onDismissPasteReport} /> : null}
      <div className="wizard-detail">
        <section aria-labelledby="transfer-units">
          <h2 id="transfer-units">To move, newest first</h2>
          <UnitList view={view} onRemove={onRemove} busy={confirming} />
        </section>
        <section aria-labelledby="transfer-products">
          <h2 id="transfer-products">By product</h2>
          <ProductCounts view={view} />
        </section>
      </div>
    </section>
  );
}

/** The next scan in the largest type, with the running count of units to move beside it. */
function TransferPrompt({
  mode,
  prompt,
  count,
  hint,
}: {
  readonly mode: TransferMode;
  readonly prompt: string;
  readonly count: number;
  readonly hint: ReactNode;
}) {
  const remove = mode === 'remove';
  return (
    <div className={`scan-prompt scan-prompt-${remove ? 'remove' : 'normal'}`} data-testid="scan-prompt">
      <p className="scan-prompt-top">
        <span className="scan-prompt-label">{remove ? 'Taking out' : 'Next'}</span>
        <span className="scan-prompt-counts" data-testid="scan-counts">
          {unitsWord(count)} to move
        </span>
      </p>
      <p className="scan-prompt-text" aria-live="polite" data-testid="scan-prompt-text">
        {prompt}
      </p>
      <p className="scan-prompt-hint">{hint}</p>
    </div>
  );
}

function UnitList({
  view,
  onRemove,
  busy,
}: {
  readonly view: TransferView;
  readonly onRemove: (serial: string) => void;
  readonly busy: boolean;
}) {
  if (view.recent.length === 0) {
    return (
      <p className="recent-empty muted" data-testid="transfer-units">
        Units scanned for this transfer will be listed here, newest first.
      </p>
    );
  }
  const hidden = view.count - view.recent.length;
  return (
    <>
      <ol className="recent" data-testid="transfer-units">
        {view.recent.map((unit) => (
          <UnitItem key={unit.id} unit={unit} onRemove={onRemove} busy={busy} />
        ))}
      </ol>
      {hidden > 0 ? (
        <p className="muted transfer-more">
          and {unitsWord(hidden)} scanned earlier (all listed in the summary after confirming).
        </p>
      ) : null}
    </>
  );
}

function UnitItem({
  unit,
  onRemove,
  busy,
}: {
  readonly unit: TransferUnitView;
  readonly onRemove: (serial: string) => void;
  readonly busy: boolean;
}) {
  return (
    <li className="recent-unit" data-testid="transfer-unit">
      <p className="recent-unit-head">
        <strong>{unit.productName}</strong> <span className="code muted">{unit.sku}</span>
        {unit.manual ? <span className="mark mark-manual">typed</span> : null}
        <span className="recent-unit-time muted">{formatWhen(unit.at)}</span>
      </p>
      <ul className="recent-serials">
        {unit.serials.map((code) => (
          <li key={code.slot} className="recent-serial" data-testid="transfer-serial">
            <span className="recent-slot">{code.label}</span>
            <span className="code recent-serial-text">{code.serial}</span>
          </li>
        ))}
      </ul>
      <p className="transfer-unit-foot">
        <span className="muted">
          Now at <span className="code">{placeLabel(unit.from)}</span>
        </span>
        <button
          type="button"
          className="button button-quiet recent-remove"
          aria-label={`Remove ${unit.scanned}`}
          disabled={busy}
          onClick={() => onRemove(unit.scanned)}
        >
          Remove
        </button>
      </p>
    </li>
  );
}

function ProductCounts({ view }: { readonly view: TransferView }) {
  if (view.products.length === 0) return <p className="muted">No units yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table table-compact" data-testid="transfer-products">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col" className="num">
              Units
            </th>
          </tr>
        </thead>
        <tbody>
          {view.products.map((product) => (
            <tr key={product.sku}>
              <td>
                <span className="line-name">{product.productName}</span>{' '}
                <span className="code muted">{product.sku}</span>
              </td>
              <td className="num">{product.units.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num">
              <strong>{view.count.toLocaleString()}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
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
  from,
  onPaste,
  onCancel,
}: {
  readonly from: string;
  readonly onPaste: (lines: readonly string[], progress: (done: number) => void) => Promise<void>;
  readonly onCancel: () => void;
}) {
  const id = useId();
  const box = useRef<HTMLTextAreaElement | null>(null);
  const [text, setText] = useState('');
  const [done, setDone] = useState<number | null>(null);
  const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '');
  const busy = done !== null;

  useEffect(() => box.current?.focus(), []);

  async function submit() {
    if (busy || lines.length === 0) return;
    setDone(0);
    await onPaste(lines, setDone);
    // On success the panel closes; after a failure the list stays here to try again.
    setDone(null);
  }

  return (
    <section className="paste-panel" data-testid="paste-panel">
      <h2>
        <label htmlFor={id}>Paste serials, one per line</label>
      </h2>
      <p className="muted">Each line is checked like a scan: only units in stock at {from} are added.</p>
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
          disabled={busy || lines.length === 0}
          onClick={() => void submit()}
        >
          {busy
            ? `Checking ${done.toLocaleString()} of ${lines.length.toLocaleString()}…`
            : `Check and add ${lines.length.toLocaleString()} serial${lines.length === 1 ? '' : 's'}`}{' '}
          <kbd>Ctrl Enter</kbd>
        </button>
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
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
                      <IconError /> {verdictTitle(row.code, SCAN_TITLES)}
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
