/**
 * Command barcodes: printed codes a packer scans instead of reaching for the keyboard. Each
 * does exactly what its station key does. The barcodes carry `CMD:` before the word, which no
 * product code or serial starts with; the bare word and the `*WORD*` form some scanner
 * manuals print are read the same, so a command can also be typed.
 */

export const STATION_COMMANDS = ['SHIP', 'WEIGH', 'REPRINT', 'PARK', 'REMOVE', 'VOID'] as const;
export type StationCommand = (typeof STATION_COMMANDS)[number];

export interface CommandInfo {
  readonly command: StationCommand;
  /** The station key that does the same. */
  readonly key: string;
  /** What scanning it does, in a packer's words. */
  readonly does: string;
}

export const COMMAND_INFO: Readonly<Record<StationCommand, CommandInfo>> = {
  SHIP: { command: 'SHIP', key: 'Enter', does: 'Ship the order once everything is packed.' },
  WEIGH: { command: 'WEIGH', key: 'F6', does: 'Weigh the parcel on the scale.' },
  REPRINT: { command: 'REPRINT', key: 'F7', does: 'Print the labels, or print them again.' },
  PARK: { command: 'PARK', key: 'F4', does: 'Park the order to finish it later.' },
  REMOVE: { command: 'REMOVE', key: 'F2', does: 'Remove a serial: the next scan takes it out (again to stop).' },
  VOID: { command: 'VOID', key: 'F8', does: 'Void the order (a supervisor approves).' },
};

/** Other words scanner sheets use for the same commands. */
const ALIASES: Readonly<Record<string, StationCommand>> = { PRINT: 'REPRINT' };

const COMMAND_SET = new Set<string>(STATION_COMMANDS);

/** The text a command's barcode encodes. */
export function commandBarcodeText(command: StationCommand): string {
  return `CMD:${command}`;
}

/** The command a scan is, or null for anything else (an order, an item, a serial). */
export function stationCommand(text: string): StationCommand | null {
  const upper = text.trim().toUpperCase();
  const word = upper.startsWith('CMD:')
    ? upper.slice(4)
    : upper.length > 2 && upper.startsWith('*') && upper.endsWith('*')
      ? upper.slice(1, -1)
      : upper;
  if (COMMAND_SET.has(word)) return word as StationCommand;
  return ALIASES[word] ?? null;
}
