import type { ReactNode } from 'react';
import type { Output } from '../../../../shared/ipc';
import { IconWarning } from '../../components/icons';

export type Discovery = Output<'devices:discover'>;

/** What Find offers to fill in: a class and what to put in its form. */
export type UseFound =
  | { readonly deviceClass: 'scanner'; readonly kind: 'serial' | 'hid-pos'; readonly path: string }
  | { readonly deviceClass: 'scale'; readonly kind: 'serial' | 'hid-pos'; readonly path: string }
  | { readonly deviceClass: 'printer'; readonly address: string };

const HID_ROLES = { scanner: 'HID POS scanner', scale: 'HID POS scale', other: 'Other HID device' } as const;

/**
 * Everything attached to this computer that could be a scanner, scale or printer, with a
 * button to put each one into the form above. Finding changes nothing by itself.
 */
export function DiscoverPanel({
  discovery,
  busy,
  problem,
  locked,
  onFind,
  onUse,
}: {
  readonly discovery: Discovery | null;
  readonly busy: boolean;
  readonly problem: string | null;
  readonly locked: boolean;
  readonly onFind: () => void;
  readonly onUse: (found: UseFound) => void;
}) {
  const nothing =
    discovery !== null &&
    discovery.serialPorts.length === 0 &&
    discovery.hid.length === 0 &&
    discovery.usbPrinters.length === 0;
  return (
    <section className="device-card discover-panel" aria-labelledby="discover-title" data-testid="discover-panel">
      <div className="device-card-head">
        <h2 id="discover-title">Attached devices</h2>
        <button type="button" className="button" onClick={onFind} disabled={busy} data-testid="discover-button">
          {busy ? 'Looking…' : discovery ? 'Look again' : 'Find attached devices'}
        </button>
      </div>
      {problem ? (
        <p className="device-answer device-answer-bad" role="alert">
          <IconWarning />
          <span>{problem}</span>
        </p>
      ) : null}
      {discovery === null ? (
        <p className="muted">Lists the serial ports, USB HID scanners and scales, and USB label printers found here.</p>
      ) : null}
      {nothing ? (
        <p data-testid="discover-nothing">
          Nothing found: no serial ports, HID devices or USB printers. Check the cables; network printers are not listed
          — type their address.
        </p>
      ) : null}
      {discovery && !nothing ? (
        <div className="discover-lists">
          {discovery.serialPorts.length > 0 ? (
            <FoundList title="Serial ports">
              {discovery.serialPorts.map((port) => (
                <FoundRow key={port.path} what={port.path} description={port.description}>
                  <UseButton
                    locked={locked}
                    words="Scanner"
                    onClick={() => onUse({ deviceClass: 'scanner', kind: 'serial', path: port.path })}
                  />
                  <UseButton
                    locked={locked}
                    words="Scale"
                    onClick={() => onUse({ deviceClass: 'scale', kind: 'serial', path: port.path })}
                  />
                </FoundRow>
              ))}
            </FoundList>
          ) : null}
          {discovery.hid.length > 0 ? (
            <FoundList title="USB HID devices">
              {discovery.hid.map((device, i) => (
                <FoundRow
                  key={device.path ?? `hid-${i}`}
                  what={HID_ROLES[device.role]}
                  description={`${device.description}${device.path ? ` — ${device.path}` : ''}`}
                >
                  {device.role !== 'other' && device.path ? (
                    <UseButton
                      locked={locked}
                      words={device.role === 'scanner' ? 'Scanner' : 'Scale'}
                      onClick={() =>
                        onUse({
                          deviceClass: device.role === 'scanner' ? 'scanner' : 'scale',
                          kind: 'hid-pos',
                          path: device.path!,
                        })
                      }
                    />
                  ) : null}
                </FoundRow>
              ))}
            </FoundList>
          ) : null}
          {discovery.usbPrinters.length > 0 ? (
            <FoundList title="USB printers">
              {discovery.usbPrinters.map((printer) => (
                <FoundRow key={printer.address} what={printer.address} description={printer.description}>
                  <UseButton
                    locked={locked}
                    words="Printer"
                    onClick={() => onUse({ deviceClass: 'printer', address: printer.address })}
                  />
                </FoundRow>
              ))}
            </FoundList>
          ) : null}
        </div>
      ) : null}
      {discovery && discovery.problems.length > 0 ? (
        <div className="discover-problems" data-testid="discover-problems">
          <h3>
            <IconWarning /> Could not look everywhere
          </h3>
          <ul>
            {discovery.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function FoundList({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <div className="found-list">
      <h3>{title}</h3>
      <ul>{children}</ul>
    </div>
  );
}

function FoundRow({
  what,
  description,
  children,
}: {
  readonly what: string;
  readonly description: string;
  readonly children?: ReactNode;
}) {
  return (
    <li className="found-row">
      <span className="found-what">
        <strong className="code">{what}</strong>
        <span className="muted">{description}</span>
      </span>
      <span className="found-use">{children}</span>
    </li>
  );
}

function UseButton({
  words,
  locked,
  onClick,
}: {
  readonly words: string;
  readonly locked: boolean;
  readonly onClick: () => void;
}) {
  return (
    <button type="button" className="button button-small" disabled={locked} onClick={onClick}>
      Use as {words.toLowerCase()}
    </button>
  );
}
