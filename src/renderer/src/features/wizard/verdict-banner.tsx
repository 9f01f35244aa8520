import type { ErrorCode } from '../../../../shared/errors';
import { IconCheck, IconError } from '../../components/icons';

/** A scan's outcome as the screen shows it; `seq` changes with every scan so the flash replays. */
export interface ShownVerdict {
  readonly ok: boolean;
  readonly code: ErrorCode | 'OK';
  readonly title: string;
  readonly message: string;
  readonly seq: number;
}

/**
 * The last scan's outcome in large type: green with a tick when accepted, red with a cross
 * when refused. Icon and words carry the meaning too, so it reads without colour.
 */
export function VerdictBanner({ verdict, idle }: { readonly verdict: ShownVerdict | null; readonly idle?: string }) {
  if (!verdict) {
    return (
      <div className="verdict verdict-idle" data-testid="verdict">
        <p className="verdict-message">{idle ?? 'Nothing scanned yet.'}</p>
      </div>
    );
  }
  const Icon = verdict.ok ? IconCheck : IconError;
  return (
    <div
      key={verdict.seq}
      className={`verdict ${verdict.ok ? 'verdict-ok' : 'verdict-error'}`}
      role={verdict.ok ? 'status' : 'alert'}
      data-testid="verdict"
      data-code={verdict.code}
      data-seq={verdict.seq}
    >
      <Icon className="verdict-icon" />
      <div className="verdict-body">
        <p className="verdict-title" data-testid="verdict-title">
          {verdict.title}
        </p>
        <p className="verdict-message" data-testid="verdict-message">
          {verdict.message}
        </p>
      </div>
    </div>
  );
}
