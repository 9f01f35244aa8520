import type { PackbenchApi } from '../../shared/ipc';

declare global {
  interface Window {
    /** Exposed by the desktop app's preload; absent in browser station mode. */
    readonly packbench?: PackbenchApi;
  }
}

export {};
