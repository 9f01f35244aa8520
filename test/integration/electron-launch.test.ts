import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

interface Launchable {
  readonly electron: string;
  readonly wrapper: readonly string[];
}

/** The desktop app can only be launched where the Electron binary was downloaded. */
function findLaunchable(): Launchable | { reason: string } {
  let electron: unknown;
  try {
    electron = require('electron');
  } catch (error) {
    return { reason: `the Electron binary is not installed (${(error as Error).message})` };
  }
  if (typeof electron !== 'string' || !fs.existsSync(electron)) {
    return { reason: `the Electron binary is missing at ${String(electron)}` };
  }
  // Native modules are built for one ABI at a time; the test suite needs Node's.
  const probe = spawnSync(electron, ['-e', "require('better-sqlite3')(':memory:').close()"], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
  });
  if (probe.status !== 0) {
    return {
      reason: 'better-sqlite3 is not built for Electron here (npx electron-builder install-app-deps rebuilds it)',
    };
  }
  const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (needsDisplay && spawnSync('xvfb-run', ['--help']).error) {
    return { reason: 'there is no display and xvfb-run is not installed' };
  }
  return { electron, wrapper: needsDisplay ? ['xvfb-run', '-a'] : [] };
}

const launchable = findLaunchable();
if ('reason' in launchable) console.log(`electron-launch: skipped because ${launchable.reason}.`);

interface Station {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

const running: Station[] = [];

function launch(app: Launchable, dataDir: string, extra: readonly string[] = []): Station {
  const args = [app.electron, '.', `--data-dir=${dataDir}`, ...extra];
  // Chromium refuses its own sandbox as root (CI containers); the renderer sandbox option still applies.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const [command, ...rest] = [...app.wrapper, ...args];
  const child = spawn(command!, rest, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const station = { child, output: () => output, exited };
  running.push(station);
  return station;
}

async function waitFor(station: Station, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = station.output().match(pattern);
    if (match) return match;
    if (/Packbench cannot start|could not open its data folder|could not load its window/.test(station.output())) {
      throw new Error(`The station failed to start:\n${station.output()}`);
    }
    if (station.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`Waited for ${pattern} and got:\n${station.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Evaluates an expression in the page over the DevTools protocol, the way a user's page would run it. */
async function evaluate(webSocketUrl: string, expression: string): Promise<unknown> {
  const socket = new WebSocket(webSocketUrl);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  try {
    type Reply = {
      id?: number;
      result?: { result?: { value?: unknown }; exceptionDetails?: { exception?: { description?: string } } };
      error?: unknown;
    };
    const reply = new Promise<Reply>((resolve, reject) => {
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as Reply;
        if (message.id === 1) resolve(message);
      });
      socket.once('close', () => reject(new Error('The page went away before answering.')));
    });
    socket.send(
      JSON.stringify({
        id: 1,
        method: 'Runtime.evaluate',
        params: { expression, awaitPromise: true, returnByValue: true },
      }),
    );
    const answer = await reply;
    if (answer.error) throw new Error(JSON.stringify(answer.error));
    const thrown = answer.result?.exceptionDetails;
    if (thrown) throw new Error(`The page threw: ${thrown.exception?.description ?? JSON.stringify(thrown)}`);
    return answer.result?.result?.value;
  } finally {
    socket.close();
  }
}

afterEach(() => {
  for (const station of running.splice(0)) {
    if (station.child.exitCode === null && station.child.pid) process.kill(-station.child.pid, 'SIGKILL');
  }
});

describe('desktop app', () => {
  it.skipIf('reason' in launchable)(
    'starts on an empty data folder, answers through window.packbench only, and closes the store on quit',
    async () => {
      const app = launchable as Launchable;
      const cli = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
      const build = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, encoding: 'utf8' });
      expect(build.status, build.stderr).toBe(0);

      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-electron-'));
      const station = launch(app, dataDir, ['--remote-debugging-port=0']);
      await waitFor(station, /Packbench ready: /);
      const port = (await waitFor(station, /DevTools listening on ws:\/\/[^:]+:(\d+)\//))[1];

      const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
        type: string;
        url: string;
        webSocketDebuggerUrl: string;
      }[];
      const page = targets.find((target) => target.type === 'page');
      expect(page?.url).toMatch(/\/out\/renderer\/index\.html$/);

      const seen = JSON.parse(
        (await evaluate(
          page!.webSocketDebuggerUrl,
          `(async () => JSON.stringify({
            bridge: Object.keys(window.packbench).sort(),
            node: typeof require + ' ' + typeof process,
            status: await window.packbench.invoke('app:get-status'),
            made_up: await window.packbench.invoke('fs:read-file', { path: '/etc/passwd' }),
          }))()`,
        )) as string,
      ) as {
        bridge: string[];
        node: string;
        status: { ok: boolean; value?: { mode: string; firstRun: boolean } };
        made_up: { ok: boolean; error?: { code: string } };
      };
      expect(seen.bridge).toEqual(['invoke', 'on']);
      expect(seen.node).toBe('undefined undefined');
      expect(seen.status).toMatchObject({ ok: true, value: { mode: 'desktop', firstRun: true } });
      expect(seen.made_up).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });

      // A second launch on the same data folder hands over to the running station and leaves.
      const second = launch(app, dataDir);
      expect(await second.exited).toBe(0);
      expect(station.child.exitCode).toBeNull();

      // Closing the window ends the station; the store is checkpointed and closed on the way out.
      await evaluate(page!.webSocketDebuggerUrl, 'window.close()').catch(() => undefined);
      expect(await station.exited).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'packbench.db'))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'packbench.db-wal'))).toBe(false);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    240_000,
  );
});
