import type { ExportRequest } from '../../../../shared/ipc/exports.contract';
import { useStation } from '../../api/station-context';
import { stationFileUrl } from '../../api/ws-client';
import { IconCheck, IconError, IconLock } from '../../components/icons';
import { ProgressBar } from '../../components/progress-bar';
import { screenTimeZone, useExport } from '../reports/use-export';

/** The exports this button starts: lists whose times are written on this screen's clock. */
type ListExportRequest = Exclude<ExportRequest, { kind: 'products' }>;

/** The request with this screen's time zone, when the browser can name it. */
function onScreenClock(request: ListExportRequest): ListExportRequest {
  const timeZone = screenTimeZone();
  return timeZone ? { ...request, timeZone } : request;
}

function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Exports what the list shows as CSV. The station writes the file (it may hold millions of
 * rows) and reports progress as it goes; a browser station then offers it for download.
 * Times in the file are on this screen's clock.
 */
export function ExportCsvButton({
  request,
  what,
  canExport,
  disabledReason,
  testId,
}: {
  readonly request: ListExportRequest;
  /** "shipped serials", for the progress line. */
  readonly what: string;
  readonly canExport: boolean;
  readonly disabledReason: string;
  readonly testId: string;
}) {
  const { transport } = useStation();
  const control = useExport();
  const { run } = control;
  const reasonId = `${testId}-why`;
  const downloadUrl =
    run.step === 'done' && transport === 'browser' && run.downloadPath
      ? stationFileUrl(run.downloadPath, tabStorage())
      : null;
  return (
    <div className="export" data-testid={testId}>
      <div className="export-actions">
        {run.step === 'running' || run.step === 'cancelling' ? (
          <button
            type="button"
            className="button button-quiet"
            disabled={run.step === 'cancelling'}
            onClick={() => void control.cancel()}
          >
            {run.step === 'cancelling' ? 'Cancelling…' : 'Cancel export'}
          </button>
        ) : null}
        {!canExport ? (
          <span className="why-disabled why-disabled-quiet" id={reasonId}>
            <IconLock />
            {disabledReason}
          </span>
        ) : null}
        <button
          type="button"
          className="button"
          disabled={!canExport || control.busy}
          aria-describedby={canExport ? undefined : reasonId}
          onClick={() => void control.start(onScreenClock(request), 'csv')}
        >
          Export CSV
        </button>
      </div>
      {run.step === 'running' || run.step === 'cancelling' ? (
        <ProgressBar label={`Exporting ${what} to ${run.fileName}`} done={run.rows} total={run.total} />
      ) : null}
      {run.step === 'done' ? (
        <p className="export-message export-done" role="status" data-testid="export-done">
          <IconCheck />
          <span>{run.message}</span>
          {downloadUrl ? (
            <a className="button button-primary" href={downloadUrl} download={run.fileName}>
              Download {run.fileName}
            </a>
          ) : null}
        </p>
      ) : null}
      {run.step === 'refused' || run.step === 'failed' ? (
        <p className="export-message export-failed" role="alert">
          <IconError />
          {run.step === 'refused' ? `The export did not start: ${run.error.message}` : run.message}
        </p>
      ) : null}
      {run.step === 'cancelled' ? (
        <p className="export-message" role="status">
          {run.message}
        </p>
      ) : null}
    </div>
  );
}
