import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StationStatus } from '../../src/shared/ipc/app.contract';
import type { ProductRow } from '../../src/shared/ipc/catalog.contract';
import type { DevicesView } from '../../src/shared/ipc/devices.contract';
import { StationProvider } from '../../src/renderer/src/api/station-context';
import { App } from '../../src/renderer/src/app';
import { FakeStation, ok } from './fake-station';

afterEach(cleanup);
beforeEach(() => {
  window.history.replaceState(null, '', '/');
});

function status(overrides: Partial<StationStatus> = {}): StationStatus {
  return {
    version: '0.1.0',
    mode: 'browser',
    stationName: 'PACK-3',
    schemaVersion: 1,
    firstRun: false,
    demoData: false,
    counts: { products: 0, orders: 0, purchaseOrders: 0, units: 0, shippedSerials: 0 },
    ...overrides,
  };
}

/** A station with no scale or printer chosen, and scans typed by a keyboard scanner. */
const NOTHING_CHOSEN: DevicesView = {
  statuses: [
    { deviceClass: 'scanner', state: 'not-configured', name: 'Scanner', detail: 'Keyboard scanner', since: '' },
    { deviceClass: 'scale', state: 'not-configured', name: 'Scale', detail: 'No scale chosen', since: '' },
    { deviceClass: 'printer', state: 'not-configured', name: 'Label printer', detail: 'No printer', since: '' },
  ],
  config: { scanner: null, scale: null, printer: null },
  weight: null,
};

const PHONE: ProductRow = {
  id: 1,
  sku: 'PH-100',
  name: 'Phone X 128 GB dual SIM',
  trackSerials: true,
  serialsPerUnit: 2,
  serialSlotLabels: ['IMEI 1', 'IMEI 2'],
  serialPattern: '^[0-9]{15}$',
  serialLength: null,
  warrantyMonths: 24,
  unitWeightG: 420,
  barcodes: ['0840000000017'],
  inStock: 7,
};

async function renderApp(station: FakeStation, transport: 'desktop' | 'browser' = 'browser') {
  await act(async () => {
    render(
      <StationProvider link={station.link(transport)}>
        <App />
      </StationProvider>,
    );
  });
}

describe('station app', () => {
  it('on an empty station offers demo data, loads it, and shows the counts above the products list', async () => {
    let loaded = false;
    const station = new FakeStation()
      .answer('app:get-status', () => ok(status({ firstRun: !loaded, demoData: loaded })))
      .answer('app:load-demo-data', () => {
        loaded = true;
        return ok({ products: 32, orders: 60, purchaseOrders: 6, vendors: 3 });
      })
      .answer('catalog:list-products', () => ok({ total: loaded ? 1 : 0, rows: loaded ? [PHONE] : [] }));
    await renderApp(station);

    expect(screen.getByTestId('first-run')).toBeTruthy();
    expect(screen.queryByText('Demo data')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Load demo data' }));
    });

    expect(station.callsTo('app:load-demo-data')).toHaveLength(1);
    expect(screen.getByTestId('demo-loaded').textContent).toContain(
      '32 products, 60 orders and 6 purchase orders from 3 vendors',
    );
    const list = screen.getByTestId('products-list');
    const row = within(list).getByText('PH-100').closest('tr')!;
    expect(row.textContent).toContain('Yes, 2 per unit (IMEI 1, IMEI 2)');
    expect(row.textContent).toContain('0840000000017');
    // The frame now marks the station as holding demo data.
    expect(screen.getByText('Demo data', { selector: '.badge' })).toBeTruthy();
    expect(window.location.hash).toBe('#/products');
  });

  it('shows why demo data could not be loaded instead of moving on', async () => {
    const station = new FakeStation()
      .answer('app:get-status', () => ok(status({ firstRun: true })))
      .answer('app:load-demo-data', () => ({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'Demo data only loads into an empty store; this one already holds products or orders.',
        },
      }));
    await renderApp(station);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Load demo data' }));
    });
    expect(screen.getByRole('alert').textContent).toContain('only loads into an empty store');
    expect(screen.getByTestId('first-run')).toBeTruthy();
  });

  it('shows the station frame: station name, mode, nobody signed in and devices as the station reports them', async () => {
    const station = new FakeStation()
      .answer('app:get-status', () => ok(status()))
      .answer('catalog:list-products', () => ok({ total: 0, rows: [] }))
      .answer('devices:get', () => ok(NOTHING_CHOSEN));
    await renderApp(station);

    expect(screen.getByTestId('station-name').textContent).toContain('PACK-3');
    expect(screen.getByText('Browser station')).toBeTruthy();
    expect(screen.getByTestId('operator').textContent).toContain('No one signed in');
    // Scans still work without a chosen scanner: a keyboard scanner types into the scan field.
    expect(screen.getByTestId('device-scanner').textContent).toBe('Scanner keyboard scanner');
    for (const device of ['scale', 'printer']) {
      const pill = screen.getByTestId(`device-${device}`);
      expect(pill.textContent).toMatch(/not set up$/);
      expect(pill.getAttribute('data-state')).toBe('not-configured');
    }
    expect(screen.getByTestId('connection').textContent).toBe('Connected');
  });

  it('claims nothing about the devices when the station cannot say how they are', async () => {
    const station = new FakeStation()
      .answer('app:get-status', () => ok(status()))
      .answer('catalog:list-products', () => ok({ total: 0, rows: [] }))
      .answer('devices:get', () => ({
        ok: false,
        error: { code: 'INTERNAL', message: 'The device manager is not running.' },
      }));
    await renderApp(station);
    for (const device of ['Scanner', 'Scale', 'Printer']) {
      const pill = screen.getByTestId(`device-${device.toLowerCase()}`);
      expect(pill.textContent).toBe(`${device} state not known`);
      expect(pill.textContent).not.toMatch(/connected/);
    }
  });

  it('moves between screens with Alt+digit, as printed beside each item', async () => {
    const station = new FakeStation()
      .answer('app:get-status', () => ok(status()))
      .answer('catalog:list-products', () => ok({ total: 0, rows: [] }))
      .answer('catalog:list-orders', () => ok({ total: 0, rows: [] }))
      .answer('devices:get', () => ok(NOTHING_CHOSEN));
    await renderApp(station);

    const importItem = screen.getByRole('button', { name: /Import\s*Alt 9/ });
    expect(importItem.getAttribute('aria-keyshortcuts')).toBe('Alt+9');
    await act(async () => {
      fireEvent.keyDown(window, { code: 'Digit9', key: '9', altKey: true });
    });
    expect(screen.getByTestId('import-screen')).toBeTruthy();
    expect(importItem.getAttribute('aria-current')).toBe('page');
    expect(document.activeElement?.textContent).toBe('Import');

    await act(async () => {
      fireEvent.keyDown(window, { code: 'Digit7', key: '7', altKey: true });
    });
    expect(screen.getByTestId('orders-list')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Orders\s*Alt 7/ }).getAttribute('aria-current')).toBe('page');
    expect(importItem.getAttribute('aria-current')).toBeNull();

    // Plain digits (what a scanner types) never switch screens.
    await act(async () => {
      fireEvent.keyDown(window, { code: 'Digit9', key: '9' });
    });
    expect(screen.queryByTestId('import-screen')).toBeNull();
    expect(screen.getByTestId('orders-list')).toBeTruthy();

    // Devices has no digit of its own (it is past the tenth item) and says so by showing none.
    const devicesItem = screen.getByRole('button', { name: 'Devices' });
    expect(devicesItem.getAttribute('aria-keyshortcuts')).toBeNull();
  });

  it('shows a clear not-authorised page when the station refuses this page', async () => {
    const station = new FakeStation();
    const refused = { status: 'unauthorised', reason: 'no-token' } as const;
    const link = {
      ...station.link('browser'),
      connection: { current: () => refused, subscribe: () => () => undefined },
    };
    await act(async () => {
      render(
        <StationProvider link={link}>
          <App />
        </StationProvider>,
      );
    });
    expect(screen.getByTestId('not-authorised').textContent).toContain(
      'This page is not authorised to use the station',
    );
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(station.calls).toEqual([]);
  });
});
