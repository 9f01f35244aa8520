import { useId, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { SettingsView } from '../../../../shared/ipc/admin.contract';
import { useStation } from '../../api/station-context';
import { Notice } from '../../components/notice';
import { Field } from '../reports/export-forms';
import { SaveFooter } from './save-footer';
import { ask, isRefusal, SupervisorOnlyNote, type SupervisorAccessState } from './supervisor-access';

type Format = SettingsView['station']['shiftExport']['format'];

function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

function fileName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** The shift serial log written by itself when a shift at this station ends. */
export function ShiftExportSection({
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
  const current = view.station.shiftExport;
  const [enabled, setEnabled] = useState(current.enabled);
  const [folder, setFolder] = useState(current.folder);
  const [format, setFormat] = useState<Format>(current.format);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setFailure(null);
    setSaved(false);
    setSaving(true);
    const envelope = await ask(api, 'settings:update-station', {
      shiftExport: { enabled, folder: folder.trim(), format },
    });
    setSaving(false);
    if (!envelope.ok) {
      if (isRefusal(envelope.error)) supervisor.recheck();
      setFailure(envelope.error);
      return;
    }
    setSaved(true);
    setFolder(envelope.value.station.shiftExport.folder);
    onSaved(envelope.value);
  }

  const disabled = !supervisor.allowed;
  const last = current.last;
  return (
    <form
      noValidate
      className="sv-card"
      onSubmit={(e) => void save(e)}
      aria-labelledby={`${id}-title`}
      data-testid="shift-export-settings"
    >
      <h2 id={`${id}-title`}>Shift log at shift end</h2>
      <SupervisorOnlyNote access={supervisor.access} what="change the automatic shift log" id={noteId} />
      <p className="muted">
        When a shift at this station ends (sign-out, idle timeout or the next sign-in), its shift serial log is saved as
        a file. Shifts that ended before this is turned on are not written; export them from Reports.
      </p>
      <fieldset className="sv-plain" disabled={disabled}>
        <label className="sv-switch">
          <input
            type="checkbox"
            role="switch"
            checked={enabled}
            onChange={(e) => {
              setSaved(false);
              setEnabled(e.target.checked);
            }}
          />
          <span>
            <strong>Save the shift log when a shift ends</strong>{' '}
            <span className="sv-switch-state">{enabled ? 'On' : 'Off'}</span>
          </span>
        </label>
        <div className="sv-fields">
          <Field
            label="Folder"
            htmlFor={`${id}-folder`}
            hint={`Full path of an existing folder. Empty: ${view.station.exportFolder}`}
          >
            <input
              id={`${id}-folder`}
              type="text"
              value={folder}
              maxLength={1000}
              spellCheck={false}
              placeholder={view.station.exportFolder}
              onChange={(e) => setFolder(e.target.value)}
            />
          </Field>
          <Field label="File type" htmlFor={`${id}-format`}>
            <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as Format)}>
              <option value="csv">CSV (serials kept as text)</option>
              <option value="xlsx">Excel workbook (XLSX)</option>
            </select>
          </Field>
        </div>
      </fieldset>
      <dl className="sv-facts">
        <div>
          <dt>Last shift log</dt>
          <dd data-testid="shift-export-last">
            {last === null ? (
              <span className="muted">None written yet</span>
            ) : last.error ? (
              <span className="sv-warn-text">{last.error}</span>
            ) : (
              <>
                {formatWhen(last.at)}, {last.operator ?? 'unknown operator'}, {last.rows.toLocaleString()} row
                {last.rows === 1 ? '' : 's'}
                {last.file ? <span className="code sv-path"> {fileName(last.file)}</span> : null}
              </>
            )}
          </dd>
        </div>
      </dl>
      <SaveFooter
        failure={failure}
        failureTitle="The shift log setting was not saved"
        outcome={
          saved ? (
            <Notice tone="success" title="Shift log setting saved" testId="shift-export-saved">
              <p>
                {enabled
                  ? `From the next shift that ends, its log goes to ${view.station.shiftExport.effectiveFolder}.`
                  : 'Shift logs are no longer saved by themselves.'}
              </p>
            </Notice>
          ) : null
        }
        saving={saving}
        locked={disabled}
        noteId={noteId}
        label="Save shift log setting"
      />
    </form>
  );
}
