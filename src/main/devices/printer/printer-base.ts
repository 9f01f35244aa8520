/** What every printer transport shares: status events on change, and results in one shape. */

import { EventEmitter } from 'node:events';
import type { LabelPrinterEvents, PrinterHostStatus, PrintResult } from './types';

export abstract class PrinterBase extends EventEmitter<LabelPrinterEvents> {
  #last: PrinterHostStatus | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  /** The status seen last, or null before the first job or query. */
  get lastStatus(): PrinterHostStatus | null {
    return this.#last;
  }

  /** Records `status` and emits it when state or detail differ from the last one. */
  protected report(status: PrinterHostStatus): PrinterHostStatus {
    const last = this.#last;
    this.#last = status;
    if (last === null || last.state !== status.state || last.detail !== status.detail) this.emit('status', status);
    return status;
  }

  /** Runs `task` after the previous one finished, so jobs and status replies never interleave. */
  protected exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  protected result(
    ok: boolean,
    message: string,
    bytesSent: number,
    status: PrinterHostStatus | null,
    destination: string,
  ): PrintResult {
    if (status !== null) this.report(status);
    return { ok, message, bytesSent, status, destination };
  }
}
