import { describe, expect, it } from 'vitest';
import {
  commandBarcodeText,
  COMMAND_INFO,
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

  it('gives every command its key and what it does', () => {
    expect(new Set(STATION_COMMANDS.map((c) => COMMAND_INFO[c].key)).size).toBe(STATION_COMMANDS.length);
    expect(COMMAND_INFO.PARK.key).toBe('F4');
    expect(COMMAND_INFO.SHIP.key).toBe('Enter');
  });
});
