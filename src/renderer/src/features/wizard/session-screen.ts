import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { Envelope, ErrorInfo } from '../../../../shared/errors';
import { playAttention, playReject } from '../../audio/feedback';
import type { EntrySource } from '../../scan/scan-buffer';
import { rememberSession } from './remembered-session';
import { useScanInput, useScanQueue, type ScanJob } from './scan-queue';
import type { WizardMode } from './wizard-keys';

/** What the handlers every scanning wizard shares tell the screen's reducer. */
export type SessionScreenEvent =
  | { readonly type: 'pick' }
  | { readonly type: 'mode'; readonly mode: WizardMode }
  | { readonly type: 'paste-report-dismissed' }
  | { readonly type: 'resumed-dismissed' };

interface SessionScreenOptions {
  /** The open session, or null on any other step. */
  readonly sessionId: number | null;
  readonly mode: WizardMode;
  /** Where this tab remembers its session (see remembered-session). */
  readonly storageKey: string;
  readonly dispatch: (event: SessionScreenEvent) => void;
  /** Sends one queued scan or removal to the open session and shows the answer. */
  readonly run: (sessionId: number, job: ScanJob) => Promise<void>;
}

/** How closing or confirming a session is shown, step by step. */
interface FinishAnswers<T> {
  readonly requested: () => void;
  readonly done: (value: T) => void;
  readonly failed: (error: ErrorInfo) => void;
}

/** The wizard's handlers that are the same on every scanning screen. */
interface SessionWizardHandlers {
  readonly onScan: (raw: string, source: EntrySource) => void;
  readonly onRemove: (serial: string) => void;
  readonly onMode: (mode: WizardMode) => void;
  readonly onDismissPasteReport: () => void;
  readonly onDismissResumed: () => void;
  readonly onLeave: () => void;
}

interface SessionScreen {
  /** The open session's id when a callback runs, not when it was made. */
  readonly sessionRef: RefObject<number | null>;
  /** Settles once every queued scan has been answered. */
  readonly drained: RefObject<Promise<void>>;
  /** Closes or confirms the open session once the scans on their way are in. */
  readonly finish: <T>(
    request: (sessionId: number) => Promise<Envelope<T>>,
    answers: FinishAnswers<T>,
  ) => Promise<void>;
  readonly wizard: SessionWizardHandlers;
}

/**
 * What a scanning screen (Receive, Transfers) does around its open session: queue the scans,
 * switch modes, leave the session open for later, and finish it.
 */
export function useSessionScreen({ sessionId, mode, storageKey, dispatch, run }: SessionScreenOptions): SessionScreen {
  const sessionRef = useRef<number | null>(null);

  useEffect(() => {
    sessionRef.current = sessionId;
  }, [sessionId]);

  const runOpen = useCallback(
    async (job: ScanJob) => {
      const id = sessionRef.current;
      if (id === null) return;
      await run(id, job);
    },
    [run],
  );

  const { enqueue, drained } = useScanQueue(runOpen);
  // One scan removes one serial; the next is an ordinary scan again.
  const backToScan = useCallback(() => dispatch({ type: 'mode', mode: 'scan' }), [dispatch]);
  const onScan = useScanInput(mode, enqueue, backToScan);
  const onRemove = useCallback((serial: string) => enqueue({ kind: 'remove', serial }), [enqueue]);
  const onMode = useCallback((next: WizardMode) => dispatch({ type: 'mode', mode: next }), [dispatch]);
  const onDismissPasteReport = useCallback(() => dispatch({ type: 'paste-report-dismissed' }), [dispatch]);
  const onDismissResumed = useCallback(() => dispatch({ type: 'resumed-dismissed' }), [dispatch]);

  const onLeave = useCallback(() => {
    // The session stays open on the station: it is listed on the first step to pick up again.
    rememberSession(storageKey, null);
    dispatch({ type: 'pick' });
  }, [storageKey, dispatch]);

  const finish = useCallback(
    async <T>(request: (sessionId: number) => Promise<Envelope<T>>, answers: FinishAnswers<T>) => {
      const id = sessionRef.current;
      if (id === null) return;
      answers.requested();
      // Scans still on their way belong in this session: finish after them.
      await drained.current;
      const envelope = await request(id);
      if (envelope.ok) {
        rememberSession(storageKey, null);
        playAttention();
        answers.done(envelope.value);
      } else {
        playReject();
        answers.failed(envelope.error);
      }
    },
    [drained, storageKey],
  );

  return {
    sessionRef,
    drained,
    finish,
    wizard: { onScan, onRemove, onMode, onDismissPasteReport, onDismissResumed, onLeave },
  };
}
