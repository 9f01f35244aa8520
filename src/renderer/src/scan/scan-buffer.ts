/**
 * What a keyboard-wedge scan field has read so far, with the time each key arrived. Pure:
 * timestamps are passed in, so the burst-versus-typing rules are tested without a DOM.
 *
 * A wedge scanner "types" a whole code in one fast burst and ends it with a suffix key
 * (Enter, or Tab on some setups). A person types the same characters far more slowly.
 */

/**
 * Where an entry came from. The buffer itself only tells `wedge` from `manual`; `hid` and
 * `serial` are scans from scanners the station reads directly, handed to the same field.
 */
export type EntrySource = 'wedge' | 'manual' | 'hid' | 'serial';

/** The ASCII group separator a GS1 code uses between variable-length fields. */
export const GS = '\x1d';

export interface ScanTiming {
  /** Average gap between keys under which the input counts as a scanner burst. */
  readonly maxInterKeyMs: number;
  /** Shorter entries are never taken for a scan: a double-tap is not a barcode. */
  readonly minScanLength: number;
}

export const DEFAULT_TIMING: ScanTiming = { maxInterKeyMs: 35, minScanLength: 4 };

/**
 * How long a burst may pause before it counts as finished. A scanner never stops half way
 * through a code, so a burst followed by this much silence ended without its suffix key.
 */
export function burstGapMs(timing: ScanTiming): number {
  return Math.max(250, timing.maxInterKeyMs * 8);
}

export interface TakenEntry {
  readonly text: string;
  readonly source: EntrySource;
}

export class ScanBuffer {
  readonly #timing: ScanTiming;
  #text = '';
  /** When each character arrived; empty once the text was edited by other means. */
  #times: number[] = [];
  /** Pasted, dictated or otherwise not typed key by key: never a scanner burst. */
  #edited = false;

  constructor(timing: ScanTiming = DEFAULT_TIMING) {
    this.#timing = timing;
  }

  get text(): string {
    return this.#text;
  }

  get lastKeyAt(): number | null {
    return this.#times.at(-1) ?? null;
  }

  /** True when what is held so far arrived as fast as a scanner types. */
  isBurst(): boolean {
    if (this.#edited || this.#text.length < this.#timing.minScanLength) return false;
    const times = this.#times;
    if (times.length !== this.#text.length || times.length < 2) return false;
    const average = (times[times.length - 1]! - times[0]!) / (times.length - 1);
    return average < this.#timing.maxInterKeyMs;
  }

  /** A burst that stopped without its suffix key: the scanner sent no Enter (or Tab). */
  isUnterminatedBurst(now: number): boolean {
    const last = this.lastKeyAt;
    return last !== null && this.isBurst() && now - last >= burstGapMs(this.#timing);
  }

  /**
   * Adds one character. A new key arriving after an unterminated burst starts over: the old
   * burst was a whole scan that never got its Enter, and gluing the next scan onto it would
   * send a code that exists on no label.
   */
  key(char: string, at: number): void {
    if (this.isUnterminatedBurst(at)) this.clear();
    this.#text += char;
    this.#times.push(at);
  }

  backspace(): void {
    if (this.#text === '') return;
    this.#text = this.#text.slice(0, -1);
    this.#times.pop();
    if (this.#text === '') this.#edited = false;
  }

  /** Text changed by paste, dictation or an input method rather than key by key. */
  replace(text: string): void {
    this.#text = text;
    this.#times = [];
    this.#edited = text !== '';
  }

  clear(): void {
    this.#text = '';
    this.#times = [];
    this.#edited = false;
  }

  /**
   * The entry ended by its suffix key at `at`, or null when there is nothing to send. It
   * counts as a scan only when it came as one fast burst and the suffix followed at once;
   * an Enter pressed by hand after a stalled burst makes it a manual entry.
   */
  take(at: number): TakenEntry | null {
    if (this.#text === '') return null;
    const stalled = this.isUnterminatedBurst(at);
    const source: EntrySource = this.isBurst() && !stalled ? 'wedge' : 'manual';
    const entry = { text: this.#text, source };
    this.clear();
    return entry;
  }
}
