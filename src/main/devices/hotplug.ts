/**
 * USB attach/detach as a trigger to look for devices again. The events only say "something
 * changed": which device is which is decided by listing HID devices and serial ports afterwards,
 * because the events carry raw USB descriptors that do not map to node-hid paths or COM ports.
 * A computer that cannot report hot-plug events still works: the drivers keep looking with backoff.
 */

/** Something that reports USB attach/detach, as the `usb` package does. */
export interface HotplugSource {
  /**
   * Starts listening; `onChange` runs on every attach or detach. Resolves with a function that
   * stops listening; rejects with the reason when this computer cannot report hot-plug events.
   */
  watch(onChange: () => void): Promise<() => void>;
}

/** The part of the `usb` package's `usb` emitter used here. */
export interface UsbHotplugModule {
  /** Non-zero when libusb could not start. */
  readonly INIT_ERROR?: number;
  on(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
  unrefHotplugEvents?(): void;
}

// Windows without libusb hot-plug support reports changes by vendor/product ids only.
const USB_EVENTS = ['attach', 'detach', 'attachIds', 'detachIds'] as const;

async function loadUsb(): Promise<UsbHotplugModule> {
  const module = await import('usb');
  return module.usb as unknown as UsbHotplugModule;
}

/** Hot-plug events from the `usb` package (libusb), loaded on first use. */
export function usbHotplugSource(load: () => Promise<UsbHotplugModule> = loadUsb): HotplugSource {
  return {
    async watch(onChange) {
      let usb: UsbHotplugModule;
      try {
        usb = await load();
      } catch (error) {
        throw new Error(`the USB library cannot be loaded (${(error as Error).message})`);
      }
      // Listening while libusb is down would make the package poll a device list that throws.
      if (usb.INIT_ERROR) throw new Error(`libusb could not start (error ${usb.INIT_ERROR})`);
      const listener = () => onChange();
      const stop = () => {
        for (const event of USB_EVENTS) usb.off(event, listener);
      };
      try {
        for (const event of USB_EVENTS) usb.on(event, listener);
        // The station closes by itself; a hot-plug listener must not keep it running.
        usb.unrefHotplugEvents?.();
      } catch (error) {
        stop();
        throw new Error(`USB hot-plug events could not be turned on (${(error as Error).message})`);
      }
      return stop;
    },
  };
}

/** Attach/detach fired by hand, for tests and demos without hardware. */
export class FakeHotplug implements HotplugSource {
  readonly #listeners = new Set<() => void>();
  /** When set, `watch` fails with this reason, like a computer without libusb. */
  unavailable: string | null = null;

  async watch(onChange: () => void): Promise<() => void> {
    if (this.unavailable !== null) throw new Error(this.unavailable);
    const listener = () => onChange();
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get watching(): boolean {
    return this.#listeners.size > 0;
  }

  attach(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  detach(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

export interface HotplugWatcherOptions {
  readonly source: HotplugSource;
  /** Quiet time after the last event before `onSettled` runs; default 500 ms. */
  readonly debounceMs?: number;
  /** Longest a stream of events can put off `onSettled`; default 4 × debounceMs. */
  readonly maxWaitMs?: number;
  /** Runs once per burst of events (a hub with four devices fires many). */
  readonly onSettled: () => void;
}

export type HotplugState =
  | { readonly state: 'off' }
  | { readonly state: 'watching' }
  | { readonly state: 'unavailable'; readonly reason: string };

/** Debounces a hot-plug source: one call to `onSettled` per burst of attach/detach events. */
export class HotplugWatcher {
  readonly #options: HotplugWatcherOptions;
  readonly #debounceMs: number;
  readonly #maxWaitMs: number;
  #stop: (() => void) | null = null;
  #timer: NodeJS.Timeout | null = null;
  #burstStartedAt = 0;
  #stopped = false;
  #state: HotplugState = { state: 'off' };

  constructor(options: HotplugWatcherOptions) {
    this.#options = options;
    this.#debounceMs = options.debounceMs ?? 500;
    this.#maxWaitMs = options.maxWaitMs ?? this.#debounceMs * 4;
  }

  get state(): HotplugState {
    return this.#state;
  }

  /** Starts listening; never rejects: a source that cannot start is reported in `state`. */
  async start(): Promise<HotplugState> {
    try {
      const stop = await this.#options.source.watch(() => this.#changed());
      if (this.#stopped) stop();
      else {
        this.#stop = stop;
        this.#state = { state: 'watching' };
      }
    } catch (error) {
      this.#state = { state: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
    }
    return this.#state;
  }

  stop(): void {
    this.#stopped = true;
    this.#stop?.();
    this.#stop = null;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#state.state === 'watching') this.#state = { state: 'off' };
  }

  #changed(): void {
    if (this.#stopped) return;
    const now = Date.now();
    if (this.#timer === null) this.#burstStartedAt = now;
    else clearTimeout(this.#timer);
    const delay = Math.min(this.#debounceMs, Math.max(0, this.#burstStartedAt + this.#maxWaitMs - now));
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (!this.#stopped) this.#options.onSettled();
    }, delay);
  }
}
