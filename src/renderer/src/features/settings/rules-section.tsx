import { useId, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { SettingsView } from '../../../../shared/ipc/admin.contract';
import type { OrganizationRules } from '../../../../shared/settings';
import { useStation } from '../../api/station-context';
import { IconLock } from '../../components/icons';
import { Notice } from '../../components/notice';
import { ruleWords, valueWords, type RuleValue } from './rule-words';
import { SaveFooter } from './save-footer';
import { ask, isRefusal, SupervisorOnlyNote, type SupervisorAccessState } from './supervisor-access';

/** What a control holds while editing: switches hold booleans, numbers and choices hold text. */
type DraftValue = boolean | string;

function toDraft(value: RuleValue): DraftValue {
  return typeof value === 'boolean' ? value : value === null ? '' : String(value);
}

/** Rules in the order the explanations list them (the order of DESIGN.md), then any others. */
export function ruleOrder(view: SettingsView): string[] {
  const keys = Object.keys(view.explanations);
  for (const key of Object.keys(view.rules)) if (!keys.includes(key)) keys.push(key);
  return keys.filter((key) => key in view.rules);
}

function ruleValue(view: SettingsView, key: string): RuleValue {
  return (view.rules as Record<string, RuleValue>)[key] ?? null;
}

function defaultValue(view: SettingsView, key: string): RuleValue {
  return (view.defaults as Record<string, RuleValue>)[key] ?? null;
}

/** The rules that changed, parsed, or the first rule whose value cannot be saved. */
function changedRules(
  view: SettingsView,
  draft: Readonly<Record<string, DraftValue>>,
): { patch: Partial<OrganizationRules> } | { error: string } {
  const patch: Record<string, RuleValue> = {};
  for (const key of ruleOrder(view)) {
    const current = ruleValue(view, key);
    const value = draft[key];
    if (value === undefined) continue;
    let next: RuleValue;
    if (typeof value === 'boolean') {
      next = value;
    } else if (
      typeof current === 'number' ||
      typeof defaultValue(view, key) === 'number' ||
      ruleWords(key).emptyMeans
    ) {
      const words = ruleWords(key);
      const text = value.trim().replace(',', '.');
      if (text === '') {
        if (!words.emptyMeans) return { error: `${words.title}: enter a number.` };
        next = null;
      } else {
        const number = Number(text);
        if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(number)) {
          return { error: `${words.title}: “${value.trim()}” is not a number.` };
        }
        if (words.whole && !Number.isInteger(number)) return { error: `${words.title} must be a whole number.` };
        if (words.min !== undefined && number < words.min) {
          return { error: `${words.title} must be at least ${words.min}${words.unit ? ` ${words.unit}` : ''}.` };
        }
        if (words.max !== undefined && number > words.max) {
          return { error: `${words.title} must be at most ${words.max}${words.unit ? ` ${words.unit}` : ''}.` };
        }
        next = number;
      }
    } else {
      next = value;
    }
    if (next !== current) patch[key] = next;
  }
  return { patch: patch as Partial<OrganizationRules> };
}

/** Every organization rule: what it does, its default, its value, and whether it can still change. */
export function RulesSection({
  view,
  supervisor,
  onSaved,
}: {
  readonly view: SettingsView;
  readonly supervisor: SupervisorAccessState;
  readonly onSaved: (view: SettingsView) => void;
}) {
  const { api } = useStation();
  const id = useId();
  const noteId = `${id}-locked`;
  const [draft, setDraft] = useState<Record<string, DraftValue>>({});
  const [vendorDraft, setVendorDraft] = useState<Record<string, boolean>>({});
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState<readonly string[] | null>(null);

  const keys = ruleOrder(view);
  const valueOf = (key: string): DraftValue => draft[key] ?? toDraft(ruleValue(view, key));
  const pending = changedRules(view, draft);
  const skips = new Map(view.vendors.map((v) => [v.name, v.skipSerialPrompt]));
  const vendorSkips = Object.fromEntries(
    Object.entries(vendorDraft).filter(([name, skip]) => skips.get(name) !== skip),
  );
  const changes =
    ('patch' in pending ? Object.keys(pending.patch).length : keys.filter((k) => k in draft).length) +
    Object.keys(vendorSkips).length;

  function edit(key: string, value: DraftValue): void {
    setSaved(null);
    setProblem(null);
    setDraft((now) => ({ ...now, [key]: value }));
  }

  function editVendor(name: string, skip: boolean): void {
    setSaved(null);
    setProblem(null);
    setVendorDraft((now) => ({ ...now, [name]: skip }));
  }

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setFailure(null);
    if ('error' in pending) {
      setProblem(pending.error);
      return;
    }
    const patch = pending.patch;
    const vendorCount = Object.keys(vendorSkips).length;
    if (Object.keys(patch).length === 0 && vendorCount === 0) {
      setProblem('Nothing to save: no rule differs from what is saved.');
      return;
    }
    setSaving(true);
    const envelope = await ask(api, 'settings:update-rules', {
      rules: patch,
      ...(vendorCount > 0 ? { vendorSkips } : {}),
    });
    setSaving(false);
    if (!envelope.ok) {
      if (isRefusal(envelope.error)) supervisor.recheck();
      setFailure(envelope.error);
      return;
    }
    const before = view;
    const promptWords = (skip: boolean) => (skip ? 'skips serials' : 'asks for serials');
    setSaved([
      ...Object.keys(patch).map(
        (key) =>
          `${ruleWords(key).title}: ${valueWords(key, ruleValue(before, key))} → ${valueWords(key, ruleValue(envelope.value, key))}`,
      ),
      ...Object.entries(vendorSkips).map(
        ([name, skip]) => `Receiving from ${name}: ${promptWords(!skip)} → ${promptWords(skip)}`,
      ),
    ]);
    setDraft({});
    setVendorDraft({});
    onSaved(envelope.value);
  }

  return (
    <form
      noValidate
      className="sv-card"
      onSubmit={(e) => void save(e)}
      aria-labelledby={`${id}-title`}
      data-testid="rules"
    >
      <h2 id={`${id}-title`}>Organization rules</h2>
      <SupervisorOnlyNote access={supervisor.access} what="change the rules" id={noteId} />
      <p className="muted">These apply to every station of the warehouse. Each change is recorded with who made it.</p>
      <ul className="sv-rules">
        {keys.map((key) => {
          const words = ruleWords(key);
          const lock = view.locked[key];
          const current = ruleValue(view, key);
          const fallback = defaultValue(view, key);
          const value = valueOf(key);
          const controlId = `${id}-${key}`;
          const explained = `${controlId}-about`;
          const disabled = lock !== undefined || !supervisor.allowed;
          return (
            <li key={key} className={`sv-rule${lock ? ' sv-rule-locked' : ''}`} data-testid={`rule-${key}`}>
              <div className="sv-rule-text">
                <label htmlFor={controlId} className="sv-rule-title">
                  {words.title}
                </label>
                <p id={explained} className="sv-rule-about">
                  {view.explanations[key] ?? ''}
                </p>
                <p className="sv-rule-default">
                  Default: <strong>{valueWords(key, fallback)}</strong>
                  {current !== fallback ? <span className="sv-changed">Changed from default</span> : null}
                </p>
                {lock ? (
                  <p className="sv-rule-lock" data-testid={`locked-${key}`}>
                    <IconLock /> Locked: {lock}
                  </p>
                ) : null}
              </div>
              <div className="sv-rule-control">
                <RuleControl
                  id={controlId}
                  ruleKey={key}
                  value={value}
                  disabled={disabled}
                  describedBy={[explained, !supervisor.allowed ? noteId : null].filter(Boolean).join(' ')}
                  onChange={(next) => edit(key, next)}
                />
              </div>
            </li>
          );
        })}
        <li className="sv-rule" data-testid="rule-vendorSkips">
          <div className="sv-rule-text">
            <p className="sv-rule-title" id={`${id}-vendors`}>
              Vendors whose units skip the serial prompt
            </p>
            <p className="sv-rule-about" id={`${id}-vendors-about`}>
              Receiving a purchase order from a ticked vendor does not ask for serials.
            </p>
            <p className="sv-rule-default">
              Default: <strong>none</strong> (every vendor’s units are asked for serials)
            </p>
          </div>
          <div className="sv-rule-control">
            {view.vendors.length === 0 ? (
              <p className="muted">No vendors yet; they arrive with purchase orders.</p>
            ) : (
              <fieldset
                className="sv-plain sv-vendor-list"
                aria-labelledby={`${id}-vendors`}
                aria-describedby={[`${id}-vendors-about`, !supervisor.allowed ? noteId : null]
                  .filter(Boolean)
                  .join(' ')}
                disabled={!supervisor.allowed}
              >
                {view.vendors.map((vendor) => (
                  <label key={vendor.name} className="sv-check">
                    <input
                      type="checkbox"
                      checked={vendorDraft[vendor.name] ?? vendor.skipSerialPrompt}
                      onChange={(e) => editVendor(vendor.name, e.target.checked)}
                    />
                    <span>{vendor.name}</span>
                  </label>
                ))}
              </fieldset>
            )}
          </div>
        </li>
      </ul>
      {/* Save and its outcome stay in view at the bottom while the long list scrolls. */}
      <div className="sv-save-bar">
        <SaveFooter
          problem={problem}
          failure={failure}
          failureTitle="The rules were not saved"
          outcome={
            saved ? (
              <Notice tone="success" title="Rules saved" testId="rules-saved">
                <ul className="notes">
                  {saved.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </Notice>
            ) : null
          }
          saving={saving}
          locked={!supervisor.allowed}
          noteId={noteId}
          label="Save rules"
          buttonClassName="button button-primary button-big"
        >
          {changes > 0 ? (
            <>
              <span className="sv-unsaved">
                {changes} unsaved change{changes === 1 ? '' : 's'}
              </span>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setDraft({});
                  setVendorDraft({});
                }}
              >
                Undo changes
              </button>
            </>
          ) : null}
        </SaveFooter>
      </div>
    </form>
  );
}

function RuleControl({
  id,
  ruleKey,
  value,
  disabled,
  describedBy,
  onChange,
}: {
  readonly id: string;
  readonly ruleKey: string;
  readonly value: DraftValue;
  readonly disabled: boolean;
  readonly describedBy: string;
  readonly onChange: (value: DraftValue) => void;
}) {
  const words = ruleWords(ruleKey);
  if (typeof value === 'boolean') {
    return (
      <label className="sv-switch">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={value}
          disabled={disabled}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span className="sv-switch-state">{value ? 'On' : 'Off'}</span>
      </label>
    );
  }
  if (words.options) {
    return (
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      >
        {words.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <span className="sv-number">
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={value}
        placeholder={words.emptyMeans}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      {words.unit ? <span className="sv-unit">{words.unit}</span> : null}
    </span>
  );
}
