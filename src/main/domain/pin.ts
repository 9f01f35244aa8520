/** PIN rules. Pure. */

export const PIN_MIN = 4;
export const PIN_MAX = 12;
export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MINUTES = 5;

export function pinProblem(pin: string): string | null {
  if (!/^[0-9]+$/.test(pin)) return 'A PIN is digits only.';
  if (pin.length < PIN_MIN || pin.length > PIN_MAX) return `A PIN has ${PIN_MIN} to ${PIN_MAX} digits.`;
  if (/^(\d)\1+$/.test(pin)) return 'A PIN of one repeated digit is too easy to guess.';
  return null;
}
