import type { PackbenchApi } from '../../../shared/ipc';
import { stationSocketUrl, takeStationToken, WsClient, type ConnectionSource, type ConnectionState } from './ws-client';

export type { ConnectionSource, ConnectionState } from './ws-client';

/** How this screen reaches the station, and whether that link is up. */
export interface StationLink {
  readonly api: PackbenchApi;
  readonly transport: 'desktop' | 'browser';
  readonly connection: ConnectionSource;
}

const ALWAYS_OPEN: ConnectionState = { status: 'open' };

/** Electron IPC does not drop while the window exists. */
const desktopConnection: ConnectionSource = {
  current: () => ALWAYS_OPEN,
  subscribe: () => () => undefined,
};

/**
 * The desktop app's preload bridge when there is one; otherwise this page is a browser station
 * and talks to the station over its WebSocket.
 */
export function connectToStation(win: Window = window): StationLink {
  if (win.packbench) return { api: win.packbench, transport: 'desktop', connection: desktopConnection };
  const token = takeStationToken(win.location, win.history, safeSessionStorage(win));
  const client = new WsClient({
    url: stationSocketUrl(win.location, token),
    stationAnswers: async () => {
      try {
        const response = await win.fetch('/', { method: 'HEAD', cache: 'no-store' });
        return response.ok;
      } catch {
        return false;
      }
    },
  });
  return { api: client, transport: 'browser', connection: client };
}

function safeSessionStorage(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}
