import { useCallback } from 'react';
import type { Envelope } from '../../../../shared/errors';
import type { Channel, Input, Output } from '../../../../shared/ipc';
import { useStation } from '../../api/station-context';
import { useAuth } from './auth-context';

/**
 * Calls the station on behalf of the signed-in operator. A refusal for want of an operator
 * means the station ended the shift on its side, so the screen falls back to sign-in.
 */
export function useOperatorCall(): <C extends Channel>(channel: C, input: Input<C>) => Promise<Envelope<Output<C>>> {
  const { api } = useStation();
  const { signedOutByStation } = useAuth();
  return useCallback(
    async <C extends Channel>(channel: C, input: Input<C>): Promise<Envelope<Output<C>>> => {
      const envelope = await api.invoke(channel, input);
      if (!envelope.ok && envelope.error.code === 'UNAUTHORIZED') signedOutByStation();
      return envelope;
    },
    [api, signedOutByStation],
  );
}
