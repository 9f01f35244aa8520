/**
 * The Transfers screen as a pure reducer over its steps: pick where the units are and where
 * they go, scan them, see what moved. Components only dispatch what happened.
 */
import type { ErrorInfo } from '../../../../shared/errors';
import type {
  PlaceView,
  TransferSummary,
  TransferVerdict,
  TransferView,
} from '../../../../shared/ipc/transfers.contract';
import type { PasteReport } from '../wizard/paste-report';
import { answeredStep, openedSessionStep, sessionStepAfter } from '../wizard/session-step';
import { failureVerdict, type VerdictTitles } from '../wizard/shown-verdict';
import type { ShownVerdict } from '../wizard/verdict-banner';
import type { WizardMode } from '../wizard/wizard-keys';

/** `remove`: the next scan takes a unit out of the transfer; `paste`: a list is being typed in. */
export type TransferMode = WizardMode;

export type TransferStep =
  | { readonly kind: 'loading' }
  | {
      readonly kind: 'pick';
      /** The source, once scanned or picked; the destination comes next. */
      readonly from: PlaceView | null;
      readonly busy: boolean;
      readonly verdict: ShownVerdict | null;
    }
  | {
      readonly kind: 'session';
      readonly view: TransferView;
      readonly verdict: ShownVerdict | null;
      readonly mode: TransferMode;
      readonly pasteReport: PasteReport | null;
      readonly showResumed: boolean;
      /** Confirm was asked for and has not been answered yet. */
      readonly confirming: boolean;
    }
  | {
      readonly kind: 'confirmed';
      readonly summary: TransferSummary;
      /** The serial whose history is open under the summary. */
      readonly historyOf: string | null;
      readonly busy: boolean;
      readonly verdict: ShownVerdict | null;
    };

export interface TransferState {
  readonly step: TransferStep;
  /** Counts verdicts shown, so the same message twice still flashes twice. */
  readonly seq: number;
}

export type TransferEvent =
  | { readonly type: 'pick' }
  | { readonly type: 'source-chosen'; readonly place: PlaceView; readonly message: string }
  | { readonly type: 'source-cleared' }
  | { readonly type: 'place-refused'; readonly title: string; readonly message: string }
  | { readonly type: 'start-requested' }
  | { readonly type: 'start-failed'; readonly error: ErrorInfo }
  | { readonly type: 'session-opened'; readonly view: TransferView; readonly resumed: boolean }
  | { readonly type: 'scanned'; readonly verdict: TransferVerdict; readonly raw: string }
  | { readonly type: 'removed'; readonly verdict: TransferVerdict }
  | { readonly type: 'request-failed'; readonly error: ErrorInfo }
  | { readonly type: 'mode'; readonly mode: TransferMode }
  | { readonly type: 'pasted'; readonly report: PasteReport; readonly view: TransferView }
  | { readonly type: 'paste-report-dismissed' }
  | { readonly type: 'resumed-dismissed' }
  | { readonly type: 'confirm-requested' }
  | { readonly type: 'confirm-failed'; readonly error: ErrorInfo }
  | { readonly type: 'confirmed'; readonly summary: TransferSummary }
  | { readonly type: 'history'; readonly serial: string | null };

export const initialTransferState: TransferState = { step: { kind: 'loading' }, seq: 0 };

/** Headlines whose meaning depends on the step they answer. */
export const SCAN_TITLES: VerdictTitles = {
  OK: 'Added to the transfer',
  WRONG_ITEM: 'Not at the source',
  SERIAL_NOT_IN_STOCK: 'Not in stock',
  CONFLICT: 'Not added',
};
const REMOVE_TITLES: VerdictTitles = { OK: 'Removed', NOT_FOUND: 'Not in this transfer' };
const CONFIRM_TITLES: VerdictTitles = { CONFLICT: 'Changed since it was scanned', BAD_REQUEST: 'Nothing to move yet' };
const START_TITLES: VerdictTitles = { BAD_REQUEST: 'Cannot start this transfer' };

/** Every code of the units already in the transfer, as the station would match them. */
function inTransfer(view: TransferView, raw: string): boolean {
  const key = raw.trim().toUpperCase();
  return view.recent.some(
    (unit) => unit.scanned.toUpperCase() === key || unit.serials.some((s) => s.serial.toUpperCase() === key),
  );
}

/** A double scan is the common refusal on the floor: it gets a headline of its own. */
function scanTitles(verdict: TransferVerdict, raw: string): VerdictTitles {
  if (verdict.code === 'CONFLICT' && inTransfer(verdict.view, raw)) {
    return { ...SCAN_TITLES, CONFLICT: 'Already in this transfer' };
  }
  return SCAN_TITLES;
}

export function transferReducer(state: TransferState, event: TransferEvent): TransferState {
  const { step } = state;
  const seq = state.seq + 1;
  switch (event.type) {
    case 'pick':
      return { ...state, step: { kind: 'pick', from: null, busy: false, verdict: null } };
    case 'source-chosen':
      if (step.kind !== 'pick') return state;
      return {
        seq,
        step: {
          ...step,
          from: event.place,
          verdict: { ok: true, code: 'OK', title: 'Source set', message: event.message, seq },
        },
      };
    case 'source-cleared':
      if (step.kind !== 'pick' || step.busy) return state;
      return { ...state, step: { ...step, from: null, verdict: null } };
    case 'place-refused': {
      const verdict: ShownVerdict = { ok: false, code: 'BAD_REQUEST', title: event.title, message: event.message, seq };
      if (step.kind === 'pick') return { seq, step: { ...step, verdict } };
      if (step.kind === 'confirmed') return { seq, step: { ...step, verdict } };
      return state;
    }
    case 'start-requested':
      if (step.kind === 'pick' || step.kind === 'confirmed') return { ...state, step: { ...step, busy: true } };
      return state;
    case 'start-failed': {
      const verdict = failureVerdict(seq, event.error, START_TITLES);
      if (step.kind === 'pick' || step.kind === 'confirmed') return { seq, step: { ...step, busy: false, verdict } };
      return { seq, step: { kind: 'pick', from: null, busy: false, verdict } };
    }
    case 'session-opened':
      return { ...state, step: { ...openedSessionStep(event.view, event.resumed), confirming: false } };
    case 'scanned':
      if (step.kind !== 'session') return state;
      return { seq, step: answeredStep(step, seq, event.verdict, scanTitles(event.verdict, event.raw)) };
    case 'removed':
      if (step.kind !== 'session') return state;
      return { seq, step: { ...answeredStep(step, seq, event.verdict, REMOVE_TITLES), mode: 'scan' } };
    case 'request-failed':
    case 'mode':
    case 'pasted':
    case 'paste-report-dismissed':
    case 'resumed-dismissed':
      if (step.kind !== 'session') return state;
      return sessionStepAfter(step, event, { seq: state.seq, finishing: step.confirming, noun: 'unit' }) ?? state;
    case 'confirm-requested':
      if (step.kind !== 'session' || step.confirming) return state;
      return { ...state, step: { ...step, confirming: true, mode: 'scan' } };
    case 'confirm-failed':
      if (step.kind !== 'session') return state;
      return { seq, step: { ...step, confirming: false, verdict: failureVerdict(seq, event.error, CONFIRM_TITLES) } };
    case 'confirmed':
      return {
        ...state,
        step: { kind: 'confirmed', summary: event.summary, historyOf: null, busy: false, verdict: null },
      };
    case 'history':
      if (step.kind !== 'confirmed') return state;
      return { ...state, step: { ...step, historyOf: event.serial } };
  }
}
