import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShipResult, ShipSessionView, ShipVerdict } from '../../src/shared/ipc/shipping.contract';
import type { ScannedUnit } from '../../src/shared/session';
import { StationProvider } from '../../src/renderer/src/api/station-context';
import { playAccept, playAttention, playReject } from '../../src/renderer/src/audio/feedback';
import { AuthProvider } from '../../src/renderer/src/features/auth/auth-context';
import { ShipScreen } from '../../src/renderer/src/features/ship/ship-screen';
import { initialShipState, shipTransition } from '../../src/renderer/src/features/ship/ship-state';
import { FakeStation, ok } from './fake-station';
import { signedInStatus, expectOnly } from './screen-kit';

vi.mock('../../src/renderer/src/audio/feedback', () => ({
  playAccept: vi.fn(),
  playReject: vi.fn(),
  playAttention: vi.fn(),
  unlockAudioOnGesture: vi.fn(),
}));

afterEach(cleanup);
beforeEach(() => {
  vi.clearAllMocks();
  sessionStorage.clear();
});

const SIGNED_IN = signedInStatus(
  { id: 2, name: 'Pat', role: 'packer' },
  [{ name: 'Sam', role: 'supervisor' }],
  '2025-06-01T08:00:00.000Z',
);

const PHONE_LINE = {
  lineId: 11,
  lineNo: 1,
  sku: 'PH-100',
  name: 'Phone X',
  qty: 1,
  packed: 0,
  trackSerials: true,
  serialsPerUnit: 2,
  slotLabels: ['IMEI 1', 'IMEI 2'],
  serialsScanned: 0,
  serialsNeeded: 2,
  allocated: [],
};

const CABLE_LINE = {
  lineId: 12,
  lineNo: 2,
  sku: 'CB-1',
  name: 'USB-C cable',
  qty: 1,
  packed: 1,
  trackSerials: false,
  serialsPerUnit: 1,
  slotLabels: ['Serial'],
  serialsScanned: 0,
  serialsNeeded: 0,
  allocated: [],
};

function phoneUnit(serials: { slot: number; serial: string; overridden?: boolean }[]): ScannedUnit {
  return {
    id: 1,
    lineId: 11,
    sku: 'PH-100',
    productName: 'Phone X',
    serials: serials.map((s) => ({
      slot: s.slot,
      label: `IMEI ${s.slot}`,
      serial: s.serial,
      manual: false,
      overridden: s.overridden ?? false,
    })),
    slots: 2,
    lot: null,
    expiresOn: null,
    manual: false,
    at: '2025-06-01T09:00:00.000Z',
  };
}

/** SO-1001 with the cable packed and the phone waiting for `serials` more serials. */
function view(order = 'SO-1001', serialsDone = 0, overrides: Partial<ShipSessionView> = {}): ShipSessionView {
  const complete = serialsDone === 2;
  return {
    sessionId: order === 'SO-1001' ? 7 : 8,
    orderNumber: order,
    customerName: 'Ada Lindqvist',
    shipTo: '12 Harbour Road, Oslo',
    status: 'active',
    resumed: false,
    startedAt: '2025-06-01T09:00:00.000Z',
    serialsSkipped: false,
    lines: [{ ...PHONE_LINE, packed: 1, serialsScanned: serialsDone }, CABLE_LINE],
    recent: [
      phoneUnit(
        [
          { slot: 1, serial: '356938035643809' },
          { slot: 2, serial: '356938035643817' },
        ].slice(0, serialsDone),
      ),
    ],
    totals: { unitsDone: 2, unitsTotal: 2, serialsDone, serialsTotal: 2 },
    expect: complete
      ? expectOnly('ship', `Everything is packed — scan SHIP or press Enter to ship ${order}`)
      : {
          step: 'serial',
          prompt: `Scan serial ${serialsDone + 1} of 2 — IMEI ${serialsDone + 1} — Phone X, unit 1 of 1`,
          lineId: 11,
          sku: 'PH-100',
          productName: 'Phone X',
          unit: 1,
          units: 1,
          slot: serialsDone + 1,
          slots: 2,
          slotLabel: `IMEI ${serialsDone + 1}`,
        },
    stages: { weigh: false, print: false },
    expectedWeight: { grams: null, tolerancePercent: 5 },
    weight: null,
    labelPrinted: false,
    canShip: complete,
    missing: complete
      ? []
      : [{ lineId: 11, sku: 'PH-100', name: 'Phone X', unitsMissing: 0, serialsMissing: 2 - serialsDone }],
    lastRejection: null,
    ...overrides,
  };
}

function verdict(v: ShipSessionView, fields: Partial<ShipVerdict> = {}): ShipVerdict {
  return {
    ok: true,
    code: 'OK',
    message: 'OK',
    expect: v.expect,
    view: v,
    switchOrder: null,
    shipped: null,
    ...fields,
  };
}

const NOT_IN_STOCK = {
  code: 'SERIAL_NOT_IN_STOCK' as const,
  message:
    '356938035699999 was never received into stock as Phone X. Check the serial, or ask a supervisor to approve it.',
};

function station(): FakeStation {
  return new FakeStation()
    .answer('auth:get-status', () => ok(SIGNED_IN))
    .answer('shipping:list-open', () => ok([]))
    .answer('shipping:start', (input) => ok(view(input!.orderNumber)));
}

async function renderShip(fake: FakeStation) {
  await act(async () => {
    render(
      <StationProvider link={fake.link()}>
        <AuthProvider>
          <ShipScreen />
        </AuthProvider>
      </StationProvider>,
    );
  });
}

function scanInput(): HTMLInputElement {
  return screen.getByTestId('ship-scan').querySelector('input')!;
}

/** What a wedge scanner does: the text arrives in the scan field, then Enter. */
async function scan(text: string): Promise<void> {
  const field = scanInput();
  await act(async () => {
    fireEvent.change(field, { target: { value: text } });
    fireEvent.keyDown(field, { key: 'Enter', code: 'Enter' });
  });
}

async function press(key: string, target: Element = document.activeElement ?? document.body): Promise<void> {
  await act(async () => {
    fireEvent.keyDown(target, { key, code: key });
  });
}

function prompt(): string {
  return screen.getByTestId('scan-prompt-text').textContent ?? '';
}

function shipButton(): HTMLButtonElement {
  return screen.getByTestId('ship-button') as HTMLButtonElement;
}

describe('ship screen', () => {
  it('keeps Ship disabled until the order is complete, says what is missing, then ships with Enter', async () => {
    const fake = station()
      .answer('shipping:scan', () =>
        ok(verdict(view('SO-1001', 2), { message: '356938035643817 — IMEI 2 of Phone X, unit 1' })),
      )
      .answer('shipping:ship', () => ({
        ok: false,
        error: {
          code: 'SHIP_INCOMPLETE',
          message: 'SO-1001 cannot ship yet — still missing: Phone X: 1 serial of packed units.',
          details: { missing: [{ lineId: 11, sku: 'PH-100', name: 'Phone X', unitsMissing: 0, serialsMissing: 1 }] },
        },
      }));
    await renderShip(fake);
    expect(prompt()).toBe('Scan the order number');
    // The same field from the first order to the next: keys of a scan under way are never dropped.
    const field = scanInput();

    await scan('SO-1001');
    expect(scanInput()).toBe(field);
    expect(fake.callsTo('shipping:start')).toEqual([{ orderNumber: 'SO-1001' }]);
    expect(screen.getByTestId('ship-order').textContent).toContain('SO-1001');
    expect(screen.getByTestId('ship-order').textContent).toContain('Ada Lindqvist');
    expect(screen.getByTestId('ship-order').textContent).toContain('12 Harbour Road, Oslo');
    expect(prompt()).toBe('Scan serial 1 of 2 — IMEI 1 — Phone X, unit 1 of 1');
    expect(screen.getByTestId('scan-counts').textContent).toBe('2 / 2 units · 0 / 2 serials');
    expect(shipButton().disabled).toBe(true);
    expect(screen.getByTestId('ship-missing').textContent).toContain('Cannot ship yet: 2 serials still to scan.');

    // Enter on the empty field tries to ship; the station refuses and the screen says why, out loud.
    await press('Enter', scanInput());
    expect(fake.callsTo('shipping:ship')).toEqual([{ sessionId: 7 }]);
    expect(screen.getByTestId('verdict-title').textContent).toBe('Not everything is scanned');
    expect(screen.getByTestId('verdict-missing').textContent).toContain('Phone X (PH-100): 1 serial');
    expect(playReject).toHaveBeenCalledTimes(1);

    await scan('356938035643817');
    expect(shipButton().disabled).toBe(false);
    expect(screen.getByTestId('verdict-message').textContent).toBe('356938035643817 — IMEI 2 of Phone X, unit 1');
    // The scan that completes the order calls the packer's eyes to the Ship button.
    expect(playAttention).toHaveBeenCalledTimes(1);

    const result: ShipResult = {
      shipmentId: 1,
      orderNumber: 'SO-1001',
      shippedAt: '2025-06-01T09:05:00.000Z',
      units: 2,
      serials: [
        { sku: 'PH-100', name: 'Phone X', serial: '356938035643809', slotLabel: 'IMEI 1', overridden: false },
        { sku: 'PH-100', name: 'Phone X', serial: '356938035643817', slotLabel: 'IMEI 2', overridden: true },
      ],
      weightG: null,
    };
    fake.answer('shipping:ship', () => ok(result));
    await press('Enter', scanInput());
    const done = screen.getByTestId('ship-done');
    expect(done.textContent).toContain('Order SO-1001 shipped');
    expect(done.textContent).toContain('2 units · 2 serials recorded');
    const rows = within(screen.getByTestId('ship-done-serials')).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      'PH-100Phone XIMEI 1356938035643809',
      'PH-100Phone XIMEI 2356938035643817Supervisor override',
    ]);
    expect(playAccept).toHaveBeenCalledTimes(1);

    // The next order number can be scanned straight away.
    expect(prompt()).toBe('Scan the next order');
    expect(scanInput()).toBe(field);
    await scan('SO-1002');
    expect(fake.callsTo('shipping:start')).toEqual([{ orderNumber: 'SO-1001' }, { orderNumber: 'SO-1002' }]);
    expect(screen.getByTestId('ship-order').textContent).toContain('SO-1002');
  });

  it('shows an unknown order large, with the station’s words and a buzz', async () => {
    const fake = station().answer('shipping:start', () => ({
      ok: false,
      error: {
        code: 'UNKNOWN_ORDER',
        message: 'There is no order "SO-9999". Check the packing slip, or import the order first.',
      },
    }));
    await renderShip(fake);
    await scan('SO-9999');
    expect(screen.getByTestId('verdict-title').textContent).toBe('Unknown order');
    expect(screen.getByTestId('verdict-message').textContent).toContain('There is no order "SO-9999"');
    expect(screen.getByTestId('verdict').getAttribute('role')).toBe('alert');
    expect(playReject).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('ship-order')).toBeNull();
  });

  it('shows a refused scan with its title and the service’s message, buzzes, and offers no override when none applies', async () => {
    const message = 'This is the phone’s box barcode (UPC), not its serial. Scan the IMEI under it.';
    const fake = station().answer('shipping:scan', () =>
      ok(
        verdict(
          view('SO-1001', 0, { lastRejection: { code: 'SERIAL_IS_KNOWN_BARCODE', message, overridable: false } }),
          { ok: false, code: 'SERIAL_IS_KNOWN_BARCODE', message },
        ),
      ),
    );
    await renderShip(fake);
    await scan('SO-1001');
    await scan('0840000000017');

    expect(fake.callsTo('shipping:scan')).toEqual([{ sessionId: 7, raw: '0840000000017', source: 'manual' }]);
    expect(screen.getByTestId('verdict-title').textContent).toBe('That’s the box barcode');
    expect(screen.getByTestId('verdict-message').textContent).toBe(message);
    expect(playReject).toHaveBeenCalledTimes(1);
    expect(playAccept).not.toHaveBeenCalled();
    expect(screen.queryByTestId('override-offer')).toBeNull();
    // F9 does nothing when there is nothing a supervisor may approve.
    await press('F9');
    expect(screen.queryByTestId('override-panel')).toBeNull();
  });

  it('opens the supervisor override in place with F9, pauses scanning, and sends name, PIN and reason', async () => {
    const rejected = view('SO-1001', 1, { lastRejection: { ...NOT_IN_STOCK, overridable: true } });
    const approved = view('SO-1001', 2, {
      recent: [
        phoneUnit([
          { slot: 1, serial: '356938035643809' },
          { slot: 2, serial: '356938035699999', overridden: true },
        ]),
      ],
    });
    let pinOk = false;
    const fake = station()
      .answer('shipping:scan', () => ok(verdict(rejected, { ok: false, ...NOT_IN_STOCK })))
      .answer('shipping:override', () =>
        pinOk
          ? ok(verdict(approved, { message: '356938035699999 accepted by Sam (SERIAL_NOT_IN_STOCK).' }))
          : { ok: false, error: { code: 'OVERRIDE_DENIED', message: 'Wrong PIN for Sam. 2 tries left.' } },
      );
    await renderShip(fake);
    await scan('SO-1001');
    await scan('356938035699999');
    expect(screen.getByTestId('verdict-title').textContent).toBe('Not in stock');
    expect(screen.getByTestId('override-offer').textContent).toContain('Supervisor override');

    await press('F9');
    const panel = screen.getByTestId('override-panel');
    expect(panel.tagName).toBe('FORM');
    expect(panel.textContent).toContain(NOT_IN_STOCK.message);
    // The scan field steps aside: keys go to the panel, not to a scan.
    expect(scanInput().disabled).toBe(true);
    const name = screen.getByTestId('override-panel-supervisor') as HTMLInputElement;
    expect(document.activeElement).toBe(name);
    // The only supervisor is offered already.
    expect(name.value).toBe('Sam');

    fireEvent.change(screen.getByTestId('override-panel-pin'), { target: { value: '1111' } });
    fireEvent.change(screen.getByTestId('override-panel-reason'), { target: { value: 'Received on paper PO' } });
    await act(async () => {
      fireEvent.submit(panel);
    });
    expect(screen.getByTestId('override-panel-error').textContent).toBe('Wrong PIN for Sam. 2 tries left.');
    expect((screen.getByTestId('override-panel-pin') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(screen.getByTestId('override-panel-pin'));
    expect(playReject).toHaveBeenCalledTimes(2);

    pinOk = true;
    fireEvent.change(screen.getByTestId('override-panel-pin'), { target: { value: '4812' } });
    await act(async () => {
      fireEvent.submit(screen.getByTestId('override-panel'));
    });
    expect(fake.callsTo('shipping:override')).toEqual([
      { sessionId: 7, supervisor: 'Sam', pin: '1111', reason: 'Received on paper PO' },
      { sessionId: 7, supervisor: 'Sam', pin: '4812', reason: 'Received on paper PO' },
    ]);
    expect(screen.queryByTestId('override-panel')).toBeNull();
    expect(screen.getByTestId('verdict-title').textContent).toBe('Approved by supervisor');
    expect(screen.getByTestId('verdict-message').textContent).toContain('accepted by Sam');
    expect(screen.getByTestId('recent-scans').textContent).toContain('override');
    expect(scanInput().disabled).toBe(false);
  });

  it('refuses an override without a reason before asking the station', async () => {
    const rejected = view('SO-1001', 1, { lastRejection: { ...NOT_IN_STOCK, overridable: true } });
    const fake = station()
      .answer('shipping:scan', () => ok(verdict(rejected, { ok: false, ...NOT_IN_STOCK })))
      .answer('shipping:override', () => ok(verdict(rejected)));
    await renderShip(fake);
    await scan('SO-1001');
    await scan('356938035699999');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Supervisor override/ }));
    });
    fireEvent.change(screen.getByTestId('override-panel-pin'), { target: { value: '4812' } });
    await act(async () => {
      fireEvent.submit(screen.getByTestId('override-panel'));
    });
    expect(screen.getByTestId('override-panel-error').textContent).toContain('Write why this is approved');
    expect(fake.callsTo('shipping:override')).toHaveLength(0);

    // Esc closes the panel and gives the keyboard back to the scan field.
    await press('Escape', screen.getByTestId('override-panel-pin'));
    expect(screen.queryByTestId('override-panel')).toBeNull();
    expect(scanInput().disabled).toBe(false);
  });

  it('offers to park the order when another order is scanned, and never mixes them', async () => {
    const conflict = verdict(view('SO-1001', 1), {
      ok: false,
      code: 'CONFLICT',
      message: 'This is order SO-1002. Park SO-1001 to pack it, or keep packing SO-1001.',
      switchOrder: 'SO-1002',
    });
    const fake = station()
      .answer('shipping:scan', () => ok(conflict))
      .answer('shipping:park', () => ok({ parked: true }));
    await renderShip(fake);
    await scan('SO-1001');

    await scan('SO-1002');
    const offer = screen.getByTestId('switch-offer');
    expect(offer.textContent).toContain('That is order SO-1002, not SO-1001');
    expect(playAttention).toHaveBeenCalledTimes(1);
    await act(async () => {
      fireEvent.click(within(offer).getByRole('button', { name: /Keep packing SO-1001/ }));
    });
    expect(screen.queryByTestId('switch-offer')).toBeNull();
    expect(fake.callsTo('shipping:park')).toHaveLength(0);
    expect(screen.getByTestId('ship-order').textContent).toContain('SO-1001');

    await scan('SO-1002');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Park SO-1001 and start SO-1002/ }));
    });
    expect(fake.callsTo('shipping:park')).toEqual([{ sessionId: 7 }]);
    expect(fake.callsTo('shipping:start')).toEqual([{ orderNumber: 'SO-1001' }, { orderNumber: 'SO-1002' }]);
    expect(screen.getByTestId('ship-order').textContent).toContain('SO-1002');
  });

  it('removes a serial by key and scan, and takes typed weights when the station weighs', async () => {
    const weighing = view('SO-1001', 2, { stages: { weigh: true, print: false }, canShip: false });
    const fake = station()
      .answer('shipping:start', () => ok(weighing))
      .answer('shipping:remove-serial', (input) =>
        ok(verdict(view('SO-1001', 1), { message: `Removed ${input!.serial} (Phone X).` })),
      )
      .answer('shipping:weigh', (input) =>
        ok(
          verdict(
            view('SO-1001', 2, {
              stages: { weigh: true, print: false },
              weight: {
                grams: input!.grams,
                expectedG: 600,
                tolerancePercent: 5,
                withinTolerance: true,
                overridden: false,
              },
            }),
            { message: `Weight ${input!.grams} g is within 5% of 600 g.` },
          ),
        ),
      );
    await renderShip(fake);
    await scan('SO-1001');
    expect(screen.getByTestId('ship-missing').textContent?.trim()).toBe('Cannot ship yet: the parcel is not weighed.');

    await press('F3');
    expect(scanInput().disabled).toBe(true);
    fireEvent.change(screen.getByTestId('weigh-grams'), { target: { value: '612' } });
    await act(async () => {
      fireEvent.submit(screen.getByTestId('weigh-panel'));
    });
    expect(fake.callsTo('shipping:weigh')).toEqual([{ sessionId: 7, grams: 612 }]);
    expect(screen.getByTestId('ship-weight-measured').textContent).toBe('612 g');
    expect(shipButton().disabled).toBe(false);

    await press('F2');
    expect(prompt()).toBe('Scan the serial to take out of the box');
    await scan('356938035643817');
    expect(fake.callsTo('shipping:remove-serial')).toEqual([{ sessionId: 7, serial: '356938035643817' }]);
    expect(fake.callsTo('shipping:scan')).toHaveLength(0);
    expect(screen.getByTestId('verdict-title').textContent).toBe('Removed');
    expect(prompt()).toBe('Scan serial 2 of 2 — IMEI 2 — Phone X, unit 1 of 1');
  });
});

describe('voiding', () => {
  it('asks a supervisor in place, then returns to the start with the order open again', async () => {
    const fake = station().answer('shipping:void', (input) =>
      input!.pin === '4812'
        ? ok({ voided: true })
        : {
            ok: false,
            error: { code: 'OVERRIDE_DENIED', message: 'Pat is a packer; only a supervisor can approve this.' },
          },
    );
    await renderShip(fake);
    await scan('SO-1001');
    await press('F8');
    const panel = screen.getByTestId('void-panel');
    expect(panel.textContent).toContain('Nothing ships');
    expect(scanInput().disabled).toBe(true);

    fireEvent.change(screen.getByTestId('void-panel-supervisor'), { target: { value: 'Pat' } });
    fireEvent.change(screen.getByTestId('void-panel-pin'), { target: { value: '2468' } });
    fireEvent.change(screen.getByTestId('void-panel-reason'), { target: { value: 'Customer cancelled' } });
    await act(async () => {
      fireEvent.submit(panel);
    });
    expect(screen.getByTestId('void-panel-error').textContent).toBe(
      'Pat is a packer; only a supervisor can approve this.',
    );
    expect(screen.getByTestId('ship-order').textContent).toContain('SO-1001');

    fireEvent.change(screen.getByTestId('void-panel-supervisor'), { target: { value: 'Sam' } });
    fireEvent.change(screen.getByTestId('void-panel-pin'), { target: { value: '4812' } });
    await act(async () => {
      fireEvent.submit(screen.getByTestId('void-panel'));
    });
    expect(fake.callsTo('shipping:void')).toEqual([
      { sessionId: 7, supervisor: 'Pat', pin: '2468', reason: 'Customer cancelled' },
      { sessionId: 7, supervisor: 'Sam', pin: '4812', reason: 'Customer cancelled' },
    ]);
    expect(screen.queryByTestId('ship-order')).toBeNull();
    expect(screen.getByTestId('verdict-title').textContent).toBe('Order voided');
    expect(prompt()).toBe('Scan the order number');
  });
});

describe('ship state', () => {
  it('never opens the override panel unless the last rejection may be overridden', () => {
    const started = shipTransition(initialShipState(), { type: 'started', view: view() });
    expect(shipTransition(started, { type: 'panel-opened', kind: 'override' })).toBe(started);
    const rejected = shipTransition(started, {
      type: 'verdict',
      verdict: verdict(view('SO-1001', 1, { lastRejection: { ...NOT_IN_STOCK, overridable: true } }), {
        ok: false,
        ...NOT_IN_STOCK,
      }),
    });
    const opened = shipTransition(rejected, { type: 'panel-opened', kind: 'override' });
    expect(opened.step === 'packing' && opened.panel?.kind).toBe('override');
  });

  it('goes straight to the shipped confirmation when a SHIP scan ships the order', () => {
    const started = shipTransition(initialShipState(), { type: 'started', view: view('SO-1001', 2) });
    const result: ShipResult = {
      shipmentId: 3,
      orderNumber: 'SO-1001',
      shippedAt: '2025-06-01T09:05:00.000Z',
      units: 2,
      serials: [],
      weightG: null,
    };
    const shipped = shipTransition(started, {
      type: 'verdict',
      verdict: verdict(view('SO-1001', 2), { message: 'Order SO-1001 shipped.', shipped: result }),
    });
    expect(shipped.step).toBe('shipped');
    expect(shipped.feedback?.sound).toBe('accept');
  });
});
