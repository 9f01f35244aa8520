import { IconInfo } from '../../components/icons';
import { formatWhen } from './format';

/** Says plainly that an unfinished session was picked up again and nothing scanned was lost. */
export function SessionResumedBanner({
  reference,
  startedAt,
  unitsDone,
  onDismiss,
}: {
  /** The order or PO number. */
  readonly reference: string;
  readonly startedAt: string;
  readonly unitsDone: number;
  readonly onDismiss?: () => void;
}) {
  const kept =
    unitsDone === 0
      ? 'Nothing had been scanned yet.'
      : unitsDone === 1
        ? 'The unit already scanned is kept.'
        : `The ${unitsDone.toLocaleString()} units already scanned are kept.`;
  return (
    <div className="notice notice-info resumed-banner" role="status" data-testid="resumed-banner">
      <IconInfo className="notice-icon" />
      <div className="notice-body">
        <p className="notice-title">Picked up where you left off</p>
        <p>
          <span className="code">{reference}</span> was started at {formatWhen(startedAt)} and not finished. {kept}
        </p>
      </div>
      {onDismiss ? (
        <button type="button" className="button button-quiet" onClick={onDismiss}>
          Got it
        </button>
      ) : null}
    </div>
  );
}
