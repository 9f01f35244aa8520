import { parseAimPrefix } from '../../../shared/scan/aim';
import type { ScanEvent } from '../types';

/**
 * Builds the ScanEvent for one scan. `text` keeps its AIM identifier (the shared scan parser
 * needs it to recognise GS1 symbols); the symbology's name is added for display.
 */
export function scanEvent(text: string, source: ScanEvent['source'], receivedAt = new Date()): ScanEvent {
  const aim = parseAimPrefix(text);
  const base = { text, source, receivedAt: receivedAt.toISOString() };
  return aim === null ? base : { ...base, symbology: aim.symbology.name };
}
