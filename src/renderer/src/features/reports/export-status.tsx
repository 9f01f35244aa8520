import { useEffect, useRef } from 'react';
import { useStation } from '../../api/station-context';
import { stationFileUrl } from '../../api/ws-client';
import { Notice } from '../../components/notice';
import { ProgressBar } from '../../components/progress-bar';
import { refusalText } from '../settings/supervisor-access';
import type { ExportControl } from './use-export';

function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Where an export stands: progress with Cancel, then the file (or why there is none). */
export function ExportStatusView({ control, testId }: { readonly control: ExportControl; readonly testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const step = control.run.step;
  // The status sits under the form; on a 768-pixel screen it would otherwise appear out of sight.
  useEffect(() => {
    box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [step]);
  return (
    <div ref={box} className="sv-export-status">
      <ExportStatusBody control={control} testId={testId} />
    </div>
  );
}

function ExportStatusBody({ control, testId }: { readonly control: ExportControl; readonly testId: string }) {
  const { transport } = useStation();
  const { run } = control;
  switch (run.step) {
    case 'idle':
      return null;
    case 'starting':
      return (
        <div data-testid={testId}>
          <ProgressBar label="Starting the export" done={0} total={0} />
        </div>
      );
    case 'refused':
      return (
        <div data-testid={testId}>
          <Notice tone="error" title="The export did not start">
            <p>{refusalText(run.error)}</p>
          </Notice>
        </div>
      );
    case 'running':
    case 'cancelling':
      return (
        <div className="sv-export-run" data-testid={testId}>
          <ProgressBar
            label={run.step === 'cancelling' ? `Cancelling ${run.fileName}` : `Exporting ${run.fileName}`}
            done={run.rows}
            total={run.total}
          />
          <button
            type="button"
            className="button"
            onClick={() => void control.cancel()}
            disabled={run.step === 'cancelling'}
            data-testid={`${testId}-cancel`}
          >
            {run.step === 'cancelling' ? 'Cancelling…' : 'Cancel export'}
          </button>
          {control.cancelProblem ? (
            <Notice tone="warning" title="Still exporting">
              <p>{control.cancelProblem}</p>
            </Notice>
          ) : null}
        </div>
      );
    case 'done': {
      const url = transport === 'browser' && run.downloadPath ? stationFileUrl(run.downloadPath, tabStorage()) : null;
      return (
        <div data-testid={testId}>
          <Notice tone="success" title={url ? 'The export is ready' : 'The export is saved'}>
            <p>{run.message}</p>
            {url ? (
              <p>
                <a className="button button-primary button-big" href={url} download={run.fileName} autoFocus>
                  Download {run.fileName}
                </a>
              </p>
            ) : transport === 'browser' ? (
              <p>This page cannot download it (it kept no station key); take the file from the export folder.</p>
            ) : null}
          </Notice>
        </div>
      );
    }
    case 'failed':
      return (
        <div data-testid={testId}>
          <Notice tone="error" title={`The export failed: ${run.fileName}`}>
            <p>{run.message}</p>
            <p>No file was left under that name. Fix the problem and export again.</p>
          </Notice>
        </div>
      );
    case 'cancelled':
      return (
        <div data-testid={testId}>
          <Notice tone="info" title="Export cancelled">
            <p>{run.message}</p>
          </Notice>
        </div>
      );
  }
}
