import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { ELECTRON_IPC } from '../shared/ipc/electron-bridge';
import type { AppContext } from './app-context';
import type { Caller } from './dispatcher';

/** Whether a frame is the station UI in one of our windows; decided by the window owner. */
export type FrameCheck = (frame: WebFrameMain | null) => boolean;

/**
 * The only place that touches ipcMain. Every contract call arrives as one message and goes
 * to the dispatcher with a caller that says which window sent it and whether to trust it;
 * every bus event goes out to the station windows.
 * Returns a function that takes both bindings down again.
 */
export function registerIpc(context: Pick<AppContext, 'dispatcher' | 'bus'>, isTrustedFrame: FrameCheck): () => void {
  // One caller per window, so a sign-in in one window is not a sign-in in another.
  const callers = new Map<number, Caller>();

  const callerFor = (event: IpcMainInvokeEvent): Caller => {
    const contents = event.sender;
    if (!isTrustedFrame(event.senderFrame)) {
      return { id: `untrusted-webcontents-${contents.id}`, trusted: false, operator: null };
    }
    let caller = callers.get(contents.id);
    if (!caller) {
      caller = { id: `window-${contents.id}`, trusted: true, operator: null };
      callers.set(contents.id, caller);
      contents.once('destroyed', () => callers.delete(contents.id));
    }
    return caller;
  };

  ipcMain.handle(ELECTRON_IPC.invoke, (event, channel: unknown, payload: unknown) =>
    context.dispatcher.dispatch(channel, payload, callerFor(event)),
  );

  const unsubscribe = context.bus.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      // A window that is not showing the station UI does not get station data.
      if (!contents.isDestroyed() && isTrustedFrame(contents.mainFrame)) {
        contents.send(ELECTRON_IPC.event, name, payload);
      }
    }
  });

  return () => {
    ipcMain.removeHandler(ELECTRON_IPC.invoke);
    unsubscribe();
    callers.clear();
  };
}
