import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const RENDERER_OUT = path.join(ROOT, 'out/renderer');
const SOURCES = [
  path.join(ROOT, 'src/renderer'),
  path.join(ROOT, 'src/shared'),
  path.join(ROOT, 'electron.vite.config.ts'),
];

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function isStale(): boolean {
  const built = path.join(RENDERER_OUT, 'index.html');
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > builtAt);
}

/**
 * Makes sure out/renderer holds the screens built from the current sources. The full
 * `electron-vite build` is tried first (it is what ships); if the main or preload bundle
 * does not build, the renderer alone is built with the same settings, because the browser
 * station only serves out/renderer and runs main's code straight from the sources.
 */
export async function ensureRendererBuilt(): Promise<void> {
  if (!isStale()) return;
  const full = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
  if (full.status === 0 && !isStale()) return;
  const reason = `${full.stderr ?? ''}${full.stdout ?? ''}`.trim().split('\n').slice(-5).join('\n');
  console.warn(`electron-vite build failed; building the renderer alone.\n${reason}`);

  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    configFile: false,
    root: path.join(ROOT, 'src/renderer'),
    // Relative asset URLs, as electron-vite emits, so the same build works from file:// too.
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: RENDERER_OUT, emptyOutDir: true, minify: false, reportCompressedSize: false },
  });
}
