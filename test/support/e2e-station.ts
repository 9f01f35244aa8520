import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { createAppContext, type AppContext, type AppContextOptions } from '../../src/main/app-context';
import { startBrowserStation, type BrowserStation } from '../../src/main/station/browser-station';
import type { ImportKind } from '../../src/shared/ipc/imports.contract';
import { launchChromium } from './e2e-browser';
import { ensureRendererBuilt, RENDERER_OUT } from './e2e-renderer-build';

export interface RunningStation {
  readonly station: BrowserStation;
  readonly browser: Browser;
  readonly context: AppContext;
  readonly dataDir: string;
}

interface StationSuiteOptions {
  /** Names the temporary data folder, so a leftover one says which suite left it. */
  readonly name: string;
  readonly stationName: string;
  /** Options beyond the data folder, mode and name (fake devices, device start-up). */
  readonly contextOptions?: () => Partial<AppContextOptions>;
  /** Puts the store in the state the suite starts from, through the station's own services. */
  readonly prepare?: (context: AppContext, dataDir: string) => Promise<void> | void;
  /** Closes what `prepare` opened, after the station and the browser. */
  readonly cleanUp?: () => Promise<void> | void;
}

/**
 * A station on a fresh data folder, served to one Chromium for the whole suite: registers the
 * suite's beforeAll and afterAll, and returns the running parts for the tests to use.
 */
export function browserStationSuite(options: StationSuiteOptions): () => RunningStation {
  let dataDir: string | undefined;
  let context: AppContext | undefined;
  let station: BrowserStation | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    await ensureRendererBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `packbench-e2e-${options.name}-`));
    context = createAppContext({
      ...options.contextOptions?.(),
      dataDir,
      mode: 'browser',
      stationName: options.stationName,
    });
    await options.prepare?.(context, dataDir);
    station = await startBrowserStation({ context, rendererDir: RENDERER_OUT, port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    await context?.close();
    await options.cleanUp?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  return () => {
    if (!station || !browser || !context || !dataDir) throw new Error('The station or the browser did not start.');
    return { station, browser, context, dataDir };
  };
}

/** Imports a CSV the way the Import screen does; a refused row stops the suite's set-up. */
export async function importCsv(context: AppContext, kind: ImportKind, content: string): Promise<void> {
  const preview = await context.services.imports.preview({ kind, fileName: `${kind}.csv`, content });
  if (preview.errors.length > 0) throw new Error(`${kind}.csv: ${JSON.stringify(preview.errors)}`);
  context.services.imports.commit(preview.importId);
}

/** The wizard's next step, in the largest type on the screen. */
export function scanPromptText(page: Page): Promise<string> {
  return page.getByTestId('scan-prompt-text').innerText();
}

/** Signs in on the sign-in screen a screen shows in its place, by name and PIN, and waits for the frame to say so. */
export async function signInOnScreen(page: Page, name: string, pin: string): Promise<void> {
  const signInScreen = page.getByTestId('sign-in');
  await signInScreen.waitFor();
  await signInScreen.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.getByLabel(`PIN for ${name}`).fill(pin);
  await signInScreen.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('operator').getByText(name).waitFor();
}

/** At the smaller station screen the last verdict must be readable without scrolling. */
export async function verdictVisibleAt1366(page: Page): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 1366, height: 768 });
  const box = await page.getByTestId('verdict').boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(768);
  if (before) await page.setViewportSize(before);
}
