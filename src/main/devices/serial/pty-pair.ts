/**
 * A pair of connected pseudo-terminals made by socat: whatever is written to one end comes
 * out of the other, exactly like two serial ports joined by a null-modem cable. Simulators
 * sit on one end and the real drivers open the other, so tests and demos exercise the same
 * serial code path as a scale on /dev/ttyUSB0.
 */

import { spawn, type ChildProcess } from 'node:child_process';

export interface PtyPair {
  /** The end a driver opens (the fixed symlink when one was asked for). */
  readonly a: string;
  /** The end a simulator opens. */
  readonly b: string;
  /** The /dev/pts devices behind `a` and `b`. */
  readonly devices: readonly [string, string];
  /** Resolves when socat has exited (after `close()` or if it died). */
  readonly exited: Promise<void>;
  /** Stops socat: both ends vanish, as if the cable was pulled. */
  close(): Promise<void>;
}

export interface PtyPairOptions {
  /**
   * Fixed symlinks for the two ends. socat recreates them each time it starts, so a driver
   * configured with the link finds the "replugged" device again, like /dev/serial/by-id.
   */
  readonly links?: readonly [string, string];
  readonly socatPath?: string;
  /** How long socat may take to set the pair up; default 10 s. */
  readonly timeoutMs?: number;
}

const SOCAT_MISSING =
  'Virtual serial ports need socat, which is not installed: install it (Debian/Ubuntu: apt install socat).';

export function openPtyPair(options: PtyPairOptions = {}): Promise<PtyPair> {
  const end = (link: string | undefined) => `pty,raw,echo=0${link === undefined ? '' : `,link=${link}`}`;
  const args = ['-d', '-d', end(options.links?.[0]), end(options.links?.[1])];
  const child = spawn(options.socatPath ?? 'socat', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  return new Promise<PtyPair>((resolve, reject) => {
    let log = '';
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(() => {
      fail(new Error(`socat did not set up the virtual serial ports in time:\n${log.trim()}`));
    }, options.timeoutMs ?? 10_000);
    child.on('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ENOENT' ? new Error(SOCAT_MISSING) : error),
    );
    child.once('exit', (code, signal) => {
      fail(
        new Error(`socat stopped before the virtual serial ports were ready (${signal ?? `exit ${code}`}):\n${log}`),
      );
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      if (settled) return; // socat keeps logging; the stream stays drained so its pipe never fills
      log += text;
      const devices = [...log.matchAll(/PTY is (\S+)/g)].map((match) => match[1] as string);
      if (devices.length < 2 || !log.includes('starting data transfer loop')) return;
      settled = true;
      clearTimeout(timer);
      const pair: readonly [string, string] = [devices[0] as string, devices[1] as string];
      resolve({
        a: options.links?.[0] ?? pair[0],
        b: options.links?.[1] ?? pair[1],
        devices: pair,
        exited,
        close: () => stop(child, exited),
      });
    });
  });
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await exited;
}
