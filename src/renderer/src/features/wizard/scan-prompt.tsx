import type { ReactNode } from 'react';
import type { Totals } from '../../../../shared/session';
import { formatCounts } from './format';

interface ScanPromptProps {
  /** The one next step, as the service words it ("Scan serial 2 of 2 — IMEI 2 — …"). */
  readonly prompt: string;
  readonly totals?: Totals | null;
  /** `remove`: the next scan takes a serial away; `done`: nothing left to scan. */
  readonly tone?: 'normal' | 'remove' | 'done';
  /** A short line under the prompt, e.g. which key ends the step. */
  readonly hint?: ReactNode;
}

/** The next step in the largest type on the screen, with the running count beside it. */
export function ScanPrompt({ prompt, totals, tone = 'normal', hint }: ScanPromptProps) {
  return (
    <div className={`scan-prompt scan-prompt-${tone}`} data-testid="scan-prompt">
      <p className="scan-prompt-top">
        <span className="scan-prompt-label">
          {tone === 'remove' ? 'Removing' : tone === 'done' ? 'Done scanning' : 'Next'}
        </span>
        {totals ? (
          <span className="scan-prompt-counts" data-testid="scan-counts">
            {formatCounts(totals)}
          </span>
        ) : null}
      </p>
      <p className="scan-prompt-text" aria-live="polite" data-testid="scan-prompt-text">
        {prompt}
      </p>
      {hint ? <p className="scan-prompt-hint">{hint}</p> : null}
    </div>
  );
}
