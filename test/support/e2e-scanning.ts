/// <reference lib="dom" />
import type { CDPSession, Page } from 'playwright-core';

const sessions = new WeakMap<Page, { cdp: CDPSession; lastStamp: number }>();

async function inputSession(page: Page): Promise<{ cdp: CDPSession; lastStamp: number }> {
  let session = sessions.get(page);
  if (!session) {
    session = { cdp: await page.context().newCDPSession(page), lastStamp: 0 };
    sessions.set(page, session);
  }
  return session;
}

/**
 * Types a code the way a keyboard-wedge scanner does: a few milliseconds a key, then Enter.
 * Each key is stamped with the time a scanner would have sent it, as the operating system
 * stamps real key presses: a test machine that stalls between two keys must not turn one
 * scan into two, since the station tells a scanner burst from typing by those stamps.
 */
export async function wedgeScan(page: Page, code: string, keyDelayMs = 5): Promise<void> {
  const session = await inputSession(page);
  let stamp = Math.max(Date.now() / 1000, session.lastStamp + keyDelayMs / 1000);
  const send = (params: Record<string, unknown>) =>
    session.cdp.send('Input.dispatchKeyEvent', { ...params, timestamp: stamp } as never);
  for (const char of code) {
    await send({ type: 'keyDown', key: char, text: char, unmodifiedText: char });
    await send({ type: 'keyUp', key: char });
    stamp += keyDelayMs / 1000;
  }
  await send({ type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' });
  await send({ type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
  session.lastStamp = stamp;
}

/** Waits until the screen's scan field has the keyboard, as a packer sees the cursor in it. */
export async function scanFieldReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.activeElement?.hasAttribute('data-scan-field') === true);
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
