import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { ProductPatch } from '../../../../shared/ipc/admin.contract';
import { useStation } from '../../api/station-context';
import { SaveFooter } from '../settings/save-footer';
import { ask, isRefusal, SupervisorOnlyNote, type SupervisorAccessState } from '../settings/supervisor-access';
import {
  labelsProblem,
  MAX_SERIALS_PER_UNIT,
  parseWhole,
  patternProblem,
  resizeLabels,
  SlotLabelInputs,
  TrackingOnNote,
} from './serial-fields';

type BulkPatch = Omit<ProductPatch, 'name' | 'barcodes'>;

/** How many chosen SKUs are listed by name before "and N more". */
const SHOWN_SKUS = 12;

export interface BulkResult {
  readonly updated: number;
  readonly notes: readonly string[];
}

/** One change applied to every selected product, all or none. */
export function BulkEditor({
  skus,
  supervisor,
  onDone,
  onClose,
}: {
  readonly skus: readonly string[];
  readonly supervisor: SupervisorAccessState;
  readonly onDone: (result: BulkResult) => void;
  readonly onClose: () => void;
}) {
  const { api } = useStation();
  const id = useId();
  const [tracking, setTracking] = useState<'leave' | 'on' | 'off'>('leave');
  const [changePerUnit, setChangePerUnit] = useState(false);
  const [perUnit, setPerUnit] = useState('1');
  const [labels, setLabels] = useState<readonly string[]>(['Serial']);
  const [changePattern, setChangePattern] = useState(false);
  const [pattern, setPattern] = useState('');
  const [changeLength, setChangeLength] = useState(false);
  const [length, setLength] = useState('');
  const [changeWarranty, setChangeWarranty] = useState(false);
  const [warranty, setWarranty] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);

  function build(): BulkPatch | string {
    const patch: { -readonly [K in keyof BulkPatch]: BulkPatch[K] } = {};
    if (tracking !== 'leave') patch.trackSerials = tracking === 'on';
    if (changePerUnit) {
      const count = parseWhole(perUnit, 'number of serials per unit', 1, MAX_SERIALS_PER_UNIT, false);
      if ('error' in count) return count.error;
      const trimmed = labels.map((label) => label.trim());
      const bad = labelsProblem(trimmed);
      if (bad) return bad;
      patch.serialsPerUnit = count.value!;
      patch.serialSlotLabels = trimmed;
    }
    if (changePattern) {
      const bad = patternProblem(pattern.trim());
      if (bad) return bad;
      patch.serialPattern = pattern.trim() || null;
    }
    if (changeLength) {
      const value = parseWhole(length, 'serial length', 1, 200, true);
      if ('error' in value) return value.error;
      patch.serialLength = value.value;
    }
    if (changeWarranty) {
      const value = parseWhole(warranty, 'warranty in months', 0, 600, true);
      if ('error' in value) return value.error;
      patch.warrantyMonths = value.value;
    }
    if (Object.keys(patch).length === 0) return 'Choose at least one change to make.';
    return patch;
  }

  async function apply(event: FormEvent): Promise<void> {
    event.preventDefault();
    const patch = build();
    setFailure(null);
    if (typeof patch === 'string') {
      setProblem(patch);
      return;
    }
    setProblem(null);
    setSaving(true);
    const envelope = await ask(api, 'products:bulk-update', { skus: [...skus], patch });
    setSaving(false);
    if (envelope.ok) {
      onDone(envelope.value);
      return;
    }
    if (isRefusal(envelope.error)) supervisor.recheck();
    setFailure(envelope.error);
  }

  const count = `${skus.length.toLocaleString()} product${skus.length === 1 ? '' : 's'}`;
  const noteId = `${id}-locked`;
  return (
    <form
      noValidate
      className="sv-editor"
      onSubmit={(e) => void apply(e)}
      data-testid="bulk-editor"
      aria-labelledby={`${id}-title`}
    >
      <div className="screen-head">
        <h1 id={`${id}-title`} tabIndex={-1}>
          Change {count} at once
        </h1>
        <button type="button" className="button" onClick={onClose}>
          Back to products
        </button>
      </div>
      <p className="lead" data-testid="bulk-skus">
        {skus.slice(0, SHOWN_SKUS).map((sku, i) => (
          <span key={sku}>
            {i > 0 ? ', ' : null}
            <span className="code">{sku}</span>
          </span>
        ))}
        {skus.length > SHOWN_SKUS ? ` and ${(skus.length - SHOWN_SKUS).toLocaleString()} more` : null}
      </p>
      <p className="muted">
        Only the changes you tick are made; everything else stays as each product has it. Every product changes, or none
        does.
      </p>
      <SupervisorOnlyNote access={supervisor.access} what="change products" id={noteId} />

      <section className="sv-card">
        <fieldset className="sv-plain">
          <legend className="sv-legend">Serial tracking</legend>
          <div className="kind-options">
            {(
              [
                ['leave', 'Leave as it is'],
                ['on', 'Track serial numbers'],
                ['off', 'Do not track serials'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="kind-option">
                <input
                  type="radio"
                  name={`${id}-tracking`}
                  checked={tracking === value}
                  onChange={() => setTracking(value)}
                />
                <span>{label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {tracking === 'on' ? <TrackingOnNote /> : null}
      </section>

      <section className="sv-card sv-bulk-changes">
        <BulkField id={`${id}-per-unit`} label="Serials per unit" on={changePerUnit} onToggle={setChangePerUnit}>
          <input
            id={`${id}-per-unit`}
            type="number"
            min={1}
            max={MAX_SERIALS_PER_UNIT}
            value={perUnit}
            aria-label="Serials per unit"
            onChange={(e) => {
              setPerUnit(e.target.value);
              setLabels((now) => resizeLabels(now, Number(e.target.value.trim())));
            }}
          />
          <SlotLabelInputs idPrefix={id} labels={labels} onChange={setLabels} />
        </BulkField>
        <BulkField
          id={`${id}-pattern`}
          label="Serial pattern"
          on={changePattern}
          onToggle={setChangePattern}
          hint="Empty removes the pattern"
        >
          <input
            id={`${id}-pattern`}
            type="text"
            value={pattern}
            aria-label="Serial pattern"
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setPattern(e.target.value)}
          />
        </BulkField>
        <BulkNumberField
          id={`${id}-length`}
          label="Serial length"
          on={changeLength}
          onToggle={setChangeLength}
          hint="Empty: any length"
          min={1}
          max={200}
          value={length}
          onChange={setLength}
        />
        <BulkNumberField
          id={`${id}-warranty`}
          label="Warranty (months)"
          on={changeWarranty}
          onToggle={setChangeWarranty}
          hint="Empty: no warranty recorded"
          min={0}
          max={600}
          value={warranty}
          onChange={setWarranty}
        />
      </section>

      <SaveFooter
        problem={problem}
        failure={failure}
        failureTitle="Nothing was changed"
        saving={saving}
        locked={!supervisor.allowed}
        noteId={noteId}
        label={`Apply to ${count}`}
        savingLabel="Applying…"
        buttonClassName="button button-primary button-big"
      >
        <button type="button" className="button button-big" onClick={onClose}>
          Cancel
        </button>
      </SaveFooter>
    </form>
  );
}

/** A change that is only made when ticked, so "leave as it is" is the default for every field. */
function BulkField({
  id,
  label,
  on,
  onToggle,
  hint,
  children,
}: {
  readonly id: string;
  readonly label: string;
  readonly on: boolean;
  readonly onToggle: (on: boolean) => void;
  readonly hint?: string;
  readonly children: ReactNode;
}) {
  return (
    <div className={`sv-bulk-field${on ? ' sv-bulk-field-on' : ''}`}>
      <label className="sv-check">
        <input type="checkbox" checked={on} onChange={(e) => onToggle(e.target.checked)} />
        <span>
          Change <strong>{label.toLowerCase()}</strong>
        </span>
      </label>
      {on ? (
        <fieldset className="sv-plain" aria-describedby={hint ? `${id}-hint` : undefined}>
          {children}
          {hint ? (
            <span className="sv-hint" id={`${id}-hint`}>
              {hint}
            </span>
          ) : null}
        </fieldset>
      ) : (
        <p className="muted sv-bulk-left">Left as each product has it.</p>
      )}
    </div>
  );
}

/** A ticked change that is one whole number, labelled as the field it changes. */
function BulkNumberField({
  id,
  label,
  on,
  onToggle,
  hint,
  min,
  max,
  value,
  onChange,
}: {
  readonly id: string;
  readonly label: string;
  readonly on: boolean;
  readonly onToggle: (on: boolean) => void;
  readonly hint: string;
  readonly min: number;
  readonly max: number;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  return (
    <BulkField id={id} label={label} on={on} onToggle={onToggle} hint={hint}>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        value={value}
        aria-label={label}
        onChange={(e) => onChange(e.target.value)}
      />
    </BulkField>
  );
}
