import { useEffect, useId, useReducer, useRef, type ChangeEvent } from 'react';
import {
  MAX_IMPORT_BYTES,
  type ImportKind,
  type ImportPreview,
  type RowError,
} from '../../../../shared/ipc/imports.contract';
import { useStation } from '../../api/station-context';
import { IconError, IconInfo, IconUpload } from '../../components/icons';
import { Notice } from '../../components/notice';
import { ProgressBar } from '../../components/progress-bar';
import type { ScreenId } from '../../navigation';
import { countOf, IMPORT_KINDS, importKindInfo, type ImportKindInfo } from './import-kinds';
import { canCommit, importTransition, initialImportState, type ImportProgress, type ImportState } from './import-state';

/** More rows than this are summarised: nobody fixes row 4,000 from the screen. */
export const MAX_SHOWN_ERRORS = 200;
const MAX_SAMPLE_COLUMNS = 10;

interface ImportScreenProps {
  readonly initialKind?: ImportKind;
  readonly onImported: () => void;
  readonly onOpenList: (screen: ScreenId) => void;
}

/** Import products, orders or purchase orders from CSV: preview every problem, then all or nothing. */
export function ImportScreen({ initialKind, onImported, onOpenList }: ImportScreenProps) {
  const { api } = useStation();
  const [state, dispatch] = useReducer(importTransition, initialKind, initialImportState);
  const info = importKindInfo(state.kind);
  // Each file choice gets a number; an answer for an older choice is dropped (and its staging discarded).
  const attempt = useRef(0);
  const staged = useRef<string | null>(null);

  useEffect(() => api.on('imports:progress', (progress) => dispatch({ type: 'progress', progress })), [api]);

  useEffect(() => {
    staged.current = state.step === 'preview' ? state.preview.importId : null;
  }, [state]);

  useEffect(
    () => () => {
      if (staged.current) void api.invoke('imports:discard', { importId: staged.current });
    },
    [api],
  );

  function discardStaged(): void {
    if (staged.current) void api.invoke('imports:discard', { importId: staged.current });
    staged.current = null;
  }

  function chooseKind(kind: ImportKind): void {
    if (kind === state.kind) return;
    attempt.current += 1;
    discardStaged();
    dispatch({ type: 'kind-chosen', kind });
  }

  async function checkFile(file: File): Promise<void> {
    const mine = ++attempt.current;
    discardStaged();
    if (file.size > MAX_IMPORT_BYTES) {
      const mb = (file.size / 1024 / 1024).toFixed(0);
      dispatch({
        type: 'file-refused',
        problem: `“${file.name}” is ${mb} MB; one import takes at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
      });
      return;
    }
    if (file.size === 0) {
      dispatch({
        type: 'file-refused',
        problem: `“${file.name}” is empty. Choose the CSV file with your ${info.records}.`,
      });
      return;
    }
    dispatch({ type: 'file-chosen', fileName: file.name });
    let content: string;
    try {
      content = await file.text();
    } catch {
      if (mine === attempt.current) {
        dispatch({
          type: 'file-refused',
          problem: `“${file.name}” could not be read. If it is open in another program or on a removed drive, close it or copy it here and try again.`,
        });
      }
      return;
    }
    const envelope = await api.invoke('imports:preview', { kind: state.kind, fileName: file.name, content });
    if (mine !== attempt.current) {
      if (envelope.ok) void api.invoke('imports:discard', { importId: envelope.value.importId });
      return;
    }
    if (envelope.ok) {
      staged.current = envelope.value.importId;
      dispatch({ type: 'previewed', preview: envelope.value });
    } else {
      dispatch({ type: 'file-refused', problem: envelope.error.message });
    }
  }

  async function commit(preview: ImportPreview): Promise<void> {
    dispatch({ type: 'commit-started' });
    staged.current = null;
    const envelope = await api.invoke('imports:commit', { importId: preview.importId });
    if (envelope.ok) {
      dispatch({ type: 'committed', result: envelope.value });
      onImported();
    } else {
      staged.current = preview.importId;
      dispatch({ type: 'commit-failed', error: envelope.error });
    }
  }

  function startOver(): void {
    attempt.current += 1;
    discardStaged();
    dispatch({ type: 'start-over' });
  }

  const busy = state.step === 'checking' || state.step === 'committing';

  return (
    <section className="screen import" data-testid="import-screen">
      <h1 tabIndex={-1}>Import</h1>
      {state.step === 'choose' ? (
        <p className="lead">
          Bring in products, orders or purchase orders from a CSV file. You see every problem before anything is saved,
          and a file is imported completely or not at all.
        </p>
      ) : null}

      <KindPicker selected={state.kind} disabled={busy} onChoose={chooseKind} />

      {state.step === 'choose' ? (
        <div className="import-step">
          <ColumnHelp info={info} />
          <div className="actions">
            <FileButton
              label={`Choose a CSV file of ${info.records}`}
              onFile={(file) => void checkFile(file)}
              primary
            />
          </div>
          {state.problem ? (
            <Notice tone="error" title="This file cannot be imported" testId="import-problem">
              <p>{state.problem}</p>
            </Notice>
          ) : null}
        </div>
      ) : null}

      {state.step === 'checking' ? (
        <ProgressBar
          label={`Checking “${state.fileName}” — ${phaseWords(state.progress)}`}
          {...progressNumbers(state.progress)}
        />
      ) : null}

      {state.step === 'preview' ? (
        <PreviewView
          state={state}
          info={info}
          onCommit={() => void commit(state.preview)}
          onFile={(file) => void checkFile(file)}
        />
      ) : null}

      {state.step === 'committing' ? (
        <ProgressBar
          label={`Importing ${countOf(info, state.preview.records)} — ${phaseWords(state.progress)}`}
          {...progressNumbers(state.progress)}
        />
      ) : null}

      {state.step === 'done' ? (
        <div className="import-step" data-testid="import-result">
          <Notice
            tone="success"
            title={`Imported ${countOf(info, state.preview.records)} from “${state.preview.fileName}”`}
          >
            <p>
              {state.result.counts.created.toLocaleString()} new, {state.result.counts.updated.toLocaleString()}{' '}
              updated, {state.result.counts.unchanged.toLocaleString()} unchanged,{' '}
              {state.result.counts.skipped.toLocaleString()} skipped.
            </p>
            {state.result.notes.length > 0 ? (
              <ul className="notes">
                {state.result.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            ) : null}
          </Notice>
          <div className="actions">
            <button
              type="button"
              className="button button-primary button-big"
              onClick={() => onOpenList(info.list)}
              autoFocus
            >
              Open the {info.listLabel} list
            </button>
            <button type="button" className="button button-big" onClick={startOver}>
              Import another file
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function KindPicker({
  selected,
  disabled,
  onChoose,
}: {
  readonly selected: ImportKind;
  readonly disabled: boolean;
  readonly onChoose: (kind: ImportKind) => void;
}) {
  return (
    <fieldset className="kind-picker" disabled={disabled}>
      <legend>What is in the file?</legend>
      <div className="kind-options">
        {IMPORT_KINDS.map((kind) => (
          <label key={kind.kind} className="kind-option">
            <input
              type="radio"
              name="import-kind"
              value={kind.kind}
              checked={selected === kind.kind}
              onChange={() => onChoose(kind.kind)}
            />
            <span>{kind.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function ColumnHelp({ info }: { readonly info: ImportKindInfo }) {
  return (
    <div className="column-help" data-testid="column-help">
      <p>
        <strong>{info.label} file:</strong> {info.layout} A header row names the columns (any order, any capitals);
        other columns are ignored.
      </p>
      <ul className="column-list">
        {info.columns.map((column) => (
          <li key={column.name}>
            <code>{column.name}</code>
            {column.optional ? <span className="muted"> (optional)</span> : null}
            {column.note ? <span className="muted"> — {column.note}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A file input dressed as a big button; the input stays focusable so Enter opens the picker. */
function FileButton({
  label,
  onFile,
  primary = false,
}: {
  readonly label: string;
  readonly onFile: (file: File) => void;
  readonly primary?: boolean;
}) {
  function changed(event: ChangeEvent<HTMLInputElement>): void {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same (fixed) file again still fires a change.
    event.target.value = '';
    if (file) onFile(file);
  }
  return (
    <label className={`button button-big file-button ${primary ? 'button-primary' : ''}`}>
      <input
        type="file"
        accept=".csv,text/csv"
        className="visually-hidden"
        onChange={changed}
        data-testid="import-file"
      />
      <IconUpload />
      <span>{label}</span>
    </label>
  );
}

function PreviewView({
  state,
  info,
  onCommit,
  onFile,
}: {
  readonly state: Extract<ImportState, { step: 'preview' }>;
  readonly info: ImportKindInfo;
  readonly onCommit: () => void;
  readonly onFile: (file: File) => void;
}) {
  const { preview, commitError } = state;
  const whyId = useId();
  const allowed = canCommit(preview);
  const problems = preview.errors.length;
  // With problems listed, they come first: the counts matter only once the file is clean.
  const counts = (
    <dl className="counts">
      <div>
        <dt>New</dt>
        <dd data-testid="count-created">{preview.counts.created.toLocaleString()}</dd>
      </div>
      <div>
        <dt>Updated</dt>
        <dd data-testid="count-updated">{preview.counts.updated.toLocaleString()}</dd>
      </div>
      <div>
        <dt>Unchanged</dt>
        <dd data-testid="count-unchanged">{preview.counts.unchanged.toLocaleString()}</dd>
      </div>
      <div>
        <dt>Skipped</dt>
        <dd data-testid="count-skipped">{preview.counts.skipped.toLocaleString()}</dd>
      </div>
    </dl>
  );
  return (
    <div className="import-step" data-testid="import-preview">
      <h2>
        “{preview.fileName}”: {countOf(info, preview.records)} in {preview.rows.toLocaleString()}{' '}
        {preview.rows === 1 ? 'row' : 'rows'}
      </h2>
      {problems === 0 ? counts : null}

      <div className="actions">
        <button
          type="button"
          className="button button-primary button-big"
          disabled={!allowed}
          aria-describedby={allowed ? undefined : whyId}
          onClick={onCommit}
          data-testid="import-commit"
        >
          Import {countOf(info, preview.records)}
        </button>
        <FileButton label="Choose another file" onFile={onFile} />
      </div>
      {!allowed ? (
        <p id={whyId} className="why-disabled" data-testid="import-blocked">
          <IconError />
          <span>
            {problems > 0
              ? `Nothing can be imported until ${problems === 1 ? 'this problem is' : 'these problems are'} fixed: the whole file goes in or none of it does. Correct the file, save it as CSV and choose it again.`
              : `The file holds no ${info.records} to import.`}
          </span>
        </p>
      ) : null}

      {commitError ? (
        <Notice tone="error" title="The import did not go through; nothing was saved">
          <p>{commitError.message}</p>
        </Notice>
      ) : null}

      {problems > 0 ? (
        <>
          <RowErrors errors={preview.errors} truncated={preview.errorsTruncated} />
          {counts}
        </>
      ) : null}

      {preview.notes.length > 0 ? (
        <div className="notes-block">
          <h3>
            <IconInfo /> Notes
          </h3>
          <ul className="notes">
            {preview.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {preview.sample.length > 0 ? <SampleRows sample={preview.sample} /> : null}
    </div>
  );
}

function RowErrors({ errors, truncated }: { readonly errors: readonly RowError[]; readonly truncated: boolean }) {
  const shown = errors.slice(0, MAX_SHOWN_ERRORS);
  const hidden = errors.length - shown.length;
  return (
    <div className="row-errors" data-testid="import-errors">
      <h3 className="row-errors-title">
        <IconError />
        {errors.length.toLocaleString()}
        {truncated ? ' or more' : ''} {errors.length === 1 ? 'problem' : 'problems'} in this file
      </h3>
      <div className="table-wrap">
        <table className="table table-errors">
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((error, index) => (
              <tr key={`${error.row}-${error.column ?? ''}-${index}`}>
                <td className="num">{error.row.toLocaleString()}</td>
                <td>{error.column ? <code>{error.column}</code> : <span className="muted">whole row</span>}</td>
                <td>{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hidden > 0 || truncated ? (
        <p className="muted" data-testid="import-errors-more">
          {hidden > 0 ? `And ${hidden.toLocaleString()} more not shown here. ` : ''}
          {truncated ? 'The station stopped counting after the first problems; there may be more.' : ''}
        </p>
      ) : null}
    </div>
  );
}

function SampleRows({ sample }: { readonly sample: readonly Readonly<Record<string, string>>[] }) {
  const columns = [...new Set(sample.flatMap((row) => Object.keys(row)))].slice(0, MAX_SAMPLE_COLUMNS);
  return (
    <div className="sample">
      <h3>A sample of what the file holds</h3>
      <div className="table-wrap">
        <table className="table table-compact" data-testid="import-sample">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sample.map((row, index) => (
              <tr key={index}>
                {columns.map((column) => (
                  <td key={column}>{row[column] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const PHASE_WORDS: Readonly<Record<ImportProgress['phase'], string>> = {
  parse: 'reading rows',
  validate: 'checking rows',
  write: 'saving',
};

function phaseWords(progress: ImportProgress | null): string {
  return progress ? PHASE_WORDS[progress.phase] : 'starting';
}

function progressNumbers(progress: ImportProgress | null): { done: number; total: number } {
  return { done: progress?.done ?? 0, total: progress?.total ?? 0 };
}
