/**
 * The Receive screen as a pure reducer over its steps: pick a PO, receive it, see what was
 * put in stock. Components only dispatch what happened; what it means for the screen is here.
 */
import type { ErrorInfo } from '../../../../shared/errors';
import type { ReceiveSessionView, ReceiveSummary, ReceiveVerdict } from '../../../../shared/ipc/receiving.contract';
import type { PasteReport } from '../wizard/paste-report';
import { answeredStep, openedSessionStep, sessionStepAfter } from '../wizard/session-step';
import { failureVerdict } from '../wizard/shown-verdict';
import type { ShownVerdict } from '../wizard/verdict-banner';
import type { WizardMode } from '../wizard/wizard-keys';

/** `remove`: the next scan takes a serial out of the session; `paste`: a list is being typed in. */
export type ReceiveMode = WizardMode;

export type ReceiveStep =
  | { readonly kind: 'loading' }
  | { readonly kind: 'pick'; readonly busy: boolean; readonly verdict: ShownVerdict | null }
  | {
      readonly kind: 'session';
      readonly view: ReceiveSessionView;
      readonly verdict: ShownVerdict | null;
      readonly mode: ReceiveMode;
      readonly pasteReport: PasteReport | null;
      readonly showResumed: boolean;
      /** Close was asked for and has not been answered yet. */
      readonly closing: boolean;
    }
  | {
      readonly kind: 'closed';
      readonly summary: ReceiveSummary;
      readonly busy: boolean;
      readonly verdict: ShownVerdict | null;
    };

export interface ReceiveState {
  readonly step: ReceiveStep;
  /** Counts verdicts shown, so the same message twice still flashes twice. */
  readonly seq: number;
}

export type ReceiveEvent =
  | { readonly type: 'pick' }
  | { readonly type: 'start-requested' }
  | { readonly type: 'start-failed'; readonly error: ErrorInfo }
  | { readonly type: 'session-opened'; readonly view: ReceiveSessionView; readonly resumed: boolean }
  | { readonly type: 'scanned'; readonly verdict: ReceiveVerdict }
  | { readonly type: 'removed'; readonly verdict: ReceiveVerdict }
  | { readonly type: 'request-failed'; readonly error: ErrorInfo }
  | { readonly type: 'mode'; readonly mode: ReceiveMode }
  | { readonly type: 'pasted'; readonly report: PasteReport; readonly view: ReceiveSessionView }
  | { readonly type: 'paste-report-dismissed' }
  | { readonly type: 'resumed-dismissed' }
  | { readonly type: 'close-requested' }
  | { readonly type: 'close-failed'; readonly error: ErrorInfo }
  | { readonly type: 'closed'; readonly summary: ReceiveSummary };

export const initialReceiveState: ReceiveState = { step: { kind: 'loading' }, seq: 0 };

/** Headlines whose meaning depends on the step they answer. */
const START_TITLES = { OVER_RECEIPT: 'Already fully received' } as const;
const REMOVE_TITLES = { OK: 'Removed', NOT_FOUND: 'Not scanned on this PO' } as const;
const CLOSE_TITLES = { SERIAL_EMPTY: 'A serial is still missing' } as const;

export function receiveReducer(state: ReceiveState, event: ReceiveEvent): ReceiveState {
  const { step } = state;
  const seq = state.seq + 1;
  switch (event.type) {
    case 'pick':
      return { ...state, step: { kind: 'pick', busy: false, verdict: null } };
    case 'start-requested':
      if (step.kind === 'pick' || step.kind === 'closed') return { ...state, step: { ...step, busy: true } };
      return state;
    case 'start-failed': {
      const verdict = failureVerdict(seq, event.error, START_TITLES);
      if (step.kind === 'closed') return { seq, step: { ...step, busy: false, verdict } };
      return { seq, step: { kind: 'pick', busy: false, verdict } };
    }
    case 'session-opened':
      return { ...state, step: { ...openedSessionStep(event.view, event.resumed), closing: false } };
    case 'scanned':
      if (step.kind !== 'session') return state;
      return { seq, step: answeredStep(step, seq, event.verdict) };
    case 'removed':
      if (step.kind !== 'session') return state;
      return { seq, step: { ...answeredStep(step, seq, event.verdict, REMOVE_TITLES), mode: 'scan' } };
    case 'request-failed':
    case 'mode':
    case 'pasted':
    case 'paste-report-dismissed':
    case 'resumed-dismissed':
      if (step.kind !== 'session') return state;
      return sessionStepAfter(step, event, { seq: state.seq, finishing: step.closing, noun: 'serial' }) ?? state;
    case 'close-requested':
      if (step.kind !== 'session' || step.closing) return state;
      return { ...state, step: { ...step, closing: true, mode: 'scan' } };
    case 'close-failed':
      if (step.kind !== 'session') return state;
      return { seq, step: { ...step, closing: false, verdict: failureVerdict(seq, event.error, CLOSE_TITLES) } };
    case 'closed':
      return { ...state, step: { kind: 'closed', summary: event.summary, busy: false, verdict: null } };
  }
}
