/**
 * Serial / virtual COM scanner: each scan is the data followed by the configured suffix
 * (CR, LF or CRLF), possibly with an AIM identifier in front, which is kept for the parser.
 */

import { EventEmitter } from 'node:events';
import { SerialLine } from '../serial/serial-line';
import { LINE_8N1, checkLineSettings, type SerialSettings } from '../serial/serial-settings';
import type { DeviceStatus } from '../types';
import { decodeScanBytes } from './hid-pos-report';
import { scanEvent } from './scan-event';
import type { Scanner, ScannerEvents, SerialScannerSettings } from './types';

export class SerialScanner extends EventEmitter<ScannerEvents> implements Scanner {
  readonly #line: SerialLine;
  readonly #source: 'serial' | 'simulator';

  constructor(settings: SerialScannerSettings, options: { readonly source?: 'serial' | 'simulator' } = {}) {
    super();
    this.#source = options.source ?? 'serial';
    const serial: SerialSettings = {
      path: settings.path,
      baudRate: settings.baudRate ?? LINE_8N1.baudRate,
      dataBits: settings.dataBits ?? LINE_8N1.dataBits,
      parity: settings.parity ?? LINE_8N1.parity,
      stopBits: settings.stopBits ?? LINE_8N1.stopBits,
    };
    const problem = checkLineSettings(serial);
    if (problem !== null) throw new Error(problem);
    this.#line = new SerialLine({
      settings: serial,
      framing: { kind: 'suffix', suffix: settings.suffix ?? 'CR' },
      deviceClass: 'scanner',
      name: `Serial scanner on ${settings.path}`,
      ...(settings.backoff === undefined ? {} : { backoff: settings.backoff }),
    });
    this.#line.on('status', (status) => this.emit('status', status));
    this.#line.on('frame', (frame) => {
      const text = decodeScanBytes(frame);
      if (text.trim() !== '') this.emit('scan', scanEvent(text, this.#source));
    });
  }

  get status(): DeviceStatus {
    return this.#line.status;
  }

  start(): void {
    this.#line.start();
  }

  waitConnected(timeoutMs: number): Promise<void> {
    return this.#line.waitConnected(timeoutMs);
  }

  close(): Promise<void> {
    return this.#line.close();
  }
}
