/**
 * A CUPS raw queue (`lp -d QUEUE -o raw`, job on standard input): for printers set up in the
 * operating system, on Linux and macOS. CUPS passes the ZPL through untouched. Status comes from
 * `lpstat -p QUEUE`: CUPS knows whether its queue is enabled, not whether the printer has paper.
 */

import { spawn } from 'node:child_process';
import { PrinterBase } from './printer-base';
import { hostStatus, type LabelPrinter, type PrinterHostStatus, type PrintResult } from './types';

export interface CupsPrinterOptions {
  readonly queue: string;
  /** The `lp` program; default `lp` from PATH. */
  readonly lpPath?: string;
  /** The `lpstat` program; default `lpstat` from PATH. */
  readonly lpstatPath?: string;
  /** How long `lp` may take to accept a job; default 15 s. */
  readonly timeoutMs?: number;
}

interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly failure: 'missing' | 'timeout' | null;
}

function run(command: string, args: readonly string[], input: Buffer | null, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let stdout = '';
    let stderr = '';
    let failure: RunResult['failure'] = null;
    let settled = false;
    const settle = (result: RunResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // A hung lp may have children holding its output open; do not wait for them.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      child.stdout.destroy();
      child.stderr.destroy();
      child.stdin.destroy();
      settle({ code: null, stdout, stderr, failure: 'timeout' });
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.on('error', () => undefined); // the program may exit before reading everything
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') failure = 'missing';
      else stderr += error.message;
    });
    child.on('close', (code) => settle({ code, stdout: stdout.trim(), stderr: stderr.trim(), failure }));
    if (input !== null) child.stdin.end(input);
    else child.stdin.end();
  });
}

export class CupsPrinter extends PrinterBase implements LabelPrinter {
  readonly kind = 'cups' as const;
  readonly name: string;
  readonly #queue: string;
  readonly #lp: string;
  readonly #lpstat: string;
  readonly #timeoutMs: number;

  constructor(options: CupsPrinterOptions) {
    super();
    this.#queue = options.queue;
    this.#lp = options.lpPath ?? 'lp';
    this.#lpstat = options.lpstatPath ?? 'lpstat';
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.name = `CUPS queue ${options.queue}`;
  }

  print(zpl: string): Promise<PrintResult> {
    return this.exclusive(async () => {
      const where = this.name;
      const bad = queueProblem(this.#queue);
      if (bad !== null)
        return this.result(false, `${bad} — the label was not printed.`, 0, hostStatus('error', bad), where);
      const bytes = Buffer.from(zpl, 'utf8');
      const outcome = await run(this.#lp, ['-d', this.#queue, '-o', 'raw'], bytes, this.#timeoutMs);
      if (outcome.failure === 'missing') {
        const detail = `The CUPS "lp" command was not found (${this.#lp}); install the CUPS client tools`;
        return this.result(false, `${detail} — the label was not printed.`, 0, hostStatus('error', detail), where);
      }
      if (outcome.failure === 'timeout') {
        const detail = `CUPS did not take the job within ${Math.round(this.#timeoutMs / 100) / 10} s`;
        return this.result(
          false,
          `${detail} — check the print service, then reprint.`,
          0,
          hostStatus('error', detail),
          where,
        );
      }
      if (outcome.code !== 0) {
        const said = (outcome.stderr || outcome.stdout || `lp exited with code ${outcome.code}`).replace(/\.$/, '');
        const detail = `CUPS refused the label for queue ${this.#queue}: ${said}`;
        return this.result(false, `${detail}.`, 0, hostStatus('error', detail), where);
      }
      const job = /request id is (\S+)/.exec(outcome.stdout)?.[1];
      return this.result(
        true,
        job ? `Label queued on ${where} as job ${job}.` : `Label queued on ${where}.`,
        bytes.length,
        hostStatus('connected', `Queue ${this.#queue} accepted the job`),
        where,
      );
    });
  }

  status(): Promise<PrinterHostStatus> {
    return this.exclusive(async () => {
      const bad = queueProblem(this.#queue);
      if (bad !== null) return this.report(hostStatus('error', bad));
      const outcome = await run(this.#lpstat, ['-p', this.#queue], null, this.#timeoutMs);
      if (outcome.failure === 'missing') {
        return this.report(hostStatus('error', `The CUPS "lpstat" command was not found (${this.#lpstat})`));
      }
      if (outcome.failure === 'timeout') return this.report(hostStatus('error', 'The print service did not answer'));
      if (outcome.code !== 0) {
        return this.report(
          hostStatus(
            'disconnected',
            `CUPS has no usable queue named ${this.#queue}: ${outcome.stderr || outcome.stdout}`,
          ),
        );
      }
      return this.report(parseLpstat(this.#queue, outcome.stdout));
    });
  }

  async close(): Promise<void> {
    this.removeAllListeners();
  }
}

/** Queue names go to `lp` as an argument, never through a shell; still, refuse what lp would take for an option. */
function queueProblem(queue: string): string | null {
  if (queue === '') return 'No CUPS queue name was given';
  // eslint-disable-next-line no-control-regex
  if (queue.startsWith('-') || /[\s/#\u0000-\u001f]/.test(queue)) {
    return `"${queue}" is not a CUPS queue name (no spaces, slashes or #, and not starting with -)`;
  }
  return null;
}

/** `lpstat -p` output, e.g. "printer zebra is idle.  enabled since …" or "printer zebra disabled since … -\n\treason". */
export function parseLpstat(queue: string, output: string): PrinterHostStatus {
  const line = output.split('\n').find((l) => l.startsWith(`printer ${queue} `)) ?? output.split('\n')[0] ?? '';
  if (/\bdisabled\b/.test(line)) {
    const reason = output
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      .find((l) => l !== '');
    return hostStatus('error', `Print queue ${queue} is disabled${reason ? `: ${reason}` : ''}`, ['queue-disabled']);
  }
  if (/now printing/.test(line)) return hostStatus('connected', `Queue ${queue} is printing`);
  return hostStatus('connected', `Queue ${queue} is ready`);
}
