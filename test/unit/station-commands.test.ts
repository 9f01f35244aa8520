import { describe, expect, it } from 'vitest';
import {
  commandBarcodeText,
  COMMAND_INFO,
  notAnItemMessage,
  STATION_COMMANDS,
  stationCommand,
} from '../../src/shared/scan/station-commands';

describe('command barcodes', () => {
  it('reads every command in each form a sheet or a person uses', () => {
    for (const command of STATION_COMMANDS) {
      expect(stationCommand(commandBarcodeText(command))).toBe(command);
      expect(stationCommand(command.toLowerCase())).toBe(command);
      expect(stationCommand(`*${command}*`)).toBe(command);
      expect(stationCommand(`  cmd:${command.toLowerCase()}\r`)).toBe(command);
    }
    expect(stationCommand('PRINT')).toBe('REPRINT');
    expect(stationCommand('CMD:PRINT')).toBe('REPRINT');
  });

  it('takes orders, items and serials for what they are', () => {
    for (const text of [
      'SHIPPING',
      'SO-SHIP',
      'CMD:',
      'CMD:FOO',
      '**',
      '*',
      'SHIP*',
      '0840000000017',
      'PARK-7',
      'CMD:SHIP:2',
      '',
    ]) {
      expect(stationCommand(text), text).toBeNull();
    }
  });

  it('gives every command a key on each screen it works on, never one key for two commands there', () => {
    for (const screen of ['ship', 'wizard'] as const) {
      const keys = STATION_COMMANDS.map((c) => COMMAND_INFO[c].keys[screen]).filter((k) => k !== undefined);
      expect(new Set(keys).size, screen).toBe(keys.length);
    }
    expect(STATION_COMMANDS.every((c) => Object.keys(COMMAND_INFO[c].keys).length > 0)).toBe(true);
    expect(COMMAND_INFO.PARK.keys).toEqual({ ship: 'F4', wizard: 'F4' });
    expect(COMMAND_INFO.REMOVE.keys).toEqual({ ship: 'F2', wizard: 'F8' });
  });

  it('says where a command works when it is scanned as an item', () => {
    expect(notAnItemMessage('CMD:PARK', 'PARK', 'wizard')).toBe(
      'CMD:PARK is the PARK command barcode: on the receiving and transfer screens it does what F4 does. It is not an item or a serial.',
    );
    expect(notAnItemMessage('*ship*', 'SHIP', 'wizard')).toBe(
      '*ship* is the SHIP command barcode, for the ship screen. It is not an item or a serial.',
    );
    expect(notAnItemMessage('CMD:CLOSE', 'CLOSE', 'ship')).toBe(
      'CMD:CLOSE is the CLOSE command barcode, for the receiving and transfer screens. It is not an item or a serial.',
    );
  });
});
