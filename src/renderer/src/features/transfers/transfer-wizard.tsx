import type { ReactNode } from 'react';
import type { TransferUnitView, TransferView } from '../../../../shared/ipc/transfers.contract';
import { ScanField } from '../../scan/scan-field';
import type { EntrySource } from '../../scan/scan-buffer';
import { formatWhen } from '../wizard/format';
import { KeyButton } from '../wizard/key-button';
import { PastePanel } from '../wizard/paste-panel';
import { PasteReportView } from '../wizard/paste-report';
import { SessionResumedBanner } from '../wizard/session-resumed-banner';
import { VerdictBanner } from '../wizard/verdict-banner';
import { useWizardCommands, useWizardKeys, WIZARD_KEYS } from '../wizard/wizard-keys';
import { placeLabel, unitsWord } from './place-words';
import { SCAN_TITLES, type TransferMode, type TransferStep } from './transfer-state';

type SessionStep = Extract<TransferStep, { kind: 'session' }>;

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

/** The transfer being scanned: where from, where to, the next scan, and what will move. */
export function TransferWizard(props: TransferWizardProps) {
  const { step, onScan, onRemove, onPaste, onMode, onDismissPasteReport, onDismissResumed, onConfirm, onLeave } = props;
  const { view, mode, verdict, confirming } = step;

  useWizardKeys({ mode, onMode, onFinish: onConfirm, onLeave });
  const onScanOrCommand = useWizardCommands({ mode, onMode, onFinish: onConfirm, onLeave, onScan });

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
                Press <kbd>{WIZARD_KEYS.finish.label}</kbd> to move {view.count === 1 ? 'it' : 'them all'} to {to}.
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
          onScan={onScanOrCommand}
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
        <KeyButton keyLabel={WIZARD_KEYS.paste.label} pressed={mode === 'paste'} onClick={() => onMode('paste')}>
          Paste list
        </KeyButton>
        <KeyButton keyLabel={WIZARD_KEYS.remove.label} pressed={mode === 'remove'} onClick={() => onMode('remove')}>
          Remove a unit
        </KeyButton>
        <KeyButton keyLabel={WIZARD_KEYS.leave.label} onClick={onLeave}>
          Other transfer
        </KeyButton>
        <KeyButton
          keyLabel={WIZARD_KEYS.finish.label}
          primary
          disabled={confirming || view.count === 0}
          onClick={onConfirm}
        >
          {confirming ? 'Moving…' : `Move ${unitsWord(view.count)}`}
        </KeyButton>
      </div>
      {mode === 'paste' ? (
        <PastePanel
          note={`Each line is checked like a scan: only units in stock at ${from} are added.`}
          onPaste={(_text, lines, progress) => onPaste(lines, progress)}
          onCancel={() => onMode('scan')}
          counted
        />
      ) : null}
      {step.pasteReport ? (
        <PasteReportView report={step.pasteReport} onDismiss={onDismissPasteReport} titles={SCAN_TITLES} />
      ) : null}
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
