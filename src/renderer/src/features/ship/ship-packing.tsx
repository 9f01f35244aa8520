import { useState } from 'react';
import type { ShipSessionView } from '../../../../shared/ipc/shipping.contract';
import type { ScannedUnit } from '../../../../shared/session';
import { IconLock } from '../../components/icons';
import { LineProgress, RecentScans, SessionResumedBanner, verdictTitle, type LineProgressRow } from '../wizard';
import { ShipAction } from './ship-action';
import { ShipFeedback } from './ship-feedback';
import { canOverride, type ShipAction as ShipStateAction, type ShipState } from './ship-state';
import { SupervisorPanel, type Approval } from './supervisor-panel';
import { SwitchOrderOffer } from './switch-order-offer';
import { LabelsSummary, PrintedLabels, StageAction, weighingNext, weightRefused } from './ship-stages';
import { WeighPanel, WeightSummary, type ScaleLink } from './weigh-panel';

/*
 * The packing wizard for one order, in the parts the ship screen lays out around its one scan
 * field (which stays mounted from the first order to the next, so no keystroke is lost).
 */

type Packing = Extract<ShipState, { step: 'packing' }>;
type Dispatch = (action: ShipStateAction) => void;

/** A form with its own inputs is open, so scanning is paused. */
export function formOpen(state: Packing): boolean {
  return state.panel !== null && state.panel.kind !== 'switch';
}

/** Order number, customer and ship-to, readable from across the bench. */
export function OrderHeader({ view }: { readonly view: ShipSessionView }) {
  return (
    <header className="wizard-head ship-order" data-testid="ship-order">
      <div className="ship-order-id">
        <h1 tabIndex={-1}>
          Order <span className="code">{view.orderNumber}</span>
        </h1>
        <p className="ship-order-who">
          <span>
            <span className="label">Customer</span> <strong>{view.customerName}</strong>
          </span>
          <span>
            <span className="label">Ship to</span> {view.shipTo}
          </span>
        </p>
      </div>
    </header>
  );
}

/** Says the order was picked up again; keyed by session so the next order shows its own. */
export function ResumedNotice({ view }: { readonly view: ShipSessionView }) {
  const [seen, setSeen] = useState(false);
  if (!view.resumed || seen) return null;
  return (
    <SessionResumedBanner
      reference={view.orderNumber}
      startedAt={view.startedAt}
      unitsDone={view.totals.unitsDone}
      onDismiss={() => setSeen(true)}
    />
  );
}

/** The keys for the steps that are not a scan. */
const STEP_HINTS: Partial<Record<ShipSessionView['expect']['step'], string>> = {
  weigh: 'F6 weighs it on the scale · F3 to type the weight',
  print: 'F7 prints the labels',
};

/** The one big next step while packing; `noScale` once the station has said it has none, or it is away. */
export function packingPrompt(state: Packing, noScale = false) {
  const { view, removeMode } = state;
  // The station moves on once a weight is in, even a refused one; the packer is told to weigh again.
  const refused = weightRefused(view);
  // After a refused print the next step is the printer, not F7 at once: a Zebra keeps the job and
  // prints it once its paper is back, so pressing F7 straight away prints the labels twice.
  const printFailed = view.expect.step === 'print' && state.labels !== null && !state.labels.ok;
  if (printFailed && !removeMode && !refused) {
    const problem = state.labels?.problem;
    return {
      prompt: problem ? `Printer: ${problem} — fix it, then print again` : 'Check the printer, then print again',
      totals: view.totals,
      tone: 'normal' as const,
      hint: 'Labels the printer kept come out once it is fixed · F7 prints again only if none came out',
    };
  }
  const hint = refused
    ? `Check what is in the box, then ${noScale ? 'F3 to type the weight again' : 'F6 weighs again'} · F9 asks a supervisor to accept it`
    : view.expect.step === 'weigh' && noScale
      ? 'Read the scale, then F3 to type the weight'
      : STEP_HINTS[view.expect.step];
  return {
    prompt: removeMode
      ? 'Scan the serial to take out of the box'
      : refused
        ? 'Weight does not match — weigh the parcel again'
        : view.expect.prompt,
    totals: view.totals,
    tone: removeMode ? ('remove' as const) : view.canShip ? ('done' as const) : ('normal' as const),
    hint: removeMode ? 'Esc or F2 to stop removing' : hint,
  };
}

/**
 * A supervisor form or the weight entry, opened at the top of the work area where the packer is
 * already looking. It stands in for the verdict banner: its own error line says why a PIN or a
 * weight was refused.
 */
export function PackingForm({
  state,
  supervisors,
  onOverride,
  onVoid,
  onWeigh,
  dispatch,
}: {
  readonly state: Packing;
  readonly supervisors: readonly string[];
  readonly onOverride: (approval: Approval) => void;
  readonly onVoid: (approval: Approval) => void;
  readonly onWeigh: (grams: number) => void;
  readonly dispatch: Dispatch;
}) {
  const { view, panel } = state;
  const close = () => dispatch({ type: 'panel-closed' });
  if (panel?.kind === 'override' && view.lastRejection) {
    return (
      <SupervisorPanel
        title="Supervisor override"
        submitLabel="Approve"
        busy={panel.busy}
        error={panel.error}
        supervisors={supervisors}
        onSubmit={onOverride}
        onCancel={close}
        testId="override-panel"
      >
        <p className="supervisor-what">
          <strong>{verdictTitle(view.lastRejection.code)}:</strong> {view.lastRejection.message}
        </p>
        <p className="muted">The approval, the supervisor’s name and the reason are recorded with this order.</p>
      </SupervisorPanel>
    );
  }
  if (panel?.kind === 'void') {
    const units = view.totals.unitsDone;
    return (
      <SupervisorPanel
        title={`Void packing of ${view.orderNumber}`}
        submitLabel="Void this packing"
        busy={panel.busy}
        error={panel.error}
        supervisors={supervisors}
        onSubmit={onVoid}
        onCancel={close}
        testId="void-panel"
      >
        <p className="supervisor-what">
          Nothing ships. The {units} unit{units === 1 ? '' : 's'} scanned so far are dropped from this packing and the
          order is open again. Take them out of the box.
        </p>
      </SupervisorPanel>
    );
  }
  if (panel?.kind === 'weigh') {
    return (
      <WeighPanel weight={view.weight} busy={panel.busy} error={panel.error} onSubmit={onWeigh} onCancel={close} />
    );
  }
  return null;
}

/** Under the scan field: the answer to the last scan (or the switch-order choice), then the lines. */
export function PackingResponse({
  state,
  onPark,
  dispatch,
}: {
  readonly state: Packing;
  readonly onPark: (next: string | null) => void;
  readonly dispatch: Dispatch;
}) {
  const { view, panel, feedback } = state;
  const open = formOpen(state);
  return (
    <>
      {open || state.activity ? null : panel?.kind === 'switch' ? (
        <SwitchOrderOffer
          current={view.orderNumber}
          other={panel.orderNumber}
          busy={panel.busy}
          error={panel.error}
          onSwitch={() => onPark(panel.orderNumber)}
          onKeep={() => dispatch({ type: 'panel-closed' })}
        />
      ) : (
        <ShipFeedback feedback={feedback} idle="Nothing scanned yet for this order." />
      )}
      {open || state.activity ? null : <PrintedLabels labels={state.labels} />}

      {canOverride(state) && !open ? (
        <div className="override-offer" data-testid="override-offer">
          <p>
            A supervisor may approve this: <strong>{verdictTitle(view.lastRejection!.code)}</strong>.
          </p>
          <button
            type="button"
            className="button button-big"
            aria-keyshortcuts="F9"
            onClick={() => dispatch({ type: 'panel-opened', kind: 'override' })}
          >
            <IconLock /> Supervisor override <kbd>F9</kbd>
          </button>
        </div>
      ) : null}

      <LineProgress
        rows={view.lines.map(lineRow)}
        currentId={view.expect.lineId}
        caption={`Lines of order ${view.orderNumber}`}
      />
      <ReservedSerials lines={view.lines} />
    </>
  );
}

/** The side column: Ship, the order's own actions, the weight, and what is in the box. */
export function PackingSide({
  state,
  onShip,
  onPark,
  onRemoveSerial,
  onWeighOnScale,
  onPrint,
  scale,
  dispatch,
}: {
  readonly state: Packing;
  readonly onShip: () => void;
  readonly onPark: (next: string | null) => void;
  readonly onRemoveSerial: (serial: string) => void;
  readonly onWeighOnScale: () => void;
  readonly onPrint: () => void;
  /** The station's scale, once the station has said whether it has one. */
  readonly scale: ScaleLink | null;
  readonly dispatch: Dispatch;
}) {
  const { view, removeMode } = state;
  const open = formOpen(state);
  const stageBusy = open || state.activity !== null;
  const slotLabel = (unit: ScannedUnit, slot: number) =>
    view.lines.find((line) => line.lineId === unit.lineId)?.slotLabels[slot - 1] ?? `Serial ${slot}`;
  return (
    <aside className="ship-side" aria-label="Ship and packed units">
      <ShipAction
        canShip={view.canShip}
        missing={view.missing}
        stagesMissing={stagesMissing(view)}
        busy={open}
        onShip={onShip}
        next={
          <StageAction
            view={view}
            labels={state.labels}
            scaleOffered={scale?.configured !== false && !scale?.away}
            busy={stageBusy}
            onWeighOnScale={onWeighOnScale}
            onTypeWeight={() => dispatch({ type: 'panel-opened', kind: 'weigh' })}
            onPrint={onPrint}
          />
        }
      />
      <div className="wizard-actions ship-tools">
        <button
          type="button"
          className="button"
          aria-pressed={removeMode}
          aria-keyshortcuts="F2"
          disabled={open}
          onClick={() => dispatch({ type: 'remove-mode', on: !removeMode })}
        >
          {removeMode ? 'Stop removing' : 'Remove a serial'} <kbd>F2</kbd>
        </button>
        <button type="button" className="button" aria-keyshortcuts="F4" disabled={open} onClick={() => onPark(null)}>
          Park order <kbd>F4</kbd>
        </button>
        <button
          type="button"
          className="button"
          aria-keyshortcuts="F8"
          disabled={open}
          onClick={() => dispatch({ type: 'panel-opened', kind: 'void' })}
        >
          <IconLock /> Void <kbd>F8</kbd>
        </button>
      </div>
      {view.stages.weigh ? (
        <WeightSummary
          weight={view.weight}
          expected={view.expectedWeight}
          canEnter={!stageBusy}
          onEnter={() => dispatch({ type: 'panel-opened', kind: 'weigh' })}
          scale={scale}
          onWeighOnScale={onWeighOnScale}
          scaleFirst={weighingNext(view)}
        />
      ) : null}
      {view.stages.print ? (
        <LabelsSummary view={view} labels={state.labels} busy={stageBusy} onPrint={onPrint} />
      ) : null}
      <section className="ship-recent" aria-labelledby="ship-recent-title">
        <h2 id="ship-recent-title">In the box</h2>
        <RecentScans
          units={view.recent}
          onRemove={onRemoveSerial}
          busy={open}
          slotLabel={slotLabel}
          emptyText="Nothing packed yet. Scan the first item."
        />
      </section>
    </aside>
  );
}

function lineRow(line: ShipSessionView['lines'][number]): LineProgressRow {
  return {
    id: line.lineId,
    sku: line.sku,
    name: line.name,
    unitsDone: line.packed,
    unitsTotal: line.qty,
    serials: line.serialsNeeded > 0 ? { done: line.serialsScanned, total: line.serialsNeeded } : null,
  };
}

/** Serials the order reserved: the packer must pick exactly these units off the shelf. */
function ReservedSerials({ lines }: { readonly lines: ShipSessionView['lines'] }) {
  const reserved = lines.filter((line) => line.allocated.length > 0);
  if (reserved.length === 0) return null;
  return (
    <div className="reserved-serials" data-testid="reserved-serials">
      <h2>Reserved serials — pack exactly these</h2>
      <ul>
        {reserved.map((line) => (
          <li key={line.lineId}>
            <span className="code">{line.sku}</span> {line.name}:{' '}
            {line.allocated.map((serial, i) => (
              <span key={serial}>
                {i > 0 ? ', ' : ''}
                <span className="code">{serial}</span>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Steps other than scanning that still block shipping, in words. */
function stagesMissing(view: ShipSessionView): string[] {
  const missing: string[] = [];
  if (view.stages.weigh) {
    if (!view.weight) missing.push('the parcel is not weighed');
    else if (view.weight.withinTolerance === false && !view.weight.overridden)
      missing.push('the weight is outside the tolerance');
  }
  if (view.stages.print && !view.labelPrinted) missing.push('the shipping label is not printed');
  return missing;
}
