import { useCallback, useEffect, useReducer } from 'react';
import type { PlaceView, TransferVerdict } from '../../../../shared/ipc/transfers.contract';
import { playAccept, playAttention, playReject } from '../../audio/feedback';
import { useOperatorCall } from '../auth/operator-call';
import type { PasteRow } from '../wizard/paste-report';
import { rememberedSession, rememberSession } from '../wizard/remembered-session';
import type { ScanJob } from '../wizard/scan-queue';
import { useSessionScreen } from '../wizard/session-screen';
import { PlacePicker } from './place-picker';
import { initialTransferState, transferReducer } from './transfer-state';
import { TransferSummary } from './transfer-summary';
import { TransferWizard } from './transfer-wizard';

/** This tab's transfer, so leaving the screen and coming back picks it up again. */
const SESSION_KEY = 'packbench.transfer.session';

function toPlace(place: PlaceView): { warehouse: string; location?: string } {
  return place.location ? { warehouse: place.warehouse, location: place.location } : { warehouse: place.warehouse };
}

function soundFor(verdict: TransferVerdict): void {
  if (verdict.ok) playAccept();
  else playReject();
}

/**
 * Transfers: move in-stock units between warehouses and locations by scanning their serials.
 * Pick the source and destination, scan units with a verdict and a sound for each, take one
 * out, paste a list, and confirm to move them all at once. Like receiving, every action is
 * recorded against the operator, so the screen sits behind sign-in.
 */
export function TransfersScreen() {
  const call = useOperatorCall();
  const [state, dispatch] = useReducer(transferReducer, initialTransferState);
  const { step } = state;
  const sessionId = step.kind === 'session' ? step.view.sessionId : null;
  const resume = useCallback(
    async (id: number, quiet: boolean) => {
      const envelope = await call('transfers:get-session', { sessionId: id });
      if (envelope.ok && (envelope.value.status === 'active' || envelope.value.status === 'parked')) {
        rememberSession(SESSION_KEY, id);
        dispatch({ type: 'session-opened', view: envelope.value, resumed: true });
        return;
      }
      rememberSession(SESSION_KEY, null);
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
    const remembered = rememberedSession(SESSION_KEY);
    if (remembered === null) dispatch({ type: 'pick' });
    else void resume(remembered, true);
  }, [resume]);

  const start = useCallback(
    async (from: PlaceView, to: PlaceView) => {
      dispatch({ type: 'start-requested' });
      const envelope = await call('transfers:start', { from: toPlace(from), to: toPlace(to) });
      if (envelope.ok) {
        rememberSession(SESSION_KEY, envelope.value.sessionId);
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
    async (id: number, job: ScanJob) => {
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

  const { sessionRef, drained, finish, wizard } = useSessionScreen({
    sessionId,
    mode: step.kind === 'session' ? step.mode : 'scan',
    storageKey: SESSION_KEY,
    dispatch,
    run,
  });

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
    [call, drained, sessionRef],
  );

  const confirm = useCallback(
    () =>
      finish((id) => call('transfers:confirm', { sessionId: id }), {
        requested: () => dispatch({ type: 'confirm-requested' }),
        done: (summary) => dispatch({ type: 'confirmed', summary }),
        failed: (error) => dispatch({ type: 'confirm-failed', error }),
      }),
    [call, finish],
  );

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
      return <TransferWizard {...wizard} step={step} onPaste={paste} onConfirm={() => void confirm()} />;
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
