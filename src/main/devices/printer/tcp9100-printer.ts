/**
 * Raw TCP port 9100 ("JetDirect") printing: open a connection, send the ZPL, ask `~HS` how the
 * printer is, close. One connection per job, so several stations can share a printer (a Zebra
 * accepts one connection at a time).
 *
 * A printer that is out of paper, open or paused often stops answering `~HS` while the network
 * connection stays up, so silence after a job is reported as an error ("not answering"), not as
 * an unplugged printer; only a refused or failed connection is "disconnected".
 */

import net from 'node:net';
import { Backoff, type BackoffOptions } from '../backoff';
import { isHostStatusComplete, parseHostStatus, statusFromProblems } from './host-status';
import { PrinterBase } from './printer-base';
import { hostStatus, type LabelPrinter, type PrinterHostStatus, type PrintResult } from './types';

export interface Tcp9100Options {
  readonly host: string;
  /** Default 9100. */
  readonly port?: number;
  /** How long to wait for the printer to accept a connection; default 5 s. */
  readonly connectTimeoutMs?: number;
  /** How long to wait for the `~HS` reply; default 3 s. */
  readonly statusTimeoutMs?: number;
  /** How long a job may take to leave this computer before the printer counts as stuck; default 30 s. */
  readonly sendTimeoutMs?: number;
  /** Extra connection attempts after a failure (for a printer that is just restarting); default 2. */
  readonly connectRetries?: number;
  readonly backoff?: BackoffOptions;
}

export const NOT_ANSWERING = 'Printer not answering (paused or out of paper?)';

class ConnectFailure extends Error {}

/** One TCP connection with the bytes received on it. */
class Link {
  readonly #socket: net.Socket;
  #received = '';
  #closed = false;
  #wake: (() => void) | null = null;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.#received += chunk.toString('latin1');
      this.#wake?.();
    });
    socket.on('error', () => undefined); // 'close' follows and is what we act on
    socket.on('close', () => {
      this.#closed = true;
      this.#wake?.();
    });
  }

  static open(host: string, port: number, timeoutMs: number): Promise<Link> {
    const where = `${host}:${port}`;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ConnectFailure(`No printer answered at ${where} (switched off, or a network problem?)`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new Link(socket));
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new ConnectFailure(connectMessage(where, host, error)));
      });
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  get bytesWritten(): number {
    return this.#socket.bytesWritten;
  }

  /** Resolves when the bytes are handed to the network; 'closed' or 'timeout' when they cannot be. */
  send(bytes: Buffer, timeoutMs: number): Promise<'sent' | 'closed' | 'timeout'> {
    if (this.#closed) return Promise.resolve('closed');
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), timeoutMs);
      const done = (outcome: 'sent' | 'closed') => {
        clearTimeout(timer);
        resolve(outcome);
      };
      this.#socket.write(bytes, (error) => done(error ? 'closed' : 'sent'));
      this.#socket.once('close', () => done('closed'));
    });
  }

  /** Sends `~HS` and waits for the three-part reply. */
  async queryStatus(timeoutMs: number): Promise<{ reply: string } | 'timeout' | 'closed'> {
    this.#received = '';
    const sent = await this.send(Buffer.from('~HS', 'latin1'), timeoutMs);
    if (sent !== 'sent') return sent;
    const outcome = await this.#waitFor(() => isHostStatusComplete(this.#received), timeoutMs);
    return outcome === 'ready' ? { reply: this.#received } : outcome;
  }

  #waitFor(ready: () => boolean, timeoutMs: number): Promise<'ready' | 'timeout' | 'closed'> {
    return new Promise((resolve) => {
      const check = () => {
        if (ready()) finish('ready');
        else if (this.#closed) finish('closed');
      };
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      const finish = (outcome: 'ready' | 'timeout' | 'closed') => {
        clearTimeout(timer);
        this.#wake = null;
        resolve(outcome);
      };
      this.#wake = check;
      check();
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#socket.end();
    const timer = setTimeout(() => this.#socket.destroy(), 2000);
    timer.unref();
    this.#socket.once('close', () => clearTimeout(timer));
  }
}

function connectMessage(where: string, host: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `The printer at ${where} refused the connection (switched off, or the wrong address or port?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `No printer called "${host}" is known on this network (check the name or use its IP address)`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `The printer at ${where} cannot be reached on the network (check the cable or Wi-Fi)`;
    case 'ETIMEDOUT':
      return `No printer answered at ${where} (switched off, or a network problem?)`;
    default:
      return `Could not connect to the printer at ${where}: ${error.message}`;
  }
}

export class Tcp9100Printer extends PrinterBase implements LabelPrinter {
  readonly kind = 'tcp' as const;
  readonly name: string;
  readonly #host: string;
  readonly #port: number;
  readonly #connectTimeoutMs: number;
  readonly #statusTimeoutMs: number;
  readonly #sendTimeoutMs: number;
  readonly #connectRetries: number;
  readonly #backoff: BackoffOptions;
  readonly #links = new Set<Link>();
  /** Pending retry waits, resolved early by close() so no caller is left hanging. */
  readonly #waits = new Map<NodeJS.Timeout, () => void>();
  #closed = false;

  constructor(options: Tcp9100Options) {
    super();
    this.#host = options.host;
    this.#port = options.port ?? 9100;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    this.#statusTimeoutMs = options.statusTimeoutMs ?? 3000;
    this.#sendTimeoutMs = options.sendTimeoutMs ?? 30_000;
    this.#connectRetries = options.connectRetries ?? 2;
    this.#backoff = options.backoff ?? {};
    this.name = `Label printer at ${this.destination}`;
  }

  get destination(): string {
    return `${this.#host}:${this.#port}`;
  }

  print(zpl: string): Promise<PrintResult> {
    return this.exclusive(async () => {
      const where = this.destination;
      const bytes = Buffer.from(zpl, 'utf8');
      const link = await this.#connect();
      if (typeof link === 'string') {
        return this.result(false, `${link} — the label was not printed.`, 0, hostStatus('disconnected', link), where);
      }
      try {
        const sent = await link.send(bytes, this.#sendTimeoutMs);
        if (sent !== 'sent') {
          const count = Math.min(bytes.length, link.bytesWritten);
          const status =
            sent === 'timeout'
              ? statusFromProblems(['not-answering'])
              : hostStatus('disconnected', 'Connection dropped during a job');
          const message =
            sent === 'timeout'
              ? `The printer at ${where} stopped taking data (paused, or its buffer is full?) — check the printer, then reprint.`
              : `The printer at ${where} dropped the connection while the label was being sent (${count} of ${bytes.length} bytes sent) — check the printer, then reprint.`;
          return this.result(false, message, count, status, where);
        }
        const answer = await link.queryStatus(this.#statusTimeoutMs);
        if (answer === 'closed') {
          return this.result(
            false,
            `The printer at ${where} dropped the connection during the job — the label may not have printed; check the printer, then reprint.`,
            bytes.length,
            hostStatus('disconnected', 'Connection dropped during a job'),
            where,
          );
        }
        if (answer === 'timeout') {
          return this.result(
            false,
            `The label was sent, but the printer is not answering (paused or out of paper?) — check it before reprinting.`,
            bytes.length,
            hostStatus('error', NOT_ANSWERING, ['not-answering']),
            where,
          );
        }
        const parsed = parseHostStatus(answer.reply);
        if (!parsed.ok) {
          return this.result(true, `Label sent to ${where}. ${parsed.message}`, bytes.length, null, where);
        }
        const status = parsed.status;
        if (status.state === 'connected') {
          return this.result(true, `Label sent to the printer at ${where}.`, bytes.length, status, where);
        }
        return this.result(
          false,
          `The label reached the printer, but it reports: ${status.detail}. It prints once that is fixed — check the printer before reprinting.`,
          bytes.length,
          status,
          where,
        );
      } finally {
        this.#release(link);
      }
    });
  }

  status(): Promise<PrinterHostStatus> {
    return this.exclusive(async () => {
      const link = await this.#connect();
      if (typeof link === 'string') return this.report(hostStatus('disconnected', link));
      try {
        const answer = await link.queryStatus(this.#statusTimeoutMs);
        if (answer === 'timeout') return this.report(hostStatus('error', NOT_ANSWERING, ['not-answering']));
        if (answer === 'closed') return this.report(hostStatus('disconnected', 'The printer closed the connection'));
        const parsed = parseHostStatus(answer.reply);
        return this.report(parsed.ok ? parsed.status : hostStatus('error', parsed.message));
      } finally {
        this.#release(link);
      }
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const [timer, resolve] of this.#waits) {
      clearTimeout(timer);
      resolve();
    }
    this.#waits.clear();
    for (const link of this.#links) link.close();
    this.#links.clear();
    this.removeAllListeners();
  }

  /** A connection, retrying with backoff; a message in warehouse words when none can be made. */
  async #connect(): Promise<Link | string> {
    if (this.#closed) return 'The printer connection was closed by the station';
    const backoff = new Backoff(this.#backoff);
    for (let attempt = 0; ; attempt++) {
      try {
        const link = await Link.open(this.#host, this.#port, this.#connectTimeoutMs);
        if (this.#closed) {
          link.close();
          return 'The printer connection was closed by the station';
        }
        this.#links.add(link);
        return link;
      } catch (error) {
        const message = error instanceof ConnectFailure ? error.message : String(error);
        if (attempt >= this.#connectRetries || this.#closed) return message;
        await this.#sleep(backoff.next());
      }
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waits.delete(timer);
        resolve();
      }, ms);
      this.#waits.set(timer, resolve);
    });
  }

  #release(link: Link): void {
    this.#links.delete(link);
    link.close();
  }
}
