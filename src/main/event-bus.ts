import type { EventName, EventPayload } from '../shared/ipc';
import { events } from '../shared/ipc';

type Listener = (event: EventName, payload: unknown) => void;

/** Main-to-renderer events. Transports (Electron windows, browser sockets) subscribe. */
export class EventBus {
  readonly #listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    // Validate here so a malformed event is a bug found in main, not a mystery in the UI.
    const parsed = events[event].payload.parse(payload);
    for (const listener of this.#listeners) listener(event, parsed);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
