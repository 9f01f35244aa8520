import { useCallback, useEffect, useId, useReducer, useRef, useState } from 'react';
import { useStation } from '../../api/station-context';
import { playAccept, playAttention, playReject } from '../../audio/feedback';
import { IconCheck, IconError } from '../../components/icons';
import { ScanField } from '../../scan/scan-field';
import type { EntrySource } from '../../scan/use-scan-input';
import { useAuth } from '../auth/auth-context';
import { FirstSupervisorScreen } from '../auth/first-supervisor-screen';
import { SignInScreen } from '../auth/sign-in-screen';
import { SerialHistoryView } from '../serials/serial-history';
import { ScanPrompt } from '../wizard';
import { ReturnVerdictPanel } from './return-verdict';
import {
  initialReturnsState,
  returnsPrompt,
  returnsTransition,
  type Disposition,
  type RecentReturn,
  type ReturnsState,
} from './returns-state';

const SOUNDS = { accept: playAccept, reject: playReject, attention: playAttention } as const;

/**
 * A person holds R or D for a moment; a scanner types the next character within a few
 * milliseconds. Waiting this long before acting keeps a serial that starts with R or D
 * from being taken as a decision.
 */
const KEY_SETTLE_MS = 60;

const PURPOSE =
  'Returns needs someone signed in: every return check and every restock is recorded against the person who made it.';

/** Inputs that take typed text of their own (the note), where R and D are letters, not decisions. */
function typingElsewhere(element: Element | null): boolean {
  if (!element || element.hasAttribute('data-scan-field')) return false;
  return element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && element.type !== 'button');
}

/** The Returns wizard behind sign-in: every check is recorded against the person who made it. */
export function ReturnsScreen() {
  const auth = useAuth();
  if (!auth.status) {
    return <p className="loading">Checking who is signed in…</p>;
  }
  if (!auth.status.operator) {
    return auth.status.needsFirstSupervisor ? (
      <FirstSupervisorScreen purpose={PURPOSE} />
    ) : (
      <SignInScreen purpose={PURPOSE} />
    );
  }
  return <ReturnsWizard />;
}

/**
 * Returns (RMA): scan the order on the paperwork (or skip it), then the returned unit's
 * serial; the verdict says at once whether it is the unit we shipped on that order. A
 * matching unit is restocked or marked defective, and the station is ready for the next.
 */
function ReturnsWizard() {
  const { api } = useStation();
  const auth = useAuth();
  const { signedOutByStation } = auth;
  const ids = useId();
  const [state, dispatch] = useReducer(returnsTransition, undefined, initialReturnsState);
  const [note, setNote] = useState('');
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const stateRef = useRef<ReturnsState>(state);
  const noteRef = useRef(note);
  useEffect(() => {
    stateRef.current = state;
    noteRef.current = note;
  });

  useEffect(() => {
    if (state.seq > 0 && state.sound) SOUNDS[state.sound]();
  }, [state.seq, state.sound]);

  const check = useCallback(
    async (serial: string, orderNumber: string | null) => {
      dispatch({ type: 'checking' });
      const envelope = await api.invoke('returns:check', orderNumber ? { serial, orderNumber } : { serial });
      if (envelope.ok) {
        setHistoryOf(null);
        setNote('');
        dispatch({ type: 'checked', verdict: envelope.value });
      } else {
        if (envelope.error.code === 'UNAUTHORIZED') signedOutByStation();
        dispatch({ type: 'check-failed', error: envelope.error });
      }
    },
    [api, signedOutByStation],
  );

  const dispose = useCallback(
    async (disposition: Disposition) => {
      const s = stateRef.current;
      if (s.step !== 'decide' || s.busy || !s.shown) return;
      const serial = s.shown.verdict.serial;
      const text = noteRef.current.trim();
      dispatch({ type: 'disposing', disposition });
      const envelope = await api.invoke('returns:dispose', {
        serial,
        ...(s.orderNumber ? { orderNumber: s.orderNumber } : {}),
        disposition,
        ...(text ? { note: text } : {}),
      });
      if (envelope.ok) {
        setNote('');
        dispatch({
          type: 'disposed',
          verdict: envelope.value.verdict,
          result: { status: envelope.value.status, message: envelope.value.message },
        });
      } else {
        if (envelope.error.code === 'UNAUTHORIZED') signedOutByStation();
        dispatch({ type: 'dispose-failed', error: envelope.error });
      }
    },
    [api, signedOutByStation],
  );

  const onScan = useCallback(
    (raw: string, _source: EntrySource) => {
      const s = stateRef.current;
      if (s.busy) return;
      if (s.step === 'serial') void check(raw, s.orderNumber);
      else dispatch({ type: 'scan', raw });
    },
    [check],
  );

  // Station keys. Esc skips the order or leaves a unit undecided; R and D decide, but only
  // once no further key followed them (see KEY_SETTLE_MS), and never while typing a note.
  useEffect(() => {
    let pending: { key: 'r' | 'd'; timer: ReturnType<typeof setTimeout> } | null = null;
    const cancelPending = () => {
      if (pending) clearTimeout(pending.timer);
      pending = null;
    };
    const onKey = (event: KeyboardEvent) => {
      const s = stateRef.current;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (pending) {
        // Another key this soon after R or D: a scanner's burst, not a decision.
        cancelPending();
        return;
      }
      if (typingElsewhere(event.target instanceof Element ? event.target : document.activeElement)) return;
      // With something in the scan field, keys continue (or Esc clears) that entry.
      const field = document.querySelector<HTMLInputElement>('[data-scan-field]');
      if (field && field.value !== '') return;
      const key = event.key.toLowerCase();
      if (s.step === 'decide' && !s.busy && (key === 'r' || key === 'd') && !event.repeat) {
        event.preventDefault();
        event.stopPropagation();
        pending = {
          key,
          timer: setTimeout(() => {
            pending = null;
            void dispose(key === 'r' ? 'restock' : 'defective');
          }, KEY_SETTLE_MS),
        };
        return;
      }
      if (event.key === 'Escape') {
        if (s.step === 'order') dispatch({ type: 'skip-order' });
        else if (s.step === 'serial') dispatch({ type: 'change-order' });
        else if (s.step === 'decide') dispatch({ type: 'leave-undecided' });
        else return;
        event.preventDefault();
      }
    };
    // Capture, ahead of the scan field, which would otherwise take R and D as the start of a scan.
    window.addEventListener('keydown', onKey, true);
    return () => {
      cancelPending();
      window.removeEventListener('keydown', onKey, true);
    };
  }, [dispose]);

  const hint =
    state.step === 'order'
      ? 'No paperwork? Press Esc to scan the unit’s serial only.'
      : state.step === 'serial'
        ? 'Esc: change the order number.'
        : 'Esc: set it aside, undecided, for a supervisor.';
  const shown = state.shown;

  return (
    <section className="screen returns-screen" data-testid="returns-screen">
      <div className="returns-grid">
        <div className="returns-main">
          <h1 tabIndex={-1}>Returns</h1>
          <ScanPrompt prompt={returnsPrompt(state)} hint={hint} />
          <ScanField
            label={state.step === 'order' ? 'Order number' : state.step === 'serial' ? 'Serial' : 'Scan'}
            onScan={onScan}
            enabled={state.busy === null}
            pausedHint={state.busy ? 'Waiting for the station…' : undefined}
            testId="returns-scan"
          />
          {state.problem ? (
            <div className="returns-problem" role="alert" data-testid="returns-problem" data-code={state.problem.code}>
              <IconError className="returns-problem-icon" />
              <p>{state.problem.message}</p>
            </div>
          ) : null}

          {shown ? (
            <ReturnVerdictPanel shown={shown} onOpenHistory={() => setHistoryOf(shown.verdict.serial)}>
              {state.step === 'decide' ? (
                <div className="disposition" data-testid="disposition">
                  <p className="disposition-title">
                    {shown.verdict.ok ? 'Where does the unit go?' : 'Set it aside, or decide now:'}
                  </p>
                  <div className="disposition-row">
                    <div className="disposition-buttons">
                      <button
                        type="button"
                        className="button button-big disposition-restock"
                        disabled={state.busy !== null}
                        aria-keyshortcuts="R"
                        onClick={() => void dispose('restock')}
                      >
                        {state.busy === 'restock' ? 'Restocking…' : 'Restock'} <kbd>R</kbd>
                      </button>
                      <button
                        type="button"
                        className="button button-big disposition-defective"
                        disabled={state.busy !== null}
                        aria-keyshortcuts="D"
                        onClick={() => void dispose('defective')}
                      >
                        {state.busy === 'defective' ? 'Recording…' : 'Defective'} <kbd>D</kbd>
                      </button>
                      <button
                        type="button"
                        className="button button-quiet disposition-leave"
                        disabled={state.busy !== null}
                        onClick={() => dispatch({ type: 'leave-undecided' })}
                      >
                        Set aside <kbd>Esc</kbd>
                      </button>
                    </div>
                    <div className="field disposition-note">
                      <label htmlFor={`${ids}-note`}>Note (optional)</label>
                      <input
                        id={`${ids}-note`}
                        type="text"
                        value={note}
                        maxLength={500}
                        autoComplete="off"
                        placeholder="e.g. box opened, unit unused"
                        onChange={(event) => setNote(event.target.value)}
                      />
                    </div>
                  </div>
                </div>
              ) : null}
            </ReturnVerdictPanel>
          ) : null}

          {historyOf ? (
            <div className="returns-history">
              <div className="actions">
                <button type="button" className="button" onClick={() => setHistoryOf(null)}>
                  Close the history
                </button>
              </div>
              <SerialHistoryView serial={historyOf} />
            </div>
          ) : null}
        </div>
        <aside className="returns-side" aria-label="This return">
          <div className="returns-paperwork">
            <p className="label">Order on the paperwork</p>
            <p className="returns-paperwork-order" data-testid="returns-order">
              {state.step === 'order' ? (
                <span className="muted">waiting for a scan</span>
              ) : state.orderNumber ? (
                <span className="code">{state.orderNumber}</span>
              ) : (
                <span className="muted">none: no paperwork</span>
              )}
            </p>
            {state.step === 'order' ? (
              <button type="button" className="button" onClick={() => dispatch({ type: 'skip-order' })}>
                No order number <kbd>Esc</kbd>
              </button>
            ) : state.step === 'serial' ? (
              <button type="button" className="button" onClick={() => dispatch({ type: 'change-order' })}>
                Change the order <kbd>Esc</kbd>
              </button>
            ) : null}
          </div>
          {state.recent.length > 0 ? <RecentReturns recent={state.recent} /> : null}
        </aside>
      </div>
    </section>
  );
}

const VERDICT_WORDS: Readonly<Record<RecentReturn['verdict'], string>> = {
  match: 'Match',
  SHIPPED_ON_OTHER_ORDER: 'Shipped on another order',
  NOT_SHIPPED: 'Never shipped',
};

const OUTCOME_WORDS: Readonly<Record<RecentReturn['outcome'], string>> = {
  in_stock: 'Restocked',
  defective: 'Defective',
  undecided: 'Set aside, undecided',
};

function RecentReturns({ recent }: { readonly recent: readonly RecentReturn[] }) {
  return (
    <section className="returns-recent" aria-labelledby="returns-recent-title">
      <h2 id="returns-recent-title">Checked at this screen</h2>
      <ol className="returns-recent-list" data-testid="returns-recent">
        {recent.map((entry, i) => (
          <li
            key={`${entry.serial}-${recent.length - i}`}
            className={entry.verdict === 'match' ? undefined : 'recent-flag'}
          >
            <span className="code returns-recent-serial">{entry.serial}</span>
            <span>
              {entry.verdict === 'match' ? <IconCheck /> : <IconError />}
              {VERDICT_WORDS[entry.verdict]}
              {entry.orderNumber ? ` (paperwork ${entry.orderNumber})` : ''}
            </span>
            <span className="returns-recent-outcome">{OUTCOME_WORDS[entry.outcome]}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
