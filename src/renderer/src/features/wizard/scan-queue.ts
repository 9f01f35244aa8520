import { useCallback, useRef, type RefObject } from 'react';
import type { EntrySource } from '../../scan/scan-buffer';
import type { WizardMode } from './wizard-keys';

/** One thing a scan asks of the session: add what was scanned, or take a serial out. */
export type ScanJob =
  | { readonly kind: 'scan'; readonly raw: string; readonly source: EntrySource }
  | { readonly kind: 'remove'; readonly serial: string };

interface ScanQueue {
  readonly enqueue: (job: ScanJob) => void;
  /** Settles once every queued scan has been answered. */
  readonly drained: RefObject<Promise<void>>;
}

/**
 * Scans are queued and sent one at a time, in order, so a fast scanner never loses one and
 * each verdict answers the scan before it.
 */
export function useScanQueue(run: (job: ScanJob) => Promise<void>): ScanQueue {
  const jobs = useRef<ScanJob[]>([]);
  const pumping = useRef(false);
  const drained = useRef<Promise<void>>(Promise.resolve());

  const enqueue = useCallback(
    (job: ScanJob) => {
      jobs.current.push(job);
      if (pumping.current) return;
      pumping.current = true;
      drained.current = (async () => {
        try {
          for (let next = jobs.current.shift(); next; next = jobs.current.shift()) await run(next);
        } finally {
          pumping.current = false;
        }
      })();
    },
    [run],
  );
  return { enqueue, drained };
}

/**
 * What the scan field does with a scan. The mode is read when the scan arrives, not when it
 * is sent, so a queued scan keeps its meaning; one scan in remove mode removes one serial,
 * and `onRemoved` puts the wizard back to ordinary scanning.
 */
export function useScanInput(
  mode: WizardMode,
  enqueue: (job: ScanJob) => void,
  onRemoved: () => void,
): (raw: string, source: EntrySource) => void {
  return useCallback(
    (raw: string, source: EntrySource) => {
      if (mode === 'remove') {
        onRemoved();
        enqueue({ kind: 'remove', serial: raw.trim() });
      } else {
        enqueue({ kind: 'scan', raw, source });
      }
    },
    [mode, enqueue, onRemoved],
  );
}
