import type { ErrorCode, ErrorInfo } from '../../../../shared/errors';
import { pasteSummary, type PasteReport } from './paste-report';
import type { ShownVerdict } from './verdict-banner';
import { verdictTitle } from './verdict-titles';

/** Headlines a step words its own way, by code. */
export type VerdictTitles = Partial<Record<ErrorCode | 'OK', string>>;

/** A service's verdict as the banner shows it; `seq` makes the same message twice flash twice. */
export function shownVerdict(
  seq: number,
  verdict: { readonly ok: boolean; readonly code: ErrorCode | 'OK'; readonly message: string },
  titles: VerdictTitles = {},
): ShownVerdict {
  return {
    ok: verdict.ok,
    code: verdict.code,
    message: verdict.message,
    title: verdictTitle(verdict.code, titles),
    seq,
  };
}

/** A refused request as the banner shows it. */
export function failureVerdict(seq: number, error: ErrorInfo, titles: VerdictTitles = {}): ShownVerdict {
  return shownVerdict(seq, { ok: false, code: error.code, message: error.message }, titles);
}

/** The banner after a pasted list: all added, or the first refusal's code and a pointer to the list. */
export function pastedVerdict(seq: number, report: PasteReport, noun: string): ShownVerdict {
  const { accepted, rejected, results } = report;
  return {
    ...shownVerdict(seq, {
      ok: rejected === 0,
      code: rejected === 0 ? 'OK' : (results.find((r) => !r.ok)?.code ?? 'BAD_REQUEST'),
      message: pasteSummary(accepted, rejected, noun),
    }),
    title: rejected === 0 ? 'List added' : 'Some lines refused',
  };
}
