/**
 * A serial scanner on the far end of a virtual serial port: it sends each scan followed by
 * the configured suffix, optionally in several chunks with pauses (as slow UARTs and USB
 * serial adapters deliver them).
 */

import type { SerialPort } from 'serialport';
import type { Suffix } from '../serial/line-framer';
import { writeToPort } from '../serial/port-write';
import { LINE_8N1, type LineSettings } from '../serial/serial-settings';

const SUFFIX_BYTES: Readonly<Record<Suffix, string>> = { CR: '\r', LF: '\n', CRLF: '\r\n' };

export interface SerialScannerSimulatorOptions {
  readonly path: string;
  readonly suffix?: Suffix;
  readonly line?: LineSettings;
}

export interface SendOptions {
  /** Split the bytes into this many chunks written with `delayMs` between them. */
  readonly parts?: number;
  readonly delayMs?: number;
}

export class SerialScannerSimulator {
  readonly #port: SerialPort;
  readonly #suffix: Suffix;

  private constructor(port: SerialPort, suffix: Suffix) {
    this.#port = port;
    this.#suffix = suffix;
  }

  static async open(options: SerialScannerSimulatorOptions): Promise<SerialScannerSimulator> {
    const { SerialPort } = await import('serialport');
    const line = options.line ?? LINE_8N1;
    const port = new SerialPort({ path: options.path, ...line, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('error', () => undefined);
    return new SerialScannerSimulator(port, options.suffix ?? 'CR');
  }

  /** Sends one scan: `text` (AIM identifier included when wanted) and the suffix. */
  scan(text: string, options: SendOptions = {}): Promise<void> {
    return this.sendRaw(Buffer.from(text + SUFFIX_BYTES[this.#suffix], 'utf8'), options);
  }

  async sendRaw(bytes: Buffer, options: SendOptions = {}): Promise<void> {
    const parts = Math.max(1, Math.min(options.parts ?? 1, bytes.length));
    const size = Math.ceil(bytes.length / parts);
    for (let offset = 0; offset < bytes.length; offset += size) {
      if (offset > 0 && options.delayMs) await delay(options.delayMs);
      await this.#write(bytes.subarray(offset, offset + size));
    }
  }

  async close(): Promise<void> {
    if (this.#port.isOpen) await new Promise<void>((resolve) => this.#port.close(() => resolve()));
  }

  #write(chunk: Buffer): Promise<void> {
    return writeToPort(this.#port, chunk);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
