import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ErrorInfo } from '../../src/shared/errors';
import type { ApprovalView, AuthStatus } from '../../src/shared/ipc/auth.contract';
import type { DevicesView, DeviceStatusView } from '../../src/shared/ipc/devices.contract';
import { StationProvider } from '../../src/renderer/src/api/station-context';
import { playReject } from '../../src/renderer/src/audio/feedback';
import { StationFrame } from '../../src/renderer/src/components/station-frame';
import { AuthProvider } from '../../src/renderer/src/features/auth/auth-context';
import { DevicesScreen } from '../../src/renderer/src/features/devices/devices-screen';
import type { ScreenId } from '../../src/renderer/src/navigation';
import { FakeStation, ok } from './fake-station';

vi.mock('../../src/renderer/src/audio/feedback', () => ({
  playAccept: vi.fn(),
  playReject: vi.fn(),
  playAttention: vi.fn(),
  unlockAudioOnGesture: vi.fn(),
}));

afterEach(cleanup);
beforeEach(() => vi.clearAllMocks());

const SINCE = '2025-06-01T08:00:00.000Z';

function status(
  deviceClass: DeviceStatusView['deviceClass'],
  state: DeviceStatusView['state'],
  detail: string,
  name = 'Device',
): DeviceStatusView {
  return { deviceClass, state, name, detail, since: SINCE };
}

const WEDGE_ONLY: DevicesView = {
  statuses: [
    status('scanner', 'not-configured', 'Keyboard scanner (typed into the scan field)', 'Scanner'),
    status('scale', 'not-configured', 'No scale chosen', 'Scale'),
    status('printer', 'not-configured', 'No label printer chosen', 'Label printer'),
  ],
  config: { scanner: null, scale: null, printer: null },
  weight: null,
};

const EQUIPPED: DevicesView = {
  statuses: [
    status('scanner', 'connected', 'Ready', 'Honeywell 1950g'),
    status('scale', 'connected', 'Ready', 'USB shipping scale'),
    status('printer', 'connected', 'Ready', 'Zebra at 10.0.0.9:9100'),
  ],
  config: {
    scanner: { kind: 'hid-pos' },
    scale: { kind: 'hid-pos', path: 'fake-hid://scale' },
    printer: {
      address: 'tcp://10.0.0.9:9100',
      dpi: 203,
      labelWidthMm: 101.6,
      labelHeightMm: 152.4,
      darkness: null,
      serialLabels: false,
    },
  },
  weight: { grams: 0, stable: true, status: 'zero' },
};

function auth(role: 'supervisor' | 'packer'): AuthStatus {
  return {
    operator: { id: 1, name: role === 'supervisor' ? 'Sam' : 'Pat', role, shiftId: 1 },
    needsFirstSupervisor: false,
    operators: [
      { name: 'Sam', role: 'supervisor' },
      { name: 'Pat', role: 'packer' },
    ],
    shiftStartedAt: SINCE,
    idleTimeoutMinutes: 30,
  };
}

function station(view: DevicesView, role: 'supervisor' | 'packer' = 'supervisor'): FakeStation {
  return new FakeStation().answer('devices:get', () => ok(view)).answer('auth:get-status', () => ok(auth(role)));
}

async function renderFrame(fake: FakeStation, screenId: ScreenId, children: ReactNode = null) {
  await act(async () => {
    render(
      <StationProvider link={fake.link()}>
        <AuthProvider>
          <StationFrame
            status={null}
            transport="desktop"
            connection={{ status: 'open' }}
            screen={screenId}
            onNavigate={() => undefined}
            theme="light"
            onToggleTheme={() => undefined}
          >
            {children}
          </StationFrame>
        </AuthProvider>
      </StationProvider>,
    );
  });
}

async function emit(fake: FakeStation, ...args: Parameters<FakeStation['emit']>) {
  await act(async () => {
    fake.emit(...args);
  });
}

function pill(deviceClass: string): HTMLElement {
  return screen.getByTestId(`device-${deviceClass}`);
}

describe('device status in the station frame', () => {
  it('starts from the station’s answer, then follows status events: green, amber with the attempt, red with the reason', async () => {
    const fake = station(WEDGE_ONLY);
    await renderFrame(fake, 'ship');
    expect(pill('scanner').textContent).toBe('Scanner keyboard scanner');
    expect(pill('scale').textContent).toBe('Scale not set up');
    expect(pill('printer').textContent).toBe('Printer not set up');
    expect(pill('scale').className).toContain('pill-unset');
    expect(screen.queryByTestId('device-banner')).toBeNull();

    await emit(fake, 'devices:status', EQUIPPED.statuses);
    expect(pill('scale').textContent).toBe('Scale connected');
    expect(pill('scale').className).toContain('pill-ok');

    await emit(fake, 'devices:status', [
      EQUIPPED.statuses[0]!,
      status('scale', 'reconnecting', 'Unplugged — reconnecting (attempt 3)', 'USB shipping scale'),
      status('printer', 'error', 'Paper out', 'Zebra at 10.0.0.9:9100'),
    ]);
    expect(pill('scale').textContent).toBe('Scale Unplugged — reconnecting (attempt 3)');
    expect(pill('scale').className).toContain('pill-warn');
    expect(pill('printer').textContent).toBe('Printer Paper out');
    expect(pill('printer').className).toContain('pill-bad');
    // Not colour alone: each state has its own icon.
    expect(pill('printer').querySelector('svg')?.outerHTML).not.toBe(pill('scale').querySelector('svg')?.outerHTML);

    // On the ship wizard, a banner says what is wrong, what to do, and that the order is safe.
    const banner = screen.getByTestId('device-banner');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('Scale: Unplugged — reconnecting (attempt 3).');
    expect(banner.textContent).toContain('Type the weight (F3) meanwhile.');
    expect(banner.textContent).toContain('Printer: Paper out.');
    expect(banner.textContent).toContain('The order you are packing is kept; nothing scanned is lost.');

    await emit(fake, 'devices:status', EQUIPPED.statuses);
    expect(screen.queryByTestId('device-banner')).toBeNull();
  });

  it('shows a banner on Receive for the scanner only, and none on screens that do not scan', async () => {
    const fake = station(EQUIPPED);
    await renderFrame(fake, 'receive');
    await emit(fake, 'devices:status', [
      EQUIPPED.statuses[0]!,
      status('scale', 'disconnected', 'Unplugged', 'USB shipping scale'),
      EQUIPPED.statuses[2]!,
    ]);
    expect(screen.queryByTestId('device-banner')).toBeNull();
    await emit(fake, 'devices:status', [
      status('scanner', 'reconnecting', 'Unplugged — reconnecting (attempt 1)', 'Honeywell 1950g'),
      EQUIPPED.statuses[1]!,
      EQUIPPED.statuses[2]!,
    ]);
    const banner = screen.getByTestId('device-banner');
    expect(banner.getAttribute('role')).toBe('status');
    expect(banner.textContent).toContain('Scanner: Unplugged — reconnecting (attempt 1).');
    expect(banner.textContent).toContain('The purchase order you are receiving is kept');
    cleanup();

    const other = station(EQUIPPED);
    await renderFrame(other, 'products');
    await emit(other, 'devices:status', [
      status('scanner', 'error', 'Another program has the port open', 'Serial scanner'),
      EQUIPPED.statuses[1]!,
      EQUIPPED.statuses[2]!,
    ]);
    expect(pill('scanner').textContent).toBe('Scanner Another program has the port open');
    expect(screen.queryByTestId('device-banner')).toBeNull();
  });

  it('says a scan with nowhere to go was not used, with a buzz, instead of dropping it', async () => {
    const fake = station(EQUIPPED);
    await renderFrame(fake, 'products');
    await emit(fake, 'devices:scan', {
      text: '0840000000017',
      symbology: 'EAN-13',
      source: 'hid',
      receivedAt: SINCE,
    });
    const notice = screen.getByTestId('device-scan-unused');
    expect(notice.textContent).toContain('A scan from the USB scanner was not used: 0840000000017');
    expect(notice.textContent).toContain('Open one of them');
    expect(playReject).toHaveBeenCalledTimes(1);
  });
});

async function renderDevices(fake: FakeStation) {
  await renderFrame(fake, 'devices', <DevicesScreen />);
}

function card(deviceClass: string) {
  return within(screen.getByTestId(`device-card-${deviceClass}`));
}

describe('Devices screen', () => {
  it('shows each device’s set-up and state, the live weight, and zeroes the scale', async () => {
    const fake = station(EQUIPPED).answer('devices:zero-scale', () => ok({ zeroed: true }));
    await renderDevices(fake);
    expect(card('scanner').getByTestId('device-card-scanner-config').textContent).toBe(
      'USB HID POS scanner (the first one found)',
    );
    expect(card('scale').getByTestId('device-card-scale-config').textContent).toBe(
      'USB HID POS scale at fake-hid://scale',
    );
    expect(card('printer').getByTestId('device-card-printer-config').textContent).toBe(
      'tcp://10.0.0.9:9100 (203 dpi, 101.6 × 152.4 mm, printer’s own darkness)',
    );
    expect(card('printer').getByTestId('device-card-printer-state').textContent).toBe('Connected');
    expect(screen.getByTestId('live-weight-figure').textContent).toBe('0 g');

    await emit(fake, 'devices:weight', { grams: 1250, stable: false, status: 'motion' });
    expect(screen.getByTestId('live-weight-figure').textContent).toBe('1,250 g');
    expect(screen.getByTestId('live-weight').textContent).toContain('Moving — wait for it to settle');
    await emit(fake, 'devices:weight', { grams: 1254.5, stable: true, status: 'ok' });
    expect(screen.getByTestId('live-weight').textContent).toContain('1,254.5 gStable');

    await emit(fake, 'devices:status', [
      EQUIPPED.statuses[0]!,
      EQUIPPED.statuses[1]!,
      status('printer', 'error', 'Head open', 'Zebra at 10.0.0.9:9100'),
    ]);
    expect(card('printer').getByTestId('device-card-printer-state').textContent).toBe('Error');
    expect(card('printer').getByTestId('device-card-printer-detail').textContent).toContain('Head open');

    await act(async () => {
      fireEvent.click(screen.getByTestId('zero-button'));
    });
    expect(fake.callsTo('devices:zero-scale')).toHaveLength(1);
    expect(screen.getByTestId('zero-answer').textContent).toContain('Zeroed');
  });

  it('lets a supervisor choose a serial scale, refusing an empty port before asking the station', async () => {
    const configured: DevicesView = {
      ...WEDGE_ONLY,
      config: { ...WEDGE_ONLY.config, scale: { kind: 'nci', path: '/dev/ttyUSB1', baudRate: 9600 } },
      statuses: [
        WEDGE_ONLY.statuses[0]!,
        status('scale', 'reconnecting', 'Opening /dev/ttyUSB1 (attempt 1)', 'Serial scale'),
        WEDGE_ONLY.statuses[2]!,
      ],
    };
    const fake = station(WEDGE_ONLY).answer('devices:configure', () => ok(configured));
    await renderDevices(fake);
    const form = within(screen.getByTestId('scale-form'));
    fireEvent.click(form.getByLabelText('Serial port'));
    fireEvent.change(form.getByTestId('scale-protocol'), { target: { value: 'nci' } });
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: 'Save scale' }));
    });
    expect(fake.callsTo('devices:configure')).toEqual([]);
    expect(form.getByTestId('scale-form-answer').textContent).toContain('Choose the serial port the scale is on');

    fireEvent.change(form.getByTestId('scale-path'), { target: { value: '/dev/ttyUSB1' } });
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: 'Save scale' }));
    });
    expect(fake.callsTo('devices:configure')).toEqual([
      { scale: { kind: 'nci', path: '/dev/ttyUSB1', baudRate: 9600 } },
    ]);
    expect(form.getByTestId('scale-form-answer').textContent).toContain('Saved');
    expect(card('scale').getByTestId('device-card-scale-config').textContent).toBe(
      'NCI / Brecknell SCP-01 scale on /dev/ttyUSB1 (9600 baud)',
    );
    expect(pill('scale').textContent).toBe('Scale Opening /dev/ttyUSB1 (attempt 1)');
  });

  it('checks a printer address in words, and saves the printer with its label settings', async () => {
    const fake = station(WEDGE_ONLY).answer('devices:configure', () => ok(EQUIPPED));
    await renderDevices(fake);
    const form = within(screen.getByTestId('printer-form'));
    fireEvent.click(form.getByLabelText('ZPL label printer'));
    fireEvent.change(form.getByTestId('printer-address'), { target: { value: '10.0.0.9' } });
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: 'Save printer' }));
    });
    expect(fake.callsTo('devices:configure')).toEqual([]);
    expect(form.getByTestId('printer-form-answer').textContent).toContain('tcp://HOST:9100 for a network printer');

    fireEvent.change(form.getByTestId('printer-address'), { target: { value: 'tcp://10.0.0.9:9100' } });
    fireEvent.change(form.getByTestId('printer-size'), { target: { value: '4x3' } });
    fireEvent.change(form.getByLabelText('Darkness (0–30)'), { target: { value: '18' } });
    fireEvent.click(form.getByLabelText(/label for every shipped serial/));
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: 'Save printer' }));
    });
    expect(fake.callsTo('devices:configure')).toEqual([
      {
        printer: {
          address: 'tcp://10.0.0.9:9100',
          dpi: 203,
          labelWidthMm: 101.6,
          labelHeightMm: 76.2,
          darkness: 18,
          serialLabels: true,
        },
      },
    ]);
  });

  it('shows the forms read-only to anyone but a supervisor, and says why', async () => {
    const fake = station(EQUIPPED, 'packer');
    await renderDevices(fake);
    expect(screen.getByTestId('supervisor-only').textContent).toContain('Only a supervisor can change the devices');
    const save = screen.getByRole('button', { name: 'Save scanner' }) as HTMLButtonElement;
    expect(save.closest('fieldset')!.disabled).toBe(true);
    // Trying the devices is open to everyone.
    expect((screen.getByTestId('test-print-button') as HTMLButtonElement).disabled).toBe(false);
  });

  it('prints a test label and shows its preview, or the printer’s problem in words', async () => {
    let paperOut = false;
    const fake = station(EQUIPPED).answer('devices:print-test', (input) =>
      ok(
        paperOut
          ? { ok: false, message: 'Paper out — load labels and print again.', previews: [] }
          : {
              ok: true,
              message: `Printed on Zebra at 10.0.0.9:9100 (serial ${input!.serial}).`,
              previews: [{ dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: 406, height: 203, warnings: [] }],
            },
      ),
    );
    await renderDevices(fake);
    fireEvent.change(screen.getByTestId('test-print-serial'), { target: { value: 'SN-4471' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('test-print-button'));
    });
    expect(fake.callsTo('devices:print-test')).toEqual([{ serial: 'SN-4471' }]);
    expect(screen.getByTestId('test-print-answer').textContent).toBe(
      'Printed on Zebra at 10.0.0.9:9100 (serial SN-4471).',
    );
    const image = within(screen.getByTestId('test-print-previews')).getByRole('img') as HTMLImageElement;
    expect(image.src).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(image.alt).toBe('Test label, as printed');

    paperOut = true;
    await act(async () => {
      fireEvent.click(screen.getByTestId('test-print-button'));
    });
    const answer = screen.getByTestId('test-print-answer');
    expect(answer.getAttribute('role')).toBe('alert');
    expect(answer.textContent).toBe('Paper out — load labels and print again.');
    expect(screen.queryByTestId('test-print-previews')).toBeNull();
  });

  it('prints the command barcodes on the label printer, and says why when it cannot', async () => {
    let answer: 'printed' | 'too-small' = 'printed';
    const fake = station(EQUIPPED).answer('devices:print-commands', () =>
      answer === 'printed'
        ? ok({
            ok: true,
            message: 'Printed on Zebra at 10.0.0.9:9100.',
            previews: [{ dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: 406, height: 203, warnings: [] }],
          })
        : {
            ok: false,
            error: {
              code: 'BAD_REQUEST',
              message: 'A 50 × 25 mm label is too small for command barcodes; they need about 30 mm of height.',
            },
          },
    );
    await renderDevices(fake);
    // The sheet shows every command as a barcode, whatever the printer.
    expect(within(screen.getByTestId('command-sheet')).getAllByRole('img')).toHaveLength(7);
    await act(async () => {
      fireEvent.click(screen.getByTestId('command-labels-print'));
    });
    expect(fake.callsTo('devices:print-commands')).toHaveLength(1);
    expect(screen.getByTestId('command-labels-answer').textContent).toBe('Printed on Zebra at 10.0.0.9:9100.');
    expect(within(screen.getByTestId('command-labels-previews')).getByRole('img')).toBeTruthy();

    answer = 'too-small';
    await act(async () => {
      fireEvent.click(screen.getByTestId('command-labels-print'));
    });
    expect(screen.getByTestId('command-labels-answer').textContent).toContain('too small for command barcodes');
    expect(screen.queryByTestId('command-labels-previews')).toBeNull();
  });

  it('lists every scan from the scanner with its symbology and source, newest first', async () => {
    const fake = station(EQUIPPED);
    await renderDevices(fake);
    await emit(fake, 'devices:scan', {
      text: '0840000000017',
      symbology: 'EAN-13',
      source: 'hid',
      receivedAt: SINCE,
    });
    await emit(fake, 'devices:scan', {
      text: '0109501101530003\x1d21SN-77',
      symbology: 'GS1 DataMatrix',
      source: 'serial',
      receivedAt: SINCE,
    });
    const rows = screen.getAllByTestId('test-scan-row').map((row) => row.textContent);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('0109501101530003GS21SN-77GS1 DataMatrix · Serial port');
    expect(screen.getAllByTitle('Group separator (GS) between GS1 fields')).toHaveLength(1);
    expect(rows[1]).toContain('0840000000017EAN-13 · USB HID');
    // The screen takes the scans itself: nothing says they went unused.
    expect(screen.queryByTestId('device-scan-unused')).toBeNull();
  });

  it('tries a keyboard scanner in its own box: a fast burst reads as a scanner, slow keys as typing', async () => {
    const fake = station(WEDGE_ONLY);
    await renderDevices(fake);
    // No scanner chosen still means scans work, from a keyboard scanner; "now" would only repeat that.
    expect(card('scanner').getByTestId('device-card-scanner-state').textContent).toBe('Keyboard scanner');
    expect(card('scanner').queryByTestId('device-card-scanner-detail')).toBeNull();

    const box = screen.getByTestId('test-scan-input') as HTMLInputElement;
    box.focus();
    vi.useFakeTimers();
    try {
      const typeInto = (text: string, gapMs: number) => {
        for (const key of text) {
          act(() => {
            fireEvent.keyDown(box, { key });
          });
          act(() => {
            vi.advanceTimersByTime(gapMs);
          });
        }
        act(() => {
          fireEvent.keyDown(box, { key: 'Enter' });
        });
      };
      typeInto('0840000000017', 5);
      expect(box.value).toBe('');
      let rows = screen.getAllByTestId('test-scan-row').map((row) => row.textContent);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain('0840000000017no symbology sent · Keyboard scanner');
      expect(screen.getByTestId('test-scan-verdict').textContent).toContain(
        'Read as a scanner: 13 characters in one fast burst',
      );

      typeInto('SN-1', 180);
      rows = screen.getAllByTestId('test-scan-row').map((row) => row.textContent);
      expect(rows[0]).toContain('SN-1no symbology sent · Typed by hand');
      expect(screen.getByTestId('test-scan-verdict').textContent).toContain('as slowly as typing');
    } finally {
      vi.useRealTimers();
    }
    // Nothing tried here reaches the station.
    expect(fake.calls.map((call) => call.channel)).not.toContain('shipping:scan');
  });

  it('finds attached devices and fills the form from one of them', async () => {
    const fake = station(WEDGE_ONLY).answer('devices:discover', () =>
      ok({
        serialPorts: [{ path: '/dev/ttyUSB0', description: 'FTDI USB serial' }],
        hid: [{ path: '/dev/hidraw3', description: 'Dymo M10 scale', role: 'scale' as const }],
        usbPrinters: [{ address: 'usb:0a5f:0164', description: 'Zebra ZD421' }],
        problems: ['USB printers could not be listed: permission denied on /dev/bus/usb.'],
      }),
    );
    await renderDevices(fake);
    await act(async () => {
      fireEvent.click(screen.getByTestId('discover-button'));
    });
    const panel = within(screen.getByTestId('discover-panel'));
    expect(panel.getByText('/dev/ttyUSB0')).toBeTruthy();
    expect(panel.getByText('Zebra ZD421')).toBeTruthy();
    expect(panel.getByTestId('discover-problems').textContent).toContain('permission denied');

    fireEvent.click(panel.getByRole('button', { name: 'Use as printer' }));
    const printer = within(screen.getByTestId('printer-form'));
    expect((printer.getByTestId('printer-address') as HTMLInputElement).value).toBe('usb:0a5f:0164');
    fireEvent.click(panel.getAllByRole('button', { name: 'Use as scale' })[1]!);
    expect((screen.getByLabelText('Which scale') as HTMLSelectElement).value).toBe('/dev/hidraw3');
  });
});

describe('Devices screen: plug-in detection', () => {
  it('says in one line whether plugging a device in is noticed, and why not when it is not', async () => {
    const on = station({ ...EQUIPPED, hotplug: { state: 'on', reason: null } });
    await renderDevices(on);
    expect(screen.getByTestId('devices-hotplug').textContent).toBe('Plug-in detection: on');
    cleanup();

    const off = station({
      ...EQUIPPED,
      hotplug: { state: 'off', reason: 'the USB library cannot be loaded (libusb-1.0.so.0: no such file)' },
    });
    await renderDevices(off);
    expect(screen.getByTestId('devices-hotplug').textContent).toBe(
      'Plug-in detection: off — the USB library cannot be loaded (libusb-1.0.so.0: no such file); ' +
        'devices are re-checked every few seconds',
    );
    cleanup();

    // A station that does not report it shows nothing rather than a guess.
    await renderDevices(station(EQUIPPED));
    expect(screen.queryByTestId('devices-hotplug')).toBeNull();
  });

  it('asks again while detection is still starting, and shows the answer', async () => {
    let asked = 0;
    const fake = station(EQUIPPED).answer('devices:get', () => {
      asked += 1;
      return ok({
        ...EQUIPPED,
        hotplug: asked < 3 ? { state: 'starting', reason: null } : { state: 'on', reason: null },
      });
    });
    await renderDevices(fake);
    expect(screen.getByTestId('devices-hotplug').textContent).toBe('Plug-in detection: starting…');
    await waitFor(() => expect(screen.getByTestId('devices-hotplug').textContent).toBe('Plug-in detection: on'), {
      timeout: 4000,
    });
  });
});

describe('Devices screen: a supervisor approves in place', () => {
  /** A packer's station: devices:configure is refused until a supervisor approves with their PIN. */
  function packerStation() {
    let approval: ApprovalView | null = null;
    const forbidden: { ok: false; error: ErrorInfo } = {
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only a supervisor can choose this station’s devices.' },
    };
    return new FakeStation()
      .answer('devices:get', () => ok(WEDGE_ONLY))
      .answer('auth:get-status', () => ok({ ...auth('packer'), approval }))
      .answer('auth:approve-supervisor', (input) => {
        if (input?.pin !== '4812')
          return { ok: false, error: { code: 'OVERRIDE_DENIED', message: 'Wrong PIN for Sam. 2 tries left.' } };
        approval = { name: input.name, until: '2025-06-01T08:15:00' };
        return ok(approval);
      })
      .answer('devices:configure', (input) =>
        approval
          ? ok({
              ...WEDGE_ONLY,
              config: { ...WEDGE_ONLY.config, scale: input!.scale ?? null },
            })
          : forbidden,
      );
  }

  async function approve(pin: string) {
    const form = within(screen.getByTestId('supervisor-approval'));
    fireEvent.change(form.getByTestId('approval-pin'), { target: { value: pin } });
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: 'Approve' }));
    });
  }

  it('offers the approval form to a packer, keeps the forms locked on a wrong PIN, and saves once approved', async () => {
    const fake = packerStation();
    await renderDevices(fake);
    const approval = screen.getByTestId('supervisor-approval');
    expect(approval.textContent).toContain('A supervisor can choose this station’s scanner, scale and label printer');
    expect(screen.getByTestId('supervisor-only').textContent).toContain(
      'A supervisor can approve above with their PIN.',
    );
    const saveScale = () => screen.getByRole('button', { name: 'Save scale' }) as HTMLButtonElement;
    expect(saveScale().closest('fieldset')!.disabled).toBe(true);

    await approve('1111');
    expect(screen.getByTestId('approval-error').textContent).toContain('Wrong PIN for Sam. 2 tries left.');
    expect(saveScale().closest('fieldset')!.disabled).toBe(true);

    await approve('4812');
    await waitFor(() => screen.getByTestId('approval-strip'));
    expect(screen.getByTestId('approval-strip-text').textContent).toMatch(/^Approved by Sam — ends/);
    expect(screen.queryByTestId('supervisor-only')).toBeNull();
    expect(saveScale().closest('fieldset')!.disabled).toBe(false);

    const form = within(screen.getByTestId('scale-form'));
    fireEvent.click(form.getByLabelText('Serial port'));
    fireEvent.change(form.getByTestId('scale-protocol'), { target: { value: 'nci' } });
    fireEvent.change(form.getByTestId('scale-path'), { target: { value: '/dev/ttyUSB1' } });
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: 'Save scale' }));
    });
    expect(fake.callsTo('devices:configure')).toEqual([
      { scale: { kind: 'nci', path: '/dev/ttyUSB1', baudRate: 9600 } },
    ]);
    expect(form.getByTestId('scale-form-answer').textContent).toContain('Saved');
    expect(card('scale').getByTestId('device-card-scale-config').textContent).toBe(
      'NCI / Brecknell SCP-01 scale on /dev/ttyUSB1 (9600 baud)',
    );
  });
});
