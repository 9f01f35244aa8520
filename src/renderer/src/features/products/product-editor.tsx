import { useId, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { ProductPatch } from '../../../../shared/ipc/admin.contract';
import type { ProductRow } from '../../../../shared/ipc/catalog.contract';
import { useStation } from '../../api/station-context';
import { Notice } from '../../components/notice';
import { Field } from '../reports/export-forms';
import { SaveFooter } from '../settings/save-footer';
import { ask, isRefusal, SupervisorOnlyNote, type SupervisorAccessState } from '../settings/supervisor-access';
import {
  labelsProblem,
  MAX_SERIALS_PER_UNIT,
  parseGrams,
  parseWhole,
  patternProblem,
  resizeLabels,
  SlotLabelInputs,
  TrackingOnNote,
} from './serial-fields';

interface Draft {
  readonly trackSerials: boolean;
  readonly serialsPerUnit: string;
  readonly labels: readonly string[];
  readonly pattern: string;
  readonly length: string;
  readonly warranty: string;
  readonly weight: string;
  readonly barcodes: string;
}

type FieldName = 'serialsPerUnit' | 'labels' | 'pattern' | 'length' | 'warranty' | 'weight' | 'barcodes';
type Problems = Partial<Record<FieldName, string>>;

function draftOf(product: ProductRow): Draft {
  return {
    trackSerials: product.trackSerials,
    serialsPerUnit: String(product.serialsPerUnit),
    labels:
      product.serialSlotLabels.length === product.serialsPerUnit
        ? product.serialSlotLabels
        : resizeLabels(product.serialSlotLabels, product.serialsPerUnit),
    pattern: product.serialPattern ?? '',
    length: product.serialLength === null ? '' : String(product.serialLength),
    warranty: product.warrantyMonths === null ? '' : String(product.warrantyMonths),
    weight: product.unitWeightG === null ? '' : String(product.unitWeightG),
    barcodes: product.barcodes.join('\n'),
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The change to send: only what differs from the product, so the ledger records what was edited. */
export function patchFromDraft(product: ProductRow, draft: Draft): { patch: ProductPatch; problems: Problems } {
  const problems: Problems = {};
  const patch: { -readonly [K in keyof ProductPatch]: ProductPatch[K] } = {};
  if (draft.trackSerials !== product.trackSerials) patch.trackSerials = draft.trackSerials;

  const perUnit = parseWhole(draft.serialsPerUnit, 'number of serials per unit', 1, MAX_SERIALS_PER_UNIT, false);
  if ('error' in perUnit) problems.serialsPerUnit = perUnit.error;
  const labels = draft.labels.map((label) => label.trim());
  const labelProblem = labelsProblem(labels);
  if (labelProblem) problems.labels = labelProblem;
  if ('value' in perUnit && perUnit.value !== null && !labelProblem) {
    // The station takes the count and the names together, so they always agree.
    if (perUnit.value !== product.serialsPerUnit || !sameList(labels, product.serialSlotLabels)) {
      patch.serialsPerUnit = perUnit.value;
      patch.serialSlotLabels = labels;
    }
  }

  const pattern = draft.pattern.trim();
  const badPattern = patternProblem(pattern);
  if (badPattern) problems.pattern = badPattern;
  else if ((pattern || null) !== product.serialPattern) patch.serialPattern = pattern || null;

  const length = parseWhole(draft.length, 'serial length', 1, 200, true);
  if ('error' in length) problems.length = length.error;
  else if (length.value !== product.serialLength) patch.serialLength = length.value;

  const warranty = parseWhole(draft.warranty, 'warranty in months', 0, 600, true);
  if ('error' in warranty) problems.warranty = warranty.error;
  else if (warranty.value !== product.warrantyMonths) patch.warrantyMonths = warranty.value;

  const weight = parseGrams(draft.weight);
  if ('error' in weight) problems.weight = weight.error;
  else if (weight.value !== product.unitWeightG) patch.unitWeightG = weight.value;

  const barcodes = [
    ...new Set(
      draft.barcodes
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
  if (barcodes.length > 50)
    problems.barcodes = `A product can have at most 50 barcodes; this list has ${barcodes.length}.`;
  else if (barcodes.some((code) => code.length > 100)) problems.barcodes = 'A barcode can be at most 100 characters.';
  else if (!sameList(barcodes, product.barcodes)) patch.barcodes = barcodes;

  return { patch, problems };
}

export interface SavedProduct {
  readonly sku: string;
  readonly notes: readonly string[];
}

/** Edit one product's serial settings, warranty, weight and barcodes. */
export function ProductEditor({
  product,
  supervisor,
  onSaved,
  onClose,
}: {
  readonly product: ProductRow;
  readonly supervisor: SupervisorAccessState;
  readonly onSaved: (saved: SavedProduct) => void;
  readonly onClose: () => void;
}) {
  const { api } = useStation();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(product));
  const [problems, setProblems] = useState<Problems>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [nothing, setNothing] = useState(false);

  const set = (patch: Partial<Draft>) => {
    setNothing(false);
    setDraft((now) => ({ ...now, ...patch }));
  };

  function changePerUnit(text: string): void {
    const count = Number(text.trim());
    set({ serialsPerUnit: text, labels: resizeLabels(draft.labels, count) });
  }

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    const { patch, problems: found } = patchFromDraft(product, draft);
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    if (Object.keys(patch).length === 0) {
      setNothing(true);
      return;
    }
    setSaving(true);
    const envelope = await ask(api, 'products:update', { sku: product.sku, patch });
    setSaving(false);
    if (envelope.ok) {
      onSaved({ sku: envelope.value.sku, notes: envelope.value.notes });
      return;
    }
    if (isRefusal(envelope.error)) supervisor.recheck();
    setFailure(envelope.error);
  }

  const turningOn = draft.trackSerials && !product.trackSerials;
  const noteId = `${id}-locked`;
  return (
    <form
      noValidate
      className="sv-editor"
      onSubmit={(e) => void save(e)}
      data-testid="product-editor"
      aria-labelledby={`${id}-title`}
    >
      <div className="screen-head">
        <h1 id={`${id}-title`} tabIndex={-1}>
          Edit <span className="code">{product.sku}</span>
        </h1>
        <button type="button" className="button" onClick={onClose}>
          Back to products
        </button>
      </div>
      <p className="lead">{product.name}</p>
      <SupervisorOnlyNote access={supervisor.access} what="change products" id={noteId} />

      <section className="sv-card" aria-labelledby={`${id}-serials`}>
        <h2 id={`${id}-serials`}>Serial numbers</h2>
        <label className="sv-switch">
          <input
            type="checkbox"
            role="switch"
            checked={draft.trackSerials}
            onChange={(e) => set({ trackSerials: e.target.checked })}
          />
          <span>
            <strong>Track serial numbers</strong>{' '}
            <span className="sv-switch-state">{draft.trackSerials ? 'On' : 'Off'}</span>
          </span>
        </label>
        {turningOn ? <TrackingOnNote /> : null}
        {!draft.trackSerials && product.trackSerials ? (
          <Notice tone="warning" title="Serials will no longer be asked for">
            <p>New receipts and shipments of this product skip serials. Serials already recorded are kept.</p>
          </Notice>
        ) : null}
        <fieldset className="sv-plain" disabled={!draft.trackSerials}>
          {!draft.trackSerials ? <p className="muted">These apply only while serial numbers are tracked.</p> : null}
          <div className="sv-fields">
            <Field
              label="Serials per unit"
              htmlFor={`${id}-per-unit`}
              hint="1 to 10; a dual-SIM phone has 2"
              error={problems.serialsPerUnit}
            >
              <input
                id={`${id}-per-unit`}
                type="number"
                min={1}
                max={MAX_SERIALS_PER_UNIT}
                value={draft.serialsPerUnit}
                onChange={(e) => changePerUnit(e.target.value)}
              />
            </Field>
            <Field label="Serial length" htmlFor={`${id}-length`} hint="Empty: any length" error={problems.length}>
              <input
                id={`${id}-length`}
                type="number"
                min={1}
                max={200}
                value={draft.length}
                onChange={(e) => set({ length: e.target.value })}
              />
            </Field>
            <Field
              label="Serial pattern"
              htmlFor={`${id}-pattern`}
              hint="A regular expression, e.g. ^[0-9]{15}$; empty: none"
              error={problems.pattern}
            >
              <input
                id={`${id}-pattern`}
                type="text"
                className="code-input"
                value={draft.pattern}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => set({ pattern: e.target.value })}
              />
            </Field>
          </div>
          <SlotLabelInputs idPrefix={id} labels={draft.labels} onChange={(labels) => set({ labels })} />
          {problems.labels ? (
            <p className="sv-problem" role="alert">
              {problems.labels}
            </p>
          ) : null}
        </fieldset>
      </section>

      <section className="sv-card" aria-labelledby={`${id}-other`}>
        <h2 id={`${id}-other`}>Warranty, weight and barcodes</h2>
        <div className="sv-fields">
          <Field
            label="Warranty (months)"
            htmlFor={`${id}-warranty`}
            hint="Empty: no warranty recorded"
            error={problems.warranty}
          >
            <input
              id={`${id}-warranty`}
              type="number"
              min={0}
              max={600}
              value={draft.warranty}
              onChange={(e) => set({ warranty: e.target.value })}
            />
          </Field>
          <Field
            label="Unit weight (g)"
            htmlFor={`${id}-weight`}
            hint="Used to check the box weight"
            error={problems.weight}
          >
            <input
              id={`${id}-weight`}
              type="text"
              inputMode="decimal"
              value={draft.weight}
              onChange={(e) => set({ weight: e.target.value })}
            />
          </Field>
        </div>
        <Field
          label="Barcodes, one per line"
          htmlFor={`${id}-barcodes`}
          hint="UPC, EAN, GTIN or your own codes"
          error={problems.barcodes}
        >
          <textarea
            id={`${id}-barcodes`}
            rows={4}
            value={draft.barcodes}
            spellCheck={false}
            onChange={(e) => set({ barcodes: e.target.value })}
          />
        </Field>
      </section>

      <SaveFooter
        failure={failure}
        failureTitle="Not saved"
        outcome={
          nothing ? (
            <Notice tone="info" title="Nothing to save">
              <p>No field differs from what is saved for {product.sku}.</p>
            </Notice>
          ) : null
        }
        saving={saving}
        locked={!supervisor.allowed}
        noteId={noteId}
        label={`Save ${product.sku}`}
        buttonClassName="button button-primary button-big"
      >
        <button type="button" className="button button-big" onClick={onClose}>
          Cancel
        </button>
      </SaveFooter>
    </form>
  );
}
