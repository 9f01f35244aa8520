/**
 * A serial shipping scale on the far end of a virtual serial port, speaking MT-SICS, Toledo
 * 8217, NCI or continuous output byte for byte. Tests and demos script it: weight, motion
 * (for a number of replies or for good), overload, negative weight, garbage, frames split
 * into chunks with pauses, and silence.
 */

import { EventEmitter } from 'node:events';
import type { SerialPort } from 'serialport';
import { writeToPort } from '../serial/port-write';
import type { LineSettings } from '../serial/serial-settings';
import { NCI_STATUS_1, NCI_STATUS_2 } from './nci-protocol';
import { serialScaleProtocol } from './serial-scale';
import { TOLEDO_STATUS } from './toledo-protocol';
import type { SerialScaleProtocolName } from './types';
import { GRAMS_PER_UNIT } from './units';

export interface SimulatedScaleState {
  /** What is on the platform, in grams; negative for "below zero". */
  readonly grams: number;
  /** Moving for good (until set false). */
  readonly motion: boolean;
  readonly overload: boolean;
  /** Answers nothing and sends nothing. */
  readonly silent: boolean;
  /** Answers every command with noise instead of a reply. */
  readonly garbage: boolean;
}

export interface SplitFrames {
  readonly parts: number;
  readonly delayMs: number;
}

export interface ScaleSimulatorOptions {
  readonly path: string;
  readonly protocol: SerialScaleProtocolName;
  /** The unit the scale displays; default kg (lb for Toledo). */
  readonly unit?: 'kg' | 'lb' | 'g';
  readonly line?: LineSettings;
  /** Continuous output: time between lines; default 100 ms. */
  readonly intervalMs?: number;
  readonly initial?: Partial<SimulatedScaleState>;
}

export interface ScaleSimulatorEvents {
  /** A command as received, without its terminator. */
  command: [command: string];
  /** Bytes the simulator sent (one reply or one continuous line). */
  sent: [bytes: Buffer];
}

const GARBAGE = Buffer.from([0x15, 0xfe, 0x23, 0x80, 0x40, 0x21, 0x0d, 0x0a]);
const STX = '\x02';
const ETX = '\x03';

export class SerialScaleSimulator extends EventEmitter<ScaleSimulatorEvents> {
  readonly #port: SerialPort;
  readonly #protocol: SerialScaleProtocolName;
  readonly #unit: 'kg' | 'lb' | 'g';
  #state: SimulatedScaleState;
  #motionReplies = 0;
  #split: SplitFrames | null = null;
  #input = '';
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(port: SerialPort, options: ScaleSimulatorOptions) {
    super();
    this.#port = port;
    this.#protocol = options.protocol;
    this.#unit = options.unit ?? (options.protocol === 'toledo' ? 'lb' : 'kg');
    this.#state = { grams: 0, motion: false, overload: false, silent: false, garbage: false, ...options.initial };
    port.on('data', (chunk: Buffer) => this.#onData(chunk));
    if (options.protocol === 'continuous') {
      const interval = options.intervalMs ?? 100;
      const tick = () => {
        this.#timer = setTimeout(() => {
          if (!this.#state.silent) this.#send(this.#continuousLine());
          tick();
        }, interval);
      };
      tick();
    }
  }

  static async open(options: ScaleSimulatorOptions): Promise<SerialScaleSimulator> {
    const { SerialPort } = await import('serialport');
    const line = options.line ?? serialScaleProtocol({ kind: options.protocol }).line;
    const port = new SerialPort({ path: options.path, ...line, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('error', () => undefined);
    return new SerialScaleSimulator(port, options);
  }

  get state(): SimulatedScaleState {
    return this.#state;
  }

  set(state: Partial<SimulatedScaleState>): void {
    this.#state = { ...this.#state, ...state };
  }

  /** The next `replies` weight replies (or continuous lines) show motion, then it settles. */
  motionFor(replies: number): void {
    this.#motionReplies = replies;
  }

  /** Write each following frame in `parts` chunks with `delayMs` between them (null: whole). */
  splitFrames(split: SplitFrames | null): void {
    this.#split = split;
  }

  /** Sends bytes as they are, e.g. line noise. */
  sendRaw(bytes: Buffer | string): Promise<void> {
    return this.#send(Buffer.from(bytes));
  }

  /** Closes the port (the scale switched off); the virtual cable itself stays. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    await this.#writing.catch(() => undefined);
    if (this.#port.isOpen) await new Promise<void>((resolve) => this.#port.close(() => resolve()));
    this.#port.removeAllListeners();
  }

  #onData(chunk: Buffer): void {
    // Commands are CR- (Toledo, NCI) or CRLF-terminated (MT-SICS); Toledo scales also take a bare W.
    this.#input += chunk.toString('latin1');
    for (;;) {
      const end = this.#input.search(/[\r\n]/);
      if (end < 0) {
        if (this.#protocol === 'toledo' && /^[WZ]$/.test(this.#input)) {
          const bare = this.#input;
          this.#input = '';
          this.#command(bare);
        }
        return;
      }
      const command = this.#input.slice(0, end);
      this.#input = this.#input.slice(end + 1);
      if (command !== '') this.#command(command);
    }
  }

  #command(command: string): void {
    this.emit('command', command);
    if (this.#state.silent) return;
    if (this.#state.garbage) {
      void this.#send(GARBAGE);
      return;
    }
    const reply = this.#reply(command.trim());
    if (reply !== null) void this.#send(Buffer.from(reply, 'latin1'));
  }

  #reply(command: string): string | null {
    switch (this.#protocol) {
      case 'mt-sics':
        return this.#mtSics(command);
      case 'toledo':
        return this.#toledo(command);
      case 'nci':
        return this.#nci(command);
      case 'continuous':
        return null;
    }
  }

  /** Whether this reading shows motion (counting down scripted motion). */
  #moving(): boolean {
    if (this.#state.motion) return true;
    if (this.#motionReplies > 0) {
      this.#motionReplies -= 1;
      return true;
    }
    return false;
  }

  /** The displayed value; a moving scale shows a slightly different weight. */
  #display(moving: boolean, decimals: number, unit: 'kg' | 'lb' | 'g' = this.#unit): string {
    const grams = this.#state.grams + (moving ? 3 : 0);
    return (grams / GRAMS_PER_UNIT[unit]).toFixed(decimals);
  }

  #decimals(unit: 'kg' | 'lb' | 'g'): number {
    return unit === 'g' ? 0 : unit === 'kg' ? 3 : 2;
  }

  #mtSics(command: string): string {
    switch (command) {
      case 'S':
      case 'SI': {
        if (this.#state.overload) return 'S +\r\n';
        const moving = this.#moving();
        // S waits for a stable weight; the simulator answers "not steady" instead of waiting.
        if (command === 'S' && moving) return 'S I\r\n';
        const value = this.#display(moving, this.#decimals(this.#unit));
        return `S ${moving ? 'D' : 'S'} ${value.padStart(10)} ${this.#unit}\r\n`;
      }
      case 'Z':
        if (this.#state.motion) return 'Z I\r\n';
        this.#state = { ...this.#state, grams: 0 };
        return 'Z A\r\n';
      default:
        return 'ES\r\n';
    }
  }

  #toledo(command: string): string {
    const status = (bits: number) => `${STX}?${String.fromCharCode(0x40 | bits)}\r`;
    const unit = this.#unit === 'kg' ? 'kg' : 'lb';
    switch (command) {
      case 'W': {
        if (this.#state.overload) return status(TOLEDO_STATUS.overCapacity);
        if (this.#state.grams < 0) return status(TOLEDO_STATUS.underZero);
        if (this.#moving()) return status(TOLEDO_STATUS.motion);
        // Six characters: 000.00 lb or 00.000 kg, leading zeroes kept.
        return `${STX}${this.#display(false, unit === 'kg' ? 3 : 2, unit).padStart(6, '0')}\r`;
      }
      case 'Z':
        if (this.#state.motion) return status(TOLEDO_STATUS.motion);
        this.#state = { ...this.#state, grams: 0 };
        return status(TOLEDO_STATUS.centerOfZero);
      default:
        return `${STX}?${String.fromCharCode(0x40)}\r`;
    }
  }

  #nci(command: string): string {
    const statusBytes = (first: number, second: number) =>
      String.fromCharCode(0x30 | first) + String.fromCharCode(0x30 | second);
    const frame = (lines: string[]) => `\n${lines.join('\r\n')}\r${ETX}`;
    const at0 = this.#state.grams === 0 ? NCI_STATUS_1.atZero : 0;
    switch (command) {
      case 'W': {
        if (this.#state.overload) return frame([statusBytes(0, NCI_STATUS_2.overCapacity)]);
        if (this.#state.grams < 0) return frame([statusBytes(0, NCI_STATUS_2.underCapacity)]);
        const moving = this.#moving();
        const unit = this.#unit;
        const value = this.#display(moving, this.#decimals(unit));
        const [whole, fraction] = value.split('.') as [string, string | undefined];
        const weight = fraction === undefined ? whole.padStart(4, '0') : `${whole.padStart(4, '0')}.${fraction}`;
        return frame([`${weight}${unit}`, statusBytes((moving ? NCI_STATUS_1.motion : 0) | at0, 0)]);
      }
      case 'S':
        return frame([statusBytes((this.#state.motion ? NCI_STATUS_1.motion : 0) | at0, 0)]);
      case 'Z':
        if (this.#state.motion) return frame([statusBytes(NCI_STATUS_1.motion, 0)]);
        this.#state = { ...this.#state, grams: 0 };
        return frame([statusBytes(NCI_STATUS_1.atZero, 0)]);
      default:
        return `\n?\r${ETX}`;
    }
  }

  #continuousLine(): Buffer {
    if (this.#state.garbage) return GARBAGE;
    if (this.#state.overload) return Buffer.from(`OL,GS,+ 99.999${this.#unit}\r\n`);
    const moving = this.#moving();
    const value = this.#display(moving, this.#decimals(this.#unit));
    const sign = value.startsWith('-') ? '-' : '+';
    return Buffer.from(`${moving ? 'US' : 'ST'},GS,${sign}${value.replace('-', '').padStart(7)}${this.#unit}\r\n`);
  }

  #send(bytes: Buffer): Promise<void> {
    const split = this.#split;
    this.#writing = this.#writing
      .then(async () => {
        if (this.#closed) return;
        const parts = split === null ? 1 : Math.max(1, Math.min(split.parts, bytes.length));
        const size = Math.ceil(bytes.length / parts);
        for (let offset = 0; offset < bytes.length; offset += size) {
          if (offset > 0 && split) await new Promise((resolve) => setTimeout(resolve, split.delayMs));
          if (this.#closed) return;
          await writeToPort(this.#port, bytes.subarray(offset, offset + size));
        }
        this.emit('sent', bytes);
      })
      .catch(() => undefined);
    return this.#writing;
  }
}
