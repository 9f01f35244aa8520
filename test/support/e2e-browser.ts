import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENS_DIR = path.join(ROOT, 'test-results/screens');
export const CHROMIUM = process.env.PACKBENCH_CHROMIUM ?? '/usr/bin/chromium';

/** The two station screen sizes the UI is held to. */
export const SCREEN_SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
] as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Saves the page at both station sizes, as `<name>-<width>.png`, and puts the page back to
 * the size it had, so the test carries on as before.
 */
export async function snapAtStationSizes(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  const before = page.viewportSize();
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-${size.width}.png`) });
  }
  if (before) await page.setViewportSize(before);
}

/**
 * Saves the screen scrolled to one part of it at each station size, as `<name>-<width>.png`:
 * for a part far down a long page, whose place moves when the width changes the layout.
 */
export async function snapPartAtStationSizes(page: Page, testId: string, name: string): Promise<void> {
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  const before = page.viewportSize();
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await page.getByTestId(testId).evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-${size.width}.png`) });
  }
  if (before) await page.setViewportSize(before);
}

/** Collects what the page logs as errors, so a broken screen fails the test rather than hiding. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}
