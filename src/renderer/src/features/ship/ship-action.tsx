import type { ReactNode } from 'react';
import type { ShipMissing } from './ship-state';
import { IconCheck, IconError } from '../../components/icons';
import { CommandBarcode } from './command-barcodes';

/** What still blocks shipping, line by line, in the packer's words. */
export function describeMissing(missing: ShipMissing): string {
  const parts: string[] = [];
  if (missing.unitsMissing > 0) parts.push(`${missing.unitsMissing} more unit${missing.unitsMissing === 1 ? '' : 's'}`);
  if (missing.serialsMissing > 0)
    parts.push(`${missing.serialsMissing} serial${missing.serialsMissing === 1 ? '' : 's'}`);
  return `${missing.name} (${missing.sku}): ${parts.join(', ')}`;
}

/** One sentence for what still blocks shipping; the lines table shows where. */
export function missingSummary(missing: readonly ShipMissing[], stagesMissing: readonly string[]): string {
  const units = missing.reduce((n, m) => n + m.unitsMissing, 0);
  const serials = missing.reduce((n, m) => n + m.serialsMissing, 0);
  const toScan: string[] = [];
  if (units > 0) toScan.push(`${units} unit${units === 1 ? '' : 's'}`);
  if (serials > 0) toScan.push(`${serials} serial${serials === 1 ? '' : 's'}`);
  const parts = toScan.length > 0 ? [`${toScan.join(' and ')} still to scan`, ...stagesMissing] : [...stagesMissing];
  return parts.length > 0 ? `Cannot ship yet: ${parts.join('; ')}.` : 'Cannot ship yet.';
}

/**
 * The big Ship button. It only works when everything is packed; until then it says what is
 * missing, so nobody has to guess why it is greyed out.
 */
export function ShipAction({
  canShip,
  missing,
  stagesMissing,
  busy,
  onShip,
  next,
}: {
  readonly canShip: boolean;
  readonly missing: readonly ShipMissing[];
  /** Stage steps (weigh) still to do, in words. */
  readonly stagesMissing: readonly string[];
  readonly busy: boolean;
  readonly onShip: () => void;
  /** The weigh or print button, when that is what comes before Ship. */
  readonly next?: ReactNode;
}) {
  return (
    <section
      className={`ship-action ${canShip ? 'ship-action-ready' : ''}`}
      aria-label="Ship"
      data-testid="ship-action"
    >
      <button
        type="button"
        className="button button-primary ship-button"
        disabled={!canShip || busy}
        onClick={onShip}
        aria-keyshortcuts="Enter"
        data-testid="ship-button"
      >
        {canShip ? <IconCheck /> : null}
        <span>Ship</span>
        <kbd>Enter</kbd>
      </button>
      {canShip ? (
        <p className="ship-ready" data-testid="ship-ready">
          <IconCheck /> Everything is packed. Press Enter or scan SHIP.
        </p>
      ) : (
        <p className="ship-missing" data-testid="ship-missing">
          <IconError /> <span>{missingSummary(missing, stagesMissing)}</span>
        </p>
      )}
      {next}
      <ShipCommandCode />
    </section>
  );
}

/** The SHIP command's barcode, to scan from the screen or from the printed command sheet. */
export function ShipCommandCode() {
  return (
    <div className="command-code" data-testid="ship-command">
      <CommandBarcode command="SHIP" />
      <span className="command-code-help">Scan SHIP to ship hands-free.</span>
    </div>
  );
}
