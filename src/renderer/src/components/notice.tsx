import type { ReactNode } from 'react';
import { IconCheck, IconError, IconInfo, IconWarning } from './icons';

type Tone = 'error' | 'warning' | 'success' | 'info';

const ICONS = { error: IconError, warning: IconWarning, success: IconCheck, info: IconInfo } as const;

/** A message block with icon, title and words, so no state is told by colour alone. */
export function Notice({
  tone,
  title,
  children,
  testId,
}: {
  readonly tone: Tone;
  readonly title: string;
  readonly children?: ReactNode;
  readonly testId?: string;
}) {
  const Icon = ICONS[tone];
  return (
    <div
      className={`notice notice-${tone}`}
      role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'}
      data-testid={testId}
    >
      <Icon className="notice-icon" />
      <div className="notice-body">
        <p className="notice-title">{title}</p>
        {children}
      </div>
    </div>
  );
}
