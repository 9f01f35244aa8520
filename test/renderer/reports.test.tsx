import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dashboard } from '../../src/shared/ipc/admin.contract';
import type { AuthStatus } from '../../src/shared/ipc/auth.contract';
import type { ExportStatus } from '../../src/shared/ipc/exports.contract';
import { StationProvider } from '../../src/renderer/src/api/station-context';
import { DASHBOARD_REFRESH_MS } from '../../src/renderer/src/features/reports/dashboard-view';
import { ReportsScreen } from '../../src/renderer/src/features/reports/reports-screen';
import { FakeStation, ok } from './fake-station';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  window.sessionStorage.clear();
});

beforeEach(() => {
  // jsdom has no canvas: the chart stays blank and its table carries the numbers.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

function signedIn(role: 'supervisor' | 'packer', name = role === 'supervisor' ? 'Sam' : 'Pat'): AuthStatus {
  return {
    operator: { id: 1, name, role, shiftId: 7 },
    needsFirstSupervisor: false,
    operators: [],
    shiftStartedAt: null,
    idleTimeoutMinutes: 0,
  };
}

function exportStation(role: 'supervisor' | 'packer' = 'supervisor'): FakeStation {
  return new FakeStation()
    .answer('auth:get-status', () => ok(signedIn(role)))
    .answer('operators:list', () => ok([{ id: 1, name: 'Sam', role: 'supervisor', active: true }]))
    .answer('exports:start', () => ok({ exportId: 'exp-1', fileName: 'shift-log_2025-03-04_to_2025-03-04.csv' }))
    .answer('exports:cancel', () => ok({ cancelled: true }));
}

function progress(overrides: Partial<ExportStatus>): ExportStatus {
  return {
    exportId: 'exp-1',
    fileName: 'shift-log_2025-03-04_to_2025-03-04.csv',
    state: 'running',
    rows: 0,
    total: 0,
    message: '',
    downloadPath: null,
    ...overrides,
  };
}

async function renderReports(
  station: FakeStation,
  tab: 'today' | 'exports',
  transport: 'desktop' | 'browser' = 'desktop',
) {
  await act(async () => {
    render(
      <StationProvider link={station.link(transport)}>
        <ReportsScreen initialTab={tab} />
      </StationProvider>,
    );
  });
}

async function startShiftLog(): Promise<HTMLElement> {
  const form = screen.getByTestId('shift-log-form');
  await act(async () => {
    fireEvent.click(within(form).getByRole('button', { name: 'Export shift serial log' }));
  });
  return form;
}

describe('reports: exports', () => {
  it('sends the shift log filters, follows only its own export, and cancels it', async () => {
    const station = exportStation();
    await renderReports(station, 'exports');
    const form = screen.getByTestId('shift-log-form');
    fireEvent.change(within(form).getByLabelText('First day'), { target: { value: '2025-03-01' } });
    fireEvent.change(within(form).getByLabelText('Last day'), { target: { value: '2025-03-04' } });
    fireEvent.change(within(form).getByLabelText('Operator'), { target: { value: 'Pat' } });
    fireEvent.change(within(form).getByLabelText('Shift number'), { target: { value: '12' } });
    fireEvent.click(within(form).getByLabelText('Received serials'));
    fireEvent.click(within(form).getByLabelText('XLSX (Excel)'));
    await startShiftLog();

    expect(station.callsTo('exports:start')).toEqual([
      {
        request: {
          kind: 'shift-log',
          from: '2025-03-01',
          to: '2025-03-04',
          operator: 'Pat',
          shiftId: 12,
          includeReceived: true,
          includeReturned: false,
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        },
        format: 'xlsx',
      },
    ]);

    await act(async () => {
      station.emit('exports:progress', progress({ exportId: 'someone-else', rows: 900, total: 1000 }));
      station.emit('exports:progress', progress({ rows: 500, total: 2000 }));
    });
    const bar = within(screen.getByTestId('shift-log-export')).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('500');
    expect(screen.getByTestId('shift-log-export').textContent).toContain('500 of 2,000 (25%)');
    // One export at a time per form.
    expect((within(form).getByRole('button', { name: 'Export shift serial log' }) as HTMLButtonElement).disabled).toBe(
      true,
    );

    await act(async () => {
      fireEvent.click(screen.getByTestId('shift-log-export-cancel'));
    });
    expect(station.callsTo('exports:cancel')).toEqual([{ exportId: 'exp-1' }]);
    expect(screen.getByTestId('shift-log-export-cancel').textContent).toBe('Cancelling…');

    await act(async () => {
      station.emit(
        'exports:progress',
        progress({
          state: 'cancelled',
          rows: 700,
          message: 'Export cancelled after 700 rows; no file was left behind.',
        }),
      );
    });
    const done = screen.getByTestId('shift-log-export');
    expect(done.textContent).toContain('Export cancelled');
    expect(done.textContent).toContain('no file was left behind');
    expect(within(done).queryByRole('progressbar')).toBeNull();
  });

  it('offers the finished file as a download with this tab’s station key in browser mode', async () => {
    window.sessionStorage.setItem('packbench.station-token', 'tok en');
    const station = exportStation();
    await renderReports(station, 'exports', 'browser');
    await startShiftLog();
    await act(async () => {
      station.emit(
        'exports:progress',
        progress({
          state: 'done',
          rows: 42,
          total: 42,
          message: 'Saved 42 rows to shift-log_2025-03-04_to_2025-03-04.csv in the export folder.',
          downloadPath: '/exports/exp-1',
        }),
      );
    });
    const link = within(screen.getByTestId('shift-log-export')).getByRole('link', {
      name: 'Download shift-log_2025-03-04_to_2025-03-04.csv',
    });
    expect(link.getAttribute('href')).toBe('/exports/exp-1?token=tok%20en');
    expect(link.getAttribute('download')).toBe('shift-log_2025-03-04_to_2025-03-04.csv');
  });

  it('in the desktop app says where the file was saved, with no link', async () => {
    const station = exportStation();
    await renderReports(station, 'exports', 'desktop');
    await startShiftLog();
    await act(async () => {
      station.emit(
        'exports:progress',
        progress({
          state: 'done',
          rows: 3,
          message: 'Saved 3 rows to x.csv in the export folder.',
          downloadPath: '/exports/exp-1',
        }),
      );
    });
    const box = screen.getByTestId('shift-log-export');
    expect(box.textContent).toContain('Saved 3 rows to x.csv in the export folder.');
    expect(within(box).queryByRole('link')).toBeNull();
  });

  it('shows the station’s reason when an export fails, e.g. a missing folder', async () => {
    const station = exportStation();
    await renderReports(station, 'exports');
    await startShiftLog();
    await act(async () => {
      station.emit(
        'exports:progress',
        progress({
          state: 'failed',
          message: 'The folder /mnt/office does not exist. Create it or choose another folder.',
        }),
      );
    });
    const box = screen.getByTestId('shift-log-export');
    expect(within(box).getByRole('alert').textContent).toContain('The folder /mnt/office does not exist');
  });

  it("starts on today in the warehouse's time zone and sends that zone with dated exports", async () => {
    // 07:30 UTC on the 23rd is still 23:30 on the 22nd in Los Angeles.
    vi.stubEnv('TZ', 'America/Los_Angeles');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T07:30:00.000Z'));
    try {
      const station = exportStation().answer('catalog:list-purchase-orders', () => ok({ total: 0, rows: [] }));
      await renderReports(station, 'exports');
      const form = screen.getByTestId('shift-log-form');
      expect((within(form).getByLabelText('First day') as HTMLInputElement).value).toBe('2026-11-22');
      expect((within(form).getByLabelText('Last day') as HTMLInputElement).value).toBe('2026-11-22');
      await startShiftLog();
      const po = screen.getByTestId('po-serials-form');
      fireEvent.change(within(po).getByLabelText('PO number'), { target: { value: 'PO-2401' } });
      await act(async () => {
        fireEvent.click(within(po).getByRole('button', { name: 'Export PO serials' }));
      });
      expect(station.callsTo('exports:start')).toEqual([
        {
          request: {
            kind: 'shift-log',
            from: '2026-11-22',
            to: '2026-11-22',
            includeReceived: false,
            includeReturned: false,
            timeZone: 'America/Los_Angeles',
          },
          format: 'csv',
        },
        { request: { kind: 'po-serials', poNumber: 'PO-2401', timeZone: 'America/Los_Angeles' }, format: 'csv' },
      ]);
      expect(screen.getByTestId('file-safety').textContent).toContain('America/Los_Angeles');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('keeps a wrong date range from the station and says why', async () => {
    const station = exportStation();
    await renderReports(station, 'exports');
    const form = screen.getByTestId('shift-log-form');
    fireEvent.change(within(form).getByLabelText('First day'), { target: { value: '2025-03-05' } });
    fireEvent.change(within(form).getByLabelText('Last day'), { target: { value: '2025-03-01' } });
    await startShiftLog();
    expect(within(form).getByRole('alert').textContent).toContain('The last day (2025-03-01) is before the first day');
    expect(station.callsTo('exports:start')).toEqual([]);
  });

  it('exports the serials of the products picked by search', async () => {
    const station = exportStation().answer('catalog:list-products', () =>
      ok({
        total: 1,
        rows: [
          {
            id: 1,
            sku: 'PH-100',
            name: 'Phone X',
            trackSerials: true,
            serialsPerUnit: 2,
            serialSlotLabels: ['IMEI 1', 'IMEI 2'],
            serialPattern: null,
            serialLength: null,
            warrantyMonths: 24,
            unitWeightG: 420,
            barcodes: [],
            inStock: 3,
          },
        ],
      }),
    );
    await renderReports(station, 'exports');
    const form = screen.getByTestId('product-serials-form');
    fireEvent.change(within(form).getByLabelText('Find a product'), { target: { value: 'phone' } });
    await waitFor(() => within(form).getByRole('button', { name: /Add PH-100/ }));
    fireEvent.click(within(form).getByRole('button', { name: /Add PH-100/ }));
    expect(within(form).getByTestId('chosen-skus').textContent).toContain('PH-100');
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Export product serials' }));
    });
    expect(station.callsTo('exports:start')).toEqual([
      {
        request: {
          kind: 'product-serials',
          skus: ['PH-100'],
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        },
        format: 'csv',
      },
    ]);
  });

  it('tells someone who is not a supervisor why the exports are unavailable', async () => {
    await renderReports(exportStation('packer'), 'exports');
    const button = screen.getByRole('button', { name: 'Export shift serial log' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    const reason = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toContain('Only a supervisor can export serial records');
    expect(reason?.textContent).toContain('You are signed in as Pat (packer)');
  });

  it('says how CSV cells are neutralised and that XLSX keeps values as text', async () => {
    await renderReports(exportStation(), 'exports');
    const note = screen.getByTestId('file-safety').textContent ?? '';
    expect(note).toMatch(/starts with\s*=\s*\+\s*-\s*@/);
    expect(note).toContain('never runs it as a formula');
    expect(note).toContain('keeps every value as text');
  });
});

function dashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    day: '2025-03-04',
    unitsPerHour: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      units: hour === 9 ? 12 : hour === 14 ? 30 : 0,
      serials: hour === 9 ? 20 : hour === 14 ? 41 : 0,
    })),
    perOperator: [
      { operator: 'Pat', orders: 9, serials: 40 },
      { operator: 'Lee', orders: 4, serials: 21 },
    ],
    perStation: [{ station: 'PACK-1', orders: 13, serials: 61 }],
    rejectedByReason: [
      { code: 'SERIAL_IS_KNOWN_BARCODE', count: 5 },
      { code: 'WRONG_ITEM', count: 2 },
    ],
    overrides: [
      {
        at: '2025-03-04T10:15:00.000Z',
        code: 'SERIAL_NOT_IN_STOCK',
        serial: '356789012345678',
        reference: 'SO-1001',
        approvedBy: 'Sam',
        reason: 'Unit found on the returns shelf',
        station: 'PACK-1',
      },
    ],
    openSessions: [
      {
        kind: 'ship',
        reference: 'SO-1002',
        status: 'parked',
        station: 'PACK-2',
        operator: 'Lee',
        updatedAt: '2025-03-04T11:00:00.000Z',
        units: 2,
      },
    ],
    ...overrides,
  };
}

describe('reports: today', () => {
  it('shows the day in words: totals, hours, rejections by reason, overrides with who approved them', async () => {
    const station = new FakeStation()
      .answer('auth:get-status', () => ok(signedIn('supervisor')))
      .answer('dashboard:get', () => ok(dashboard()));
    await renderReports(station, 'today');
    await waitFor(() => screen.getByTestId('dashboard-totals'));

    expect(screen.getByTestId('dashboard-totals').textContent).toContain('Units shipped42');
    const chart = screen.getByTestId('hourly-chart');
    expect(chart.textContent).toContain('42 units shipped; the busiest hour was 14:00 with 30.');
    // All 24 hours are there for anyone who cannot see the bars.
    expect(within(chart).getAllByRole('row')).toHaveLength(25);

    const rejected = screen.getByTestId('rejected');
    expect(rejected.textContent).toContain('A product barcode scanned as a serial');
    expect(rejected.textContent).toContain('Wrong item for the order');
    expect(rejected.textContent).not.toContain('SERIAL_IS_KNOWN_BARCODE');

    const override = within(screen.getByTestId('overrides')).getAllByRole('row')[1]!;
    expect(override.textContent).toContain('Serial not in stock');
    expect(override.textContent).toContain('Sam');
    expect(override.textContent).toContain('Unit found on the returns shelf');
    expect(screen.getByTestId('open-sessions').textContent).toContain('Parked');
    expect(screen.getByTestId('per-operator').textContent).toContain('Pat');
  });

  it('asks for the chosen day and refreshes by itself every 30 s while shown', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const station = new FakeStation()
      .answer('auth:get-status', () => ok(signedIn('supervisor')))
      .answer('dashboard:get', (input) => ok(dashboard({ day: input?.day ?? 'today' })));
    await renderReports(station, 'today');
    fireEvent.change(screen.getByLabelText('Day'), { target: { value: '2025-03-01' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10);
    });
    const asked = () => station.callsTo('dashboard:get') as { day: string; timeZone: string }[];
    expect(asked().at(-1)).toEqual({ day: '2025-03-01', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    const before = asked().length;

    await act(async () => {
      await vi.advanceTimersByTimeAsync(DASHBOARD_REFRESH_MS);
    });
    expect(asked().length).toBe(before + 1);
    expect(asked().at(-1)).toEqual({ day: '2025-03-01', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });

    // A hidden window (another app in front) does not keep asking.
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(DASHBOARD_REFRESH_MS * 2);
    });
    expect(asked().length).toBe(before + 1);
  });

  it('explains that only a supervisor sees the figures when the station refuses', async () => {
    const station = new FakeStation()
      .answer('auth:get-status', () => ok(signedIn('packer')))
      .answer('dashboard:get', () => ({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Only a supervisor can do this.' },
      }));
    await renderReports(station, 'today');
    await waitFor(() => screen.getByText('Only a supervisor can see the day’s figures'));
    expect(screen.getByRole('alert').textContent).toContain('Only a supervisor can do this.');
  });
});
