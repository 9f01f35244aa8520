/** A labelled progress bar; with no total yet it says so instead of guessing. */
export function ProgressBar({
  label,
  done,
  total,
}: {
  readonly label: string;
  readonly done: number;
  readonly total: number;
}) {
  const known = total > 0;
  const percent = known ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="progress" data-testid="progress">
      <p className="progress-label">
        {label}
        {known ? ` — ${done.toLocaleString()} of ${total.toLocaleString()} (${percent}%)` : '…'}
      </p>
      <div
        className={`progress-track ${known ? '' : 'progress-indeterminate'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
      >
        <div className="progress-fill" style={{ width: known ? `${percent}%` : undefined }} />
      </div>
    </div>
  );
}
