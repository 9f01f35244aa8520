import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Envelope, ErrorInfo } from '../../../../shared/errors';
import type { Channel, Input, Output, PackbenchApi } from '../../../../shared/ipc';
import type { AuthStatus } from '../../../../shared/ipc/auth.contract';
import { useConnection, useStation } from '../../api/station-context';

/** Why the last operator is no longer signed in, for the sign-in screen to say. */
export type SignOutCause = 'signed out' | 'idle timeout' | 'station';

export interface AuthState {
  /** Null until the station has answered. */
  readonly status: AuthStatus | null;
  readonly error: ErrorInfo | null;
  /** The sign-in screen was asked for from the frame, on a screen that does not need it. */
  readonly signInRequested: boolean;
  readonly lastSignOut: SignOutCause | null;
  refresh(): Promise<void>;
  signIn(name: string, pin: string): Promise<ErrorInfo | null>;
  createFirstSupervisor(name: string, pin: string): Promise<ErrorInfo | null>;
  signOut(reason?: 'signed out' | 'idle timeout'): Promise<void>;
  requestSignIn(open: boolean): void;
  /** A call was refused for want of an operator: the station ended the shift on its side. */
  signedOutByStation(): void;
}

const AuthContext = createContext<AuthState | null>(null);

/** The key that signs out, with Alt so a scanner can never press it. */
export const SIGN_OUT_KEY = { code: 'KeyQ', label: 'Alt Q', aria: 'Alt+Q' } as const;

/** Inputs that count as someone being at the station. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * A contract call that resolves to an envelope even if the link itself throws, so an effect
 * never leaves a rejected promise behind.
 */
async function ask<C extends Channel>(api: PackbenchApi, channel: C, input?: Input<C>): Promise<Envelope<Output<C>>> {
  try {
    return await api.invoke(channel, input);
  } catch (error) {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: error instanceof Error ? error.message : 'The station did not answer.' },
    };
  }
}

/**
 * Who is signed in at this window: loads it from the station, signs in and out, and signs
 * out by itself after the station's idle time without any key press or touch.
 */
export function AuthProvider({ children }: { readonly children: ReactNode }) {
  const { api } = useStation();
  const connection = useConnection();
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [signInRequested, setSignInRequested] = useState(false);
  const [lastSignOut, setLastSignOut] = useState<SignOutCause | null>(null);
  const signedInBefore = useRef(false);

  const refresh = useCallback(async () => {
    const envelope = await ask(api, 'auth:get-status', {});
    if (envelope.ok) {
      // Someone was signed in and no one here signed out: the station ended it (idle, restart, lost link).
      if (signedInBefore.current && !envelope.value.operator) setLastSignOut((cause) => cause ?? 'station');
      signedInBefore.current = envelope.value.operator !== null;
      setStatus(envelope.value);
      setError(null);
    } else {
      setError(envelope.error);
    }
  }, [api]);

  // A browser station's link is per connection: after a reconnect the station may no longer know us.
  useEffect(() => {
    if (connection.status === 'open') void refresh();
  }, [connection.status, refresh]);

  const signIn = useCallback(
    async (name: string, pin: string) => {
      const envelope = await ask(api, 'auth:sign-in', { name, pin });
      if (!envelope.ok) return envelope.error;
      setLastSignOut(null);
      setSignInRequested(false);
      await refresh();
      return null;
    },
    [api, refresh],
  );

  const createFirstSupervisor = useCallback(
    async (name: string, pin: string) => {
      const envelope = await ask(api, 'auth:create-first-supervisor', { name, pin });
      if (!envelope.ok) return envelope.error;
      setLastSignOut(null);
      setSignInRequested(false);
      await refresh();
      return null;
    },
    [api, refresh],
  );

  const signOut = useCallback(
    async (reason: 'signed out' | 'idle timeout' = 'signed out') => {
      await ask(api, 'auth:sign-out', { reason });
      setLastSignOut(reason);
      setSignInRequested(false);
      await refresh();
    },
    [api, refresh],
  );

  const signedOutByStation = useCallback(() => {
    setLastSignOut('station');
    void refresh();
  }, [refresh]);

  const operator = status?.operator ?? null;
  const idleMinutes = status?.idleTimeoutMinutes ?? null;

  useEffect(() => {
    if (!operator || idleMinutes === null || idleMinutes <= 0) return;
    const limitMs = idleMinutes * 60_000;
    let lastInput = Date.now();
    let ended = false;
    const touch = () => {
      lastInput = Date.now();
    };
    const timer = setInterval(
      () => {
        if (ended || Date.now() - lastInput < limitMs) return;
        ended = true;
        void signOut('idle timeout');
      },
      Math.min(15_000, limitMs),
    );
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, touch, { capture: true, passive: true });
    return () => {
      clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, touch, { capture: true });
    };
  }, [operator, idleMinutes, signOut]);

  useEffect(() => {
    if (!operator) return;
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.code !== SIGN_OUT_KEY.code) return;
      event.preventDefault();
      void signOut('signed out');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [operator, signOut]);

  const value = useMemo<AuthState>(
    () => ({
      status,
      error,
      signInRequested,
      lastSignOut,
      refresh,
      signIn,
      createFirstSupervisor,
      signOut,
      requestSignIn: setSignInRequested,
      signedOutByStation,
    }),
    [status, error, signInRequested, lastSignOut, refresh, signIn, createFirstSupervisor, signOut, signedOutByStation],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>.');
  return auth;
}
