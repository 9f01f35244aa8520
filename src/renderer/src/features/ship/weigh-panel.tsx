import { useState, type FormEvent } from 'react';
import type { WeightView } from '../../../../shared/ipc/devices.contract';
import type { ShipSessionView } from '../../../../shared/ipc/shipping.contract';
import { IconCheck, IconError, IconWarning } from '../../components/icons';
import { weightWords } from '../devices/device-words';
import { useRevealed } from './use-revealed';

type Weight = ShipSessionView['weight'];
type ExpectedWeight = ShipSessionView['expectedWeight'];

/** The station's scale as the weight box needs it: is there one, and what does it show. */
export interface ScaleLink {
  readonly configured: boolean;
  readonly weight: WeightView | null;
  /** Chosen, but not working now (unplugged, reconnecting, faulty): the weight is typed meanwhile. */
  readonly away?: boolean;
}

export function formatGrams(grams: number): string {
  return `${grams.toLocaleString('en', { maximumFractionDigits: 1 })} g`;
}

/** The expected weight, the last weighed one and whether it passed, in words and icons. */
export function WeightSummary({
  weight,
  expected,
  onEnter,
  canEnter,
  scale = null,
  onWeighOnScale,
  scaleFirst = false,
}: {
  readonly weight: Weight;
  readonly expected: ExpectedWeight;
  readonly onEnter: () => void;
  readonly canEnter: boolean;
  /** Null while the station has not said whether it has a scale. */
  readonly scale?: ScaleLink | null;
  readonly onWeighOnScale?: () => void;
  /** Weighing is the next step: its button is in the Ship box, so this box only offers to weigh again. */
  readonly scaleFirst?: boolean;
}) {
  const offerScale = onWeighOnScale !== undefined && scale?.configured !== false && !scale?.away && !scaleFirst;
  return (
    <section className="ship-weight" aria-label="Parcel weight" data-testid="ship-weight">
      <h2>Parcel weight</h2>
      <dl className="weight-figures">
        <div>
          <dt>Expected</dt>
          <dd data-testid="ship-weight-expected">{expectedText(expected)}</dd>
        </div>
        <div>
          <dt>Weighed</dt>
          <dd data-testid="ship-weight-measured">{weight ? formatGrams(weight.grams) : 'not yet'}</dd>
        </div>
      </dl>
      {weight ? <WeightVerdict weight={weight} /> : null}
      {scale?.configured && !scale.away ? <ScaleNow weight={scale.weight} /> : null}
      <div className="weight-actions">
        {offerScale ? (
          <button
            type="button"
            className="button"
            onClick={onWeighOnScale}
            disabled={!canEnter}
            aria-keyshortcuts="F6"
            data-testid="weigh-on-scale"
          >
            {weight ? 'Weigh again' : 'Weigh on scale'} <kbd>F6</kbd>
          </button>
        ) : null}
        <button type="button" className="button" onClick={onEnter} disabled={!canEnter} aria-keyshortcuts="F3">
          Type the weight <kbd>F3</kbd>
        </button>
      </div>
      {scale?.configured === false ? (
        <p className="field-help">No scale is set up at this station: type what the scale shows.</p>
      ) : scale?.away ? (
        <p className="field-help" data-testid="scale-away">
          The scale is not connected: type what it shows until it is back.
        </p>
      ) : null}
    </section>
  );
}

/** What the scale shows at this moment, before anyone asks it for a weight. */
function ScaleNow({ weight }: { readonly weight: WeightView | null }) {
  const { figure, state } = weightWords(weight);
  return (
    <p className="scale-now" data-testid="scale-now">
      <span className="label">On the scale</span> <strong>{figure}</strong> <span className="muted">{state}</span>
    </p>
  );
}

/** Known before weighing, so the packer can tell a missing item before putting the box on the scale. */
function expectedText(expected: ExpectedWeight): string {
  if (expected.grams === null) return 'not known (a product has no unit weight)';
  return `about ${formatGrams(expected.grams)} ±${expected.tolerancePercent}%`;
}

function WeightVerdict({ weight }: { readonly weight: NonNullable<Weight> }) {
  if (weight.overridden)
    return (
      <p className="weight-verdict weight-ok">
        <IconCheck /> Accepted by a supervisor
      </p>
    );
  if (weight.withinTolerance === false)
    return (
      <p className="weight-verdict weight-bad">
        <IconError /> Outside ±{weight.tolerancePercent}%
      </p>
    );
  if (weight.withinTolerance === true)
    return (
      <p className="weight-verdict weight-ok">
        <IconCheck /> Within ±{weight.tolerancePercent}%
      </p>
    );
  return (
    <p className="weight-verdict">
      <IconWarning /> No expected weight to compare with
    </p>
  );
}

/** Without a scale (or while it is away), the packer reads the scale and types the grams here. */
export function WeighPanel({
  weight,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  readonly weight: Weight;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onSubmit: (grams: number) => void;
  readonly onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const reveal = useRevealed();
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (busy) return;
    const grams = Number(text.trim().replace(',', '.'));
    if (text.trim() === '' || !Number.isFinite(grams) || grams <= 0) {
      setProblem('Type the weight the scale shows, in grams, for example 1250.');
      return;
    }
    if (grams > 1_000_000) {
      setProblem('That is more than a tonne. Type the weight in grams, for example 1250.');
      return;
    }
    setProblem(null);
    onSubmit(grams);
  }

  const shown = problem ?? error;
  return (
    <form
      ref={reveal}
      className="supervisor-panel weigh-panel"
      data-testid="weigh-panel"
      aria-label="Type the parcel weight"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <h2 className="supervisor-title">Type the parcel weight</h2>
      <p>
        Put the parcel on the scale and type what it shows.
        {weight?.expectedG != null ? ` It should weigh about ${formatGrams(weight.expectedG)}.` : ''}
      </p>
      <label className="field field-grams">
        <span>Weight in grams</span>
        <input
          type="text"
          inputMode="decimal"
          autoFocus
          autoComplete="off"
          value={text}
          onChange={(event) => setText(event.target.value)}
          data-testid="weigh-grams"
        />
      </label>
      {shown ? (
        <p className="supervisor-error" role="alert">
          <IconError />
          <span>{shown}</span>
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary button-big" disabled={busy}>
          {busy ? 'Saving…' : 'Record weight'}
        </button>
        <button type="button" className="button button-big" onClick={onCancel}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
