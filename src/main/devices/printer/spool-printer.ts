/**
 * A spool folder as a printer: each job becomes one `.zpl` file for another program (a print
 * server, a label archive) to pick up. The file appears under its final name only once it is
 * complete — written under a temporary dot-name, then renamed — so a watcher never reads half a job.
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PrinterBase } from './printer-base';
import { hostStatus, type LabelPrinter, type PrinterHostStatus, type PrintResult } from './types';

export interface SpoolPrinterOptions {
  readonly folder: string;
}

export class SpoolPrinter extends PrinterBase implements LabelPrinter {
  readonly kind = 'file' as const;
  readonly name: string;
  readonly #folder: string;
  #sequence = 0;

  constructor(options: SpoolPrinterOptions) {
    super();
    this.#folder = path.resolve(options.folder);
    this.name = `Spool folder ${this.#folder}`;
  }

  print(zpl: string): Promise<PrintResult> {
    return this.exclusive(async () => {
      const problem = await this.#folderProblem();
      if (problem !== null) {
        return this.result(
          false,
          `${problem} — the label was not saved.`,
          0,
          hostStatus('error', problem),
          this.#folder,
        );
      }
      this.#sequence += 1;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const base = `label-${stamp}-${String(this.#sequence).padStart(4, '0')}-${randomBytes(3).toString('hex')}.zpl`;
      const finalPath = path.join(this.#folder, base);
      const tempPath = path.join(this.#folder, `.${base}.part`);
      const bytes = Buffer.from(zpl, 'utf8');
      try {
        const handle = await fs.open(tempPath, 'wx');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.rename(tempPath, finalPath);
      } catch (error) {
        await fs.rm(tempPath, { force: true }).catch(() => undefined);
        const detail = `Could not write to the spool folder ${this.#folder}: ${(error as Error).message}`;
        return this.result(false, `${detail} — the label was not saved.`, 0, hostStatus('error', detail), finalPath);
      }
      return this.result(
        true,
        `Label saved to ${finalPath}.`,
        bytes.length,
        hostStatus('connected', `Saving labels to ${this.#folder}`),
        finalPath,
      );
    });
  }

  status(): Promise<PrinterHostStatus> {
    return this.exclusive(async () => {
      const problem = await this.#folderProblem();
      return this.report(
        problem === null ? hostStatus('connected', `Saving labels to ${this.#folder}`) : hostStatus('error', problem),
      );
    });
  }

  async close(): Promise<void> {
    this.removeAllListeners();
  }

  /**
   * The folder must already exist: a missing spool folder usually means a network share that is
   * not mounted, and creating it locally would hide that.
   */
  async #folderProblem(): Promise<string | null> {
    try {
      const stat = await fs.stat(this.#folder);
      if (!stat.isDirectory()) return `The spool path ${this.#folder} is a file, not a folder`;
      await fs.access(this.#folder, fs.constants.W_OK);
      return null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return `The spool folder ${this.#folder} does not exist (is the network share mounted?)`;
      if (code === 'EACCES' || code === 'EPERM') return `The station may not write to the spool folder ${this.#folder}`;
      return `The spool folder ${this.#folder} cannot be used: ${(error as Error).message}`;
    }
  }
}
