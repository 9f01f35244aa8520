import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { Envelope } from '../../../../shared/errors';
import type { Channel, Input, Output } from '../../../../shared/ipc';
import type { PlaceView, TransferVerdict } from '../../../../shared/ipc/transfers.contract';
import { useStation } from '../../api/station-context';
import { playAccept, playAttention, playReject } from '../../audio/feedback';
import { Notice } from '../../components/notice';
import type { EntrySource } from '../../scan/scan-buffer';
import { useAuth } from '../auth/auth-context';
import { FirstSupervisorScreen } from '../auth/first-supervisor-screen';
import { SignInScreen } from '../auth/sign-in-screen';
import { PlacePicker } from './place-picker';
import { initialTransferState, transferReducer, type PasteRow } from './transfer-state';
import { TransferSummary } from './transfer-summary';
import { TransferWizard } from './transfer-wizard';

const PURPOSE =
  'Transfers need someone signed in: every scan and every move is recorded against the person who made it.';

/** This tab's transfer, so leaving the screen and coming back picks it up again. */
const SESSION_KEY = 'packbench.transfer.session';

function rememberSession(sessionId: number | null): void {
  try {
    if (sessionId === null) sessionStorage.removeItem(SESSION_KEY);
    else sessionStorage.setItem(SESSION_KEY, String(sessionId));
  } catch {
    // Without storage the transfer is still listed under "not finished" on the first step.
  }
}

function rememberedSession(): number | null {
  try {
    const value = Number(sessionStorage.getItem(SESSION_KEY));
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

function toPlace(place: PlaceView): { warehouse: string; location?: string } {
  return place.location ? { warehouse: place.warehouse, location: place.location } : { warehouse: place.warehouse };
}

type Job =
  | { readonly kind: 'scan'; readonly raw: string; readonly source: EntrySource }
  | { readonly kind: 'remove'; readonly serial: string };

function soundFor(verdict: TransferVerdict): void {
  if (verdict.ok) playAccept();
  else playReject();
}

/**
 * Transfers: move in-stock units between warehouses and locations by scanning their serials.
 * Like receiving, every action is recorded against the operator, so the screen asks for one.
 */
export function TransfersScreen() {
  const auth = useAuth();
  if (!auth.status) {
    return auth.error ? (
      <Notice tone="error" title="Could not check who is signed in">
        <p>{auth.error.message}</p>
        <button type="button" className="button" onClick={() => void auth.refresh()}>
          Try again
        </button>
      </Notice>
    ) : (
      <p className="loading">Checking who is signed in…</p>
    );
  }
  if (!auth.status.operator) {
    return auth.status.needsFirstSupervisor ? (
      <FirstSupervisorScreen purpose={PURPOSE} />
    ) : (
      <SignInScreen purpose={PURPOSE} />
    );
  }
  return <TransferDesk />;
}

/**
 * Pick the source and destination, scan units with a verdict and a sound for each, take one
 * out, paste a list, and confirm to move them all at once. Scans are queued and sent one at a
 * time, so a fast scanner never loses one.
 */
function TransferDesk() {
  const { api } = useStation();
  const { signedOutByStation } = useAuth();
  const [state, dispatch] = useReducer(transferReducer, initialTransferState);
  const { step } = state;
  const sessionId = step.kind === 'session' ? step.view.sessionId : null;
  const sessionRef = useRef<number | null>(null);
  const jobs = useRef<Job[]>([]);
  const pumping = useRef(false);
  /** Settles once every queued scan has been answered. */
  const drained = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    sessionRef.current = sessionId;
  }, [sessionId]);

  const call = useCallback(
    async <C extends Channel>(channel: C, input: Input<C>): Promise<Envelope<Output<C>>> => {
      const envelope = await api.invoke(channel, input);
      if (!envelope.ok && envelope.error.code === 'UNAUTHORIZED') signedOutByStation();
      return envelope;
    },
    [api, signedOutByStation],
  );

  const resume = useCallback(
    async (id: number, quiet: boolean) => {
      const envelope = await call('transfers:get-session', { sessionId: id });
      if (envelope.ok && (envelope.value.status === 'active' || envelope.value.status === 'parked')) {
        rememberSession(id);
        dispatch({ type: 'session-opened', view: envelope.value, resumed: true });
        return;
      }
      rememberSession(null);
      if (quiet) {
        dispatch({ type: 'pick' });
      } else {
        playReject();
        dispatch({
          type: 'start-failed',
          error: envelope.ok
            ? { code: 'CONFLICT', message: 'That transfer was confirmed at another station. Start a new one.' }
            : envelope.error,
        });
      }
    },
    [call],
  );

  // Coming back to the screen: the transfer this tab was working on opens again, saying so.
  useEffect(() => {
    const remembered = rememberedSession();
    if (remembered === null) dispatch({ type: 'pick' });
    else void resume(remembered, true);
  }, [resume]);

  const start = useCallback(
    async (from: PlaceView, to: PlaceView) => {
      dispatch({ type: 'start-requested' });
      const envelope = await call('transfers:start', { from: toPlace(from), to: toPlace(to) });
      if (envelope.ok) {
        rememberSession(envelope.value.sessionId);
        playAccept();
        dispatch({ type: 'session-opened', view: envelope.value, resumed: envelope.value.resumed });
      } else {
        playReject();
        dispatch({ type: 'start-failed', error: envelope.error });
      }
    },
    [call],
  );

  const run = useCallback(
    async (job: Job) => {
      const id = sessionRef.current;
      if (id === null) return;
      const envelope =
        job.kind === 'scan'
          ? await call('transfers:scan', { sessionId: id, raw: job.raw, source: job.source })
          : await call('transfers:remove', { sessionId: id, serial: job.serial });
      if (envelope.ok) {
        soundFor(envelope.value);
        dispatch(
          job.kind === 'scan'
            ? { type: 'scanned', verdict: envelope.value, raw: job.raw }
            : { type: 'removed', verdict: envelope.value },
        );
      } else {
        playReject();
        dispatch({ type: 'request-failed', error: envelope.error });
      }
    },
    [call],
  );

  const enqueue = useCallback(
    (job: Job) => {
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

  const mode = step.kind === 'session' ? step.mode : 'scan';
  const onScan = useCallback(
    (raw: string, source: EntrySource) => {
      // The mode is read when the scan arrives, not when it is sent, so a queued scan keeps its meaning.
      if (mode === 'remove') {
        dispatch({ type: 'mode', mode: 'scan' });
        enqueue({ kind: 'remove', serial: raw.trim() });
      } else {
        enqueue({ kind: 'scan', raw, source });
      }
    },
    [mode, enqueue],
  );

  const paste = useCallback(
    async (lines: readonly string[], progress: (done: number) => void) => {
      const id = sessionRef.current;
      if (id === null) return;
      await drained.current;
      const results: PasteRow[] = [];
      let view: TransferVerdict['view'] | null = null;
      for (const [i, line] of lines.entries()) {
        const input = line.trim();
        const envelope = await call('transfers:scan', { sessionId: id, raw: input, source: 'paste' });
        if (!envelope.ok) {
          // The transfer itself is gone or refused (signed out, confirmed elsewhere): stop here.
          playReject();
          dispatch({ type: 'request-failed', error: envelope.error });
          return;
        }
        view = envelope.value.view;
        results.push({
          line: i + 1,
          input,
          ok: envelope.value.ok,
          code: envelope.value.code,
          message: envelope.value.message,
        });
        progress(i + 1);
      }
      if (!view) return;
      const accepted = results.filter((r) => r.ok).length;
      const rejected = results.length - accepted;
      if (rejected > 0) playReject();
      else playAccept();
      dispatch({ type: 'pasted', report: { results, accepted, rejected }, view });
    },
    [call],
  );

  const confirm = useCallback(async () => {
    const id = sessionRef.current;
    if (id === null) return;
    dispatch({ type: 'confirm-requested' });
    // Scans still on their way belong in this transfer: confirm after them.
    await drained.current;
    const envelope = await call('transfers:confirm', { sessionId: id });
    if (envelope.ok) {
      rememberSession(null);
      playAttention();
      dispatch({ type: 'confirmed', summary: envelope.value });
    } else {
      playReject();
      dispatch({ type: 'confirm-failed', error: envelope.error });
    }
  }, [call]);

  const leave = useCallback(() => {
    // The transfer stays open on the station: it is listed on the first step to pick up again.
    rememberSession(null);
    dispatch({ type: 'pick' });
  }, []);

  const refuse = useCallback((title: string, message: string, sound: 'reject' | 'attention') => {
    if (sound === 'reject') playReject();
    else playAttention();
    dispatch({ type: 'place-refused', title, message });
  }, []);

  const chooseSource = useCallback((place: PlaceView, message: string) => {
    playAccept();
    dispatch({ type: 'source-chosen', place, message });
  }, []);
  const clearSource = useCallback(() => dispatch({ type: 'source-cleared' }), []);
  const history = useCallback((serial: string | null) => dispatch({ type: 'history', serial }), []);
  const another = useCallback(() => dispatch({ type: 'pick' }), []);

  switch (step.kind) {
    case 'loading':
      return (
        <section className="screen transfers" data-testid="transfer-loading">
          <h1 tabIndex={-1}>Transfers</h1>
          <p className="loading">Opening…</p>
        </section>
      );
    case 'pick':
      return (
        <PlacePicker
          from={step.from}
          busy={step.busy}
          verdict={step.verdict}
          onSource={chooseSource}
          onClearSource={clearSource}
          onStart={(from, to) => void start(from, to)}
          onResume={(id) => void resume(id, false)}
          onRefuse={refuse}
        />
      );
    case 'session':
      return (
        <TransferWizard
          step={step}
          onScan={onScan}
          onRemove={(serial) => enqueue({ kind: 'remove', serial })}
          onPaste={paste}
          onMode={(next) => dispatch({ type: 'mode', mode: next })}
          onDismissPasteReport={() => dispatch({ type: 'paste-report-dismissed' })}
          onDismissResumed={() => dispatch({ type: 'resumed-dismissed' })}
          onConfirm={() => void confirm()}
          onLeave={leave}
        />
      );
    case 'confirmed':
      return (
        <TransferSummary
          summary={step.summary}
          historyOf={step.historyOf}
          busy={step.busy}
          verdict={step.verdict}
          onHistory={history}
          onAnother={another}
          onAgain={() => void start(step.summary.from, step.summary.to)}
        />
      );
  }
}
