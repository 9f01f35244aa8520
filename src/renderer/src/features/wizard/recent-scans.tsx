import type { ScannedUnit } from '../../../../shared/session';
import { formatWhen } from './format';

interface RecentScansProps {
  /** Newest first, as the services send them. */
  readonly units: readonly ScannedUnit[];
  /** Offers a Remove button per serial when given. */
  readonly onRemove?: (serial: string) => void;
  /** Turns the Remove buttons off while a change is on its way. */
  readonly busy?: boolean;
  readonly emptyText?: string;
  /** The label of a slot not yet scanned (the services label filled slots only). */
  readonly slotLabel?: (unit: ScannedUnit, slot: number) => string;
}

/**
 * The units scanned so far, newest first, each with its serial slots: filled ones with the
 * serial as scanned (and whether it was typed or overridden), empty ones marked as waiting.
 */
export function RecentScans({ units, onRemove, busy = false, emptyText, slotLabel = slotName }: RecentScansProps) {
  if (units.length === 0) {
    return (
      <p className="recent-empty muted" data-testid="recent-scans">
        {emptyText ?? 'Scanned units will be listed here, newest first.'}
      </p>
    );
  }
  return (
    <ol className="recent" data-testid="recent-scans">
      {units.map((unit) => (
        <li key={unit.id} className="recent-unit" data-testid="recent-unit">
          <p className="recent-unit-head">
            <strong>{unit.productName}</strong> <span className="code muted">{unit.sku}</span>
            {unit.manual ? <span className="mark mark-manual">typed</span> : null}
            <span className="recent-unit-time muted">{formatWhen(unit.at)}</span>
          </p>
          {unit.lot || unit.expiresOn ? (
            <p className="recent-unit-lot muted">
              {unit.lot ? `Lot ${unit.lot}` : null}
              {unit.lot && unit.expiresOn ? ' · ' : null}
              {unit.expiresOn ? `Expires ${unit.expiresOn}` : null}
            </p>
          ) : null}
          {unit.slots === 0 ? (
            <p className="recent-no-serial muted">No serial needed</p>
          ) : (
            <ul className="recent-serials">
              {Array.from({ length: unit.slots }, (_, i) => {
                const slot = i + 1;
                const serial = unit.serials.find((s) => s.slot === slot);
                if (!serial) {
                  return (
                    <li key={slot} className="recent-serial recent-serial-waiting">
                      <span className="recent-slot">{slotLabel(unit, slot)}</span>
                      <span className="muted">waiting for scan</span>
                    </li>
                  );
                }
                return (
                  <li key={slot} className="recent-serial" data-testid="recent-serial">
                    <span className="recent-slot">{serial.label}</span>
                    <span className="code recent-serial-text">{serial.serial}</span>
                    {serial.manual ? <span className="mark mark-manual">typed</span> : null}
                    {serial.overridden ? <span className="mark mark-override">override</span> : null}
                    {onRemove ? (
                      <button
                        type="button"
                        className="button button-quiet recent-remove"
                        aria-label={`Remove ${serial.serial}`}
                        disabled={busy}
                        onClick={() => onRemove(serial.serial)}
                      >
                        Remove
                      </button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Numbers an empty slot when the screen knows no better label for it. */
function slotName(unit: ScannedUnit, slot: number): string {
  return unit.slots === 1 ? 'Serial' : `Serial ${slot}`;
}
