/**
 * A label printer on raw TCP 9100 for tests and demos: a real socket server that keeps every
 * label it receives (one per `^XA…^XZ`), answers `~HS` with the three status strings a Zebra
 * sends, and can play the faults warehouses meet — paper out, head open, paused — or go silent.
 */

import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { formatHostStatus } from './host-status';

export interface SimulatedFaults {
  paperOut: boolean;
  headOpen: boolean;
  paused: boolean;
  ribbonOut: boolean;
  headTooHot: boolean;
}

export interface ReceivedLabel {
  /** `^XA…^XZ`, as received. */
  readonly zpl: string;
  readonly receivedAt: string;
  /** 1 for the first label since the simulator started. */
  readonly number: number;
  /** Where the label was saved, when the simulator keeps a folder. */
  readonly savedTo: string | null;
}

export interface PrinterSimulatorOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** When set, each label is also written there as label-0001.zpl, label-0002.zpl, … */
  readonly saveDir?: string;
}

export interface PrinterSimulatorEvents {
  label: [label: ReceivedLabel];
  statusQuery: [];
}

export class PrinterSimulator extends EventEmitter<PrinterSimulatorEvents> {
  readonly labels: ReceivedLabel[] = [];
  readonly faults: SimulatedFaults = {
    paperOut: false,
    headOpen: false,
    paused: false,
    ribbonOut: false,
    headTooHot: false,
  };
  /** When true the printer receives jobs but never answers `~HS`, like a Zebra stopped on an error. */
  silent = false;
  /** When set, a connection is cut once this many bytes arrived on it (a printer failing mid-job). */
  dropAfterBytes: number | null = null;
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #saveDir: string | null;
  /** Labels received while a fault stops printing; they print when it clears. */
  #waiting = 0;

  private constructor(server: net.Server, saveDir: string | null) {
    super();
    this.#server = server;
    this.#saveDir = saveDir;
  }

  static async start(options: PrinterSimulatorOptions = {}): Promise<PrinterSimulator> {
    const server = net.createServer();
    const simulator = new PrinterSimulator(server, options.saveDir ?? null);
    if (options.saveDir !== undefined) fs.mkdirSync(options.saveDir, { recursive: true });
    server.on('connection', (socket) => simulator.#accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return simulator;
  }

  get port(): number {
    const address = this.#server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  get host(): string {
    const address = this.#server.address();
    return typeof address === 'object' && address !== null ? address.address : '127.0.0.1';
  }

  /** `tcp://127.0.0.1:PORT`, the form the print-test command takes. */
  get url(): string {
    return `tcp://${this.host}:${this.port}`;
  }

  /** Sets or clears faults; labels held back by a fault print when none is left. */
  setFaults(faults: Partial<SimulatedFaults>): void {
    Object.assign(this.faults, faults);
    if (!this.#stopped()) this.#waiting = 0;
  }

  /** The three `~HS` strings for the current state. */
  hostStatusReply(): string {
    return formatHostStatus({
      paperOut: this.faults.paperOut,
      paused: this.faults.paused,
      headOpen: this.faults.headOpen,
      ribbonOut: this.faults.ribbonOut,
      thermalTransfer: this.faults.ribbonOut,
      overTemperature: this.faults.headTooHot,
      formatsInBuffer: this.#waiting,
      labelsRemaining: this.#waiting,
    });
  }

  /** Resolves once `count` labels have arrived in total. */
  waitForLabels(count: number, timeoutMs = 5000): Promise<ReceivedLabel[]> {
    if (this.labels.length >= count) return Promise.resolve(this.labels.slice(0, count));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('label', onLabel);
        reject(
          new Error(`The simulated printer received ${this.labels.length} of ${count} labels in ${timeoutMs} ms.`),
        );
      }, timeoutMs);
      const onLabel = () => {
        if (this.labels.length < count) return;
        clearTimeout(timer);
        this.off('label', onLabel);
        resolve(this.labels.slice(0, count));
      };
      this.on('label', onLabel);
    });
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.removeAllListeners();
  }

  #stopped(): boolean {
    const f = this.faults;
    return f.paperOut || f.headOpen || f.paused || f.ribbonOut || f.headTooHot;
  }

  #accept(socket: net.Socket): void {
    this.#sockets.add(socket);
    let buffer = '';
    let inFormat = false;
    let received = 0;
    socket.on('error', () => undefined);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('end', () => socket.end());
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (this.dropAfterBytes !== null && received >= this.dropAfterBytes) {
        socket.destroy();
        return;
      }
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inFormat) {
          const end = buffer.indexOf('^XZ');
          if (end < 0) break;
          this.#keep(Buffer.from(buffer.slice(0, end + 3), 'latin1').toString('utf8'));
          buffer = buffer.slice(end + 3);
          inFormat = false;
          continue;
        }
        const format = buffer.indexOf('^XA');
        const query = buffer.indexOf('~HS');
        if (query >= 0 && (format < 0 || query < format)) {
          buffer = buffer.slice(query + 3);
          this.emit('statusQuery');
          if (!this.silent) socket.write(this.hostStatusReply(), 'latin1');
          continue;
        }
        if (format >= 0) {
          buffer = buffer.slice(format);
          inFormat = true;
          continue;
        }
        // Keep a possible partial command ("^X", "~H") for the next chunk.
        buffer = buffer.slice(-2);
        break;
      }
    });
  }

  #keep(zpl: string): void {
    const number = this.labels.length + 1;
    let savedTo: string | null = null;
    if (this.#saveDir !== null) {
      savedTo = path.join(this.#saveDir, `label-${String(number).padStart(4, '0')}.zpl`);
      fs.writeFileSync(savedTo, zpl);
    }
    if (this.#stopped()) this.#waiting += 1;
    const label: ReceivedLabel = { zpl, receivedAt: new Date().toISOString(), number, savedTo };
    this.labels.push(label);
    this.emit('label', label);
  }
}
