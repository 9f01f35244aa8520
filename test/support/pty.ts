import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openPtyPair, type PtyPair } from '../../src/main/devices/serial/pty-pair';

const open: PtyPair[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((pair) => pair.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A real pseudo-terminal pair (socat), stopped after the test. `a` is for the driver, `b` for the simulator. */
export async function ptyPair(links?: readonly [string, string]): Promise<PtyPair> {
  const pair = await openPtyPair(links ? { links } : {});
  open.push(pair);
  return pair;
}

/**
 * Two fixed link paths in a fresh temp folder: a pair made with them can be stopped
 * ("unplugged") and started again at the same paths ("plugged back").
 */
export function ptyLinks(): readonly [string, string] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-pty-'));
  dirs.push(dir);
  return [path.join(dir, 'device'), path.join(dir, 'simulator')];
}
