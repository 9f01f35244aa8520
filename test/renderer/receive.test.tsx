import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../src/shared/errors';
import type {
  ReceiveLine,
  ReceiveSessionView,
  ReceiveSummary,
  ReceiveVerdict,
} from '../../src/shared/ipc/receiving.contract';
import type { Expect, ScannedUnit } from '../../src/shared/session';
import { playAccept, playAttention, playReject } from '../../src/renderer/src/audio/feedback';
import { ReceiveScreen } from '../../src/renderer/src/features/receive/receive-screen';
import {
  initialReceiveState,
  receiveReducer,
  type ReceiveState,
} from '../../src/renderer/src/features/receive/receive-state';
import { FakeStation, ok } from './fake-station';
import { signedInStatus, renderBehindSignIn, scanKeys, pressKey } from './screen-kit';

vi.mock('../../src/renderer/src/audio/feedback', () => ({
  playAccept: vi.fn(),
  playReject: vi.fn(),
  playAttention: vi.fn(),
  unlockAudioOnGesture: vi.fn(),
}));

/** PO-2401 from Northwind: 3 dual-IMEI phones and 5 cables without serials. */
const PHONE_LINE: ReceiveLine = {
  lineId: 11,
  lineNo: 1,
  sku: 'PH-100',
  name: 'Phone X',
  trackSerials: true,
  serialsPerUnit: 2,
  slotLabels: ['IMEI 1', 'IMEI 2'],
  qtyOrdered: 3,
  qtyReceivedBefore: 0,
  unitsScanned: 0,
  serialsScanned: 0,
  serialsNeeded: 6,
};

const CABLE_LINE: ReceiveLine = {
  lineId: 12,
  lineNo: 2,
  sku: 'CB-1',
  name: 'USB-C cable',
  trackSerials: false,
  serialsPerUnit: 1,
  slotLabels: ['Serial'],
  qtyOrdered: 5,
  qtyReceivedBefore: 0,
  unitsScanned: 0,
  serialsScanned: 0,
  serialsNeeded: 0,
};

const NO_TARGET = {
  lineId: null,
  sku: null,
  productName: null,
  unit: null,
  units: null,
  slot: null,
  slots: null,
  slotLabel: null,
} as const;

const EXPECT_ITEM: Expect = { step: 'item', prompt: 'Scan an item from PO-2401', ...NO_TARGET };

function expectSerial(unit: number, slot: number): Expect {
  const label = PHONE_LINE.slotLabels[slot - 1]!;
  return {
    step: 'serial',
    prompt: `Scan serial ${slot} of 2 — ${label} — Phone X, unit ${unit} of 3`,
    lineId: PHONE_LINE.lineId,
    sku: PHONE_LINE.sku,
    productName: PHONE_LINE.name,
    unit,
    units: 3,
    slot,
    slots: 2,
    slotLabel: label,
  };
}

function phoneUnit(id: number, serials: readonly string[]): ScannedUnit {
  return {
    id,
    lineId: PHONE_LINE.lineId,
    sku: PHONE_LINE.sku,
    productName: PHONE_LINE.name,
    serials: serials.map((serial, i) => ({
      slot: i + 1,
      label: PHONE_LINE.slotLabels[i]!,
      serial,
      manual: false,
      overridden: false,
    })),
    slots: 2,
    lot: null,
    expiresOn: null,
    manual: false,
    at: new Date().toISOString(),
  };
}

/** A session view whose lines and totals follow from the units in it. */
function sessionView(
  recent: readonly ScannedUnit[] = [],
  expect: Expect = EXPECT_ITEM,
  extra: Partial<ReceiveSessionView> = {},
): ReceiveSessionView {
  const phones = recent.filter((u) => u.lineId === PHONE_LINE.lineId);
  const serials = phones.reduce((n, u) => n + u.serials.length, 0);
  const lines = [{ ...PHONE_LINE, unitsScanned: phones.length, serialsScanned: serials }, CABLE_LINE];
  return {
    sessionId: 7,
    poNumber: 'PO-2401',
    vendor: 'Northwind Electronics',
    status: 'active',
    resumed: false,
    startedAt: new Date().toISOString(),
    serialsSkipped: false,
    lines,
    recent: [...recent],
    totals: { unitsDone: phones.length, unitsTotal: 8, serialsDone: serials, serialsTotal: 6 },
    expect,
    ...extra,
  };
}

function verdict(ok: boolean, code: ReceiveVerdict['code'], message: string, view: ReceiveSessionView): ReceiveVerdict {
  return { ok, code, message, expect: view.expect, view };
}

const PHONE_UPC = '0841210000021';
const IMEI = ['356938035643809', '356938035643817', '356938035643825', '356938035643833'] as const;

const SIGNED_IN = signedInStatus({ id: 1, name: 'Ana', role: 'receiver' });

function refused<T>(code: 'UNKNOWN_PO' | 'UNAUTHORIZED' | 'SERIAL_EMPTY', message: string): Envelope<T> {
  return { ok: false, error: { code, message } };
}

/**
 * A station receiving PO-2401: a small model of the session (phones with their IMEIs) that
 * answers scans, removals, pasted lists and close the way the receiving service words them.
 */
function receivingStation(options: { openSessions?: boolean } = {}) {
  const phones: string[][] = [];
  let signedIn = true;
  const waiting = () => phones.length > 0 && phones[phones.length - 1]!.length < 2;
  const view = (extra: Partial<ReceiveSessionView> = {}) =>
    sessionView(
      phones.map((serials, i) => phoneUnit(i + 1, serials)).reverse(),
      waiting() ? expectSerial(phones.length, phones[phones.length - 1]!.length + 1) : EXPECT_ITEM,
      extra,
    );
  const take = (raw: string): { ok: boolean; code: ReceiveVerdict['code']; message: string } => {
    if (raw === PHONE_UPC) {
      if (waiting()) {
        return {
          ok: false,
          code: 'SERIAL_IS_KNOWN_BARCODE',
          message: `This is the box barcode (UPC) of Phone X, not its IMEI ${phones[phones.length - 1]!.length + 1}. Scan the IMEI barcode, usually on a sticker near it.`,
        };
      }
      phones.push([]);
      return { ok: true, code: 'OK', message: `Phone X, unit ${phones.length} of 3` };
    }
    if (phones.some((serials) => serials.includes(raw))) {
      return {
        ok: false,
        code: 'SERIAL_DUPLICATE_IN_PO',
        message: `${raw} was already scanned on this PO (unit 1 of Phone X). Each unit has its own serial — scan the serial of the unit in your hand.`,
      };
    }
    if (!waiting()) phones.push([]);
    phones[phones.length - 1]!.push(raw);
    return { ok: true, code: 'OK', message: `${raw} — IMEI ${phones[phones.length - 1]!.length} of Phone X` };
  };

  const station = new FakeStation()
    .answer('auth:get-status', () => ok(signedIn ? SIGNED_IN : { ...SIGNED_IN, operator: null, shiftStartedAt: null }))
    .answer('receiving:list-open', () =>
      ok(
        options.openSessions
          ? [
              {
                sessionId: 7,
                reference: 'PO-2401',
                units: 2,
                updatedAt: new Date().toISOString(),
                station: 'DESK-1',
                operator: 'Ana',
              },
            ]
          : [],
      ),
    )
    .answer('catalog:list-purchase-orders', () =>
      ok({
        total: 2,
        rows: [
          {
            id: 1,
            poNumber: 'PO-2401',
            vendor: 'Northwind Electronics',
            status: 'open',
            lines: 2,
            qtyOrdered: 8,
            qtyReceived: 0,
            createdAt: '2026-01-01',
          },
          {
            id: 2,
            poNumber: 'PO-2300',
            vendor: 'Contoso',
            status: 'received',
            lines: 1,
            qtyOrdered: 4,
            qtyReceived: 4,
            createdAt: '2025-12-01',
          },
        ],
      }),
    )
    .answer('receiving:start', (input) =>
      input?.poNumber === 'PO-2401'
        ? ok(view({ resumed: phones.length > 0 }))
        : refused(
            'UNKNOWN_PO',
            `There is no purchase order "${input?.poNumber}". Check the number on the paperwork, or import the PO first.`,
          ),
    )
    .answer('receiving:get-session', () => ok(view()))
    .answer('receiving:scan', (input) => {
      if (!signedIn)
        return refused('UNAUTHORIZED', 'Sign in first: scans are recorded against the operator who made them.');
      const outcome = take(input!.raw);
      return ok(verdict(outcome.ok, outcome.code, outcome.message, view()));
    })
    .answer('receiving:remove-serial', (input) => {
      const serial = input!.serial;
      const unit = phones.find((serials) => serials.includes(serial));
      if (!unit) {
        return ok(
          verdict(
            false,
            'NOT_FOUND',
            `${serial} is not among the serials scanned in this session, so there is nothing to remove.`,
            view(),
          ),
        );
      }
      unit.splice(unit.indexOf(serial), 1);
      if (unit.length === 0) phones.splice(phones.indexOf(unit), 1);
      return ok(verdict(true, 'OK', `Removed ${serial} (Phone X).`, view()));
    })
    .answer('receiving:paste-serials', (input) => {
      const results = input!.text
        .split('\n')
        .map((line, i) => ({ line: i + 1, input: line }))
        .filter((row) => row.input.trim() !== '')
        .map((row) => ({ ...row, ...take(row.input) }));
      const accepted = results.filter((r) => r.ok).length;
      return ok({ results, accepted, rejected: results.length - accepted, view: view() });
    })
    .answer('receiving:close', (): Envelope<ReceiveSummary> => {
      if (waiting())
        return refused(
          'SERIAL_EMPTY',
          `Phone X unit ${phones.length} still needs its IMEI 2. Scan it, or remove the unit's other serial, before closing.`,
        );
      const serials = phones.reduce((n, s) => n + s.length, 0);
      return ok({
        sessionId: 7,
        poNumber: 'PO-2401',
        units: phones.length,
        serials,
        lines: [
          { sku: 'PH-100', name: 'Phone X', units: phones.length, qtyReceived: phones.length, qtyOrdered: 3 },
          { sku: 'CB-1', name: 'USB-C cable', units: 0, qtyReceived: 0, qtyOrdered: 5 },
        ],
        poStatus: 'open',
      });
    });
  return {
    station,
    signOutAtStation: () => {
      signedIn = false;
    },
  };
}

function renderReceive(station: FakeStation): Promise<void> {
  return renderBehindSignIn(station, 'receive', <ReceiveScreen />);
}

const prompt = () => screen.getByTestId('scan-prompt-text').textContent;
const verdictTitle = () => screen.getByTestId('verdict-title').textContent;
const verdictMessage = () => screen.getByTestId('verdict-message').textContent;
const recentSerials = () =>
  screen.queryAllByTestId('recent-serial').map((row) => row.querySelector('.recent-serial-text')?.textContent);

beforeEach(() => {
  sessionStorage.clear();
  vi.mocked(playAccept).mockClear();
  vi.mocked(playReject).mockClear();
  vi.mocked(playAttention).mockClear();
});
afterEach(cleanup);

describe('the Receive screen', () => {
  it('opens the PO scanned, with the next step in large type, the running counts and every line', async () => {
    const { station } = receivingStation();
    await renderReceive(station);
    const open = screen.getByTestId('open-pos');
    expect(open.textContent).toContain('PO-2401');
    // A PO received in full is not offered again.
    expect(open.textContent).not.toContain('PO-2300');

    await scanKeys('PO-2401');
    expect(station.callsTo('receiving:start')).toEqual([{ poNumber: 'PO-2401' }]);
    expect(prompt()).toBe('Scan an item from PO-2401');
    expect(screen.getByTestId('scan-counts').textContent).toBe('0 / 8 units · 0 / 6 serials');
    expect(screen.getByTestId('vendor').textContent).toBe('Northwind Electronics');
    expect(screen.getByTestId('line-PH-100').textContent).toContain('0 / 3');
    expect(screen.getByTestId('line-CB-1').textContent).toContain('none needed');
    expect(screen.queryByTestId('resumed-banner')).toBeNull();
  });

  it('says so, loudly, when the PO number is not known', async () => {
    const { station } = receivingStation();
    await renderReceive(station);
    await scanKeys('PO-9999');
    expect(verdictTitle()).toBe('Unknown purchase order');
    expect(verdictMessage()).toContain('There is no purchase order "PO-9999"');
    expect(playReject).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('receive-pick')).toBeTruthy();
  });

  it('shows a refused scan with its title and the station’s message, and buzzes', async () => {
    const { station } = receivingStation();
    await renderReceive(station);
    await scanKeys('PO-2401');
    await scanKeys(PHONE_UPC);
    expect(verdictTitle()).toBe('Accepted');
    expect(playAccept).toHaveBeenCalledTimes(1);
    expect(prompt()).toBe('Scan serial 1 of 2 — IMEI 1 — Phone X, unit 1 of 3');

    await scanKeys(PHONE_UPC);
    const banner = screen.getByTestId('verdict');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(verdictTitle()).toBe('That’s the box barcode');
    expect(verdictMessage()).toContain('This is the box barcode (UPC) of Phone X, not its IMEI 1');
    expect(playReject).toHaveBeenCalledTimes(1);
    // The wizard still waits for the same serial.
    expect(prompt()).toBe('Scan serial 1 of 2 — IMEI 1 — Phone X, unit 1 of 3');
    expect(station.callsTo('receiving:scan').at(-1)).toEqual({ sessionId: 7, raw: PHONE_UPC, source: 'wedge' });
  });

  it('lists each unit with its serials, newest first, and refuses a serial already scanned', async () => {
    const { station } = receivingStation();
    await renderReceive(station);
    await scanKeys('PO-2401');
    await scanKeys(PHONE_UPC);
    await scanKeys(IMEI[0]);
    await scanKeys(IMEI[1]);
    await scanKeys(IMEI[2]);
    expect(recentSerials()).toEqual([IMEI[2], IMEI[0], IMEI[1]]);
    expect(screen.getByTestId('scan-counts').textContent).toBe('2 / 8 units · 3 / 6 serials');

    await scanKeys(IMEI[0]);
    expect(verdictTitle()).toBe('Already scanned');
    expect(verdictMessage()).toContain(`${IMEI[0]} was already scanned on this PO`);
    expect(playReject).toHaveBeenCalledTimes(1);
    expect(recentSerials()).toEqual([IMEI[2], IMEI[0], IMEI[1]]);
  });

  it('removes a serial with its Remove button, or by pressing F8 and scanning it', async () => {
    const { station } = receivingStation();
    await renderReceive(station);
    await scanKeys('PO-2401');
    await scanKeys(IMEI[0]);
    await scanKeys(IMEI[1]);
    await scanKeys(IMEI[2]);

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: `Remove ${IMEI[1]}` }));
    });
    expect(station.callsTo('receiving:remove-serial')).toEqual([{ sessionId: 7, serial: IMEI[1] }]);
    expect(verdictTitle()).toBe('Removed');
    expect(recentSerials()).toEqual([IMEI[2], IMEI[0]]);

    await pressKey('F8');
    expect(prompt()).toBe('Scan the serial to remove');
    const scansBefore = station.callsTo('receiving:scan').length;
    await scanKeys(IMEI[2]);
    expect(station.callsTo('receiving:remove-serial').at(-1)).toEqual({ sessionId: 7, serial: IMEI[2] });
    expect(station.callsTo('receiving:scan')).toHaveLength(scansBefore);
    expect(recentSerials()).toEqual([IMEI[0]]);
    // One scan removes one serial: the next is an ordinary scan again.
    expect(prompt()).toBe('Scan serial 2 of 2 — IMEI 2 — Phone X, unit 1 of 3');

    await pressKey('F8');
    await scanKeys('999999999999999');
    expect(verdictTitle()).toBe('Not scanned on this PO');
    expect(playReject).toHaveBeenCalled();
  });

  it('leaves remove mode with Escape without removing anything', async () => {
    const { station } = receivingStation();
    await renderReceive(station);
    await scanKeys('PO-2401');
    await pressKey('F8');
    expect(prompt()).toBe('Scan the serial to remove');
    await pressKey('Escape');
    expect(prompt()).toBe('Scan an item from PO-2401');
    expect(station.callsTo('receiving:remove-serial')).toEqual([]);
  });

  it('takes a pasted list in paste mode and reports each line', async () => {
    const { station } = receivingStation();
    await renderReceive(station);
    await scanKeys('PO-2401');
    await scanKeys(PHONE_UPC);
    await pressKey('F2');
    const box = screen.getByRole('textbox', { name: 'Paste serials, one per line' });
    expect(document.activeElement).toBe(box);
    expect((screen.getByRole('textbox', { name: 'Scan' }) as HTMLInputElement).disabled).toBe(true);

    await act(async () => {
      fireEvent.change(box, { target: { value: `${IMEI[0]}\n${IMEI[1]}\n\n${IMEI[0]}\n` } });
    });
    expect(screen.getByRole('button', { name: /Check and add 3 serials/ })).toBeTruthy();
    await act(async () => {
      fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    });
    expect(station.callsTo('receiving:paste-serials')).toEqual([
      { sessionId: 7, text: `${IMEI[0]}\n${IMEI[1]}\n\n${IMEI[0]}\n` },
    ]);
    const report = screen.getByTestId('paste-report');
    expect(report.textContent).toContain('2 added, 1 refused');
    const rows = within(report).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.querySelector('td')?.textContent)).toEqual(['1', '2', '4']);
    expect(rows[2]!.textContent).toContain('Already scanned');
    expect(rows[2]!.textContent).toContain(`${IMEI[0]} was already scanned on this PO`);
    expect(verdictTitle()).toBe('Some lines refused');
    expect(playReject).toHaveBeenCalledTimes(1);
    // The box is gone and the scan field works again.
    expect(screen.queryByTestId('paste-panel')).toBeNull();
    expect((screen.getByRole('textbox', { name: 'Scan' }) as HTMLInputElement).disabled).toBe(false);
  });

  it('sends scans one at a time in the order they came, even when the station is slow', async () => {
    const { station } = receivingStation();
    await renderReceive(station);
    await scanKeys('PO-2401');
    const pending: (() => void)[] = [];
    const answerNow = station.answer.bind(station);
    const calls: string[] = [];
    answerNow('receiving:scan', (input) => {
      calls.push(input!.raw);
      return new Promise((resolve) => {
        pending.push(() =>
          resolve(
            ok(verdict(true, 'OK', `${input!.raw} — IMEI 1 of Phone X`, sessionView([phoneUnit(1, [input!.raw])]))),
          ),
        );
      });
    });
    await scanKeys(IMEI[0]);
    await scanKeys(IMEI[1]);
    expect(calls).toEqual([IMEI[0]]);
    await act(async () => pending.shift()!());
    expect(calls).toEqual([IMEI[0], IMEI[1]]);
    await act(async () => pending.shift()!());
    expect(verdictMessage()).toBe(`${IMEI[1]} — IMEI 1 of Phone X`);
  });

  it('picks up a session left unfinished, with a banner saying so', async () => {
    const { station } = receivingStation({ openSessions: true });
    await renderReceive(station);
    await scanKeys('PO-2401');
    await scanKeys(IMEI[0]);
    cleanup();
    sessionStorage.clear();

    await renderReceive(station);
    const sessions = screen.getByTestId('open-sessions');
    expect(sessions.textContent).toContain('DESK-1 · Ana');
    await act(async () => {
      fireEvent.click(within(sessions).getByRole('button', { name: /Resume/ }));
    });
    expect(screen.getByTestId('resumed-banner').textContent).toContain('The unit already scanned is kept.');
    expect(recentSerials()).toEqual([IMEI[0]]);
  });

  it('comes back to this tab’s session when the screen is opened again', async () => {
    const { station } = receivingStation();
    await renderReceive(station);
    await scanKeys('PO-2401');
    await scanKeys(IMEI[0]);
    cleanup();

    await renderReceive(station);
    expect(station.callsTo('receiving:get-session')).toEqual([{ sessionId: 7 }]);
    expect(screen.getByTestId('resumed-banner')).toBeTruthy();
    expect(prompt()).toBe('Scan serial 2 of 2 — IMEI 2 — Phone X, unit 1 of 3');
  });

  it('will not close while a unit misses a serial, then closes with F9 and shows what went into stock', async () => {
    const { station } = receivingStation();
    await renderReceive(station);
    await scanKeys('PO-2401');
    await scanKeys(IMEI[0]);
    await pressKey('F9');
    expect(verdictTitle()).toBe('A serial is still missing');
    expect(verdictMessage()).toContain('still needs its IMEI 2');

    await scanKeys(IMEI[1]);
    await pressKey('F9');
    const summary = screen.getByTestId('receive-summary');
    expect(summary.textContent).toContain('1 unit put in stock');
    expect(summary.textContent).toContain('2 serial numbers recorded');
    expect(screen.getByTestId('po-status').textContent).toBe('PO-2401 stays open: 7 more units to come.');
    expect(screen.getByTestId('summary-PH-100').textContent).toContain('1 / 3');
    expect(playAttention).toHaveBeenCalled();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Receive another PO/ }));
    });
    expect(screen.getByTestId('receive-pick')).toBeTruthy();
  });

  it('takes the REMOVE, CLOSE and PARK command barcodes for F8, F9 and F4, never as items', async () => {
    const { station } = receivingStation();
    await renderReceive(station);
    await scanKeys('PO-2401');
    await scanKeys(IMEI[0]);
    await scanKeys(IMEI[1]);
    const scans = station.callsTo('receiving:scan').length;

    await scanKeys('CMD:REMOVE');
    expect(prompt()).toBe('Scan the serial to remove');
    await scanKeys('*remove*');
    expect(prompt()).not.toBe('Scan the serial to remove');
    expect(station.callsTo('receiving:remove-serial')).toEqual([]);

    await scanKeys('CMD:CLOSE');
    expect(screen.getByTestId('receive-summary').textContent).toContain('1 unit put in stock');
    expect(station.callsTo('receiving:scan')).toHaveLength(scans);

    // From the summary, the next PO; PARK leaves it open for later, as F4 does.
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Receive another PO/ }));
    });
    await scanKeys('PO-2401');
    await scanKeys('CMD:PARK');
    expect(screen.getByTestId('receive-pick')).toBeTruthy();
    expect(station.callsTo('receiving:scan')).toHaveLength(scans);
  });

  it('brings up sign-in when the station has signed the operator out', async () => {
    const { station, signOutAtStation } = receivingStation();
    await renderReceive(station);
    await scanKeys('PO-2401');
    signOutAtStation();
    await scanKeys(IMEI[0]);
    await act(async () => undefined);
    expect(screen.getByTestId('sign-in')).toBeTruthy();
    expect(screen.getByTestId('signed-out-notice').textContent).toContain('The station signed you out');
  });
});

describe('the Receive screen’s state', () => {
  const opened = receiveReducer(receiveReducer(initialReceiveState, { type: 'pick' }), {
    type: 'session-opened',
    view: sessionView(),
    resumed: false,
  });

  it('flashes the same refusal again when it happens twice', () => {
    const refusal = verdict(false, 'SERIAL_DUPLICATE_IN_PO', 'already scanned', sessionView());
    const once = receiveReducer(opened, { type: 'scanned', verdict: refusal });
    const twice = receiveReducer(once, { type: 'scanned', verdict: refusal });
    const seq = (state: ReceiveState) => (state.step.kind === 'session' ? state.step.verdict?.seq : undefined);
    expect(seq(twice)).not.toBe(seq(once));
  });

  it('toggles a mode with its own key, and leaves modes alone while closing', () => {
    const removing = receiveReducer(opened, { type: 'mode', mode: 'remove' });
    expect(removing.step.kind === 'session' && removing.step.mode).toBe('remove');
    const back = receiveReducer(removing, { type: 'mode', mode: 'remove' });
    expect(back.step.kind === 'session' && back.step.mode).toBe('scan');
    const closing = receiveReducer(removing, { type: 'close-requested' });
    const still = receiveReducer(closing, { type: 'mode', mode: 'paste' });
    expect(still.step.kind === 'session' && still.step.mode).toBe('scan');
  });

  it('keeps the summary on screen when the next PO scanned from it is unknown', () => {
    const summary: ReceiveSummary = {
      sessionId: 7,
      poNumber: 'PO-2401',
      units: 0,
      serials: 0,
      lines: [],
      poStatus: 'open',
    };
    const closed = receiveReducer(opened, { type: 'closed', summary });
    const failed = receiveReducer(closed, {
      type: 'start-failed',
      error: { code: 'UNKNOWN_PO', message: 'There is no purchase order "X".' },
    });
    expect(failed.step.kind).toBe('closed');
    expect(failed.step.kind === 'closed' && failed.step.verdict?.title).toBe('Unknown purchase order');
  });
});
