/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/** Types a code the way a keyboard-wedge scanner does: a few milliseconds a key, then Enter. */
export async function wedgeScan(page: Page, code: string, keyDelayMs = 5): Promise<void> {
  await page.keyboard.type(code, { delay: keyDelayMs });
  await page.keyboard.press('Enter');
}

/** The number of the verdict on screen (it goes up with every answer), or null before the first. */
export function verdictSeq(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('[data-testid="verdict"]')?.getAttribute('data-seq') ?? null);
}

/**
 * Does `action` (a scan, a key, a click) and waits until the screen shows the station's
 * answer to it; returns the verdict's title and message.
 */
export async function answered(page: Page, action: () => Promise<void>): Promise<{ title: string; message: string }> {
  const before = await verdictSeq(page);
  await action();
  await page.waitForFunction(
    (previous) => {
      const seq = document.querySelector('[data-testid="verdict"]')?.getAttribute('data-seq') ?? null;
      return seq !== null && seq !== previous;
    },
    before,
    { timeout: 10_000 },
  );
  const verdict = page.getByTestId('verdict');
  return {
    title: await verdict.getByTestId('verdict-title').innerText(),
    message: await verdict.getByTestId('verdict-message').innerText(),
  };
}

/** Scans a code like a wedge scanner and waits for the station's verdict on it. */
export function scanAnswered(page: Page, code: string): Promise<{ title: string; message: string }> {
  return answered(page, () => wedgeScan(page, code));
}
