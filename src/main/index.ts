import path from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { AppError } from '../shared/errors';
import { createAppContext, type AppContext } from './app-context';
import { simulatedDevicesReport } from './devices/demo-devices';
import { registerIpc } from './ipc';
import { resolveDataDir } from './paths';
import { createStationWindow, guardWebContents, hardenSession, isStationFrame, rendererLocation } from './windows';

/** The desktop app: lifecycle and windows. Everything the station does lives in the app context. */
function main(): void {
  const dataDir = resolveDataDir(flagValue(process.argv, '--data-dir'));
  // Chromium keeps its files and the single-instance lock under userData. Pointing it at the
  // store's folder means one station per store, and a separate --data-dir is a separate station.
  app.setPath('userData', dataDir);
  app.setPath('sessionData', path.join(dataDir, 'chromium'));
  app.enableSandbox();

  if (!app.requestSingleInstanceLock()) {
    // The running station gets 'second-instance' and comes to the front.
    app.quit();
    return;
  }
  void app.whenReady().then(() => start(dataDir));
}

function start(dataDir: string): void {
  let context: AppContext;
  const demoDevices = process.argv.includes('--demo-devices');
  try {
    context = createAppContext({ dataDir, mode: 'desktop', startDevices: true, demoDevices });
  } catch (error) {
    // A store we must not open (damaged, another program's, from a newer version) is left as it is.
    const message =
      error instanceof AppError
        ? error.message
        : `Packbench could not open its data folder ${dataDir}: ${error instanceof Error ? error.message : String(error)}`;
    console.error(message);
    dialog.showErrorBox('Packbench cannot start', message);
    app.exit(1);
    return;
  }

  if (demoDevices || context.services.demoDevices.chosen()) {
    void simulatedDevicesReport(context.services.demoDevices).then((lines) => {
      for (const line of lines) console.log(line);
    });
  }

  const location = rendererLocation();
  const windows = new Set<BrowserWindow>();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, location));
  hardenSession(session.defaultSession, location);
  const disposeIpc = registerIpc(context, (frame) => isStationFrame(frame, location, windows));

  const openWindow = (): BrowserWindow => {
    const window = createStationWindow(location);
    windows.add(window);
    window.on('closed', () => windows.delete(window));
    return window;
  };

  const first = openWindow();
  first.webContents.once('did-finish-load', () => console.log(`Packbench ready: ${location.url} (data: ${dataDir})`));
  first.webContents.once('did-fail-load', (_event, code, description, url) =>
    console.error(`Packbench could not load its window from ${url}: ${description} (${code})`),
  );

  app.on('second-instance', () => {
    const window = windows.values().next().value ?? openWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });

  // A station has one window; closing it ends the station on every platform.
  app.on('window-all-closed', () => app.quit());

  let closing = false;
  app.on('before-quit', (event) => {
    // Hold every quit until the store is closed; app.exit() below does not come back here.
    event.preventDefault();
    if (closing) return;
    closing = true;
    context.close().then(
      () => {
        disposeIpc();
        app.exit(0);
      },
      (error: unknown) => {
        console.error('Packbench did not shut down cleanly:', error);
        app.exit(1);
      },
    );
  });
}

/** `--name value` or `--name=value`. */
function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === name) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

main();
