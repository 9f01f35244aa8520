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
  const units = unitsDone === 1 ? '1 unit' : `${unitsDone.toLocaleString()} units`;
  return (
    <div className="notice notice-info resumed-banner" role="status" data-testid="resumed-banner">
      <IconInfo className="notice-icon" />
      <div className="notice-body">
        <p className="notice-title">Picked up where you left off</p>
        <p>
          <span className="code">{reference}</span> was started at {formatWhen(startedAt)} and not finished.{' '}
          {unitsDone > 0 ? `The ${units} already scanned are kept.` : 'Nothing had been scanned yet.'}
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
