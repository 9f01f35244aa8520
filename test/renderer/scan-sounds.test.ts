import { describe, expect, it } from 'vitest';
import { AudioFeedback } from '../../src/renderer/src/audio/feedback';

interface PlayedTone {
  type: string;
  frequency: number;
  start: number;
  stop: number;
}

/** Just enough of Web Audio to hear what was played: each oscillator's pitch and timing. */
function fakeAudio(initialState: AudioContextState = 'running') {
  const played: PlayedTone[] = [];
  let created = 0;
  let resumed = 0;
  const param = () => ({ setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined });
  class FakeContext {
    state: AudioContextState = initialState;
    currentTime = 10;
    destination = {};
    constructor() {
      created += 1;
    }
    resume() {
      resumed += 1;
      this.state = 'running';
      return Promise.resolve();
    }
    createGain() {
      return { gain: param(), connect: () => undefined };
    }
    createOscillator() {
      const tone: PlayedTone = { type: '', frequency: 0, start: 0, stop: 0 };
      return {
        set type(value: string) {
          tone.type = value;
        },
        frequency: {
          setValueAtTime: (value: number) => {
            tone.frequency = value;
          },
        },
        connect: () => undefined,
        start: (at: number) => {
          tone.start = at;
        },
        stop: (at: number) => {
          tone.stop = at;
          played.push(tone);
        },
      };
    }
  }
  return {
    Context: FakeContext as unknown as new () => AudioContext,
    played,
    created: () => created,
    resumed: () => resumed,
  };
}

const length = (tones: PlayedTone[]) => Math.max(...tones.map((t) => t.stop)) - Math.min(...tones.map((t) => t.start));

describe('scan sounds', () => {
  it('beeps high and short for an accepted scan, buzzes low and longer for a refused one', () => {
    const audio = fakeAudio();
    const feedback = new AudioFeedback(() => audio.Context);
    feedback.play('accept');
    const accept = audio.played.splice(0);
    feedback.play('reject');
    const reject = audio.played.splice(0);

    expect(accept).toHaveLength(1);
    expect(accept[0]!.frequency).toBeGreaterThan(1000);
    expect(length(accept)).toBeLessThan(0.15);
    expect(Math.max(...reject.map((t) => t.frequency))).toBeLessThan(300);
    expect(length(reject)).toBeGreaterThan(3 * length(accept));
  });

  it('calls for attention with two different tones', () => {
    const audio = fakeAudio();
    new AudioFeedback(() => audio.Context).play('attention');
    expect(audio.played).toHaveLength(2);
    expect(new Set(audio.played.map((t) => t.frequency)).size).toBe(2);
  });

  it('uses one audio context for every sound and wakes it when the page had none yet', () => {
    const audio = fakeAudio('suspended');
    const feedback = new AudioFeedback(() => audio.Context);
    feedback.play('accept');
    feedback.play('reject');
    expect(audio.created()).toBe(1);
    expect(audio.resumed()).toBe(1);
  });

  it('unlocks sound on the first key press, once', () => {
    const audio = fakeAudio('suspended');
    const feedback = new AudioFeedback(() => audio.Context);
    const target = new EventTarget();
    feedback.unlockOnGesture(target as unknown as Window);
    feedback.unlockOnGesture(target as unknown as Window);
    target.dispatchEvent(new Event('keydown'));
    target.dispatchEvent(new Event('keydown'));
    expect(audio.created()).toBe(1);
    expect(audio.resumed()).toBe(1);
  });

  it('stays silent, without an error, where there is no audio or it is broken', () => {
    expect(() => new AudioFeedback(() => undefined).play('reject')).not.toThrow();
    const broken = class {
      constructor() {
        throw new Error('no audio device');
      }
    } as unknown as new () => AudioContext;
    const feedback = new AudioFeedback(() => broken);
    expect(() => {
      feedback.play('accept');
      feedback.play('accept');
    }).not.toThrow();
  });
});
