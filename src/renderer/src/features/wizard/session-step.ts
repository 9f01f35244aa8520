import type { ErrorCode, ErrorInfo } from '../../../../shared/errors';
import type { PasteReport } from './paste-report';
import { failureVerdict, pastedVerdict, shownVerdict, type VerdictTitles } from './shown-verdict';
import type { ShownVerdict } from './verdict-banner';
import type { WizardMode } from './wizard-keys';

/** What the session step of every scanning wizard holds, whatever its view of the session. */
export interface WizardSessionStep<V> {
  readonly kind: 'session';
  readonly view: V;
  readonly verdict: ShownVerdict | null;
  readonly mode: WizardMode;
  readonly pasteReport: PasteReport | null;
  readonly showResumed: boolean;
}

/** The session events every wizard answers the same way. */
export type WizardSessionEvent<V> =
  | { readonly type: 'request-failed'; readonly error: ErrorInfo }
  | { readonly type: 'mode'; readonly mode: WizardMode }
  | { readonly type: 'pasted'; readonly report: PasteReport; readonly view: V }
  | { readonly type: 'paste-report-dismissed' }
  | { readonly type: 'resumed-dismissed' };

interface SessionContext {
  /** The verdict counter before this event. */
  readonly seq: number;
  /** Closing or confirming was asked for: the mode stays as it is until it is answered. */
  readonly finishing: boolean;
  /** What one accepted pasted line adds ("serial", "unit"). */
  readonly noun: string;
}

/**
 * The session step and verdict counter after one of the common events, or null where the
 * event changes nothing (so the screen does not render again).
 */
export function sessionStepAfter<V, S extends WizardSessionStep<V>>(
  step: S,
  event: WizardSessionEvent<V>,
  { seq, finishing, noun }: SessionContext,
): { readonly step: S; readonly seq: number } | null {
  const next = seq + 1;
  switch (event.type) {
    case 'request-failed':
      return { seq: next, step: { ...step, verdict: failureVerdict(next, event.error) } };
    case 'mode':
      if (finishing) return null;
      return { seq, step: { ...step, mode: step.mode === event.mode ? 'scan' : event.mode } };
    case 'pasted':
      return {
        seq: next,
        step: {
          ...step,
          view: event.view,
          mode: 'scan',
          pasteReport: event.report,
          verdict: pastedVerdict(next, event.report, noun),
        },
      };
    case 'paste-report-dismissed':
      return { seq, step: { ...step, pasteReport: null } };
    case 'resumed-dismissed':
      return { seq, step: { ...step, showResumed: false } };
  }
}

/** A session step just opened or picked up again, before anything is scanned in it. */
export function openedSessionStep<V extends { readonly resumed: boolean }>(
  view: V,
  resumed: boolean,
): WizardSessionStep<V> {
  return {
    kind: 'session',
    view,
    verdict: null,
    mode: 'scan',
    pasteReport: null,
    showResumed: resumed || view.resumed,
  };
}

/** The session step once the station answered a scan or a removal: its view and its verdict. */
export function answeredStep<V, S extends WizardSessionStep<V>>(
  step: S,
  seq: number,
  answer: { readonly ok: boolean; readonly code: ErrorCode | 'OK'; readonly message: string; readonly view: V },
  titles?: VerdictTitles,
): S {
  return { ...step, view: answer.view, verdict: shownVerdict(seq, answer, titles) };
}
