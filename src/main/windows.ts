import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, type Session, type WebContents, type WebFrameMain } from 'electron';

/** Where the station UI is loaded from, and how to tell its pages from anything else. */
export interface RendererLocation {
  readonly url: string;
  /** electron-vite's dev server, which needs inline scripts and a socket for hot reload. */
  readonly devServer: URL | null;
  isAppUrl(url: string): boolean;
}

/** out/, beside out/main/index.js that this module is bundled into. */
const OUT_DIR = fileURLToPath(new URL('..', import.meta.url));
export const PRELOAD_FILE = path.join(OUT_DIR, 'preload', 'index.cjs');

const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The built UI from out/renderer; the dev server only in an unpackaged build and only on
 * this machine, so an environment variable can never point an installed station at a
 * remote page that would then get the bridge.
 */
export function rendererLocation(env: NodeJS.ProcessEnv = process.env): RendererLocation {
  const devServer = !app.isPackaged && env.ELECTRON_RENDERER_URL ? loopbackUrl(env.ELECTRON_RENDERER_URL) : null;
  if (devServer) {
    return { url: devServer.href, devServer, isAppUrl: (url) => parse(url)?.origin === devServer.origin };
  }
  const indexFile = path.join(OUT_DIR, 'renderer', 'index.html');
  return {
    url: pathToFileURL(indexFile).href,
    devServer: null,
    isAppUrl: (url) => {
      const parsed = parse(url);
      if (parsed?.protocol !== 'file:') return false;
      try {
        return path.resolve(fileURLToPath(parsed)) === indexFile;
      } catch {
        // file://some-host/... has no local path.
        return false;
      }
    },
  };
}

/** Main frame of one of the station's own windows, showing the station UI. */
export function isStationFrame(
  frame: WebFrameMain | null,
  location: RendererLocation,
  windows: Iterable<BrowserWindow>,
): boolean {
  try {
    if (!frame || frame.parent !== null || !location.isAppUrl(frame.url)) return false;
    for (const window of windows) {
      if (window.isDestroyed()) continue;
      const main = window.webContents.mainFrame;
      if (main.processId === frame.processId && main.routingId === frame.routingId) return true;
    }
    return false;
  } catch {
    // A frame disposed mid-check is not one we answer.
    return false;
  }
}

export function createStationWindow(location: RendererLocation): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'Packbench',
    autoHideMenuBar: true,
    webPreferences: {
      preload: PRELOAD_FILE,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(location.url);
  return window;
}

/**
 * Guards every web contents the app creates, including ones nobody meant to create:
 * no navigation away from the station UI, no new windows, no embedded webviews.
 */
export function guardWebContents(contents: WebContents, location: RendererLocation): void {
  contents.on('will-navigate', (event) => {
    if (!location.isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!location.isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * Devices are driven from main, so the page needs no browser permission at all (camera,
 * HID, serial, notifications...). Every response gets the station's CSP as a header; the
 * page's own meta tag says the same for file:// loads, where headers may not apply.
 */
export function hardenSession(session: Session, location: RendererLocation): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  const csp = location.devServer ? devServerCsp(location.devServer) : STRICT_CSP;
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}

/** Vite's dev client injects an inline React refresh preamble and talks over a WebSocket. */
function devServerCsp(devServer: URL): string {
  const socket = `${devServer.protocol === 'https:' ? 'wss' : 'ws'}://${devServer.host}`;
  return STRICT_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${socket}`,
  );
}

function loopbackUrl(raw: string): URL | null {
  const url = parse(raw);
  const loopback = url && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return loopback && (url.protocol === 'http:' || url.protocol === 'https:') ? url : null;
}

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}
