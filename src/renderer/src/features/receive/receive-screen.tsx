import { useCallback, useEffect, useReducer } from 'react';
import type { ReceiveVerdict } from '../../../../shared/ipc/receiving.contract';
import { playAccept, playAttention, playReject } from '../../audio/feedback';
import { useOperatorCall } from '../auth/operator-call';
import { rememberedSession, rememberSession } from '../wizard/remembered-session';
import type { ScanJob } from '../wizard/scan-queue';
import { useSessionScreen } from '../wizard/session-screen';
import { CloseSummary } from './close-summary';
import { PoPicker } from './po-picker';
import { ReceiveWizard } from './receive-wizard';
import { initialReceiveState, receiveReducer } from './receive-state';

/** This tab's receiving session, so leaving the screen and coming back picks it up again. */
const SESSION_KEY = 'packbench.receive.session';

function soundFor(verdict: ReceiveVerdict): void {
  if (!verdict.ok) playReject();
  // Everything scanned: a different sound tells the clerk to look up and close.
  else if (verdict.expect.step === 'close') playAttention();
  else playAccept();
}

/**
 * Receive a purchase order: scan or pick the PO, scan items and serials with a verdict and a
 * sound for each, remove a serial scanned in error, paste a list, and close to put it all in
 * stock. Scans are queued and sent one at a time, so a fast scanner never loses one.
 */
export function ReceiveScreen() {
  const call = useOperatorCall();
  const [state, dispatch] = useReducer(receiveReducer, initialReceiveState);
  const { step } = state;
  const sessionId = step.kind === 'session' ? step.view.sessionId : null;
  // Coming back to the screen: the session this tab was working on opens again, saying so.
  useEffect(() => {
    let cancelled = false;
    const remembered = rememberedSession(SESSION_KEY);
    if (remembered === null) {
      dispatch({ type: 'pick' });
      return;
    }
    void call('receiving:get-session', { sessionId: remembered }).then((envelope) => {
      if (cancelled) return;
      if (envelope.ok && (envelope.value.status === 'active' || envelope.value.status === 'parked')) {
        dispatch({ type: 'session-opened', view: envelope.value, resumed: true });
      } else {
        rememberSession(SESSION_KEY, null);
        dispatch({ type: 'pick' });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [call]);

  const start = useCallback(
    async (poNumber: string) => {
      const po = poNumber.trim();
      if (po === '') return;
      dispatch({ type: 'start-requested' });
      const envelope = await call('receiving:start', { poNumber: po });
      if (envelope.ok) {
        rememberSession(SESSION_KEY, envelope.value.sessionId);
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
          ? await call('receiving:scan', { sessionId: id, raw: job.raw, source: job.source })
          : await call('receiving:remove-serial', { sessionId: id, serial: job.serial });
      if (envelope.ok) {
        soundFor(envelope.value);
        dispatch({ type: job.kind === 'scan' ? 'scanned' : 'removed', verdict: envelope.value });
      } else {
        playReject();
        dispatch({ type: 'request-failed', error: envelope.error });
      }
    },
    [call],
  );

  const { sessionRef, finish, wizard } = useSessionScreen({
    sessionId,
    mode: step.kind === 'session' ? step.mode : 'scan',
    storageKey: SESSION_KEY,
    dispatch,
    run,
  });

  const paste = useCallback(
    async (text: string) => {
      const id = sessionRef.current;
      if (id === null) return;
      const envelope = await call('receiving:paste-serials', { sessionId: id, text });
      if (envelope.ok) {
        const { results, accepted, rejected, view } = envelope.value;
        if (rejected > 0) playReject();
        else if (view.expect.step === 'close') playAttention();
        else playAccept();
        dispatch({ type: 'pasted', report: { results, accepted, rejected }, view });
      } else {
        playReject();
        dispatch({ type: 'request-failed', error: envelope.error });
      }
    },
    [call, sessionRef],
  );

  const close = useCallback(
    () =>
      finish((id) => call('receiving:close', { sessionId: id }), {
        requested: () => dispatch({ type: 'close-requested' }),
        done: (summary) => dispatch({ type: 'closed', summary }),
        failed: (error) => dispatch({ type: 'close-failed', error }),
      }),
    [call, finish],
  );

  switch (step.kind) {
    case 'loading':
      return (
        <section className="screen receive" data-testid="receive-loading">
          <h1 tabIndex={-1}>Receive</h1>
          <p className="loading">Opening…</p>
        </section>
      );
    case 'pick':
      return <PoPicker busy={step.busy} verdict={step.verdict} onStart={(po) => void start(po)} />;
    case 'session':
      return <ReceiveWizard {...wizard} step={step} onPaste={paste} onClose={() => void close()} />;
    case 'closed':
      return (
        <CloseSummary
          summary={step.summary}
          busy={step.busy}
          verdict={step.verdict}
          onStart={(po) => void start(po)}
          onAnother={() => dispatch({ type: 'pick' })}
        />
      );
  }
}
