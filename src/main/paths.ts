import os from 'node:os';
import path from 'node:path';

/**
 * The per-user application data folder, the same one Electron's app.getPath('userData')
 * gives, so the desktop app and browser station mode share a store.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.PACKBENCH_DATA_DIR) return path.resolve(env.PACKBENCH_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Packbench');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Packbench');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Packbench');
}

/** `--data-dir` beats PACKBENCH_DATA_DIR beats the per-user default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ? path.resolve(flag) : defaultDataDir(env);
}
