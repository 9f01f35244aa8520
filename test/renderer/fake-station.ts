import type { Envelope } from '../../src/shared/errors';
import type { Channel, EventName, EventPayload, Input, Output, PackbenchApi } from '../../src/shared/ipc';
import type { StationLink } from '../../src/renderer/src/api';

/** The same object every time, as useSyncExternalStore requires of a snapshot. */
const OPEN = { status: 'open' } as const;

type Answer<C extends Channel> = (input: Input<C> | undefined) => Envelope<Output<C>> | Promise<Envelope<Output<C>>>;

/**
 * A station stand-in for screen tests: answers calls from per-channel functions, records
 * every call, and pushes events on demand. Unanswered channels fail loudly in the test.
 */
export class FakeStation implements PackbenchApi {
  readonly calls: { channel: Channel; input: unknown }[] = [];
  readonly #answers = new Map<Channel, Answer<never>>();
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();

  answer<C extends Channel>(channel: C, answer: Answer<C>): this {
    this.#answers.set(channel, answer as unknown as Answer<never>);
    return this;
  }

  invoke<C extends Channel>(channel: C, input?: Input<C>): Promise<Envelope<Output<C>>> {
    this.calls.push({ channel, input });
    const answer = this.#answers.get(channel);
    if (!answer) throw new Error(`The screen called ${channel}, which this test did not expect.`);
    return Promise.resolve(answer(input as never) as Envelope<Output<C>>);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(payload as never);
  }

  callsTo(channel: Channel): unknown[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.input);
  }

  link(transport: StationLink['transport'] = 'desktop'): StationLink {
    return {
      api: this,
      transport,
      connection: { current: () => OPEN, subscribe: () => () => undefined },
    };
  }
}

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

/** jsdom's File has no text(); the station's screens read files with it. */
export function installFileText(): void {
  if (typeof File.prototype.text === 'function') return;
  Object.defineProperty(File.prototype, 'text', {
    configurable: true,
    value(this: File): Promise<string> {
      return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error);
        reader.readAsText(this);
      });
    },
  });
}
