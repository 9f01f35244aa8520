import { useId, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { SettingsView } from '../../../../shared/ipc/admin.contract';
import { useStation } from '../../api/station-context';
import { Notice } from '../../components/notice';
import { Field } from '../reports/export-forms';
import { SaveFooter } from './save-footer';
import { ask, isRefusal, SupervisorOnlyNote, type SupervisorAccessState } from './supervisor-access';

/** This station: its name, which ship stages it runs, where received units go, where exports land. */
export function StationSection({
  view,
  supervisor,
  onSaved,
  onOpenDevices,
}: {
  readonly view: SettingsView;
  readonly supervisor: SupervisorAccessState;
  readonly onSaved: (view: SettingsView) => void;
  /** Opens the Devices screen, where this station's scanner, scale and printer are chosen. */
  readonly onOpenDevices?: () => void;
}) {
  const { api } = useStation();
  const id = useId();
  const noteId = `${id}-locked`;
  const station = view.station;
  const [weigh, setWeigh] = useState(station.stages.weigh);
  const [print, setPrint] = useState(station.stages.print);
  const [warehouse, setWarehouse] = useState(station.receivingWarehouse);
  const [location, setLocation] = useState(station.receivingLocation);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setFailure(null);
    setSaved(false);
    if (!warehouse.trim() || !location.trim()) {
      setProblem('Name both the receiving warehouse and the location, e.g. MAIN and RECEIVING.');
      return;
    }
    setProblem(null);
    const input = {
      ...(weigh !== station.stages.weigh || print !== station.stages.print ? { stages: { weigh, print } } : {}),
      ...(warehouse.trim() !== station.receivingWarehouse ? { receivingWarehouse: warehouse.trim() } : {}),
      ...(location.trim() !== station.receivingLocation ? { receivingLocation: location.trim() } : {}),
    };
    if (Object.keys(input).length === 0) {
      setProblem('Nothing to save: the station settings are as saved.');
      return;
    }
    setSaving(true);
    const envelope = await ask(api, 'settings:update-station', input);
    setSaving(false);
    if (!envelope.ok) {
      if (isRefusal(envelope.error)) supervisor.recheck();
      setFailure(envelope.error);
      return;
    }
    setSaved(true);
    onSaved(envelope.value);
  }

  const disabled = !supervisor.allowed;
  return (
    <form
      noValidate
      className="sv-card"
      onSubmit={(e) => void save(e)}
      aria-labelledby={`${id}-title`}
      data-testid="station-settings"
    >
      <h2 id={`${id}-title`}>This station</h2>
      <SupervisorOnlyNote access={supervisor.access} what="change this station’s settings" id={noteId} />
      <dl className="sv-facts">
        <div>
          <dt>Name</dt>
          <dd className="code">{station.name}</dd>
        </div>
        <div>
          <dt>Export folder</dt>
          <dd className="code sv-path">{station.exportFolder}</dd>
        </div>
        <div>
          <dt>Devices</dt>
          <dd>
            {onOpenDevices ? (
              <button type="button" className="button button-quiet button-small" onClick={onOpenDevices}>
                Scanner, scale and printer…
              </button>
            ) : (
              'Chosen on the Devices screen'
            )}
          </dd>
        </div>
      </dl>
      <fieldset className="sv-plain" disabled={disabled}>
        <legend className="sv-legend">Packing stages after the last scan</legend>
        <label className="sv-switch">
          <input type="checkbox" role="switch" checked={weigh} onChange={(e) => setWeigh(e.target.checked)} />
          <span>
            <strong>Weigh the box</strong> <span className="sv-switch-state">{weigh ? 'On' : 'Off'}</span>
            <span className="sv-hint">Needs a scale; a box outside the weight tolerance is refused.</span>
          </span>
        </label>
        <label className="sv-switch">
          <input type="checkbox" role="switch" checked={print} onChange={(e) => setPrint(e.target.checked)} />
          <span>
            <strong>Print the label</strong> <span className="sv-switch-state">{print ? 'On' : 'Off'}</span>
            <span className="sv-hint">Needs a label printer.</span>
          </span>
        </label>
        <div className="sv-fields">
          <Field label="Receiving warehouse" htmlFor={`${id}-warehouse`}>
            <input
              id={`${id}-warehouse`}
              type="text"
              value={warehouse}
              maxLength={100}
              onChange={(e) => setWarehouse(e.target.value)}
            />
          </Field>
          <Field label="Receiving location" htmlFor={`${id}-location`} hint="Where received units are put">
            <input
              id={`${id}-location`}
              type="text"
              value={location}
              maxLength={100}
              onChange={(e) => setLocation(e.target.value)}
            />
          </Field>
        </div>
      </fieldset>
      <SaveFooter
        problem={problem}
        failure={failure}
        failureTitle="The station settings were not saved"
        outcome={saved ? <Notice tone="success" title="Station settings saved" /> : null}
        saving={saving}
        locked={disabled}
        noteId={noteId}
        label="Save station settings"
      />
    </form>
  );
}
