/**
 * Line settings of a serial or virtual COM port, with the checks a technician gets as
 * messages when a setting cannot be right.
 */

export type Parity = 'none' | 'even' | 'odd';
export type DataBits = 7 | 8;
export type StopBits = 1 | 2;

export interface LineSettings {
  readonly baudRate: number;
  readonly dataBits: DataBits;
  readonly parity: Parity;
  readonly stopBits: StopBits;
}

export interface SerialSettings extends LineSettings {
  /** /dev/ttyUSB0, /dev/serial/by-id/..., COM3. */
  readonly path: string;
}

export const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

export const LINE_8N1: LineSettings = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };
export const LINE_7E1: LineSettings = { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 };

/** "9600 8N1", the way scale and scanner manuals write it. */
export function describeLine(line: LineSettings): string {
  return `${line.baudRate} ${line.dataBits}${line.parity.charAt(0).toUpperCase()}${line.stopBits}`;
}

/** A message for the first setting that cannot be right, or null. */
export function checkLineSettings(line: LineSettings): string | null {
  if (!(BAUD_RATES as readonly number[]).includes(line.baudRate))
    return `Baud rate ${line.baudRate} is not one a scanner or scale uses: pick one of ${BAUD_RATES.join(', ')}.`;
  if (line.dataBits !== 7 && line.dataBits !== 8) return `Data bits must be 7 or 8, not ${String(line.dataBits)}.`;
  if (!['none', 'even', 'odd'].includes(line.parity))
    return `Parity must be none, even or odd, not ${String(line.parity)}.`;
  if (line.stopBits !== 1 && line.stopBits !== 2) return `Stop bits must be 1 or 2, not ${String(line.stopBits)}.`;
  if (line.dataBits === 7 && line.parity === 'none' && line.stopBits === 1)
    return '7 data bits without parity (7N1) is not a setting scales or scanners use: did you mean 7E1 or 8N1?';
  return null;
}

/** Accepts "none|even|odd" and the one-letter forms "N|E|O". */
export function parseParity(text: string): Parity | null {
  const value = text.trim().toLowerCase();
  if (value === 'n' || value === 'none') return 'none';
  if (value === 'e' || value === 'even') return 'even';
  if (value === 'o' || value === 'odd') return 'odd';
  return null;
}
