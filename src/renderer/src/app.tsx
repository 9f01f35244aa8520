import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import type { DemoSummary, StationStatus } from '../../shared/ipc/app.contract';
import { useConnection, useStation } from './api/station-context';
import { IconLock } from './components/icons';
import { Notice } from './components/notice';
import { StationFrame } from './components/station-frame';
import { useTheme } from './components/theme';
import { AuthProvider } from './features/auth/auth-context';
import { AuthGate } from './features/auth/auth-gate';
import { OperatorStatus } from './features/auth/operator-status';
import { DevicesScreen } from './features/devices/devices-screen';
import { FirstRunScreen } from './features/first-run/first-run-screen';
import { ImportScreen } from './features/import/import-screen';
import { OrdersList, PurchaseOrdersList } from './features/lists/catalog-lists';
import { ProductsScreen } from './features/products/products-screen';
import { ReceiveScreen } from './features/receive/receive-screen';
import { ReportsScreen } from './features/reports/reports-screen';
import { ReturnsScreen } from './features/returns/returns-screen';
import { SerialsScreen } from './features/serials/serials-screen';
import { SettingsScreen } from './features/settings/settings-screen';
import { ShipScreen } from './features/ship/ship-screen';
import { TransfersScreen } from './features/transfers/transfers-screen';
import { screenForShortcut, screenFromHash, type ScreenId } from './navigation';

/** Where a station with data opens: the first screen with real work on it. */
const HOME: ScreenId = 'products';

export function App() {
  const { api, transport } = useStation();
  const connection = useConnection();
  const { theme, toggle } = useTheme();
  const [status, setStatus] = useState<StationStatus | null>(null);
  const [statusError, setStatusError] = useState<ErrorInfo | null>(null);
  const [screen, setScreen] = useState<ScreenId | null>(() => screenFromHash(window.location.hash));
  const [demoLoaded, setDemoLoaded] = useState<DemoSummary | null>(null);
  const focusHeading = useRef(false);

  const refreshStatus = useCallback(async () => {
    const envelope = await api.invoke('app:get-status', {});
    if (envelope.ok) {
      setStatus(envelope.value);
      setStatusError(null);
    } else {
      setStatusError(envelope.error);
    }
  }, [api]);

  // Every (re)connection reloads the status: the station may have changed while we were away.
  useEffect(() => {
    if (connection.status === 'open') void refreshStatus();
  }, [connection.status, refreshStatus]);

  useEffect(() => {
    if (status && screen === null) setScreen(status.firstRun ? 'welcome' : HOME);
  }, [status, screen]);

  const navigate = useCallback((next: ScreenId) => {
    focusHeading.current = true;
    if (next !== 'products') setDemoLoaded(null);
    setScreen(next);
    window.history.replaceState(window.history.state, '', `#/${next}`);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const item = screenForShortcut(event);
      if (!item) return;
      event.preventDefault();
      navigate(item.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  // After moving screens by keyboard, put focus on the new heading so Tab starts from there.
  useEffect(() => {
    if (!focusHeading.current) return;
    focusHeading.current = false;
    document.querySelector<HTMLElement>('#content h1')?.focus();
  }, [screen]);

  if (connection.status === 'unauthorised' || statusError?.code === 'UNAUTHORIZED') {
    return <NotAuthorised reason={connection.status === 'unauthorised' ? connection.reason : 'refused'} />;
  }

  return (
    <AuthProvider>
      <StationFrame
        status={status}
        transport={transport}
        connection={connection}
        screen={screen ?? HOME}
        onNavigate={navigate}
        theme={theme}
        onToggleTheme={toggle}
        operator={<OperatorStatus />}
      >
        {statusError ? (
          <Notice tone="error" title="The station did not answer">
            <p>{statusError.message}</p>
            <button type="button" className="button" onClick={() => void refreshStatus()}>
              Try again
            </button>
          </Notice>
        ) : null}
        {screen === null || status === null ? (
          statusError ? null : (
            <p className="loading" data-testid="loading">
              Connecting to the station…
            </p>
          )
        ) : (
          <AuthGate screen={screen}>
            <Screen
              screen={screen}
              demoLoaded={demoLoaded}
              onNavigate={navigate}
              onDemoLoaded={(summary) => {
                setDemoLoaded(summary);
                void refreshStatus();
                navigate('products');
              }}
              onChanged={() => void refreshStatus()}
            />
          </AuthGate>
        )}
      </StationFrame>
    </AuthProvider>
  );
}

function Screen({
  screen,
  demoLoaded,
  onNavigate,
  onDemoLoaded,
  onChanged,
}: {
  readonly screen: ScreenId;
  readonly demoLoaded: DemoSummary | null;
  readonly onNavigate: (screen: ScreenId) => void;
  readonly onDemoLoaded: (summary: DemoSummary) => void;
  readonly onChanged: () => void;
}) {
  const toImport = () => onNavigate('import');
  switch (screen) {
    case 'welcome':
      return <FirstRunScreen onDemoLoaded={onDemoLoaded} onImport={toImport} />;
    case 'products':
      return (
        <ProductsScreen onImport={toImport} notice={demoLoaded ? <DemoLoadedNotice summary={demoLoaded} /> : null} />
      );
    case 'orders':
      return <OrdersList onImport={toImport} />;
    case 'purchase-orders':
      return <PurchaseOrdersList onImport={toImport} />;
    case 'import':
      return <ImportScreen onImported={onChanged} onOpenList={onNavigate} />;
    case 'receive':
      return <ReceiveScreen />;
    case 'ship':
      return <ShipScreen />;
    case 'returns':
      return <ReturnsScreen />;
    case 'serials':
      return <SerialsScreen />;
    case 'devices':
      return <DevicesScreen />;
    case 'transfers':
      return <TransfersScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'settings':
      return <SettingsScreen onOpenDevices={() => onNavigate('devices')} />;
  }
}

function DemoLoadedNotice({ summary }: { readonly summary: DemoSummary }) {
  return (
    <Notice tone="success" title="Demo data loaded" testId="demo-loaded">
      <p>
        {summary.products.toLocaleString()} products, {summary.orders.toLocaleString()} orders and{' '}
        {summary.purchaseOrders.toLocaleString()} purchase orders from {summary.vendors.toLocaleString()} vendors, all
        marked as demo data.
      </p>
    </Notice>
  );
}

function NotAuthorised({ reason }: { readonly reason: 'no-token' | 'refused' }) {
  return (
    <main className="locked" data-testid="not-authorised">
      <div className="locked-panel" role="alert">
        <IconLock className="locked-icon" />
        <p className="brand">Packbench</p>
        <h1>This page is not authorised to use the station</h1>
        {reason === 'no-token' ? (
          <p>It was opened without the station’s access key. Nothing can be shown or changed from here.</p>
        ) : (
          <p>
            The station refused this page’s access key. The key changes every time the station starts, so an old address
            no longer works.
          </p>
        )}
        <p className="locked-what">What to do</p>
        <ol>
          <li>
            Find the address the station printed when it started. It ends with <span className="code">?token=…</span>
          </li>
          <li>Open that exact address on this computer, or restart the station to get a new one.</li>
        </ol>
      </div>
    </main>
  );
}
