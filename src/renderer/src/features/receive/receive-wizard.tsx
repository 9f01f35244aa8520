import type { ReceiveSessionView } from '../../../../shared/ipc/receiving.contract';
import type { ScannedUnit } from '../../../../shared/session';
import { ScanField } from '../../scan/scan-field';
import type { EntrySource } from '../../scan/scan-buffer';
import { KeyButton } from '../wizard/key-button';
import { LineProgress, type LineProgressRow } from '../wizard/line-progress';
import { PastePanel } from '../wizard/paste-panel';
import { PasteReportView } from '../wizard/paste-report';
import { RecentScans } from '../wizard/recent-scans';
import { ScanPrompt } from '../wizard/scan-prompt';
import { SessionResumedBanner } from '../wizard/session-resumed-banner';
import { VerdictBanner } from '../wizard/verdict-banner';
import { useWizardCommands, useWizardKeys, WIZARD_KEYS } from '../wizard/wizard-keys';
import type { ReceiveMode, ReceiveStep } from './receive-state';

type SessionStep = Extract<ReceiveStep, { kind: 'session' }>;

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

/** The receiving wizard for one open PO session. */
export function ReceiveWizard(props: ReceiveWizardProps) {
  const { step, onScan, onRemove, onPaste, onMode, onDismissPasteReport, onDismissResumed, onClose, onLeave } = props;
  const { view, mode, verdict, closing } = step;

  useWizardKeys({ mode, onMode, onFinish: onClose, onLeave });
  const onScanOrCommand = useWizardCommands({ mode, onMode, onFinish: onClose, onLeave, onScan });

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
                  Press <kbd>{WIZARD_KEYS.finish.label}</kbd> to close and put it all in stock.
                </>
              ) : null
            }
          />
        )}
        <ScanField
          label={mode === 'remove' ? 'Serial to remove' : 'Scan'}
          tone={mode === 'remove' ? 'remove' : 'normal'}
          onScan={onScanOrCommand}
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
        <KeyButton keyLabel={WIZARD_KEYS.paste.label} pressed={mode === 'paste'} onClick={() => onMode('paste')}>
          Paste list
        </KeyButton>
        <KeyButton keyLabel={WIZARD_KEYS.remove.label} pressed={mode === 'remove'} onClick={() => onMode('remove')}>
          Remove a serial
        </KeyButton>
        <KeyButton keyLabel={WIZARD_KEYS.leave.label} onClick={onLeave}>
          Other PO
        </KeyButton>
        <KeyButton keyLabel={WIZARD_KEYS.finish.label} primary disabled={closing} onClick={onClose}>
          {closing ? 'Closing…' : 'Close and put in stock'}
        </KeyButton>
      </div>
      {mode === 'paste' ? (
        <PastePanel
          note={
            view.expect.productName
              ? `They are checked one by one like scans, as serials of ${view.expect.productName}.`
              : 'Scan the item first, so the station knows which product the serials belong to.'
          }
          onPaste={onPaste}
          onCancel={() => onMode('scan')}
        />
      ) : null}
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
