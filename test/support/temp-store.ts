import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { Store } from '../../src/main/store/store';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the OS temp dir, removed after the test. */
export function tempDir(prefix = 'packbench-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A real store (real migrations, real SQLite file) in a temp dir. */
export function tempStore(): { store: Store; dataDir: string } {
  const dataDir = tempDir();
  return { store: Store.open({ dataDir }), dataDir };
}
