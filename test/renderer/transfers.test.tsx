import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../src/shared/errors';
import type { SerialHistory } from '../../src/shared/ipc/serials.contract';
import type {
  PlaceView,
  TransferSummary,
  TransferVerdict,
  TransferView,
} from '../../src/shared/ipc/transfers.contract';
import type { Expect } from '../../src/shared/session';
import { playAccept, playAttention, playReject } from '../../src/renderer/src/audio/feedback';
import { TransfersScreen } from '../../src/renderer/src/features/transfers/transfers-screen';
import { NAV_ITEMS } from '../../src/renderer/src/navigation';
import { FakeStation, ok } from './fake-station';
import { signedInStatus, expectOnly, renderBehindSignIn, scanKeys, pressKey } from './screen-kit';

vi.mock('../../src/renderer/src/audio/feedback', () => ({
  playAccept: vi.fn(),
  playReject: vi.fn(),
  playAttention: vi.fn(),
  unlockAudioOnGesture: vi.fn(),
}));

const IMEI = ['356938035640001', '356938035640002'] as const;

interface Unit {
  readonly unitId: number;
  readonly sku: string;
  readonly productName: string;
  readonly codes: readonly { slot: number; label: string; serial: string }[];
  readonly status: 'in_stock' | 'sold';
  readonly at: PlaceView;
}

const RECEIVING: PlaceView = { warehouse: 'MAIN', location: 'RECEIVING' };
const NORTH: PlaceView = { warehouse: 'NORTH', location: 'X-1' };
const A01: PlaceView = { warehouse: 'MAIN', location: 'A-01' };

const laptop = (unitId: number, serial: string, at: PlaceView, status: Unit['status'] = 'in_stock'): Unit => ({
  unitId,
  sku: 'LT-300',
  productName: 'Laptop 14',
  codes: [{ slot: 1, label: 'Serial', serial }],
  status,
  at,
});

const label = (place: PlaceView) => (place.location ? `${place.warehouse}/${place.location}` : place.warehouse);

const SIGNED_IN = signedInStatus({ id: 1, name: 'Pat', role: 'packer' });

function expectFor(count: number, from: PlaceView, to: PlaceView): Expect {
  return expectOnly(
    'serial',
    count === 0
      ? `Scan the serial of a unit at ${label(from)} to move it to ${label(to)}`
      : `Scan the next unit at ${label(from)}, or confirm moving ${count} unit${count === 1 ? '' : 's'} to ${label(to)}`,
  );
}

/**
 * A station with two laptops and a dual-IMEI phone at MAIN/RECEIVING, a laptop at NORTH/X-1
 * and a sold one: it answers transfer calls the way the transfers service words them.
 */
function transferStation(options: { signedIn?: boolean; openTransfer?: boolean } = {}) {
  const units: Unit[] = [
    laptop(1, 'LAPTP00001', RECEIVING),
    laptop(2, 'LAPTP00002', RECEIVING),
    laptop(4, 'LAPTP00004', NORTH),
    laptop(5, 'SOLD000001', RECEIVING, 'sold'),
    {
      unitId: 3,
      sku: 'PH-100',
      productName: 'Phone X',
      codes: [
        { slot: 1, label: 'IMEI 1', serial: IMEI[0] },
        { slot: 2, label: 'IMEI 2', serial: IMEI[1] },
      ],
      status: 'in_stock',
      at: RECEIVING,
    },
  ];
  let route: { from: PlaceView; to: PlaceView } | null = options.openTransfer ? { from: RECEIVING, to: A01 } : null;
  let status: TransferView['status'] = 'active';
  const moving: { unit: Unit; scanned: string }[] = options.openTransfer
    ? [{ unit: units[0]!, scanned: 'LAPTP00001' }]
    : [];
  const at = new Date().toISOString();

  const view = (resumed = false): TransferView => {
    const { from, to } = route!;
    const products = new Map<string, { sku: string; productName: string; units: number }>();
    for (const { unit } of moving) {
      const p = products.get(unit.sku) ?? { sku: unit.sku, productName: unit.productName, units: 0 };
      products.set(unit.sku, { ...p, units: p.units + 1 });
    }
    return {
      sessionId: 21,
      reference: `${label(from)} -> ${label(to)}`,
      from,
      to,
      status,
      resumed,
      startedAt: at,
      count: moving.length,
      products: [...products.values()],
      recent: moving
        .map((m, i) => ({
          id: i + 1,
          unitId: m.unit.unitId,
          sku: m.unit.sku,
          productName: m.unit.productName,
          serials: [...m.unit.codes],
          scanned: m.scanned,
          from: m.unit.at,
          manual: false,
          at,
        }))
        .reverse(),
      expect: expectFor(moving.length, from, to),
    };
  };
  const verdict = (ok: boolean, code: TransferVerdict['code'], message: string): TransferVerdict => {
    const v = view();
    return { ok, code, message, expect: v.expect, view: v };
  };
  const find = (serial: string) =>
    units.find((u) => u.codes.some((c) => c.serial.toUpperCase() === serial.trim().toUpperCase()));

  const station = new FakeStation()
    .answer('auth:get-status', () =>
      ok(options.signedIn === false ? { ...SIGNED_IN, operator: null, shiftStartedAt: null } : SIGNED_IN),
    )
    .answer('transfers:list-open', () =>
      ok(
        options.openTransfer && status === 'active'
          ? [
              {
                sessionId: 21,
                reference: 'MAIN/RECEIVING -> MAIN/A-01',
                units: moving.length,
                updatedAt: at,
                station: 'DESK-1',
                operator: 'Pat',
              },
            ]
          : [],
      ),
    )
    .answer('transfers:list-places', () =>
      ok([
        { warehouse: 'MAIN', location: 'RECEIVING', inStock: 4 },
        { warehouse: 'NORTH', location: 'X-1', inStock: 1 },
      ]),
    )
    .answer('transfers:start', (input) => {
      const place = (p: { warehouse: string; location?: string | undefined }): PlaceView => ({
        warehouse: p.warehouse,
        location: p.location ?? null,
      });
      route = { from: place(input!.from), to: place(input!.to) };
      return ok(view());
    })
    .answer('transfers:get-session', () => ok(view()))
    .answer('transfers:scan', (input) => {
      const raw = input!.raw.trim();
      const unit = find(raw);
      const from = route!.from;
      if (!unit) {
        return ok(
          verdict(
            false,
            'SERIAL_NOT_IN_STOCK',
            `We have no unit with serial ${raw} on record. Only units received into stock can be transferred.`,
          ),
        );
      }
      if (unit.status === 'sold') {
        return ok(
          verdict(
            false,
            'SERIAL_NOT_IN_STOCK',
            `${raw} (${unit.productName}) is sold — it has shipped and is not on our shelves. Only in-stock units can be transferred.`,
          ),
        );
      }
      if (label(unit.at) !== label(from)) {
        return ok(
          verdict(
            false,
            'WRONG_ITEM',
            `${raw} (${unit.productName}) is at ${label(unit.at)}, not at ${label(from)}. Only units at ${label(from)} can move in this transfer — put it back where it belongs.`,
          ),
        );
      }
      if (moving.some((m) => m.unit === unit)) {
        return ok(verdict(false, 'CONFLICT', `${raw} (${unit.productName}) is already in this transfer.`));
      }
      moving.push({ unit, scanned: raw });
      const n = moving.length;
      return ok(verdict(true, 'OK', `${raw} — ${unit.productName} added (${n} unit${n === 1 ? '' : 's'} to move).`));
    })
    .answer('transfers:remove', (input) => {
      const unit = find(input!.serial);
      const entry = moving.find((m) => m.unit === unit);
      if (!entry) {
        return ok(
          verdict(false, 'NOT_FOUND', `${input!.serial} is not in this transfer, so there is nothing to remove.`),
        );
      }
      moving.splice(moving.indexOf(entry), 1);
      return ok(
        verdict(true, 'OK', `Removed ${entry.scanned} (${entry.unit.productName}); it stays at MAIN/RECEIVING.`),
      );
    })
    .answer('transfers:confirm', (): Envelope<TransferSummary> => {
      const { from, to } = route!;
      status = 'closed';
      const n = moving.length;
      return ok({
        sessionId: 21,
        reference: `${label(from)} -> ${label(to)}`,
        from,
        to,
        moved: n,
        units: moving.map((m) => ({
          unitId: m.unit.unitId,
          sku: m.unit.sku,
          productName: m.unit.productName,
          serials: m.unit.codes.map((c) => c.serial),
          from: m.unit.at,
        })),
        message: `Moved ${n} unit${n === 1 ? '' : 's'} from ${label(from)} to ${label(to)}.`,
      });
    })
    .answer('serials:history', (input): Envelope<SerialHistory> =>
      ok({
        serial: input!.serial,
        units: [],
        events: [
          {
            id: 9,
            type: 'transferred',
            at,
            serial: input!.serial,
            sku: 'LT-300',
            productName: 'Laptop 14',
            reference: 'MAIN/RECEIVING -> MAIN/A-01',
            station: 'DESK-1',
            operator: 'Pat',
            details: { from: RECEIVING, to: A01 },
          },
        ],
        ledger: { ok: true, firstBrokenEventId: null, reason: null },
      }),
    );
  return { station, moving };
}

function renderTransfers(station: FakeStation): Promise<void> {
  return renderBehindSignIn(station, 'transfers', <TransfersScreen />);
}

async function click(element: HTMLElement) {
  await act(async () => {
    fireEvent.click(element);
  });
}

const prompt = () => screen.getByTestId('scan-prompt-text').textContent;
const verdictTitle = () => screen.getByTestId('verdict-title').textContent;
const verdictMessage = () => screen.getByTestId('verdict-message').textContent;
const counts = () => screen.getByTestId('scan-counts').textContent;

/** Scans the source and the destination off their shelf labels (a new place is scanned twice). */
async function openRoute(from = 'MAIN/RECEIVING', to = 'MAIN/A-01') {
  await scanKeys(from);
  await scanKeys(to);
  if (!screen.queryByTestId('transfer-wizard')) await scanKeys(to);
}

beforeEach(() => {
  sessionStorage.clear();
  vi.mocked(playAccept).mockClear();
  vi.mocked(playReject).mockClear();
  vi.mocked(playAttention).mockClear();
});
afterEach(cleanup);

describe('the Transfers screen', () => {
  it('is listed after Devices, with no Alt digit of its own', () => {
    expect(NAV_ITEMS.map((item) => item.id).slice(-2)).toEqual(['devices', 'transfers']);
    expect(NAV_ITEMS.find((item) => item.id === 'transfers')?.key).toBeUndefined();
  });

  it('asks for someone to sign in before anything can be moved', async () => {
    const { station } = transferStation({ signedIn: false });
    await renderTransfers(station);
    expect(screen.getByTestId('sign-in').textContent).toContain('Transfers need someone signed in');
    expect(station.calls.filter((call) => call.channel.startsWith('transfers:'))).toEqual([]);
  });

  it('takes the source and destination from shelf labels, refusing a place that cannot be right', async () => {
    const { station } = transferStation();
    await renderTransfers(station);
    const places = screen.getByTestId('known-places');
    expect(places.textContent).toContain('MAIN/RECEIVING');
    expect(prompt()).toBe('Scan or pick where the units are now');

    // A typo in the source: nothing is recorded there.
    await scanKeys('MAIN/RECIEVING');
    expect(verdictTitle()).toBe('Unknown place');
    expect(verdictMessage()).toContain('No unit is recorded at MAIN/RECIEVING');
    expect(playReject).toHaveBeenCalledTimes(1);
    await scanKeys('/A-01');
    expect(verdictTitle()).toBe('Not a place');
    expect(verdictMessage()).toContain('names no warehouse');

    await scanKeys('main/receiving');
    expect(verdictTitle()).toBe('Source set');
    expect(verdictMessage()).toContain('4 units in stock there');
    expect(screen.getByTestId('route-from').textContent).toContain('main/receiving');
    expect(prompt()).toBe('Scan or pick where the units from main/receiving go');

    // The same place again is no move at all.
    await scanKeys('MAIN/RECEIVING');
    expect(verdictTitle()).toBe('Same place twice');
    // A place nobody has used is asked for twice, so a typo does not send stock astray.
    await scanKeys('MAIN/A-01');
    expect(verdictTitle()).toBe('A new place — scan it again to be sure');
    expect(playAttention).toHaveBeenCalledTimes(1);
    expect(station.callsTo('transfers:start')).toEqual([]);
    await scanKeys('MAIN/A-01');
    expect(station.callsTo('transfers:start')).toEqual([
      { from: { warehouse: 'main', location: 'receiving' }, to: { warehouse: 'MAIN', location: 'A-01' } },
    ]);
    expect(screen.getByTestId('transfer-to').textContent).toBe('MAIN/A-01');
  });

  it('picks a known destination from the list at once, and Esc goes back to the source', async () => {
    const { station } = transferStation();
    await renderTransfers(station);
    await click(screen.getByRole('button', { name: 'Move from MAIN/RECEIVING' }));
    expect(screen.getByRole('button', { name: 'Move to MAIN/RECEIVING' }).hasAttribute('disabled')).toBe(true);
    await pressKey('Escape');
    expect(prompt()).toBe('Scan or pick where the units are now');
    await click(screen.getByRole('button', { name: 'Move from MAIN/RECEIVING' }));
    // A whole warehouse is a destination too: units keep no location there.
    await click(screen.getByRole('button', { name: 'Move to NORTH' }));
    expect(station.callsTo('transfers:start')).toEqual([
      { from: { warehouse: 'MAIN', location: 'RECEIVING' }, to: { warehouse: 'NORTH' } },
    ]);
    expect(screen.getByTestId('transfer-wizard')).toBeTruthy();
  });

  it('answers every scan: added with a beep, or refused with the reason and a buzz', async () => {
    const { station } = transferStation();
    await renderTransfers(station);
    await openRoute();
    expect(prompt()).toBe('Scan the serial of a unit at MAIN/RECEIVING to move it to MAIN/A-01');
    expect(counts()).toBe('0 units to move');
    vi.mocked(playAccept).mockClear();

    await scanKeys('LAPTP00001');
    expect(verdictTitle()).toBe('Added to the transfer');
    expect(screen.getByTestId('verdict').getAttribute('role')).toBe('status');
    expect(playAccept).toHaveBeenCalledTimes(1);
    expect(counts()).toBe('1 unit to move');

    await scanKeys('LAPTP00004');
    expect(screen.getByTestId('verdict').getAttribute('role')).toBe('alert');
    expect(verdictTitle()).toBe('Not at the source');
    expect(verdictMessage()).toContain('LAPTP00004 (Laptop 14) is at NORTH/X-1, not at MAIN/RECEIVING');
    await scanKeys('SOLD000001');
    expect(verdictTitle()).toBe('Not in stock');
    expect(verdictMessage()).toContain('is sold');
    await scanKeys('laptp00001');
    expect(verdictTitle()).toBe('Already in this transfer');
    expect(playReject).toHaveBeenCalledTimes(3);

    // A phone by its second IMEI: the unit is listed with both.
    await scanKeys(IMEI[1]);
    expect(counts()).toBe('2 units to move');
    expect(prompt()).toBe('Scan the next unit at MAIN/RECEIVING, or confirm moving 2 units to MAIN/A-01');
    const listed = screen.getAllByTestId('transfer-unit');
    expect(listed[0]!.textContent).toContain(IMEI[0]);
    expect(listed[0]!.textContent).toContain('Now at MAIN/RECEIVING');
    expect(screen.getByTestId('transfer-products').textContent).toContain('Phone X');
    expect(station.callsTo('transfers:scan').at(-1)).toEqual({ sessionId: 21, raw: IMEI[1], source: 'wedge' });
  });

  it('takes a unit out with F8 and a scan, or with its Remove button', async () => {
    const { station } = transferStation();
    await renderTransfers(station);
    await openRoute();
    await scanKeys('LAPTP00001');
    await scanKeys('LAPTP00002');
    await scanKeys(IMEI[0]);

    await pressKey('F8');
    expect(prompt()).toBe('Scan the serial of the unit to take out');
    await scanKeys(IMEI[1]);
    expect(station.callsTo('transfers:remove')).toEqual([{ sessionId: 21, serial: IMEI[1] }]);
    expect(verdictTitle()).toBe('Removed');
    expect(counts()).toBe('2 units to move');
    // One scan removes one unit; the next is an ordinary scan again.
    expect(prompt()).toBe('Scan the next unit at MAIN/RECEIVING, or confirm moving 2 units to MAIN/A-01');

    await click(screen.getByRole('button', { name: 'Remove LAPTP00002' }));
    expect(verdictTitle()).toBe('Removed');
    expect(counts()).toBe('1 unit to move');
    await pressKey('F8');
    await scanKeys('LAPTP00004');
    expect(verdictTitle()).toBe('Not in this transfer');
  });

  it('checks a pasted list line by line and lists what was refused', async () => {
    const { station } = transferStation();
    await renderTransfers(station);
    await openRoute();
    await pressKey('F2');
    const box = within(screen.getByTestId('paste-panel')).getByRole('textbox');
    await act(async () => {
      fireEvent.change(box, { target: { value: 'LAPTP00001\n\nLAPTP00004\n  LAPTP00002  \n' } });
    });
    await click(screen.getByRole('button', { name: /Check and add 3 serials/ }));
    expect(station.callsTo('transfers:scan')).toEqual([
      { sessionId: 21, raw: 'LAPTP00001', source: 'paste' },
      { sessionId: 21, raw: 'LAPTP00004', source: 'paste' },
      { sessionId: 21, raw: 'LAPTP00002', source: 'paste' },
    ]);
    expect(screen.queryByTestId('paste-panel')).toBeNull();
    expect(verdictTitle()).toBe('Some lines refused');
    const report = screen.getByTestId('paste-report');
    expect(report.textContent).toContain('2 added, 1 refused');
    expect(report.textContent).toContain('Not at the source');
    expect(counts()).toBe('2 units to move');
    expect(playReject).toHaveBeenCalledTimes(1);
  });

  it('confirms with F9, shows what moved, and opens a moved serial’s history', async () => {
    const { station } = transferStation();
    await renderTransfers(station);
    await openRoute();
    // Nothing scanned: the confirm button waits.
    expect(screen.getByRole('button', { name: /Move 0 units/ }).hasAttribute('disabled')).toBe(true);
    await scanKeys('LAPTP00001');
    await scanKeys(IMEI[0]);
    vi.mocked(playAttention).mockClear();
    await pressKey('F9');
    expect(station.callsTo('transfers:confirm')).toEqual([{ sessionId: 21 }]);
    expect(playAttention).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('transfer-summary-notice').textContent).toContain('2 units moved to MAIN/A-01');
    const moved = screen.getByTestId('moved-units').textContent;
    expect(moved).toContain('LAPTP00001');
    expect(moved).toContain(`${IMEI[0]}${IMEI[1]}`);

    await click(screen.getByRole('button', { name: 'History of LAPTP00001' }));
    expect(station.callsTo('serials:history')).toEqual([{ serial: 'LAPTP00001' }]);
    expect(screen.getByTestId('serial-history').textContent).toContain(
      'Transferred from MAIN / RECEIVING to MAIN / A-01',
    );
    await pressKey('Escape');
    expect(screen.queryByTestId('serial-history')).toBeNull();

    // F2 moves more along the same route; F4 starts a new one.
    await pressKey('F2');
    expect(station.callsTo('transfers:start').at(-1)).toEqual({
      from: { warehouse: 'MAIN', location: 'RECEIVING' },
      to: { warehouse: 'MAIN', location: 'A-01' },
    });
    expect(screen.getByTestId('transfer-wizard')).toBeTruthy();
  });

  it('picks the transfer up again after leaving the screen, saying so', async () => {
    const { station } = transferStation();
    await renderTransfers(station);
    await openRoute();
    await scanKeys('LAPTP00001');
    cleanup();

    await renderTransfers(station);
    expect(station.callsTo('transfers:get-session')).toEqual([{ sessionId: 21 }]);
    expect(screen.getByTestId('resumed-banner').textContent).toContain('The unit already scanned is kept');
    expect(counts()).toBe('1 unit to move');
  });

  it('lists transfers left unfinished and resumes one with a click', async () => {
    const { station } = transferStation({ openTransfer: true });
    await renderTransfers(station);
    const open = screen.getByTestId('open-transfers');
    expect(open.textContent).toContain('MAIN/RECEIVING → MAIN/A-01');
    await click(within(open).getByRole('button', { name: /Resume/ }));
    expect(screen.getByTestId('resumed-banner')).toBeTruthy();
    expect(screen.getByTestId('transfer-from').textContent).toBe('MAIN/RECEIVING');
    expect(counts()).toBe('1 unit to move');

    // F4 leaves it open for later; it is listed again.
    await pressKey('F4');
    expect(screen.getByTestId('open-transfers')).toBeTruthy();
  });
});
