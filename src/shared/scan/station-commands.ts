/**
 * Command barcodes: printed codes a packer scans instead of reaching for the keyboard. Each
 * does exactly what its station key does. The barcodes carry `CMD:` before the word, which no
 * product code or serial starts with; the bare word and the `*WORD*` form some scanner
 * manuals print are read the same, so a command can also be typed.
 */

export const STATION_COMMANDS = ['SHIP', 'WEIGH', 'REPRINT', 'PARK', 'REMOVE', 'VOID', 'CLOSE'] as const;
export type StationCommand = (typeof STATION_COMMANDS)[number];

/** Where a command works: the ship screen, or the receiving and transfer wizards. */
export type CommandScreen = 'ship' | 'wizard';

export const COMMAND_SCREEN_WORDS: Readonly<Record<CommandScreen, string>> = {
  ship: 'the ship screen',
  wizard: 'the receiving and transfer screens',
};

export interface CommandInfo {
  readonly command: StationCommand;
  /** The key that does the same on each screen; absent where the command has no work. */
  readonly keys: Readonly<Partial<Record<CommandScreen, string>>>;
  /** What scanning it does, in a packer's words. */
  readonly does: string;
}

export const COMMAND_INFO: Readonly<Record<StationCommand, CommandInfo>> = {
  SHIP: { command: 'SHIP', keys: { ship: 'Enter' }, does: 'Ship the order once everything is packed.' },
  WEIGH: { command: 'WEIGH', keys: { ship: 'F6' }, does: 'Weigh the parcel on the scale.' },
  REPRINT: { command: 'REPRINT', keys: { ship: 'F7' }, does: 'Print the labels, or print them again.' },
  PARK: {
    command: 'PARK',
    keys: { ship: 'F4', wizard: 'F4' },
    does: 'Park the order, or leave the PO or transfer, to finish it later.',
  },
  REMOVE: {
    command: 'REMOVE',
    keys: { ship: 'F2', wizard: 'F8' },
    does: 'Remove a serial: the next scan takes it out.',
  },
  VOID: { command: 'VOID', keys: { ship: 'F8' }, does: 'Void the order (a supervisor approves).' },
  CLOSE: {
    command: 'CLOSE',
    keys: { wizard: 'F9' },
    does: 'Close the PO, or confirm the transfer, once everything is scanned.',
  },
};

/** Why a command scanned where an item or serial is read is not one, and where it works. */
export function notAnItemMessage(text: string, command: StationCommand, screen: CommandScreen): string {
  const key = COMMAND_INFO[command].keys[screen];
  if (key !== undefined) {
    return `${text} is the ${command} command barcode: on ${COMMAND_SCREEN_WORDS[screen]} it does what ${key} does. It is not an item or a serial.`;
  }
  const elsewhere = screen === 'ship' ? 'wizard' : 'ship';
  return `${text} is the ${command} command barcode, for ${COMMAND_SCREEN_WORDS[elsewhere]}. It is not an item or a serial.`;
}

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
