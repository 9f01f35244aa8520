/**
 * The session a tab was working on, kept in the tab's own storage under `key`, so leaving the
 * screen and coming back picks it up again. Without storage nothing is lost: an open session
 * is still listed on the screen's first step.
 */
export function rememberSession(key: string, sessionId: number | null): void {
  try {
    if (sessionId === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, String(sessionId));
  } catch {
    // Storage is off or full: the session stays listed as not finished.
  }
}

export function rememberedSession(key: string): number | null {
  try {
    const value = Number(sessionStorage.getItem(key));
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}
