import { code128, drawingSVG } from 'bwip-js/browser';
import { useMemo, type ReactNode } from 'react';
import {
  COMMAND_INFO,
  commandBarcodeText,
  STATION_COMMANDS,
  type StationCommand,
} from '../../../../shared/scan/station-commands';

/** A command's Code 128 as an SVG picture: black on white in both themes, as on paper. */
function commandSvg(command: StationCommand): string {
  return code128(
    {
      bcid: 'code128',
      text: commandBarcodeText(command),
      scale: 3,
      height: 12,
      // Quiet zones, so a scanner finds the code's edges on screen as on paper.
      paddingwidth: 12,
      paddingheight: 4,
      backgroundcolor: 'FFFFFF',
    },
    drawingSVG(),
  );
}

export function CommandBarcode({ command }: { readonly command: StationCommand }) {
  const src = useMemo(() => `data:image/svg+xml,${encodeURIComponent(commandSvg(command))}`, [command]);
  return (
    <img
      className="command-barcode"
      src={src}
      alt={`Barcode of the ${command} command`}
      data-testid={`command-barcode-${command}`}
    />
  );
}

/**
 * Every command barcode with its word, its key and what it does, to print and keep at the
 * station: packers then never reach for the keyboard.
 */
export function CommandSheet({ children }: { readonly children?: ReactNode }) {
  return (
    <section className="command-sheet" aria-labelledby="command-sheet-title" data-testid="command-sheet">
      <div className="command-sheet-head">
        <h2 id="command-sheet-title" tabIndex={-1}>
          Command barcodes
        </h2>
        <button type="button" className="button" onClick={() => window.print()} data-testid="command-sheet-print">
          Print this sheet
        </button>
      </div>
      {children}
      <p className="muted command-sheet-lead">
        Scan one to do what its key does on that screen. Print the sheet and keep it by the scanner.
      </p>
      <ul className="command-sheet-list">
        {STATION_COMMANDS.map((command) => (
          <li key={command} className="command-sheet-item" data-testid={`command-sheet-${command}`}>
            <CommandBarcode command={command} />
            <div className="command-sheet-words">
              <strong className="command-sheet-word">{command}</strong>
              <span className="command-sheet-keys">
                {COMMAND_INFO[command].keys.ship ? (
                  <span>
                    Ship <kbd>{COMMAND_INFO[command].keys.ship}</kbd>
                  </span>
                ) : null}
                {COMMAND_INFO[command].keys.wizard ? (
                  <span>
                    Receive, transfer <kbd>{COMMAND_INFO[command].keys.wizard}</kbd>
                  </span>
                ) : null}
              </span>
              <span className="command-sheet-does">{COMMAND_INFO[command].does}</span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
