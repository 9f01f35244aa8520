import { act, fireEvent, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { AuthStatus } from '../../src/shared/ipc/auth.contract';
import type { Expect } from '../../src/shared/session';
import { StationProvider } from '../../src/renderer/src/api/station-context';
import { AuthProvider } from '../../src/renderer/src/features/auth/auth-context';
import { AuthGate } from '../../src/renderer/src/features/auth/auth-gate';
import type { ScreenId } from '../../src/renderer/src/navigation';
import type { FakeStation } from './fake-station';

type Operator = NonNullable<AuthStatus['operator']>;

/** The station's answer to "who is signed in": `operator` on shift 3, listed first among `others`. */
export function signedInStatus(
  operator: Omit<Operator, 'shiftId'>,
  others: AuthStatus['operators'] = [],
  shiftStartedAt: string = new Date().toISOString(),
): AuthStatus {
  return {
    operator: { ...operator, shiftId: 3 },
    needsFirstSupervisor: false,
    operators: [{ name: operator.name, role: operator.role }, ...others],
    shiftStartedAt,
    idleTimeoutMinutes: 30,
  };
}

/** A wizard's next step with no line, unit or serial slot in view (the PO, order or place steps). */
export function expectOnly(step: Expect['step'], prompt: string): Expect {
  return {
    step,
    prompt,
    lineId: null,
    sku: null,
    productName: null,
    unit: null,
    units: null,
    slot: null,
    slots: null,
    slotLabel: null,
  };
}

/** Renders a screen behind sign-in, as the app shows it, talking to `station`. */
export async function renderBehindSignIn(station: FakeStation, screenId: ScreenId, children: ReactNode): Promise<void> {
  await act(async () => {
    render(
      <StationProvider link={station.link()}>
        <AuthProvider>
          <AuthGate screen={screenId}>{children}</AuthGate>
        </AuthProvider>
      </StationProvider>,
    );
  });
}

/** A wedge scan: the characters at once, then Enter, wherever the focus is. */
export async function scanKeys(text: string): Promise<void> {
  await act(async () => {
    for (const key of text) fireEvent.keyDown(document.activeElement ?? document.body, { key });
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Enter' });
  });
}

/** One key pressed wherever the focus is. */
export async function pressKey(key: string, init: Partial<KeyboardEventInit> = {}): Promise<void> {
  await act(async () => {
    fireEvent.keyDown(document.activeElement ?? document.body, { key, ...init });
  });
}
