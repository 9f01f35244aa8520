import type { ReactNode } from 'react';

interface KeyButtonProps {
  readonly keyLabel: string;
  readonly onClick: () => void;
  readonly children: ReactNode;
  readonly primary?: boolean;
  /** Set for a button that switches a mode on and off, so it reads as pressed while on. */
  readonly pressed?: boolean;
  readonly disabled?: boolean;
}

/** A wizard action that also has a function key, shown on the button so it is learned by use. */
export function KeyButton({ keyLabel, onClick, children, primary = false, pressed, disabled = false }: KeyButtonProps) {
  return (
    <button
      type="button"
      className={`button${primary ? ' button-primary' : ''}`}
      aria-keyshortcuts={keyLabel}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
    >
      {children} <kbd>{keyLabel}</kbd>
    </button>
  );
}
