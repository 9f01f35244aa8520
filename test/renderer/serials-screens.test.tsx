import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/shared/errors';
import type { AuthStatus } from '../../src/shared/ipc/auth.contract';
import type {
  InventoryRow,
  SerialHistory,
  ShippedQuery,
  ShippedSerialRow,
} from '../../src/shared/ipc/serials.contract';
import { StationProvider } from '../../src/renderer/src/api/station-context';
import { AuthProvider } from '../../src/renderer/src/features/auth/auth-context';
import { SerialsScreen } from '../../src/renderer/src/features/serials/serials-screen';
import { FakeStation, ok } from './fake-station';

/*
 * jsdom lays nothing out, so every element is 0 px tall and a virtualized list would draw no
 * rows. The list's scroll area is given a screen's height here, as a browser would.
 */
const realClientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 640 });
});
afterAll(() => {
  if (realClientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', realClientHeight);
});
afterEach(cleanup);

function authStatus(role: 'supervisor' | 'packer' | null): AuthStatus {
  return {
    operator: role ? { id: 1, name: role === 'supervisor' ? 'Sam' : 'Pat', role, shiftId: 7 } : null,
    needsFirstSupervisor: false,
    operators: [
      { name: 'Sam', role: 'supervisor' },
      { name: 'Pat', role: 'packer' },
    ],
    shiftStartedAt: role ? '2025-06-01T08:00:00.000Z' : null,
    idleTimeoutMinutes: 30,
  };
}

function shipped(serial: string, orderNumber: string, i: number): ShippedSerialRow {
  return {
    id: i,
    serial,
    slotLabel: 'Serial',
    orderNumber,
    customerName: `Customer ${i}`,
    sku: 'LT-300',
    productName: 'Laptop 14',
    shippedAt: `2025-05-${String(10 + i).padStart(2, '0')}T10:00:00.000Z`,
    createdAt: `2025-05-${String(10 + i).padStart(2, '0')}T10:00:00.000Z`,
    overridden: false,
    warranty: { months: 36, expiresOn: '2028-05-10', status: 'in-warranty' },
  };
}

const SHIPPED = [
  shipped('LAPTP00001', 'SO-200', 1),
  shipped('LAPTP00002', 'SO-200', 2),
  shipped('LAPTP00009', 'SO-300', 3),
];

/** Answers the shipped list the way the station does: exact pasted serials, not-found list, paging. */
function answerShipped(input: ShippedQuery | undefined) {
  const query = input ?? {};
  let rows = SHIPPED;
  let notFound: string[] = [];
  if (query.serials) {
    const wanted = new Set(query.serials.map((s) => s.toUpperCase()));
    rows = rows.filter((r) => wanted.has(r.serial.toUpperCase()));
    const found = new Set(rows.map((r) => r.serial.toUpperCase()));
    notFound = query.serials.filter((s) => !found.has(s.toUpperCase()));
  }
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 100;
  return ok({ total: rows.length, totalIsLowerBound: false, rows: rows.slice(offset, offset + limit), notFound });
}

function unit(unitId: number, status: InventoryRow['status'], serial: string): InventoryRow {
  return {
    unitId,
    sku: 'LT-300',
    productName: 'Laptop 14',
    status,
    codes: [{ slot: 1, label: 'Serial', serial }],
    lot: null,
    warehouse: 'MAIN',
    location: 'A-01',
    poNumber: 'PO-1',
    updatedAt: '2025-06-01T09:00:00.000Z',
  };
}

async function renderSerials(station: FakeStation) {
  await act(async () => {
    render(
      <StationProvider link={station.link()}>
        <AuthProvider>
          <SerialsScreen />
        </AuthProvider>
      </StationProvider>,
    );
  });
}

function shippedCalls(station: FakeStation): ShippedQuery[] {
  return station.callsTo('serials:list-shipped') as ShippedQuery[];
}

describe('shipped serial numbers', () => {
  it('lists newest first, and a click on a header sorts by it, then flips the direction', async () => {
    const station = new FakeStation()
      .answer('auth:get-status', () => ok(authStatus('supervisor')))
      .answer('serials:list-shipped', answerShipped);
    await renderSerials(station);

    const list = screen.getByTestId('shipped-serials');
    await within(list).findByText('LAPTP00001');
    expect(shippedCalls(station)[0]).toMatchObject({ sort: { column: 'createdAt', direction: 'desc' }, offset: 0 });
    const created = within(list).getByRole('columnheader', { name: /Created at/ });
    expect(created.getAttribute('aria-sort')).toBe('descending');
    const serialHeader = within(list).getByRole('columnheader', { name: /Serial/ });
    expect(serialHeader.getAttribute('aria-sort')).toBe('none');
    expect(within(list).getByTestId('shipped-count').textContent).toContain('of 3 shipped serials');

    await act(async () => {
      fireEvent.click(within(serialHeader).getByRole('button'));
    });
    await waitFor(() =>
      expect(shippedCalls(station).at(-1)).toMatchObject({ sort: { column: 'serial', direction: 'asc' }, offset: 0 }),
    );
    expect(serialHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(created.getAttribute('aria-sort')).toBe('none');

    await act(async () => {
      fireEvent.click(within(serialHeader).getByRole('button'));
    });
    await waitFor(() =>
      expect(shippedCalls(station).at(-1)).toMatchObject({ sort: { column: 'serial', direction: 'desc' } }),
    );
    expect(serialHeader.getAttribute('aria-sort')).toBe('descending');

    // Dates start newest first.
    await act(async () => {
      fireEvent.click(within(list).getByRole('button', { name: /Shipped at/ }));
    });
    await waitFor(() =>
      expect(shippedCalls(station).at(-1)).toMatchObject({ sort: { column: 'shippedAt', direction: 'desc' } }),
    );
  });

  it('looks up pasted serials exactly and shows the ones never shipped, with their count', async () => {
    const station = new FakeStation()
      .answer('auth:get-status', () => ok(authStatus('supervisor')))
      .answer('serials:list-shipped', answerShipped);
    await renderSerials(station);
    await screen.findByText('LAPTP00009');

    fireEvent.change(screen.getByLabelText(/Serials, one per line/), {
      target: { value: 'laptp00001\r\n\r\n  NEVER-1  \nLAPTP00001\nnever-2\nlaptp00001\n' },
    });
    const notFound = await screen.findByTestId('not-found', {}, { timeout: 2000 });
    const sent = shippedCalls(station).at(-1)!;
    // Blank lines, spaces and Windows line endings are tidied; an exact repeat is sent once.
    expect(sent.serials).toEqual(['laptp00001', 'NEVER-1', 'LAPTP00001', 'never-2']);
    expect(within(notFound).getByRole('heading').textContent).toContain(
      'Not found: 2 of 4 pasted serials were never shipped',
    );
    expect(
      within(screen.getByTestId('not-found-list'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['NEVER-1', 'never-2']);
    expect(within(notFound).getByRole('button', { name: 'Copy all 2' })).toBeTruthy();
    expect(screen.getByTestId('pasted-count').textContent).toContain('4 serials pasted (1 repeated line ignored)');
    const rows = screen.getAllByTestId('shipped-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('SO-200');
    expect(rows[0]!.textContent).toContain('In warranty');
  });

  it('shows the station’s message for a search shorter than three characters', async () => {
    const station = new FakeStation()
      .answer('auth:get-status', () => ok(authStatus(null)))
      .answer('serials:list-shipped', (input) =>
        input?.search && input.search.length < 3
          ? {
              ok: false,
              error: {
                code: 'BAD_REQUEST',
                message: 'Type at least 3 characters of a serial or order number to search.',
              },
            }
          : answerShipped(input),
      );
    await renderSerials(station);
    await screen.findByText('LAPTP00009');
    fireEvent.change(screen.getByLabelText('Search serial or order'), { target: { value: 'L' } });
    const message = await screen.findByText('Type at least 3 characters of a serial or order number to search.');
    expect(message.closest('[role="alert"]')).toBeTruthy();
    // Without a supervisor signed in, export says why it is unavailable.
    expect(screen.getByRole('button', { name: 'Export CSV' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Only a signed-in supervisor can export.')).toBeTruthy();
  });

  it('exports the list as shown, its times on this screen’s clock', async () => {
    const station = new FakeStation()
      .answer('auth:get-status', () => ok(authStatus('supervisor')))
      .answer('serials:list-shipped', answerShipped)
      .answer('exports:start', () => ok({ exportId: 'exp-1', fileName: 'shipped-serials.csv' }));
    await renderSerials(station);
    await screen.findByText('LAPTP00009');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    });
    await waitFor(() => expect(station.callsTo('exports:start')).toHaveLength(1));
    expect(station.callsTo('exports:start')[0]).toMatchObject({
      request: {
        kind: 'shipped-serials',
        query: { sort: { column: 'createdAt', direction: 'desc' } },
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      },
      format: 'csv',
    });
  });

  it('opens a serial’s history from the list, with a tampered ledger shown as such', async () => {
    const history: SerialHistory = {
      serial: 'LAPTP00002',
      units: [
        {
          unitId: 5,
          sku: 'LT-300',
          productName: 'Laptop 14',
          status: 'sold',
          codes: [{ slot: 1, serial: 'LAPTP00002' }],
          warehouse: 'MAIN',
          location: 'A-01',
          lot: null,
          warranty: { months: 36, expiresOn: '2028-05-12', status: 'in-warranty' },
        },
      ],
      events: [
        {
          id: 10,
          type: 'received',
          at: '2025-05-01T08:00:00.000Z',
          serial: 'LAPTP00002',
          sku: 'LT-300',
          productName: 'Laptop 14',
          reference: 'PO-1',
          station: 'DESK-1',
          operator: 'Rae',
          details: { unitCostCents: 45000, slotLabel: 'Serial' },
        },
        {
          id: 11,
          type: 'shipped',
          at: '2025-05-12T10:00:00.000Z',
          serial: 'LAPTP00002',
          sku: 'LT-300',
          productName: 'Laptop 14',
          reference: 'SO-999',
          station: 'PACK-1',
          operator: 'Pat',
          details: {},
        },
      ],
      ledger: { ok: false, firstBrokenEventId: 11, reason: 'Event 11 was altered after it was written.' },
    };
    const station = new FakeStation()
      .answer('auth:get-status', () => ok(authStatus('supervisor')))
      .answer('serials:list-shipped', answerShipped)
      .answer('serials:history', () => ok(history));
    await renderSerials(station);
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: /LAPTP00002/ }));
    });
    const view = await screen.findByTestId('serial-history');
    expect(station.callsTo('serials:history')).toEqual([{ serial: 'LAPTP00002' }]);
    expect(within(view).getByTestId('ledger-tampered').textContent).toContain('Record tampered');
    expect(within(view).getByTestId('ledger-tampered').textContent).toContain('Event 11 was altered');
    const events = within(view)
      .getAllByTestId('history-event')
      .map((li) => li.textContent ?? '');
    expect(events[0]).toContain('Received on PO-1');
    expect(events[0]).toContain('Cost 450.00');
    expect(events[0]).toContain('by Rae');
    expect(events[1]).toContain('Shipped on order SO-999');
    expect(events[1]).toContain('altered after it was written');
    // Back to the list, which kept its rows.
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Back to shipped serials/ }));
    });
    expect(screen.getByTestId('shipped-serials').closest('[hidden]')).toBeNull();
    expect(screen.getAllByTestId('shipped-row')).toHaveLength(3);
  });
});

describe('serial inventory', () => {
  function inventoryStation(role: 'supervisor' | 'packer', rows: InventoryRow[]) {
    const counts = { in_stock: 4, reserved: 1, sold: 9, returned: 0, defective: 2, all: 16 };
    return new FakeStation()
      .answer('auth:get-status', () => ok(authStatus(role)))
      .answer('serials:list-shipped', answerShipped)
      .answer('serials:list-inventory', (input) => {
        const status = input?.status;
        const shown = status ? rows.filter((r) => r.status === status) : rows;
        return ok({ total: status ? counts[status] : counts.all, counts, rows: shown });
      });
  }

  async function openInventory() {
    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: 'Inventory' }));
    });
    return screen.findByTestId('inventory-table');
  }

  it('shows a tab per status with its count and lists the chosen status', async () => {
    const station = inventoryStation('supervisor', [unit(1, 'in_stock', 'LAPTP00003'), unit(2, 'sold', 'LAPTP00001')]);
    await renderSerials(station);
    await openInventory();
    const tabs = screen.getAllByRole('tab').filter((tab) => tab.closest('.status-tabs'));
    expect(tabs.map((tab) => tab.textContent)).toEqual([
      'All16',
      'In stock4',
      'Reserved1',
      'Sold9',
      'Returned0',
      'Defective2',
    ]);
    expect(screen.getByTestId('tab-all').getAttribute('aria-selected')).toBe('true');

    await act(async () => {
      fireEvent.click(screen.getByTestId('tab-sold'));
    });
    await waitFor(() => expect(station.callsTo('serials:list-inventory').at(-1)).toMatchObject({ status: 'sold' }));
    expect(screen.getByTestId('tab-sold').getAttribute('aria-selected')).toBe('true');
    const rows = screen.getAllByTestId('inventory-row');
    expect(rows).toHaveLength(1);
    // A sold unit offers only the moves a sold unit can make.
    expect(
      within(rows[0]!)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['LAPTP00001 — open its history', 'Mark returned', 'Mark defective']);
  });

  it('refuses a move on a unit changed meanwhile and shows the unit as it is now', async () => {
    const station = inventoryStation('supervisor', [unit(1, 'in_stock', 'LAPTP00003')]).answer(
      'serials:transition',
      () => ({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'This unit changed meanwhile: it is now sold, not in stock. Nothing was changed.',
          details: { current: 'sold' },
        },
      }),
    );
    await renderSerials(station);
    await openInventory();
    const row = screen.getByTestId('inventory-row');
    expect(within(row).getByTestId('unit-status').textContent).toBe('In stock');

    await act(async () => {
      fireEvent.click(within(row).getByRole('button', { name: 'Reserve' }));
    });
    const form = screen.getByTestId('reason-form');
    // Too short a reason is caught before asking the station.
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: /Confirm/ }));
    });
    expect(within(form).getByRole('alert').textContent).toContain('Write why');
    expect(station.callsTo('serials:transition')).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText(/Reason/), { target: { value: 'held for customer call-back' } });
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: /Confirm/ }));
    });
    expect(station.callsTo('serials:transition')).toEqual([
      { unitId: 1, from: 'in_stock', to: 'reserved', reason: 'held for customer call-back' },
    ]);
    const updated = screen.getByTestId('inventory-row');
    expect(within(updated).getByTestId('unit-status').textContent).toBe('Sold');
    expect(within(updated).getByRole('button', { name: 'Mark returned' })).toBeTruthy();
    expect(within(updated).queryByRole('button', { name: 'Reserve' })).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('it is now sold, not in stock');
    expect(screen.getByRole('alert').textContent).toContain('The row now shows it as sold');
    expect(screen.queryByTestId('reason-form')).toBeNull();
  });

  it('applies an allowed move and keeps it recorded on the row', async () => {
    const station = inventoryStation('supervisor', [unit(3, 'returned', 'LAPTP00004')]).answer(
      'serials:transition',
      (input): Envelope<InventoryRow> => ok({ ...unit(3, input!.to, 'LAPTP00004') }),
    );
    await renderSerials(station);
    await openInventory();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Return to stock' }));
    });
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'tested, works' } });
    await act(async () => {
      fireEvent.submit(screen.getByTestId('reason-form'));
    });
    expect(within(screen.getByTestId('inventory-row')).getByTestId('unit-status').textContent).toBe('In stock');
    expect(screen.getByRole('status').textContent).toContain('Now in stock');
  });

  it('tells a packer why the lifecycle moves are not theirs to make', async () => {
    const station = inventoryStation('packer', [unit(1, 'in_stock', 'LAPTP00003')]);
    await renderSerials(station);
    await openInventory();
    const reserve = screen.getByRole('button', { name: 'Reserve' });
    expect(reserve.hasAttribute('disabled')).toBe(true);
    const why = document.getElementById(reserve.getAttribute('aria-describedby')!);
    expect(why?.textContent).toContain('for supervisors; Pat is signed in');
    expect(screen.queryByRole('button', { name: 'Register a unit' })).toBeNull();
  });
});
