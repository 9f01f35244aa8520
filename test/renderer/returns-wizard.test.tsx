import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthStatus } from '../../src/shared/ipc/auth.contract';
import type { ReturnVerdict } from '../../src/shared/ipc/returns.contract';
import { StationProvider } from '../../src/renderer/src/api/station-context';
import { AuthProvider } from '../../src/renderer/src/features/auth/auth-context';
import { ReturnsScreen } from '../../src/renderer/src/features/returns/returns-screen';
import { initialReturnsState, returnsTransition } from '../../src/renderer/src/features/returns/returns-state';
import { FakeStation, ok } from './fake-station';

afterEach(cleanup);

function authStatus(signedIn: boolean): AuthStatus {
  return {
    operator: signedIn ? { id: 2, name: 'Pat', role: 'packer', shiftId: 3 } : null,
    needsFirstSupervisor: false,
    operators: [{ name: 'Pat', role: 'packer' }],
    shiftStartedAt: signedIn ? '2025-06-01T08:00:00.000Z' : null,
    idleTimeoutMinutes: 30,
  };
}

const LAPTOP = {
  unitId: 4,
  sku: 'LT-300',
  productName: 'Laptop 14',
  status: 'sold',
  codes: [{ slot: 1, serial: 'LAPTP00001' }],
};

const MATCH: ReturnVerdict = {
  verdict: 'match',
  ok: true,
  code: 'OK',
  message:
    'Match: Laptop 14 LAPTP00001 shipped on order SO-200 to Ada Lindqvist on 2025-05-11 (in warranty until 2028-05-11).',
  serial: 'LAPTP00001',
  unit: LAPTOP,
  shipped: { orderNumber: 'SO-200', customerName: 'Ada Lindqvist', shippedAt: '2025-05-11T10:00:00.000Z' },
  warranty: { months: 36, expiresOn: '2028-05-11', status: 'in-warranty' },
  canDispose: true,
};

const SWAPPED: ReturnVerdict = {
  verdict: 'SHIPPED_ON_OTHER_ORDER',
  ok: false,
  code: 'SHIPPED_ON_OTHER_ORDER',
  message:
    '356938035643809 was not shipped on SO-200: it went out on order SO-100 to Bo Chen on 2025-05-10. This may be a swapped unit — set it aside for a supervisor.',
  serial: '356938035643809',
  unit: {
    ...LAPTOP,
    unitId: 1,
    sku: 'PH-100',
    productName: 'Phone X',
    codes: [{ slot: 1, serial: '356938035643809' }],
  },
  shipped: { orderNumber: 'SO-100', customerName: 'Bo Chen', shippedAt: '2025-05-10T10:00:00.000Z' },
  warranty: { months: 24, expiresOn: '2027-05-10', status: 'in-warranty' },
  canDispose: true,
};

const NEVER: ReturnVerdict = {
  verdict: 'NOT_SHIPPED',
  ok: false,
  code: 'NOT_SHIPPED',
  message:
    'We never shipped FOREIGN-1 and have no unit with this serial. Do not refund: set it aside for a supervisor.',
  serial: 'FOREIGN-1',
  unit: null,
  shipped: null,
  warranty: null,
  canDispose: false,
};

async function renderReturns(station: FakeStation) {
  await act(async () => {
    render(
      <StationProvider link={station.link()}>
        <AuthProvider>
          <ReturnsScreen />
        </AuthProvider>
      </StationProvider>,
    );
  });
}

/** What a wedge scanner does: the text arrives in the scan field, then Enter. */
async function scan(text: string): Promise<void> {
  const field = screen.getByTestId('returns-scan').querySelector('input')!;
  await act(async () => {
    fireEvent.change(field, { target: { value: text } });
    fireEvent.keyDown(field, { key: 'Enter', code: 'Enter' });
  });
}

async function press(key: string): Promise<void> {
  await act(async () => {
    fireEvent.keyDown(document.body, { key });
  });
}

function prompt(): string {
  return screen.getByTestId('scan-prompt-text').textContent ?? '';
}

describe('returns wizard', () => {
  it('asks for sign-in first, because every return is recorded against someone', async () => {
    const station = new FakeStation().answer('auth:get-status', () => ok(authStatus(false)));
    await renderReturns(station);
    expect(screen.getByTestId('sign-in').textContent).toContain('Returns needs someone signed in');
    expect(screen.queryByTestId('returns-scan')).toBeNull();
    expect(station.callsTo('returns:check')).toHaveLength(0);
  });

  it('checks a unit against the order on the paperwork, shows the match, and restocks it with R', async () => {
    const station = new FakeStation()
      .answer('auth:get-status', () => ok(authStatus(true)))
      .answer('returns:check', () => ok(MATCH))
      .answer('returns:dispose', () =>
        ok({ verdict: MATCH, status: 'in_stock', message: 'LAPTP00001 is back in stock and can ship again.' }),
      );
    await renderReturns(station);
    expect(prompt()).toBe('Scan the order number from the return paperwork');

    await scan('SO-200');
    expect(prompt()).toBe('Scan the serial of the unit returned on order SO-200');
    await scan('LAPTP00001');
    expect(station.callsTo('returns:check')).toEqual([{ serial: 'LAPTP00001', orderNumber: 'SO-200' }]);

    const verdict = screen.getByTestId('return-verdict');
    expect(verdict.dataset.verdict).toBe('match');
    expect(within(verdict).getByTestId('return-verdict-title').textContent).toBe('Shipped on SO-200');
    expect(verdict.textContent).toContain('Ada Lindqvist');
    expect(verdict.textContent).toContain('In warranty');
    expect(verdict.textContent).toContain('until 2028-05-11');
    expect(prompt()).toBe('Restock it (R) or mark it defective (D)');

    // A scan now is refused: the unit on screen needs its decision first.
    await scan('LAPTP00002');
    expect(station.callsTo('returns:check')).toHaveLength(1);
    expect(screen.getByTestId('returns-problem').textContent).toContain('First decide');

    // A serial starting with D arrives as a burst: the D is not taken for "defective".
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'D' });
      fireEvent.keyDown(document.body, { key: '3' });
    });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(station.callsTo('returns:dispose')).toHaveLength(0);
    await press('Escape');
    expect(screen.getByTestId('disposition')).toBeTruthy();

    const note = screen.getByLabelText(/Note \(optional\)/);
    // R typed into the note is a letter, not a decision.
    await act(async () => {
      note.focus();
      fireEvent.keyDown(note, { key: 'r' });
      fireEvent.change(note, { target: { value: 'box opened, unit unused' } });
    });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(station.callsTo('returns:dispose')).toHaveLength(0);
    await act(async () => {
      note.blur();
    });
    await press('r');
    await waitFor(() => expect(station.callsTo('returns:dispose')).toHaveLength(1));
    expect(station.callsTo('returns:dispose')[0]).toEqual({
      serial: 'LAPTP00001',
      orderNumber: 'SO-200',
      disposition: 'restock',
      note: 'box opened, unit unused',
    });
    await screen.findByTestId('return-disposed');
    expect(screen.getByTestId('return-disposed').textContent).toContain('back in stock and can ship again');
    expect(prompt()).toBe('Next return: scan the order number from its paperwork');
    expect(screen.queryByTestId('disposition')).toBeNull();
    const recent = within(screen.getByTestId('returns-recent')).getAllByRole('listitem');
    expect(recent[0]!.textContent).toContain('LAPTP00001');
    expect(recent[0]!.textContent).toContain('Restocked');
  });

  it('flags a unit shipped on another order and one we never shipped, in words and not only in red', async () => {
    const verdicts = new Map([
      ['356938035643809', SWAPPED],
      ['FOREIGN-1', NEVER],
    ]);
    const station = new FakeStation()
      .answer('auth:get-status', () => ok(authStatus(true)))
      .answer('returns:check', (input) => ok(verdicts.get(input!.serial)!))
      .answer('returns:dispose', () =>
        ok({
          verdict: SWAPPED,
          status: 'defective',
          message: '356938035643809 is marked defective and will not ship.',
        }),
      );
    await renderReturns(station);

    await scan('SO-200');
    await scan('356938035643809');
    let verdict = screen.getByTestId('return-verdict');
    expect(verdict.getAttribute('role')).toBe('alert');
    expect(verdict.textContent).toContain('Red flag: not from this order');
    expect(within(verdict).getByTestId('return-verdict-title').textContent).toBe('It went out on SO-100');
    expect(within(verdict).getByTestId('return-shipped-order').textContent).toBe('SO-100');
    expect(verdict.textContent).toContain('Bo Chen');

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Defective/ }));
    });
    expect(station.callsTo('returns:dispose')).toEqual([
      { serial: '356938035643809', orderNumber: 'SO-200', disposition: 'defective' },
    ]);
    expect(screen.getByTestId('return-disposed').textContent).toContain('marked defective');

    // No paperwork: Esc goes straight to the serial.
    await press('Escape');
    expect(prompt()).toBe('Scan the serial of the returned unit');
    await scan('FOREIGN-1');
    expect(station.callsTo('returns:check').at(-1)).toEqual({ serial: 'FOREIGN-1' });
    verdict = screen.getByTestId('return-verdict');
    expect(within(verdict).getByTestId('return-verdict-title').textContent).toBe('Never shipped by us');
    expect(verdict.textContent).toContain('Do not refund');
    // Nothing to restock: we never shipped it. The station is ready for the next return.
    expect(screen.queryByTestId('disposition')).toBeNull();
    expect(prompt()).toBe('Next return: scan the order number from its paperwork');
  });

  it('goes back to the order when the paperwork names an order we do not have', async () => {
    const station = new FakeStation()
      .answer('auth:get-status', () => ok(authStatus(true)))
      .answer('returns:check', () => ({
        ok: false,
        error: { code: 'UNKNOWN_ORDER', message: 'There is no order "SO-9". Check the return paperwork.' },
      }));
    await renderReturns(station);
    await scan('SO-9');
    await scan('LAPTP00001');
    expect(screen.getByTestId('returns-problem').textContent).toContain('There is no order "SO-9"');
    expect(prompt()).toBe('Scan the order number from the return paperwork');
  });
});

describe('returns steps', () => {
  it('keeps a decision due until it is made or left undecided', () => {
    let state = returnsTransition(initialReturnsState(), { type: 'skip-order' });
    expect(state.step).toBe('serial');
    state = returnsTransition(state, { type: 'checking' });
    state = returnsTransition(state, { type: 'checked', verdict: MATCH });
    expect(state).toMatchObject({ step: 'decide', sound: 'accept' });
    expect(returnsTransition(state, { type: 'scan', raw: 'X' })).toMatchObject({ step: 'decide', sound: 'reject' });
    const left = returnsTransition(state, { type: 'leave-undecided' });
    expect(left).toMatchObject({ step: 'order', shown: { kind: 'verdict' } });
    expect(left.recent[0]).toMatchObject({ serial: 'LAPTP00001', outcome: 'undecided' });
    // A unit changed at another station meanwhile: the decision is off, back to the start.
    const stale = returnsTransition(returnsTransition(state, { type: 'disposing', disposition: 'restock' }), {
      type: 'dispose-failed',
      error: { code: 'CONFLICT', message: 'LAPTP00001 changed at another station; check it again.' },
    });
    expect(stale).toMatchObject({ step: 'order', busy: null, problem: { code: 'CONFLICT' }, sound: 'reject' });
  });
});
