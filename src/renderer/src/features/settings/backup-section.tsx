import { useId, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { SettingsView } from '../../../../shared/ipc/admin.contract';
import { useStation } from '../../api/station-context';
import { Notice } from '../../components/notice';
import { Field } from '../reports/export-forms';
import { parseWhole } from '../products/serial-fields';
import { SaveFooter } from './save-footer';
import { ask, isRefusal, refusalText, SupervisorOnlyNote, type SupervisorAccessState } from './supervisor-access';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

/** The backup schedule, a backup on demand, and how to restore one. */
export function BackupSection({
  view,
  supervisor,
  onSaved,
  onBackedUp,
}: {
  readonly view: SettingsView;
  readonly supervisor: SupervisorAccessState;
  readonly onSaved: (view: SettingsView) => void;
  /** A backup was taken: the view's "last backup" needs reloading. */
  readonly onBackedUp: () => void;
}) {
  const { api } = useStation();
  const id = useId();
  const noteId = `${id}-locked`;
  const backup = view.backup;
  const [everyHours, setEveryHours] = useState(String(backup.everyHours));
  const [keep, setKeep] = useState(String(backup.keep));
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const [running, setRunning] = useState(false);
  const [taken, setTaken] = useState<{ file: string; bytes: number; removed: number } | null>(null);
  const [backupFailure, setBackupFailure] = useState<ErrorInfo | null>(null);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setFailure(null);
    setSaved(false);
    const hours = parseWhole(everyHours, 'number of hours between backups', 0, 168, false);
    if ('error' in hours) return setProblem(hours.error);
    const count = parseWhole(keep, 'number of backups to keep', 1, 365, false);
    if ('error' in count) return setProblem(count.error);
    setProblem(null);
    setSaving(true);
    const envelope = await ask(api, 'settings:update-backup', { everyHours: hours.value!, keep: count.value! });
    setSaving(false);
    if (!envelope.ok) {
      if (isRefusal(envelope.error)) supervisor.recheck();
      setFailure(envelope.error);
      return;
    }
    setSaved(true);
    onSaved(envelope.value);
  }

  async function backUpNow(): Promise<void> {
    setRunning(true);
    setTaken(null);
    setBackupFailure(null);
    const envelope = await ask(api, 'backup:run-now', {});
    setRunning(false);
    if (!envelope.ok) {
      if (isRefusal(envelope.error)) supervisor.recheck();
      setBackupFailure(envelope.error);
      return;
    }
    setTaken(envelope.value);
    onBackedUp();
  }

  const disabled = !supervisor.allowed;
  return (
    <section className="sv-card" aria-labelledby={`${id}-title`} data-testid="backups">
      <h2 id={`${id}-title`}>Backups</h2>
      <SupervisorOnlyNote access={supervisor.access} what="take backups or change their schedule" id={noteId} />
      <dl className="sv-facts">
        <div>
          <dt>Last backup</dt>
          <dd data-testid="last-backup">
            {backup.lastBackupAt ? (
              <>
                {formatWhen(backup.lastBackupAt)}
                {backup.lastBackupFile ? <span className="code sv-path"> {backup.lastBackupFile}</span> : null}
              </>
            ) : (
              <strong className="sv-warn-text">Never</strong>
            )}
          </dd>
        </div>
        <div>
          <dt>Kept</dt>
          <dd>{backup.backups.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Folder</dt>
          <dd className="code sv-path">{backup.folder}</dd>
        </div>
      </dl>

      <div className="actions">
        <button
          type="button"
          className="button button-primary button-big"
          onClick={() => void backUpNow()}
          disabled={running || disabled}
          aria-describedby={disabled ? noteId : undefined}
          data-testid="backup-now"
        >
          {running ? 'Backing up…' : 'Back up now'}
        </button>
        <span className="muted">The station keeps working while it copies.</span>
      </div>
      {taken ? (
        <Notice tone="success" title="Backup taken" testId="backup-taken">
          <p>
            <span className="code">{taken.file}</span>, {formatBytes(taken.bytes)}.
            {taken.removed > 0
              ? ` ${taken.removed} older backup${taken.removed === 1 ? ' was' : 's were'} removed to keep ${backup.keep}.`
              : null}
          </p>
        </Notice>
      ) : null}
      {backupFailure ? (
        <Notice tone="error" title="No backup was taken">
          <p>{refusalText(backupFailure)}</p>
        </Notice>
      ) : null}

      <form noValidate onSubmit={(e) => void save(e)} className="sv-subform">
        <h3>Schedule</h3>
        <fieldset className="sv-plain" disabled={disabled}>
          <div className="sv-fields">
            <Field label="Back up every (hours)" htmlFor={`${id}-every`} hint="0 turns scheduled backups off">
              <input
                id={`${id}-every`}
                type="number"
                min={0}
                max={168}
                value={everyHours}
                onChange={(e) => setEveryHours(e.target.value)}
              />
            </Field>
            <Field label="Keep the newest" htmlFor={`${id}-keep`} hint="Older backups are removed">
              <input
                id={`${id}-keep`}
                type="number"
                min={1}
                max={365}
                value={keep}
                onChange={(e) => setKeep(e.target.value)}
              />
            </Field>
          </div>
        </fieldset>
        <SaveFooter
          problem={problem}
          failure={failure}
          failureTitle="The schedule was not saved"
          outcome={saved ? <Notice tone="success" title="Backup schedule saved" /> : null}
          saving={saving}
          locked={disabled}
          noteId={noteId}
          label="Save schedule"
          buttonClassName="button"
        />
      </form>

      <div className="sv-note" data-testid="restore-guidance">
        <h3>Restoring a backup</h3>
        <ol>
          <li>Stop the station (close Packbench on this computer).</li>
          <li>
            In the data folder, copy the chosen backup from <span className="code">backups</span> over{' '}
            <span className="code">packbench.db</span>. Keep the old <span className="code">packbench.db</span> aside
            until you are sure.
          </li>
          <li>Start the station again.</li>
        </ol>
        <p>
          The station checks the file when it starts and refuses a damaged or foreign one, so a bad copy cannot silently
          replace your data: it says what is wrong and starts nothing.
        </p>
      </div>
    </section>
  );
}
