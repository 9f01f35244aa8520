import { useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { ExportRequest, ExportStatus } from '../../../../shared/ipc/exports.contract';
import { useStation } from '../../api/station-context';
import { IconCheck, IconError, IconLock } from '../../components/icons';
import { ProgressBar } from '../../components/progress-bar';

type Job =
  | { readonly state: 'idle' }
  | { readonly state: 'starting' }
  | { readonly state: 'failed-to-start'; readonly error: ErrorInfo }
  | { readonly state: 'tracking'; readonly status: ExportStatus };

/**
 * Exports what the list shows as CSV. The file is written by the station (it may hold
 * millions of rows), with progress reported as it goes; a browser station offers the
 * finished file for download.
 */
export function ExportCsvButton({
  request,
  what,
  canExport,
  disabledReason,
  testId,
}: {
  readonly request: ExportRequest;
  /** "shipped serials", for the button and the messages. */
  readonly what: string;
  readonly canExport: boolean;
  readonly disabledReason: string;
  readonly testId: string;
}) {
  const { api } = useStation();
  const [job, setJob] = useState<Job>({ state: 'idle' });
  const awaited = useRef<string | null>(null);
  // Progress may arrive before the start call answers; the latest word per export waits here.
  const early = useRef(new Map<string, ExportStatus>());

  useEffect(
    () =>
      api.on('exports:progress', (status) => {
        if (awaited.current === status.exportId) setJob({ state: 'tracking', status });
        else early.current.set(status.exportId, status);
      }),
    [api],
  );

  async function start(): Promise<void> {
    setJob({ state: 'starting' });
    const envelope = await api.invoke('exports:start', { request, format: 'csv' });
    if (!envelope.ok) {
      setJob({ state: 'failed-to-start', error: envelope.error });
      return;
    }
    const { exportId, fileName } = envelope.value;
    awaited.current = exportId;
    const seen = early.current.get(exportId);
    early.current.clear();
    setJob({
      state: 'tracking',
      status: seen ?? {
        exportId,
        fileName,
        state: 'running',
        rows: 0,
        total: 0,
        message: 'Starting the export…',
        downloadPath: null,
      },
    });
  }

  async function cancel(exportId: string): Promise<void> {
    await api.invoke('exports:cancel', { exportId });
  }

  const running = job.state === 'starting' || (job.state === 'tracking' && job.status.state === 'running');
  const reasonId = `${testId}-why`;
  return (
    <div className="export" data-testid={testId}>
      <div className="export-actions">
        <button
          type="button"
          className="button"
          disabled={!canExport || running}
          aria-describedby={canExport ? undefined : reasonId}
          onClick={() => void start()}
        >
          Export CSV
        </button>
        {!canExport ? (
          <span className="why-disabled why-disabled-quiet" id={reasonId}>
            <IconLock />
            {disabledReason}
          </span>
        ) : null}
        {job.state === 'tracking' && job.status.state === 'running' ? (
          <button type="button" className="button button-quiet" onClick={() => void cancel(job.status.exportId)}>
            Cancel export
          </button>
        ) : null}
      </div>
      {job.state === 'failed-to-start' ? (
        <p className="export-message export-failed" role="alert">
          <IconError />
          The export did not start: {job.error.message}
        </p>
      ) : null}
      {job.state === 'tracking' ? <ExportProgress status={job.status} what={what} /> : null}
    </div>
  );
}

function ExportProgress({ status, what }: { readonly status: ExportStatus; readonly what: string }) {
  switch (status.state) {
    case 'running':
      return <ProgressBar label={`Exporting ${what} to ${status.fileName}`} done={status.rows} total={status.total} />;
    case 'done':
      return (
        <p className="export-message export-done" role="status" data-testid="export-done">
          <IconCheck />
          <span>
            Exported {status.rows.toLocaleString()} rows to <span className="code">{status.fileName}</span>.{' '}
            {status.downloadPath ? (
              <a className="button" href={status.downloadPath} download={status.fileName}>
                Download {status.fileName}
              </a>
            ) : (
              'It is in the station’s export folder.'
            )}
          </span>
        </p>
      );
    case 'failed':
      return (
        <p className="export-message export-failed" role="alert">
          <IconError />
          The export failed: {status.message}
        </p>
      );
    case 'cancelled':
      return (
        <p className="export-message" role="status">
          Export cancelled; its partial file was removed.
        </p>
      );
  }
}
