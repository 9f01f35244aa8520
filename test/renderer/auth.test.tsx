import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../src/shared/errors';
import type { AuthStatus, Role } from '../../src/shared/ipc/auth.contract';
import type { StationStatus } from '../../src/shared/ipc/app.contract';
import { StationProvider } from '../../src/renderer/src/api/station-context';
import { App } from '../../src/renderer/src/app';
import { AuthProvider } from '../../src/renderer/src/features/auth/auth-context';
import { AuthGate } from '../../src/renderer/src/features/auth/auth-gate';
import { OperatorStatus } from '../../src/renderer/src/features/auth/operator-status';
import type { ScreenId } from '../../src/renderer/src/navigation';
import { FakeStation, ok } from './fake-station';

interface Person {
  readonly name: string;
  readonly role: Role;
  readonly pin: string;
}

/** The station's operators and PIN checks, worded as the auth service words them. */
function authStation(people: readonly Person[] = []) {
  const operators = [...people];
  let signedIn: Person | null = null;
  let shiftStartedAt: string | null = null;
  const failures = new Map<string, number>();
  const status = (): AuthStatus => ({
    operator: signedIn ? { id: 1, name: signedIn.name, role: signedIn.role, shiftId: 9 } : null,
    needsFirstSupervisor: operators.length === 0,
    operators: operators.map(({ name, role }) => ({ name, role })),
    shiftStartedAt,
    idleTimeoutMinutes: 30,
  });
  const signInAs = (person: Person) => {
    signedIn = person;
    shiftStartedAt = new Date().toISOString();
    return ok({ id: 1, name: person.name, role: person.role, shiftId: 9 });
  };
  const station = new FakeStation()
    .answer('auth:get-status', () => ok(status()))
    .answer('auth:create-first-supervisor', (input) => {
      if (operators.length > 0) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This station already has operators.' } };
      }
      if (input!.pin.length < 4)
        return { ok: false, error: { code: 'BAD_REQUEST', message: 'A PIN has 4 to 12 digits.' } };
      const person: Person = { name: input!.name, role: 'supervisor', pin: input!.pin };
      operators.push(person);
      return signInAs(person);
    })
    .answer('auth:sign-in', (input) => {
      const person = operators.find((p) => p.name === input!.name)!;
      if (person.pin !== input!.pin) {
        const failed = (failures.get(person.name) ?? 0) + 1;
        failures.set(person.name, failed);
        return {
          ok: false,
          error: { code: 'UNAUTHORIZED', message: `Wrong PIN for ${person.name}. ${5 - failed} tries left.` },
        } satisfies Envelope<never>;
      }
      return signInAs(person);
    })
    .answer('auth:sign-out', () => {
      signedIn = null;
      shiftStartedAt = null;
      return ok({ signedOut: true });
    });
  return station;
}

const ANA: Person = { name: 'Ana', role: 'supervisor', pin: '4321' };
const BEN: Person = { name: 'Ben', role: 'receiver', pin: '8642' };

async function renderGate(station: FakeStation, screenId: ScreenId = 'receive') {
  await act(async () => {
    render(
      <StationProvider link={station.link()}>
        <AuthProvider>
          <div data-testid="operator">
            <OperatorStatus />
          </div>
          <AuthGate screen={screenId}>
            <p data-testid="protected">The {screenId} screen</p>
          </AuthGate>
        </AuthProvider>
      </StationProvider>,
    );
  });
}

async function type(element: HTMLElement, value: string) {
  await act(async () => {
    fireEvent.change(element, { target: { value } });
  });
}

async function click(element: HTMLElement) {
  await act(async () => {
    fireEvent.click(element);
  });
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('setting up a new station', () => {
  it('asks for the first supervisor, checks the PIN was typed the same twice, and signs them in', async () => {
    const station = authStation();
    await renderGate(station);
    expect(screen.getByRole('heading', { name: 'Set up this station' })).toBeTruthy();
    expect(screen.queryByTestId('protected')).toBeNull();

    await type(screen.getByLabelText('Supervisor’s name'), 'Ana Duarte');
    await type(screen.getByLabelText('PIN'), '4321');
    await type(screen.getByLabelText('PIN again'), '4312');
    await click(screen.getByRole('button', { name: 'Create supervisor and sign in' }));
    expect(screen.getByTestId('first-supervisor-error').textContent).toContain('The two PINs are different');
    expect(station.callsTo('auth:create-first-supervisor')).toEqual([]);

    await type(screen.getByLabelText('PIN again'), '4321');
    await click(screen.getByRole('button', { name: 'Create supervisor and sign in' }));
    expect(station.callsTo('auth:create-first-supervisor')).toEqual([{ name: 'Ana Duarte', pin: '4321' }]);
    expect(screen.getByTestId('protected')).toBeTruthy();
    expect(screen.getByTestId('operator').textContent).toContain('Ana Duarte');
    expect(screen.getByTestId('operator').textContent).toContain('Supervisor');
  });

  it('shows the station’s reason when it refuses the PIN, and keeps only digits', async () => {
    const station = authStation();
    await renderGate(station);
    await type(screen.getByLabelText('Supervisor’s name'), 'Ana');
    await type(screen.getByLabelText('PIN'), '1a2');
    expect((screen.getByLabelText('PIN') as HTMLInputElement).value).toBe('12');
    await type(screen.getByLabelText('PIN again'), '12');
    await click(screen.getByRole('button', { name: 'Create supervisor and sign in' }));
    expect(screen.getByTestId('first-supervisor-error').textContent).toContain('A PIN has 4 to 12 digits.');
  });
});

describe('signing in', () => {
  it('picks a name from big buttons, takes the PIN from the keypad and the keyboard, and says how many tries are left', async () => {
    const station = authStation([ANA, BEN]);
    await renderGate(station);
    expect(screen.getByText(/Receive needs someone signed in/)).toBeTruthy();
    const names = within(screen.getByRole('list', { name: 'Operators' })).getAllByRole('button');
    expect(names.map((b) => b.textContent)).toEqual(['AnaSupervisor', 'BenReceiving']);
    expect(document.activeElement).toBe(names[0]);
    await click(names[1]!);

    const pin = screen.getByLabelText('PIN for Ben') as HTMLInputElement;
    expect(document.activeElement).toBe(pin);
    const keypad = screen.getByTestId('pin-keypad');
    for (const digit of ['1', '1', '1']) await click(within(keypad).getByRole('button', { name: digit }));
    await click(within(keypad).getByRole('button', { name: 'Delete last digit' }));
    expect(pin.value).toBe('11');
    await type(pin, '1122');
    await act(async () => {
      fireEvent.submit(pin.form!);
    });
    expect(station.callsTo('auth:sign-in')).toEqual([{ name: 'Ben', pin: '1122' }]);
    expect(screen.getByTestId('sign-in-error').textContent).toContain('Wrong PIN for Ben. 4 tries left.');
    expect(pin.value).toBe('');
    // The next try is typed straight away: the PIN box still has the focus.
    expect(document.activeElement).toBe(pin);
    expect(screen.queryByTestId('protected')).toBeNull();

    await type(pin, '8642');
    await act(async () => {
      fireEvent.submit(pin.form!);
    });
    expect(screen.getByTestId('protected')).toBeTruthy();
    const frame = screen.getByTestId('operator');
    expect(frame.textContent).toContain('Ben');
    expect(frame.textContent).toContain('Receiving');
    expect(frame.textContent).toMatch(/shift since \d/);
  });

  it('goes back to the names with Escape', async () => {
    const station = authStation([ANA, BEN]);
    await renderGate(station);
    await click(screen.getByRole('button', { name: /Ana/ }));
    await act(async () => {
      fireEvent.keyDown(screen.getByLabelText('PIN for Ana'), { key: 'Escape' });
    });
    expect(screen.getByRole('list', { name: 'Operators' })).toBeTruthy();
  });

  it('leaves lists open to anyone, and offers sign-in from the frame there', async () => {
    const station = authStation([ANA]);
    await renderGate(station, 'products');
    expect(screen.getByTestId('protected').textContent).toBe('The products screen');
    expect(screen.getByTestId('operator').textContent).toContain('No one signed in');

    await click(screen.getByTestId('sign-in-open'));
    expect(screen.getByTestId('sign-in')).toBeTruthy();
    await click(screen.getByRole('button', { name: 'Not now' }));
    expect(screen.getByTestId('protected')).toBeTruthy();
  });
});

describe('signing out', () => {
  async function signedIn(station: FakeStation) {
    await renderGate(station);
    await click(screen.getByRole('button', { name: /Ana/ }));
    const pin = screen.getByLabelText('PIN for Ana');
    await type(pin, ANA.pin);
    await act(async () => {
      fireEvent.submit((pin as HTMLInputElement).form!);
    });
    expect(screen.getByTestId('protected')).toBeTruthy();
  }

  it('signs out with Alt+Q and shows sign-in again', async () => {
    const station = authStation([ANA]);
    await signedIn(station);
    expect(screen.getByTestId('sign-out').getAttribute('aria-keyshortcuts')).toBe('Alt+Q');
    await act(async () => {
      fireEvent.keyDown(window, { key: 'q', code: 'KeyQ', altKey: true });
    });
    expect(station.callsTo('auth:sign-out')).toEqual([{ reason: 'signed out' }]);
    expect(screen.getByTestId('sign-in')).toBeTruthy();
    expect(screen.getByTestId('operator').textContent).toContain('No one signed in');
  });

  describe('when nobody touches the station', () => {
    beforeEach(() => {
      vi.useFakeTimers({ shouldAdvanceTime: false });
    });

    it('signs out after the idle time, and not while someone is working', async () => {
      const station = authStation([ANA]);
      await signedIn(station);

      await act(async () => {
        vi.advanceTimersByTime(20 * 60_000);
      });
      await act(async () => {
        fireEvent.keyDown(document.body, { key: '1' });
      });
      await act(async () => {
        vi.advanceTimersByTime(15 * 60_000);
      });
      expect(station.callsTo('auth:sign-out')).toEqual([]);

      await act(async () => {
        vi.advanceTimersByTime(16 * 60_000);
      });
      expect(station.callsTo('auth:sign-out')).toEqual([{ reason: 'idle timeout' }]);
      expect(screen.getByTestId('signed-out-notice').textContent).toContain(
        'Nobody touched the station for 30 minutes',
      );
    });
  });
});

describe('the station app', () => {
  const status: StationStatus = {
    version: '0.1.0',
    mode: 'browser',
    stationName: 'DESK-1',
    schemaVersion: 1,
    firstRun: false,
    demoData: false,
    counts: { products: 1, orders: 0, purchaseOrders: 1, units: 0, shippedSerials: 0 },
  };

  it('asks for sign-in on Receive but not on the lists', async () => {
    window.history.replaceState(null, '', '/#/products');
    const station = authStation([ANA])
      .answer('app:get-status', () => ok(status))
      .answer('catalog:list-products', () => ok({ total: 0, rows: [] }));
    await act(async () => {
      render(
        <StationProvider link={station.link('browser')}>
          <App />
        </StationProvider>,
      );
    });
    expect(screen.getByTestId('products-list')).toBeTruthy();
    await act(async () => {
      fireEvent.keyDown(window, { code: 'Digit2', key: '2', altKey: true });
    });
    expect(screen.getByTestId('sign-in')).toBeTruthy();
    expect(screen.getByText(/Receive needs someone signed in/)).toBeTruthy();
    window.history.replaceState(null, '', '/');
  });
});
