import { useCallback, useEffect, useState } from 'react';
import type { AuthStatus, Operator } from '../../../../shared/ipc/auth.contract';
import { useStation } from '../../api/station-context';

export interface SignedIn {
  /** Null while the station has not answered yet. */
  readonly status: AuthStatus | null;
  readonly operator: Operator | null;
  readonly isSupervisor: boolean;
  readonly refresh: () => void;
}

/**
 * Who is signed in at this window, asked when the screen opens. Screens use it to say why a
 * supervisor-only action is unavailable; the station enforces the rule either way.
 */
export function useSignedIn(): SignedIn {
  const { api } = useStation();
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void api.invoke('auth:get-status', {}).then((envelope) => {
      if (current && envelope.ok) setStatus(envelope.value);
    });
    return () => {
      current = false;
    };
  }, [api, attempt]);

  const refresh = useCallback(() => setAttempt((n) => n + 1), []);
  const operator = status?.operator ?? null;
  return { status, operator, isSupervisor: operator?.role === 'supervisor', refresh };
}
