/**
 * The two raw Electron IPC messages the desktop app uses. Every contract call travels in
 * `invoke` as (channel, payload); every pushed event travels in `event` as (name, payload).
 * Keeping the transport to two messages means one handler in main checks every sender.
 */
export const ELECTRON_IPC = {
  invoke: 'packbench:invoke',
  event: 'packbench:event',
} as const;

/** The renderer reaches the station as `window.packbench`. */
export const BRIDGE_GLOBAL = 'packbench';
