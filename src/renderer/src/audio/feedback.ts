/**
 * Scan sounds, made with Web Audio so no sound files ship: a short high beep for an accepted
 * scan, a longer low buzz for a refused one, and a two-tone call for "look at the screen".
 * They are told apart by pitch and length as well as by rhythm, so they stay distinct on a
 * loud floor and through cheap speakers. Sound never breaks the station: without audio, or
 * before the page may play any, these do nothing.
 */

type AudioContextClass = new () => AudioContext;

interface Tone {
  readonly frequency: number;
  readonly type: OscillatorType;
  /** Seconds after the sound starts. */
  readonly at: number;
  readonly duration: number;
  readonly volume: number;
}

/** The sounds, as tone lists, so their shape is stated once and testable. */
export const SOUNDS = {
  accept: [{ frequency: 1760, type: 'square', at: 0, duration: 0.08, volume: 0.12 }],
  reject: [
    { frequency: 140, type: 'sawtooth', at: 0, duration: 0.22, volume: 0.3 },
    { frequency: 140, type: 'sawtooth', at: 0.28, duration: 0.22, volume: 0.3 },
  ],
  attention: [
    { frequency: 880, type: 'triangle', at: 0, duration: 0.14, volume: 0.25 },
    { frequency: 1320, type: 'triangle', at: 0.17, duration: 0.2, volume: 0.25 },
  ],
} as const satisfies Readonly<Record<string, readonly Tone[]>>;

export type SoundName = keyof typeof SOUNDS;

/** Attack and release keep each tone from clicking at its edges. */
const RAMP_S = 0.008;

export class AudioFeedback {
  readonly #contextClass: () => AudioContextClass | undefined;
  /** Undefined until first needed; null once audio proved unavailable. */
  #context: AudioContext | null | undefined;
  #unlockInstalled = false;

  constructor(contextClass: () => AudioContextClass | undefined) {
    this.#contextClass = contextClass;
  }

  play(name: SoundName): void {
    const context = this.#get();
    if (!context) return;
    try {
      if (context.state === 'suspended') void context.resume().catch(() => undefined);
      const start = context.currentTime + 0.005;
      for (const tone of SOUNDS[name]) this.#tone(context, tone, start);
    } catch {
      // A broken audio device must not stop a scan from being shown.
    }
  }

  /**
   * Browsers only let a page play sound after someone has interacted with it. The first key
   * or touch creates (or resumes) the audio context, so the first scan already beeps.
   */
  unlockOnGesture(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): void {
    if (this.#unlockInstalled) return;
    this.#unlockInstalled = true;
    const unlock = () => {
      target.removeEventListener('keydown', unlock, true);
      target.removeEventListener('pointerdown', unlock, true);
      const context = this.#get();
      if (context?.state === 'suspended') void context.resume().catch(() => undefined);
    };
    target.addEventListener('keydown', unlock, true);
    target.addEventListener('pointerdown', unlock, true);
  }

  #get(): AudioContext | null {
    if (this.#context !== undefined) return this.#context;
    try {
      const Context = this.#contextClass();
      this.#context = Context ? new Context() : null;
    } catch {
      this.#context = null;
    }
    return this.#context;
  }

  #tone(context: AudioContext, tone: Tone, start: number): void {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    const from = start + tone.at;
    const to = from + tone.duration;
    oscillator.type = tone.type;
    oscillator.frequency.setValueAtTime(tone.frequency, from);
    gain.gain.setValueAtTime(0, from);
    gain.gain.linearRampToValueAtTime(tone.volume, from + RAMP_S);
    gain.gain.setValueAtTime(tone.volume, to - RAMP_S);
    gain.gain.linearRampToValueAtTime(0, to);
    oscillator.connect(gain);
    gain.connect(context.destination);
    oscillator.start(from);
    oscillator.stop(to);
  }
}

function pageAudioContext(): AudioContextClass | undefined {
  const scope = globalThis as typeof globalThis & { webkitAudioContext?: AudioContextClass };
  return scope.AudioContext ?? scope.webkitAudioContext;
}

/*
 * One feedback instance per page, created on first use: a page may only hold a handful of
 * audio contexts, and each must be unlocked by a gesture, so every screen shares this one.
 */
let pageFeedback: AudioFeedback | null = null;

function feedback(): AudioFeedback {
  pageFeedback ??= new AudioFeedback(pageAudioContext);
  return pageFeedback;
}

/** Short high beep: the scan was accepted. */
export function playAccept(): void {
  feedback().play('accept');
}

/** Long low buzz: the scan was refused; read the message. */
export function playReject(): void {
  feedback().play('reject');
}

/** Two rising tones: look at the screen (ready to ship, a supervisor is needed). */
export function playAttention(): void {
  feedback().play('attention');
}

/** Lets the first key press or touch on the page allow sound. */
export function unlockAudioOnGesture(): void {
  if (typeof window !== 'undefined') feedback().unlockOnGesture(window);
}
