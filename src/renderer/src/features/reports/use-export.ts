import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { ExportRequest, ExportStatus } from '../../../../shared/ipc/exports.contract';
import { useStation } from '../../api/station-context';
import { ask } from '../settings/supervisor-access';

export type ExportFormat = 'csv' | 'xlsx';

/**
 * This screen's IANA time zone, sent with dated exports: the station works out each day's
 * midnights and the offsets written into the file from it, across DST changes (one offset
 * could not), even when the screen is a browser in another zone than the station. Undefined
 * where the browser cannot name it; the station then uses its own zone.
 */
export function screenTimeZone(): string | undefined {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone ? zone : undefined;
}

/** One export as the screen shows it, from pressing the button to the file (or the reason). */
export type ExportRun =
  | { readonly step: 'idle' }
  | { readonly step: 'starting' }
  | { readonly step: 'refused'; readonly error: ErrorInfo }
  | {
      readonly step: 'running' | 'cancelling';
      readonly exportId: string;
      readonly fileName: string;
      readonly rows: number;
      readonly total: number;
    }
  | { readonly step: 'done'; readonly fileName: string; readonly message: string; readonly downloadPath: string | null }
  | { readonly step: 'failed'; readonly fileName: string; readonly message: string }
  | { readonly step: 'cancelled'; readonly fileName: string; readonly message: string };

export interface ExportControl {
  readonly run: ExportRun;
  readonly busy: boolean;
  /** Cancel was refused (the export carries on); null otherwise. */
  readonly cancelProblem: string | null;
  start(request: ExportRequest, format: ExportFormat): Promise<void>;
  cancel(): Promise<void>;
}

function fromStatus(status: ExportStatus, cancelling: boolean): ExportRun {
  switch (status.state) {
    case 'running':
      return {
        step: cancelling ? 'cancelling' : 'running',
        exportId: status.exportId,
        fileName: status.fileName,
        rows: status.rows,
        total: status.total,
      };
    case 'done':
      return { step: 'done', fileName: status.fileName, message: status.message, downloadPath: status.downloadPath };
    case 'failed':
      return { step: 'failed', fileName: status.fileName, message: status.message };
    case 'cancelled':
      return { step: 'cancelled', fileName: status.fileName, message: status.message };
  }
}

/**
 * Starts one export at a time and follows it through the station's progress events. Events
 * for other exports (another form, another window) are ignored.
 */
export function useExport(onRefused?: (error: ErrorInfo) => void): ExportControl {
  const { api } = useStation();
  const [run, setRun] = useState<ExportRun>({ step: 'idle' });
  const [cancelProblem, setCancelProblem] = useState<string | null>(null);
  const current = useRef<string | null>(null);
  const cancelling = useRef(false);
  // A quick export can report before its start call has answered: keep what arrives early.
  const early = useRef(new Map<string, ExportStatus>());

  useEffect(
    () =>
      api.on('exports:progress', (status) => {
        if (current.current === null) {
          early.current.set(status.exportId, status);
          return;
        }
        if (status.exportId !== current.current) return;
        setRun(fromStatus(status, cancelling.current));
      }),
    [api],
  );

  const start = useCallback(
    async (request: ExportRequest, format: ExportFormat) => {
      current.current = null;
      cancelling.current = false;
      early.current.clear();
      setCancelProblem(null);
      setRun({ step: 'starting' });
      const envelope = await ask(api, 'exports:start', { request, format });
      if (!envelope.ok) {
        setRun({ step: 'refused', error: envelope.error });
        onRefused?.(envelope.error);
        return;
      }
      const { exportId, fileName } = envelope.value;
      current.current = exportId;
      const arrived = early.current.get(exportId);
      early.current.clear();
      setRun(arrived ? fromStatus(arrived, false) : { step: 'running', exportId, fileName, rows: 0, total: 0 });
    },
    [api, onRefused],
  );

  const cancel = useCallback(async () => {
    const exportId = current.current;
    if (!exportId || run.step !== 'running') return;
    cancelling.current = true;
    setCancelProblem(null);
    setRun({ ...run, step: 'cancelling' });
    const envelope = await ask(api, 'exports:cancel', { exportId });
    // Not cancelled means it had just finished: its own event says how.
    if (!envelope.ok) {
      cancelling.current = false;
      setCancelProblem(`The export could not be cancelled: ${envelope.error.message}`);
      setRun((now) => (now.step === 'cancelling' ? { ...now, step: 'running' } : now));
    }
  }, [api, run]);

  const busy = run.step === 'starting' || run.step === 'running' || run.step === 'cancelling';
  return { run, busy, cancelProblem, start, cancel };
}
