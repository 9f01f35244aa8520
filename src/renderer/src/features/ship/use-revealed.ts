import { useCallback } from 'react';

/**
 * A ref that scrolls its element into view when it appears, so a form opened from a key press
 * is never left below the fold on a small station screen.
 */
export function useRevealed(): (element: HTMLElement | null) => void {
  return useCallback((element: HTMLElement | null) => {
    element?.scrollIntoView?.({ block: 'nearest' });
  }, []);
}
