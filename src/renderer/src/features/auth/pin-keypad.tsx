import type { RefObject } from 'react';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * A large PIN keypad for touchscreens and gloves. Pressing a key leaves the focus in the
 * PIN box, so typing on the keyboard carries on from the same place.
 */
export function PinKeypad({
  onDigit,
  onDelete,
  onClear,
  disabled,
  keepFocusOn,
}: {
  readonly onDigit: (digit: string) => void;
  readonly onDelete: () => void;
  readonly onClear: () => void;
  readonly disabled?: boolean;
  readonly keepFocusOn: RefObject<HTMLInputElement | null>;
}) {
  const press = (action: () => void) => () => {
    action();
    keepFocusOn.current?.focus();
  };
  // Pressing a key must not take the focus away from the PIN box first.
  const keepFocus = (event: { preventDefault(): void }) => event.preventDefault();
  return (
    <div className="keypad" role="group" aria-label="PIN keypad" data-testid="pin-keypad">
      {DIGITS.map((digit) => (
        <button
          key={digit}
          type="button"
          className="keypad-key"
          disabled={disabled}
          onMouseDown={keepFocus}
          onClick={press(() => onDigit(digit))}
        >
          {digit}
        </button>
      ))}
      <button
        type="button"
        className="keypad-key keypad-key-word"
        disabled={disabled}
        onMouseDown={keepFocus}
        onClick={press(onClear)}
      >
        Clear
      </button>
      <button
        type="button"
        className="keypad-key"
        disabled={disabled}
        onMouseDown={keepFocus}
        onClick={press(() => onDigit('0'))}
      >
        0
      </button>
      <button
        type="button"
        className="keypad-key keypad-key-word"
        aria-label="Delete last digit"
        disabled={disabled}
        onMouseDown={keepFocus}
        onClick={press(onDelete)}
      >
        ⌫
      </button>
    </div>
  );
}
