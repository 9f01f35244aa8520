import { contextBridge, ipcRenderer } from 'electron';
import type { Envelope } from '../shared/errors';
import {
  isChannel,
  isEventName,
  type Channel,
  type EventName,
  type EventPayload,
  type Output,
  type PackbenchApi,
} from '../shared/ipc';
import { BRIDGE_GLOBAL, ELECTRON_IPC } from '../shared/ipc/electron-bridge';

type Listener = (payload: unknown) => void;

/**
 * The whole surface the renderer gets: two functions over two IPC messages. Main checks the
 * sender and validates every payload anyway; refusing unknown names here keeps a compromised
 * page from even reaching main with made-up channels.
 */
function createBridge(): PackbenchApi {
  const listeners = new Map<EventName, Set<Listener>>();

  ipcRenderer.on(ELECTRON_IPC.event, (_event, name: unknown, payload: unknown) => {
    if (!isEventName(name)) return;
    // Copy first: a listener may unsubscribe while we are delivering.
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // One broken listener must not stop the others from hearing the event.
        console.error(`A listener for ${name} failed:`, error);
      }
    }
  });

  return {
    async invoke<C extends Channel>(channel: C, input?: unknown): Promise<Envelope<Output<C>>> {
      if (!isChannel(channel)) {
        return refuse('UNKNOWN_CHANNEL', `There is no channel named ${describe(channel)}.`);
      }
      try {
        return (await ipcRenderer.invoke(ELECTRON_IPC.invoke, channel, input)) as Envelope<Output<C>>;
      } catch {
        // Main never throws on purpose; this is a payload that cannot be cloned or a station shutting down.
        return refuse('INTERNAL', `The station could not take the request to ${channel}. Nothing was changed.`);
      }
    },

    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      if (!isEventName(event)) throw new TypeError(`There is no event named ${describe(event)}.`);
      if (typeof listener !== 'function') throw new TypeError(`The listener for ${event} must be a function.`);
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const entry = listener as Listener;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };
}

function refuse(code: 'UNKNOWN_CHANNEL' | 'INTERNAL', message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : `of type ${typeof value}`;
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge());
