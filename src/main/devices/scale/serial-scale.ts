/**
 * A serial shipping scale (MT-SICS, Toledo 8217, NCI or continuous output). It asks for the
 * weight every `pollMs` (or listens, for continuous scales), one command at a time, and
 * feeds the readings to a ScaleReader. Silence, garbage and error replies become readings
 * without weight and a status with the reason; the serial line reconnects on its own.
 */

import { EventEmitter } from 'node:events';
import { SerialLine } from '../serial/serial-line';
import { checkLineSettings, describeLine, type SerialSettings } from '../serial/serial-settings';
import type { DeviceState, DeviceStatus, WeightReading } from '../types';
import { continuousProtocol } from './continuous-protocol';
import { mtSicsProtocol } from './mt-sics-protocol';
import { nciProtocol } from './nci-protocol';
import type { ProtocolReply, ScaleProtocol } from './protocol';
import { statusSample } from './sample';
import { ScaleReader, type ScaleReaderOptions } from './scale-reader';
import { toledoProtocol } from './toledo-protocol';
import type { ReadStableOptions, Scale, ScaleEvents, SerialScaleProtocolName, SerialScaleSettings } from './types';

/** Unreadable frames in a row before the status says the settings must be wrong. */
const GARBAGE_LIMIT = 3;

export function serialScaleProtocol(settings: Pick<SerialScaleSettings, 'kind' | 'unit'>): ScaleProtocol {
  const byName: { readonly [K in SerialScaleProtocolName]: () => ScaleProtocol } = {
    'mt-sics': mtSicsProtocol,
    toledo: () => toledoProtocol(settings.unit ?? 'lb'),
    nci: nciProtocol,
    continuous: continuousProtocol,
  };
  return byName[settings.kind]();
}

interface Pending {
  readonly resolve: (reply: ProtocolReply | null) => void;
  readonly timer: NodeJS.Timeout;
}

export class SerialScale extends EventEmitter<ScaleEvents> implements Scale {
  readonly #protocol: ScaleProtocol;
  readonly #line: SerialLine;
  readonly #reader: ScaleReader;
  readonly #pollMs: number;
  readonly #responseTimeoutMs: number;
  readonly #silenceMs: number;
  readonly #lineText: string;
  #status: DeviceStatus;
  #health: { state: DeviceState; detail: string } | null = null;
  #pending: Pending | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #pollTimer: NodeJS.Timeout | null = null;
  #silenceTimer: NodeJS.Timeout | null = null;
  #garbageInARow = 0;
  #polling = false;
  #closed = false;

  constructor(settings: SerialScaleSettings, readerOptions: ScaleReaderOptions = {}) {
    super();
    this.#protocol = serialScaleProtocol(settings);
    const serial: SerialSettings = {
      path: settings.path,
      baudRate: settings.baudRate ?? this.#protocol.line.baudRate,
      dataBits: settings.dataBits ?? this.#protocol.line.dataBits,
      parity: settings.parity ?? this.#protocol.line.parity,
      stopBits: settings.stopBits ?? this.#protocol.line.stopBits,
    };
    const problem = checkLineSettings(serial);
    if (problem !== null) throw new Error(problem);
    this.#lineText = describeLine(serial);
    this.#pollMs = settings.pollMs ?? 200;
    this.#responseTimeoutMs = settings.responseTimeoutMs ?? 1500;
    this.#silenceMs = settings.silenceMs ?? 3000;
    this.#reader = new ScaleReader(readerOptions);
    this.#reader.on('reading', (reading) => this.emit('reading', reading));
    this.#line = new SerialLine({
      settings: serial,
      framing: this.#protocol.framing,
      deviceClass: 'scale',
      name: `${this.#protocol.name} scale on ${settings.path}`,
      ...(settings.backoff === undefined ? {} : { backoff: settings.backoff }),
    });
    this.#status = this.#line.status;
    this.#line.on('status', (status) => this.#onLineStatus(status));
    this.#line.on('frame', (frame) => this.#onFrame(frame));
  }

  get status(): DeviceStatus {
    return this.#status;
  }

  get lastReading(): WeightReading | null {
    return this.#reader.lastReading;
  }

  get protocolName(): string {
    return this.#protocol.name;
  }

  start(): void {
    this.#line.start();
  }

  waitConnected(timeoutMs: number): Promise<void> {
    return this.#line.waitConnected(timeoutMs);
  }

  readStable(options?: ReadStableOptions): Promise<WeightReading> {
    return this.#reader.readStable(options);
  }

  zero(): Promise<void> {
    const command = this.#protocol.zeroCommand;
    if (command === null) {
      const outcome = this.#protocol.zeroOutcome({ kind: 'error', message: '' });
      return Promise.reject(new Error(outcome.ok ? 'Zeroing is not supported.' : outcome.message));
    }
    return this.#serialize(async () => {
      const reply = await this.#exchange(command);
      if (reply === null) throw new Error(`The scale did not answer the zero command — ${this.#silentDetail()}`);
      const outcome = this.#protocol.zeroOutcome(reply);
      if (!outcome.ok) throw new Error(outcome.message);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopTimers();
    this.#cancelPending();
    this.#reader.close();
    await this.#line.close();
  }

  #onLineStatus(status: DeviceStatus): void {
    if (status.state === 'connected') {
      this.#health = null;
      this.#garbageInARow = 0;
      this.#publishStatus(status);
      if (this.#protocol.weighCommand === null) this.#armSilence();
      else this.#schedulePoll(0);
      return;
    }
    this.#stopTimers();
    this.#cancelPending();
    this.#publishStatus(status);
  }

  #publishStatus(lineStatus: DeviceStatus): void {
    const health = lineStatus.state === 'connected' ? this.#health : null;
    this.#status = health ? { ...lineStatus, ...health, since: new Date().toISOString() } : lineStatus;
    this.#reader.setDeviceStatus(this.#status);
    this.emit('status', this.#status);
  }

  #setHealth(health: { state: DeviceState; detail: string } | null): void {
    const same =
      (health === null && this.#health === null) ||
      (health !== null && this.#health !== null && health.detail === this.#health.detail);
    this.#health = health;
    if (!same && this.#line.connected) this.#publishStatus(this.#line.status);
  }

  #onFrame(frame: Buffer): void {
    const reply = this.#protocol.parse(frame);
    if (this.#pending) {
      const pending = this.#pending;
      this.#pending = null;
      clearTimeout(pending.timer);
      pending.resolve(reply);
      return;
    }
    // Continuous output, or a late reply after a timeout: readings are still readings.
    if (this.#protocol.weighCommand === null) this.#armSilence();
    this.#handleReply(reply);
  }

  #handleReply(reply: ProtocolReply): void {
    switch (reply.kind) {
      case 'sample':
        this.#garbageInARow = 0;
        this.#setHealth(null);
        this.#reader.push(reply.sample);
        return;
      case 'unreadable':
        this.#garbageInARow += 1;
        if (this.#garbageInARow >= GARBAGE_LIMIT) {
          const detail =
            `The scale sends data that is not ${this.#protocol.name} (${reply.reason}) — ` +
            `check the protocol setting and the line settings (${this.#lineText}).`;
          this.#setHealth({ state: 'error', detail });
          this.#reader.push(statusSample('no-reading', reply.raw, detail));
        }
        return;
      case 'error':
        this.#setHealth({ state: 'error', detail: reply.message });
        this.#reader.push(statusSample('no-reading', '', reply.message));
        return;
      default:
        return; // a zero reply outside a zero command: nothing to show
    }
  }

  #schedulePoll(delayMs: number): void {
    if (this.#closed || this.#pollTimer !== null || this.#polling) return;
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = null;
      this.#polling = true;
      void this.#serialize(() => this.#poll()).finally(() => {
        this.#polling = false;
        if (this.#line.connected) this.#schedulePoll(this.#pollMs);
      });
    }, delayMs);
  }

  async #poll(): Promise<void> {
    const command = this.#protocol.weighCommand;
    if (command === null || !this.#line.connected) return;
    const reply = await this.#exchange(command);
    if (reply === null) {
      if (!this.#line.connected || this.#closed) return;
      if (this.#line.pendingBytes > 0) {
        // Bytes came back but never a whole reply: wrong framing, baud rate or protocol.
        this.#handleReply({ kind: 'unreadable', reason: 'no complete reply', raw: '' });
        return;
      }
      const detail = this.#silentDetail();
      this.#setHealth({ state: 'error', detail });
      this.#reader.push(statusSample('no-reading', '', detail));
      return;
    }
    this.#handleReply(reply);
  }

  /** Sends a command and waits for the next frame; null when none came in time. */
  #exchange(command: string): Promise<ProtocolReply | null> {
    if (!this.#line.connected) return Promise.resolve(null);
    // A partial frame left over from a timed-out reply would corrupt this one.
    this.#line.resetFraming();
    let resolveReply!: (reply: ProtocolReply | null) => void;
    const reply = new Promise<ProtocolReply | null>((resolve) => (resolveReply = resolve));
    const pending: Pending = {
      resolve: resolveReply,
      timer: setTimeout(() => {
        if (this.#pending === pending) this.#pending = null;
        resolveReply(null);
      }, this.#responseTimeoutMs),
    };
    this.#pending = pending;
    // The reply timer bounds the exchange, not the write: a command that can no longer be
    // sent (port lost mid-write) ends this exchange at once, never the ones queued after it.
    this.#line.write(command).catch(() => {
      if (this.#pending === pending) this.#cancelPending();
    });
    return reply;
  }

  #cancelPending(): void {
    const pending = this.#pending;
    this.#pending = null;
    if (pending) {
      clearTimeout(pending.timer);
      pending.resolve(null);
    }
  }

  /** Runs one exchange at a time: zero commands wait for the weight request in flight. */
  #serialize<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #armSilence(): void {
    if (this.#silenceTimer !== null) clearTimeout(this.#silenceTimer);
    this.#silenceTimer = setTimeout(() => {
      this.#silenceTimer = null;
      if (!this.#line.connected || this.#closed) return;
      const detail = `No data from the scale for ${this.#silenceMs / 1000} s — check that it is on, connected, and set to send continuously (${this.#lineText}).`;
      this.#setHealth({ state: 'error', detail });
      this.#reader.push(statusSample('no-reading', '', detail));
      this.#armSilence();
    }, this.#silenceMs);
  }

  #silentDetail(): string {
    return `The scale does not answer — check that it is on, set to ${this.#protocol.name}, and that the line settings match (${this.#lineText}).`;
  }

  #stopTimers(): void {
    if (this.#pollTimer !== null) clearTimeout(this.#pollTimer);
    if (this.#silenceTimer !== null) clearTimeout(this.#silenceTimer);
    this.#pollTimer = null;
    this.#silenceTimer = null;
  }
}
