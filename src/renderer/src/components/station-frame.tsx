import type { ReactNode } from 'react';
import type { StationStatus } from '../../../shared/ipc/app.contract';
import type { ConnectionState } from '../api';
import { DeviceProblemBanner, DevicePills } from '../features/devices/device-status';
import { DevicesProvider } from '../features/devices/devices-context';
import { NAV_ITEMS, type ScreenId } from '../navigation';
import { IconError, IconWarning } from './icons';
import { DeviceScanProvider } from '../scan/device-scans';
import type { Theme } from './theme';

interface StationFrameProps {
  readonly status: StationStatus | null;
  readonly transport: 'desktop' | 'browser';
  readonly connection: ConnectionState;
  readonly screen: ScreenId;
  readonly onNavigate: (screen: ScreenId) => void;
  readonly theme: Theme;
  readonly onToggleTheme: () => void;
  /** Who is signed in, with sign in / sign out; the frame only places it. */
  readonly operator?: ReactNode;
  readonly children: ReactNode;
}

/**
 * What stays on screen whatever the packer is doing: who, where, which devices, which link.
 * The frame lives as long as the window, so it also holds the one subscription to the
 * station's devices and routes its scanners' scans to whichever screen is scanning.
 */
export function StationFrame(props: StationFrameProps) {
  return (
    <DevicesProvider>
      <DeviceScanProvider>
        <FrameLayout {...props} />
      </DeviceScanProvider>
    </DevicesProvider>
  );
}

function FrameLayout(props: StationFrameProps) {
  const { status, transport, connection, screen, onNavigate, theme, onToggleTheme, operator, children } = props;
  return (
    <div className="frame">
      <header className="topbar">
        <div className="topbar-identity">
          <span className="brand">Packbench</span>
          <span className="station-name" data-testid="station-name">
            <span className="label">Station</span> {status?.stationName ?? '…'}
          </span>
          <span className="badge badge-mode">{transport === 'browser' ? 'Browser station' : 'Desktop station'}</span>
          {status?.demoData ? <span className="badge badge-demo">Demo data</span> : null}
        </div>
        <div className="topbar-operator" data-testid="operator">
          {operator ?? (
            <>
              <span className="label">Operator</span> <span className="muted-strong">No one signed in</span>
            </>
          )}
        </div>
        <DevicePills />
        <ConnectionPill connection={connection} />
      </header>
      <ConnectionBanner connection={connection} />
      <DeviceProblemBanner screen={screen} />
      <div className="frame-body">
        <div className="sidebar">
          <nav aria-label="Screens">
            <ul>
              {NAV_ITEMS.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    className="nav-item"
                    aria-current={screen === item.id ? 'page' : undefined}
                    aria-keyshortcuts={item.key ? `Alt+${item.key}` : undefined}
                    onClick={() => onNavigate(item.id)}
                  >
                    <span>{item.label}</span>
                    {item.key ? <kbd>Alt {item.key}</kbd> : null}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <button type="button" className="button button-quiet theme-toggle" onClick={onToggleTheme}>
            {theme === 'dark' ? 'Light theme' : 'Dark theme'}
          </button>
        </div>
        <main className="content" id="content">
          {children}
        </main>
      </div>
    </div>
  );
}

function ConnectionPill({ connection }: { readonly connection: ConnectionState }) {
  switch (connection.status) {
    case 'open':
      return (
        <p className="pill pill-ok" data-testid="connection">
          <span className="dot" aria-hidden="true" />
          Connected
        </p>
      );
    case 'connecting':
      return (
        <p className="pill pill-warn" data-testid="connection">
          <IconWarning />
          {connection.failures === 0 ? 'Connecting…' : 'Reconnecting…'}
        </p>
      );
    case 'waiting':
      return (
        <p className="pill pill-warn" data-testid="connection">
          <IconWarning />
          Offline
        </p>
      );
    case 'unauthorised':
      return (
        <p className="pill pill-bad" data-testid="connection">
          <IconError />
          Not authorised
        </p>
      );
  }
}

function ConnectionBanner({ connection }: { readonly connection: ConnectionState }) {
  if (connection.status === 'waiting') {
    const seconds = Math.max(1, Math.round(connection.retryInMs / 1000));
    return (
      <div className="banner banner-warn" role="alert" data-testid="connection-banner">
        <IconWarning />
        <span>
          <strong>Lost connection to the station.</strong> Trying again in {seconds} s. Scans and changes are not being
          saved until it is back.
        </span>
      </div>
    );
  }
  if (connection.status === 'connecting' && connection.failures > 0) {
    return (
      <div className="banner banner-warn" role="alert" data-testid="connection-banner">
        <IconWarning />
        <span>
          <strong>Lost connection to the station.</strong> Reconnecting now…
        </span>
      </div>
    );
  }
  return null;
}
