import type { WeightView } from '../../../../shared/ipc/devices.contract';
import type { ShipSessionView } from '../../../../shared/ipc/shipping.contract';
import { IconCheck, IconError, IconWarning } from '../../components/icons';
import { WeightReadout } from '../devices/device-tests';
import { LabelPreviews } from '../devices/label-previews';
import type { LabelsShown, StageActivity } from './ship-state';

/** Labels list the packed serials, so they print once nothing is left to scan. */
export function canPrint(view: ShipSessionView): boolean {
  return view.stages.print && view.missing.length === 0;
}

/** A weight the station refused and no supervisor accepted: weighing again comes before anything else. */
export function weightRefused(view: ShipSessionView): boolean {
  return view.stages.weigh && view.weight !== null && view.weight.withinTolerance === false && !view.weight.overridden;
}

/** Weighing is what comes next: the station asks for it, or the last weight was refused. */
export function weighingNext(view: ShipSessionView): boolean {
  return view.expect.step === 'weigh' || weightRefused(view);
}

/** What the scale or the printer is doing right now, where the answer to a scan would be. */
export function StageProgress({
  activity,
  weight,
}: {
  readonly activity: StageActivity;
  readonly weight: WeightView | null;
}) {
  if (activity === 'printing') {
    return (
      <div className="stage-progress" role="status" data-testid="stage-progress" data-activity="printing">
        <p className="stage-progress-title">Printing the labels…</p>
        <p className="stage-progress-help">Scans wait until the printer has answered.</p>
      </div>
    );
  }
  return (
    <div className="stage-progress" role="status" data-testid="stage-progress" data-activity="weighing">
      <p className="stage-progress-title">Weighing on the scale…</p>
      <WeightReadout weight={weight} testId="stage-weight" />
      <p className="stage-progress-help">
        Leave the parcel still until the weight settles. Scans wait until the weight is in.
      </p>
    </div>
  );
}

/**
 * The one action that comes next when it is not a scan: weigh or print, in the Ship box where
 * the packer looks for Ship. Nothing when the next step is a scan or Ship itself.
 */
export function StageAction({
  view,
  labels,
  scaleOffered,
  busy,
  onWeighOnScale,
  onTypeWeight,
  onPrint,
}: {
  readonly view: ShipSessionView;
  readonly labels: LabelsShown | null;
  /** False once the station has said it has no scale: the weight is typed instead. */
  readonly scaleOffered: boolean;
  readonly busy: boolean;
  readonly onWeighOnScale: () => void;
  readonly onTypeWeight: () => void;
  readonly onPrint: () => void;
}) {
  if (weighingNext(view)) {
    const again = view.weight !== null;
    return (
      <div className="stage-action">
        {scaleOffered ? (
          <button
            type="button"
            className="button button-primary button-big"
            onClick={onWeighOnScale}
            disabled={busy}
            aria-keyshortcuts="F6"
            data-testid="stage-weigh"
          >
            {again ? 'Weigh again' : 'Weigh on scale'} <kbd>F6</kbd>
          </button>
        ) : (
          <button
            type="button"
            className="button button-primary button-big"
            onClick={onTypeWeight}
            disabled={busy}
            aria-keyshortcuts="F3"
            data-testid="stage-type-weight"
          >
            Type the weight <kbd>F3</kbd>
          </button>
        )}
      </div>
    );
  }
  if (view.expect.step === 'print' && canPrint(view)) {
    const failed = labels !== null && !labels.ok;
    return (
      <div className="stage-action">
        <button
          type="button"
          className="button button-primary button-big"
          onClick={onPrint}
          disabled={busy}
          aria-keyshortcuts="F7"
          data-testid="stage-print"
        >
          {failed ? 'Print again' : 'Print labels'} <kbd>F7</kbd>
        </button>
        {failed ? (
          <p className="stage-action-kept" data-testid="stage-kept">
            The order stays open and nothing scanned is lost. Print again once the printer is ready, if no label came
            out.
          </p>
        ) : null}
      </div>
    );
  }
  return null;
}

/** The labels this order last sent to the printer, drawn from the same ZPL, under the answer to the print. */
export function PrintedLabels({ labels }: { readonly labels: LabelsShown | null }) {
  if (!labels || labels.previews.length === 0) return null;
  return (
    <section className="printed-labels" aria-label="Labels as printed">
      <h2>{labels.ok ? 'Labels as printed' : 'Labels as sent to the printer'}</h2>
      <LabelPreviews previews={labels.previews} what="Label" testId="ship-label-previews" />
    </section>
  );
}

/** The print stage in the side column: printed or not, and printing again. */
export function LabelsSummary({
  view,
  labels,
  busy,
  onPrint,
}: {
  readonly view: ShipSessionView;
  readonly labels: LabelsShown | null;
  readonly busy: boolean;
  readonly onPrint: () => void;
}) {
  const printable = canPrint(view);
  const failed = labels !== null && !labels.ok;
  return (
    <section className="ship-labels" aria-label="Shipping label" data-testid="ship-labels">
      <h2>Shipping label</h2>
      {view.labelPrinted ? (
        <p className="weight-verdict weight-ok" data-testid="labels-state">
          <IconCheck /> Printed
        </p>
      ) : failed ? (
        <p className="weight-verdict weight-bad" data-testid="labels-state">
          <IconError /> Not printed — {labels.message}
        </p>
      ) : (
        <p className="weight-verdict" data-testid="labels-state">
          <IconWarning /> {printable ? 'Not printed yet' : 'Prints once everything is scanned'}
        </p>
      )}
      {labels && labels.ok && !view.labelPrinted ? (
        <p className="field-help">The box changed since these were printed: print again.</p>
      ) : null}
      {/* When printing is the next step, its button is in the Ship box above. */}
      {printable && (view.expect.step !== 'print' || weightRefused(view)) ? (
        <button
          type="button"
          className="button"
          onClick={onPrint}
          disabled={busy}
          aria-keyshortcuts="F7"
          data-testid="print-labels"
        >
          {view.labelPrinted ? 'Print again' : 'Print labels'} <kbd>F7</kbd>
        </button>
      ) : null}
    </section>
  );
}
