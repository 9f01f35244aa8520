import { z } from 'zod';

/**
 * Browser station mode wire format over the loopback WebSocket. The same contract calls as
 * Electron IPC, framed as JSON messages.
 */
export const WS_PATH = '/api';
export const TOKEN_PARAM = 'token';

/** renderer -> main */
export const WireRequest = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  payload: z.unknown().optional(),
});
export type WireRequest = z.infer<typeof WireRequest>;

/** main -> renderer: the answer to a request (result is an Envelope), or a pushed event. */
export type WireMessage =
  | { readonly kind: 'result'; readonly id: number; readonly result: unknown }
  | { readonly kind: 'event'; readonly event: string; readonly payload: unknown };
