export { formatCounts, formatWhen } from './format';
export { LineProgress, type LineProgressRow } from './line-progress';
export { RecentScans } from './recent-scans';
export { ScanPrompt } from './scan-prompt';
export { SessionResumedBanner } from './session-resumed-banner';
export { VerdictBanner, type ShownVerdict } from './verdict-banner';
export { verdictTitle } from './verdict-titles';
