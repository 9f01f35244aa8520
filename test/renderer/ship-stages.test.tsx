import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../src/shared/errors';
import type { Output } from '../../src/shared/ipc';
import type { DevicesView } from '../../src/shared/ipc/devices.contract';
import type { ShipSessionView, ShipVerdict } from '../../src/shared/ipc/shipping.contract';
import { StationProvider } from '../../src/renderer/src/api/station-context';
import { playAttention, playReject } from '../../src/renderer/src/audio/feedback';
import { StationFrame } from '../../src/renderer/src/components/station-frame';
import { AuthProvider } from '../../src/renderer/src/features/auth/auth-context';
import { ShipScreen } from '../../src/renderer/src/features/ship/ship-screen';
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

const DEVICES: DevicesView = {
  statuses: [
    { deviceClass: 'scanner', state: 'connected', name: 'USB scanner', detail: 'Ready', since: '2025-06-01T08:00:00Z' },
    { deviceClass: 'scale', state: 'connected', name: 'USB scale', detail: 'Ready', since: '2025-06-01T08:00:00Z' },
    { deviceClass: 'printer', state: 'connected', name: 'Zebra', detail: 'Ready', since: '2025-06-01T08:00:00Z' },
  ],
  config: {
    scanner: { kind: 'hid-pos' },
    scale: { kind: 'hid-pos' },
    printer: {
      address: 'tcp://127.0.0.1:9100',
      dpi: 203,
      labelWidthMm: 101.6,
      labelHeightMm: 152.4,
      darkness: null,
      serialLabels: false,
    },
  },
  weight: { grams: 0, stable: true, status: 'zero' },
};

const CABLE = {
  lineId: 12,
  lineNo: 1,
  sku: 'CB-1',
  name: 'USB-C cable',
  qty: 1,
  packed: 0,
  trackSerials: false,
  serialsPerUnit: 1,
  slotLabels: ['Serial'],
  serialsScanned: 0,
  serialsNeeded: 0,
  allocated: [],
};

/** SO-1001, one cable, the station weighing and printing; `stage` is how far it got. */
function view(stage: 'item' | 'weigh' | 'print' | 'ship', overrides: Partial<ShipSessionView> = {}): ShipSessionView {
  const packed = stage !== 'item';
  const weighed = stage === 'print' || stage === 'ship';
  const prompts = {
    item: 'Scan an item: 1 × USB-C cable',
    weigh: 'Put the parcel on the scale',
    print: 'Print the shipping label',
    ship: 'Everything is packed — scan SHIP or press Enter to ship SO-1001',
  } as const;
  return {
    sessionId: 7,
    orderNumber: 'SO-1001',
    customerName: 'Ada Lindqvist',
    shipTo: '12 Harbour Road, Oslo',
    status: 'active',
    resumed: false,
    startedAt: '2025-06-01T09:00:00.000Z',
    serialsSkipped: false,
    lines: [{ ...CABLE, packed: packed ? 1 : 0 }],
    recent: [],
    totals: { unitsDone: packed ? 1 : 0, unitsTotal: 1, serialsDone: 0, serialsTotal: 0 },
    expect: expectOnly(stage, prompts[stage]),
    stages: { weigh: true, print: true },
    expectedWeight: { grams: 460, tolerancePercent: 5 },
    weight: weighed
      ? { grams: 455, expectedG: 460, tolerancePercent: 5, withinTolerance: true, overridden: false }
      : null,
    labelPrinted: stage === 'ship',
    canShip: stage === 'ship',
    missing: packed ? [] : [{ lineId: 12, sku: 'CB-1', name: 'USB-C cable', unitsMissing: 1, serialsMissing: 0 }],
    lastRejection: null,
    ...overrides,
  };
}

function verdict(v: ShipSessionView, message: string): ShipVerdict {
  return { ok: true, code: 'OK', message, expect: v.expect, view: v, switchOrder: null, shipped: null };
}

const PREVIEW = { dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: 812, height: 1218, warnings: [] };

function station(first: ShipSessionView): FakeStation {
  return new FakeStation()
    .answer('auth:get-status', () => ok(SIGNED_IN))
    .answer('devices:get', () => ok(DEVICES))
    .answer('shipping:list-open', () => ok([]))
    .answer('shipping:start', () => ok(first));
}

async function renderShip(fake: FakeStation) {
  await act(async () => {
    render(
      <StationProvider link={fake.link()}>
        <AuthProvider>
          <StationFrame
            status={null}
            transport="desktop"
            connection={{ status: 'open' }}
            screen="ship"
            onNavigate={() => undefined}
            theme="light"
            onToggleTheme={() => undefined}
          >
            <ShipScreen />
          </StationFrame>
        </AuthProvider>
      </StationProvider>,
    );
  });
}

async function scan(text: string): Promise<void> {
  const field = screen.getByTestId('ship-scan').querySelector('input')!;
  await act(async () => {
    fireEvent.change(field, { target: { value: text } });
    fireEvent.keyDown(field, { key: 'Enter', code: 'Enter' });
  });
}

async function press(key: string): Promise<void> {
  await act(async () => {
    fireEvent.keyDown(document.activeElement ?? document.body, { key, code: key });
  });
}

/** A station answer the test hands out when it chooses, to look at the screen while it waits. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function results(stage: 'ship'): Output<'shipping:print-labels'> {
  return { ok: true, message: 'Printed 1 label.', previews: [PREVIEW], view: view(stage) };
}

function verdictTitle(): string {
  return screen.getByTestId('verdict-title').textContent ?? '';
}

describe('ship wizard with a scanner, a scale and a label printer', () => {
  it('takes HID scanner scans like keyboard ones: the order number, then an item, recorded as hid', async () => {
    const fake = station(view('item')).answer('shipping:scan', () =>
      ok(verdict(view('weigh'), 'USB-C cable, unit 1 of 1')),
    );
    await renderShip(fake);
    await act(async () => {
      fake.emit('devices:scan', { text: 'SO-1001', symbology: 'Code 128', source: 'hid', receivedAt: '' });
    });
    expect(fake.callsTo('shipping:start')).toEqual([{ orderNumber: 'SO-1001' }]);
    expect(screen.getByTestId('ship-order').textContent).toContain('SO-1001');

    await act(async () => {
      fake.emit('devices:scan', { text: '0840000000024', symbology: 'EAN-13', source: 'serial', receivedAt: '' });
    });
    expect(fake.callsTo('shipping:scan')).toEqual([{ sessionId: 7, raw: '0840000000024', source: 'serial' }]);
    expect(screen.getByTestId('scan-prompt-text').textContent).toBe('Put the parcel on the scale');

    // While a form with its own inputs is open, a scanner scan is not slipped past it.
    await press('F3');
    expect(screen.getByTestId('weigh-panel')).toBeTruthy();
    await act(async () => {
      fake.emit('devices:scan', { text: '0840000000024', symbology: 'EAN-13', source: 'hid', receivedAt: '' });
    });
    expect(fake.callsTo('shipping:scan')).toHaveLength(1);
    expect(screen.getByTestId('device-scan-unused').textContent).toContain('A form is open');
  });

  it('weighs on the scale with F6, showing the live weight while it settles, and keeps the typed weight as a way out', async () => {
    const answer = deferred<Envelope<ShipVerdict>>();
    const fake = station(view('weigh')).answer('shipping:weigh-from-scale', () => answer.promise);
    await renderShip(fake);
    await scan('SO-1001');
    expect(screen.getByTestId('scan-prompt').textContent).toContain(
      'F6 weighs it on the scale · F3 to type the weight',
    );
    // The next step's button sits in the Ship box; the weight box keeps typing as the way out.
    expect(within(screen.getByTestId('ship-action')).getByTestId('stage-weigh').textContent).toContain(
      'Weigh on scale',
    );
    expect(screen.queryByTestId('weigh-on-scale')).toBeNull();
    // What the parcel should weigh is shown before it goes on the scale.
    expect(screen.getByTestId('ship-weight-expected').textContent).toBe('about 460 g ±5%');
    expect(screen.getByTestId('ship-weight-measured').textContent).toBe('not yet');

    await press('F6');
    expect(fake.callsTo('shipping:weigh-from-scale')).toEqual([{ sessionId: 7, timeoutMs: 15_000 }]);
    const progress = screen.getByTestId('stage-progress');
    expect(progress.textContent).toContain('Weighing on the scale…');
    expect((screen.getByTestId('stage-weigh') as HTMLButtonElement).disabled).toBe(true);
    // A second F6 while waiting does not ask again.
    await press('F6');
    expect(fake.callsTo('shipping:weigh-from-scale')).toHaveLength(1);

    await act(async () => {
      fake.emit('devices:weight', { grams: 452, stable: false, status: 'motion' });
    });
    expect(screen.getByTestId('stage-weight-figure').textContent).toBe('452 g');
    expect(screen.getByTestId('stage-weight').textContent).toContain('Moving — wait for it to settle');
    expect(screen.getByTestId('scale-now').textContent).toContain('452 g');

    await act(async () => {
      fake.emit('devices:weight', { grams: 455, stable: true, status: 'ok' });
      answer.resolve(ok(verdict(view('print'), 'The parcel weighs 455 g (expected about 460 g, ±5%).')));
    });
    expect(screen.queryByTestId('stage-progress')).toBeNull();
    expect(verdictTitle()).toBe('Weight recorded');
    expect(screen.getByTestId('verdict-message').textContent).toContain('455 g');
    expect(screen.getByTestId('ship-weight-measured').textContent).toBe('455 g');
    expect(screen.getByTestId('scan-prompt').textContent).toContain('F7 prints the labels');
    expect(screen.getByTestId('stage-print').textContent).toContain('Print labels');
    // Weighing again stays possible, from the weight box.
    expect(screen.getByTestId('weigh-on-scale').textContent).toContain('Weigh again');
  });

  it('says why the scale gave no weight, and the packer can type it instead', async () => {
    const fake = station(view('weigh'))
      .answer('shipping:weigh-from-scale', () => ({
        ok: false,
        error: {
          code: 'WEIGHT_OUT_OF_TOLERANCE',
          message: 'The scale did not settle in 15 s. Keep the parcel still and weigh again.',
        },
      }))
      .answer('shipping:weigh', () => ok(verdict(view('print'), 'The parcel weighs 455 g.')));
    await renderShip(fake);
    await scan('SO-1001');
    await press('F6');
    expect(verdictTitle()).toBe('No weight from the scale');
    expect(screen.getByTestId('verdict-message').textContent).toContain('did not settle');
    expect(playReject).toHaveBeenCalledTimes(1);

    await press('F3');
    fireEvent.change(screen.getByTestId('weigh-grams'), { target: { value: '455' } });
    await act(async () => {
      fireEvent.submit(screen.getByTestId('weigh-panel'));
    });
    expect(fake.callsTo('shipping:weigh')).toEqual([{ sessionId: 7, grams: 455 }]);
    expect(verdictTitle()).toBe('Weight recorded');
  });

  it('prints with F7: a failure is shown large with Print again, the order stays; then the labels show and it ships', async () => {
    let attempt = 0;
    const results: Output<'shipping:print-labels'>[] = [
      {
        ok: false,
        message: 'Zebra at 127.0.0.1:9100: paper out — the label was not printed. Load labels, then print again.',
        previews: [PREVIEW],
        view: view('print'),
      },
      {
        ok: true,
        message: 'Printed 2 labels on Zebra at 127.0.0.1:9100.',
        previews: [PREVIEW, { ...PREVIEW, dataUrl: 'data:image/png;base64,AAAA' }],
        view: view('ship'),
      },
    ];
    const fake = station(view('print'));
    // As at the station: the printer reports how it is with each job, just before the job's answer.
    fake.answer('shipping:print-labels', () => {
      const result = results[attempt++]!;
      const printer = result.ok
        ? DEVICES.statuses[2]!
        : { ...DEVICES.statuses[2]!, state: 'error' as const, detail: 'Paper out' };
      fake.emit('devices:status', [DEVICES.statuses[0]!, DEVICES.statuses[1]!, printer]);
      return ok(result);
    });
    await renderShip(fake);
    await scan('SO-1001');
    expect(within(screen.getByTestId('ship-labels')).getByTestId('labels-state').textContent).toContain(
      'Not printed yet',
    );
    expect((screen.getByTestId('ship-button') as HTMLButtonElement).disabled).toBe(true);

    await press('F7');
    expect(fake.callsTo('shipping:print-labels')).toEqual([{ sessionId: 7 }]);
    // Headed with the printer's own reason, and the frame says the same with what to do.
    expect(verdictTitle()).toBe('Label not printed — Paper out');
    expect(screen.getByTestId('verdict').getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('device-printer').textContent).toBe('Printer Paper out');
    expect(screen.getByTestId('device-banner').textContent).toContain(
      'Printer: Paper out. Fix it, then print again (F7).',
    );
    // The next step is the printer itself; F7 straight away would print the kept labels twice.
    expect(screen.getByTestId('scan-prompt-text').textContent).toBe('Printer: Paper out — fix it, then print again');
    expect(screen.getByTestId('scan-prompt').textContent).toContain('F7 prints again only if none came out');
    expect(screen.getByTestId('verdict-message').textContent).toContain('paper out');
    expect(playReject).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('stage-kept').textContent).toContain('The order stays open and nothing scanned is lost.');
    expect(screen.getByTestId('ship-order').textContent).toContain('SO-1001');
    expect((screen.getByTestId('ship-button') as HTMLButtonElement).disabled).toBe(true);

    await act(async () => {
      fireEvent.click(screen.getByTestId('stage-print'));
    });
    expect(fake.callsTo('shipping:print-labels')).toHaveLength(2);
    expect(verdictTitle()).toBe('2 labels printed');
    expect(screen.queryByTestId('device-banner')).toBeNull();
    expect(screen.queryByTestId('stage-print')).toBeNull();
    const images = within(screen.getByTestId('ship-label-previews')).getAllByRole('img') as HTMLImageElement[];
    expect(images.map((image) => image.alt)).toEqual(['Label 1 of 2, as printed', 'Label 2 of 2, as printed']);
    expect(images[1]!.src).toBe('data:image/png;base64,AAAA');
    expect(within(screen.getByTestId('ship-labels')).getByTestId('labels-state').textContent).toContain('Printed');
    expect((screen.getByTestId('ship-button') as HTMLButtonElement).disabled).toBe(false);
    // The print that makes the order shippable calls the packer's eyes to Ship.
    expect(playAttention).toHaveBeenCalledTimes(1);
  });

  it('does not print while items are still to scan', async () => {
    const fake = station(view('item')).answer('shipping:print-labels', () => ok(results('ship')));
    await renderShip(fake);
    await scan('SO-1001');
    expect(screen.queryByTestId('print-labels')).toBeNull();
    expect(screen.queryByTestId('stage-print')).toBeNull();
    expect(screen.getByTestId('labels-state').textContent).toContain('Prints once everything is scanned');
    await press('F7');
    expect(fake.callsTo('shipping:print-labels')).toEqual([]);
  });

  it('names a station without a label printer, and offers to print again once there is one', async () => {
    const fake = station(view('print')).answer('shipping:print-labels', () => ({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: 'No label printer is set up at this station. Choose one in Settings → Devices.',
      },
    }));
    await renderShip(fake);
    await scan('SO-1001');
    await press('F7');
    expect(verdictTitle()).toBe('No label printer set up');
    expect(screen.getByTestId('verdict-message').textContent).toContain('Choose one in Settings → Devices');
    expect(screen.getByTestId('stage-print').textContent).toContain('Print again');
  });
  it('refuses a weight outside the tolerance in large type, offers a supervisor override and weighing again', async () => {
    const outside = view('print', {
      weight: { grams: 700, expectedG: 460, tolerancePercent: 5, withinTolerance: false, overridden: false },
      lastRejection: {
        code: 'WEIGHT_OUT_OF_TOLERANCE',
        message: 'The parcel weighs 700 g but should weigh about 460 g (±5%).',
        overridable: true,
      },
    });
    const answers: ShipVerdict[] = [
      {
        ...verdict(
          outside,
          'The parcel weighs 700 g but should weigh about 460 g (±5%). Check the box contents, re-weigh, or ask a supervisor.',
        ),
        ok: false,
        code: 'WEIGHT_OUT_OF_TOLERANCE',
      },
      verdict(view('print'), 'Weight 455 g is within 5% of 460 g.'),
    ];
    let attempt = 0;
    const fake = station(view('weigh')).answer('shipping:weigh-from-scale', () => ok(answers[attempt++]!));
    await renderShip(fake);
    await scan('SO-1001');
    await press('F6');
    expect(verdictTitle()).toMatch(/weight/i);
    expect(screen.getByTestId('verdict').getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('verdict-message').textContent).toContain('should weigh about 460 g');
    expect(playReject).toHaveBeenCalledTimes(1);
    const box = screen.getByTestId('ship-weight');
    expect(box.textContent).toContain('about 460 g');
    expect(box.textContent).toContain('Outside ±5%');
    expect(screen.getByTestId('override-offer').textContent).toContain('Supervisor override');
    // The station has moved on to printing, but the one big next step is to weigh again.
    expect(screen.getByTestId('scan-prompt-text').textContent).toBe('Weight does not match — weigh the parcel again');
    expect(screen.getByTestId('scan-prompt').textContent).toContain('F6 weighs again · F9 asks a supervisor');
    expect(within(screen.getByTestId('ship-action')).getByTestId('stage-weigh').textContent).toContain('Weigh again');
    expect(screen.queryByTestId('stage-print')).toBeNull();
    expect(screen.getByTestId('print-labels').textContent).toContain('Print labels');
    expect(screen.getByTestId('ship-missing').textContent).toContain('the weight is outside the tolerance');
    expect((screen.getByTestId('ship-button') as HTMLButtonElement).disabled).toBe(true);

    // Something came out of the box; weighing again is the same key.
    await press('F6');
    expect(fake.callsTo('shipping:weigh-from-scale')).toHaveLength(2);
    expect(verdictTitle()).toBe('Weight recorded');
    expect(screen.getByTestId('ship-weight').textContent).toContain('Within ±5%');
    expect(screen.queryByTestId('override-offer')).toBeNull();
  });

  it('without a scale, the weigh step is typing the weight, and F6 opens the weight entry', async () => {
    const noScale: DevicesView = {
      ...DEVICES,
      statuses: [
        DEVICES.statuses[0]!,
        { ...DEVICES.statuses[1]!, state: 'not-configured', detail: 'No scale chosen' },
        DEVICES.statuses[2]!,
      ],
      config: { ...DEVICES.config, scale: null },
      weight: null,
    };
    const fake = station(view('weigh'))
      .answer('devices:get', () => ok(noScale))
      .answer('shipping:weigh', () => ok(verdict(view('print'), 'Weight 455 g recorded.')));
    await renderShip(fake);
    await scan('SO-1001');
    expect(screen.queryByTestId('stage-weigh')).toBeNull();
    expect(screen.getByTestId('scan-prompt').textContent).toContain('Read the scale, then F3 to type the weight');
    expect(screen.getByTestId('stage-type-weight').textContent).toContain('Type the weight');
    expect(screen.getByTestId('ship-weight').textContent).toContain('No scale is set up at this station');
    // F6 is the weigh key whatever the station has: here it opens the weight entry.
    await press('F6');
    expect(fake.calls.some((call) => call.channel === 'shipping:weigh-from-scale')).toBe(false);
    expect(screen.getByTestId('weigh-panel')).toBeTruthy();
    await press('Escape');
    expect(screen.queryByTestId('weigh-panel')).toBeNull();

    await act(async () => {
      fireEvent.click(screen.getByTestId('stage-type-weight'));
    });
    fireEvent.change(screen.getByTestId('weigh-grams'), { target: { value: '455' } });
    await act(async () => {
      fireEvent.submit(screen.getByTestId('weigh-panel'));
    });
    expect(fake.callsTo('shipping:weigh')).toEqual([{ sessionId: 7, grams: 455 }]);
    expect(screen.getByTestId('scan-prompt-text').textContent).toBe('Print the shipping label');
  });

  it('keeps the order when the scale is unplugged mid-order, says so, and clears the banner when it is back', async () => {
    const fake = station(view('weigh'));
    await renderShip(fake);
    await scan('SO-1001');
    await act(async () => {
      fake.emit('devices:status', [
        DEVICES.statuses[0]!,
        { ...DEVICES.statuses[1]!, state: 'reconnecting', detail: 'Unplugged — reconnecting (attempt 2)' },
        DEVICES.statuses[2]!,
      ]);
    });
    const banner = screen.getByTestId('device-banner');
    expect(banner.textContent).toContain('Scale: Unplugged — reconnecting (attempt 2).');
    expect(banner.textContent).toContain('Type the weight (F3) meanwhile.');
    expect(banner.textContent).toContain('The order you are packing is kept; nothing scanned is lost.');
    expect(screen.getByTestId('device-scale').getAttribute('data-state')).toBe('reconnecting');
    expect(screen.getByTestId('ship-order').textContent).toContain('SO-1001');
    expect(screen.getByTestId('scan-prompt-text').textContent).toBe('Put the parcel on the scale');
    // Meanwhile the weight is typed: the Ship box offers it, and F6 opens it rather than waiting on a scale that is away.
    expect(screen.getByTestId('scan-prompt').textContent).toContain('Read the scale, then F3 to type the weight');
    expect(screen.queryByTestId('stage-weigh')).toBeNull();
    expect(screen.getByTestId('stage-type-weight')).toBeTruthy();
    expect(screen.getByTestId('scale-away').textContent).toContain('The scale is not connected');
    await press('F6');
    expect(fake.calls.some((call) => call.channel === 'shipping:weigh-from-scale')).toBe(false);
    expect(screen.getByTestId('weigh-panel')).toBeTruthy();
    await press('Escape');

    await act(async () => {
      fake.emit('devices:status', DEVICES.statuses);
    });
    expect(screen.queryByTestId('device-banner')).toBeNull();
    expect(screen.getByTestId('ship-order').textContent).toContain('SO-1001');
    expect(screen.getByTestId('stage-weigh').textContent).toContain('Weigh on scale');
    expect(fake.callsTo('shipping:start')).toHaveLength(1);
  });
});

describe('command barcodes on the ship screen', () => {
  it('does what each key does, answers a command it cannot do now, and never sends one as an item', async () => {
    const fake = station(view('weigh'))
      .answer('shipping:weigh-from-scale', () => ok(verdict(view('print'), 'The parcel weighs 455 g.')))
      .answer('shipping:print-labels', () => ok(results('ship')))
      .answer('shipping:park', () => ok({ parked: true }));
    await renderShip(fake);

    // No order yet: said so, and the command is not taken for an order number.
    await scan('CMD:PARK');
    expect(verdictTitle()).toBe('No order open');
    expect(screen.getByTestId('verdict-message').textContent).toBe(
      'PARK works on an open order: scan the order number first.',
    );
    expect(fake.callsTo('shipping:start')).toHaveLength(0);

    await scan('SO-1001');
    await scan('CMD:WEIGH');
    expect(fake.callsTo('shipping:weigh-from-scale')).toEqual([{ sessionId: 7, timeoutMs: 15_000 }]);
    expect(verdictTitle()).toBe('Weight recorded');
    await scan('*print*');
    expect(fake.callsTo('shipping:print-labels')).toEqual([{ sessionId: 7 }]);

    // REMOVE switches remove mode on and off; the second REMOVE is not a serial to take out.
    await scan('CMD:REMOVE');
    expect(screen.getByTestId('scan-prompt-text').textContent).toBe('Scan the serial to take out of the box');
    await scan('CMD:REMOVE');
    expect(screen.getByTestId('scan-prompt-text').textContent).not.toBe('Scan the serial to take out of the box');
    expect(fake.callsTo('shipping:remove-serial')).toHaveLength(0);

    // VOID opens the supervisor's form, as F8 does; Esc closes it.
    await scan('CMD:VOID');
    expect(screen.getByTestId('void-panel')).toBeTruthy();
    await press('Escape');
    expect(screen.queryByTestId('void-panel')).toBeNull();

    await scan('cmd:park');
    expect(fake.callsTo('shipping:park')).toEqual([{ sessionId: 7 }]);
    expect(fake.callsTo('shipping:scan')).toHaveLength(0);
  });

  it('says why a command cannot work at this station', async () => {
    const fake = station(view('ship', { stages: { weigh: false, print: false } }));
    await renderShip(fake);
    await scan('SO-1001');
    await scan('CMD:REPRINT');
    expect(verdictTitle()).toBe('Printing is off');
    await scan('CMD:WEIGH');
    expect(verdictTitle()).toBe('Weighing is off');
    expect(screen.getByTestId('verdict-message').textContent).toContain('weighing is off in the station settings');
    await scan('CMD:CLOSE');
    expect(verdictTitle()).toBe('Not a ship command');
    expect(screen.getByTestId('verdict-message').textContent).toBe(
      'CLOSE works on the receiving and transfer screens. Here, scan SHIP when everything is packed.',
    );
    expect(fake.callsTo('shipping:scan')).toHaveLength(0);
  });
});
