import { useEffect, type ReactNode } from 'react';
import { Notice } from '../../components/notice';
import type { ScreenId } from '../../navigation';
import { useAuth } from './auth-context';
import { FirstSupervisorScreen } from './first-supervisor-screen';
import { SignInScreen } from './sign-in-screen';

/** Screens whose every action is recorded against the operator who made it. */
const NEEDS_OPERATOR: Partial<Record<ScreenId, string>> = {
  ship: 'Ship needs someone signed in: every scan and shipment is recorded against the person who made it.',
  receive: 'Receive needs someone signed in: every scan is recorded against the person who made it.',
  transfers: 'Transfers need someone signed in: every scan and every move is recorded against the person who made it.',
};

export function screenNeedsOperator(screen: ScreenId): boolean {
  return screen in NEEDS_OPERATOR;
}

/**
 * Shows sign-in (or, on a station with no operators, the first supervisor's set-up) in place
 * of a screen that needs an operator, or when sign-in was asked for from the frame. Lists,
 * imports and the first-run screen stay open to anyone.
 */
export function AuthGate({ screen, children }: { readonly screen: ScreenId; readonly children: ReactNode }) {
  const auth = useAuth();
  const { requestSignIn } = auth;
  const purpose = NEEDS_OPERATOR[screen];
  const operator = auth.status?.operator ?? null;

  // Moving to another screen drops a sign-in that was only asked for, not needed.
  useEffect(() => requestSignIn(false), [screen, requestSignIn]);

  const needed = purpose !== undefined && operator === null;
  if (!needed && !(auth.signInRequested && operator === null)) return <>{children}</>;
  if (!auth.status) {
    return auth.error ? (
      <Notice tone="error" title="Could not check who is signed in">
        <p>{auth.error.message}</p>
        <button type="button" className="button" onClick={() => void auth.refresh()}>
          Try again
        </button>
      </Notice>
    ) : (
      <p className="loading">Checking who is signed in…</p>
    );
  }
  return auth.status.needsFirstSupervisor ? (
    <FirstSupervisorScreen purpose={purpose} />
  ) : (
    <SignInScreen purpose={purpose} />
  );
}
