import { IconWarning } from '../../components/icons';

/** Another order's number was scanned mid-order: park this one and open that, or carry on. Never mix. */
export function SwitchOrderOffer({
  current,
  other,
  busy,
  error,
  onSwitch,
  onKeep,
}: {
  readonly current: string;
  readonly other: string;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onSwitch: () => void;
  readonly onKeep: () => void;
}) {
  return (
    <section className="switch-offer" role="alert" data-testid="switch-offer">
      <IconWarning className="switch-icon" />
      <div>
        <p className="switch-title">
          That is order <span className="code">{other}</span>, not <span className="code">{current}</span>
        </p>
        <p>Items from two orders never go in one box. Park this order to pack the other one, or keep packing.</p>
        {error ? <p className="supervisor-error">{error}</p> : null}
        <div className="actions">
          <button
            type="button"
            className="button button-primary button-big"
            onClick={onSwitch}
            disabled={busy}
            aria-keyshortcuts="F4"
          >
            Park {current} and start {other} <kbd>F4</kbd>
          </button>
          <button type="button" className="button button-big" onClick={onKeep} aria-keyshortcuts="Escape">
            Keep packing {current} <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </section>
  );
}
