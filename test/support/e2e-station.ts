import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { createAppContext, type AppContext, type AppContextOptions } from '../../src/main/app-context';
import { startBrowserStation, type BrowserStation } from '../../src/main/station/browser-station';
import type { ImportKind } from '../../src/shared/ipc/imports.contract';
import { launchChromium, SCREENS_DIR } from './e2e-browser';
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

  // A failed test leaves its page open: say what was on the screen, in the log and as a picture.
  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      for (const page of browser?.contexts().flatMap((c) => c.pages()) ?? []) {
        const text = await page
          .evaluate(() => `${window.location.hash}\n${document.body.innerText}`)
          .catch((error: unknown) => String(error));
        console.error(`The screen when "${task.name}" failed:\n${text.slice(0, 3000)}`);
        fs.mkdirSync(SCREENS_DIR, { recursive: true });
        await page
          .screenshot({ path: path.join(SCREENS_DIR, `failed-${options.name}-${Date.now()}.png`) })
          .catch(() => undefined);
      }
    });
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

/**
 * Presses a screen's Alt shortcut and waits until the station shows that screen (its address
 * says so). A key press a stalled test machine lost is sent again; a screen that never comes
 * after three presses fails the test.
 */
export async function goToScreen(page: Page, shortcut: string, screen: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await page.keyboard.press(shortcut);
    try {
      await page.waitForFunction((hash) => window.location.hash === hash, `#/${screen}`, { timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
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
