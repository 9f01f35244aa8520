import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PackbenchApi } from '../../src/shared/ipc';
import { ELECTRON_IPC } from '../../src/shared/ipc/electron-bridge';

// The Electron runtime is not available to unit tests; these stand-ins record what the
// preload hands to the page and what it sends to main, which is all the bridge does.
const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const rendererListeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  const invoke = vi.fn<(message: string, ...args: unknown[]) => Promise<unknown>>();
  return {
    exposed,
    rendererListeners,
    invoke,
    module: {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke,
        on: (message: string, listener: (event: unknown, ...args: unknown[]) => void) => {
          rendererListeners.set(message, [...(rendererListeners.get(message) ?? []), listener]);
        },
      },
    },
  };
});

vi.mock('electron', () => electron.module);

async function loadBridge(): Promise<PackbenchApi> {
  vi.resetModules();
  electron.exposed.clear();
  electron.rendererListeners.clear();
  await import('../../src/preload/index');
  return electron.exposed.get('packbench') as PackbenchApi;
}

/** What main does when it pushes an event to the window. */
function pushFromMain(name: string, payload: unknown): void {
  for (const listener of electron.rendererListeners.get(ELECTRON_IPC.event) ?? []) listener({}, name, payload);
}

const progress = { importId: 'imp-1', phase: 'parsing', done: 10, total: 100 };

describe('preload bridge', () => {
  beforeEach(() => {
    electron.invoke.mockReset();
  });

  it('gives the page window.packbench with invoke and on, and nothing else', async () => {
    const api = await loadBridge();
    expect([...electron.exposed.keys()]).toEqual(['packbench']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('refuses a channel that is not in the contract without bothering main', async () => {
    const api = await loadBridge();
    const result = await api.invoke('fs:read-file' as never, { path: '/etc/passwd' } as never);
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: 'There is no channel named "fs:read-file".' },
    });
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('passes a known channel and its input to main and hands back main’s envelope', async () => {
    const api = await loadBridge();
    const answer = { ok: true, value: { items: [], total: 0 } };
    electron.invoke.mockResolvedValueOnce(answer);
    const input = { search: 'cable', limit: 20, offset: 0 };
    const result = await api.invoke('catalog:list-products', input);
    expect(electron.invoke).toHaveBeenCalledWith(ELECTRON_IPC.invoke, 'catalog:list-products', input);
    expect(result).toEqual(answer);
  });

  it('turns a failed delivery into an error envelope instead of a thrown error', async () => {
    const api = await loadBridge();
    electron.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    const result = await api.invoke('app:get-status');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('INTERNAL');
  });

  it('delivers pushed events to subscribers until they unsubscribe', async () => {
    const api = await loadBridge();
    const heard: unknown[] = [];
    const unsubscribe = api.on('imports:progress', (payload) => heard.push(payload));
    pushFromMain('imports:progress', progress);
    unsubscribe();
    pushFromMain('imports:progress', { ...progress, done: 20 });
    expect(heard).toEqual([progress]);
  });

  it('keeps delivering to other subscribers when one listener throws', async () => {
    const api = await loadBridge();
    const heard: unknown[] = [];
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    api.on('imports:progress', () => {
      throw new Error('broken screen');
    });
    api.on('imports:progress', (payload) => heard.push(payload));
    pushFromMain('imports:progress', progress);
    quiet.mockRestore();
    expect(heard).toEqual([progress]);
  });

  it('refuses to subscribe to an event that is not in the contract', async () => {
    const api = await loadBridge();
    expect(() => api.on('devices:everything' as never, () => undefined)).toThrow(
      'There is no event named "devices:everything".',
    );
  });
});
