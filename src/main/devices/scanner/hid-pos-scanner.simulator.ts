/**
 * A fake HID POS scanner: it emits the same 64-byte input reports a Honeywell or Access-IS
 * scanner sends (report id, length, AIM id, data, vendor byte, reserved, continuation), so
 * the real driver code parses and joins them.
 */

import { FakeHidBackend, FakeHidTransport } from '../hid/fake-hid-transport';
import {
  BAR_CODE_SCANNER_USAGE,
  HONEYWELL_VENDOR_ID,
  MAX_DATA_BYTES_PER_REPORT,
  SCANNED_DATA_REPORT_ID,
  SCANNER_USAGE_PAGE,
} from './hid-pos-report';

const REPORT_BYTES = 64;

/** The reports for one scan, report id at byte 0 as node-hid delivers them. */
export function encodeScannerReports(data: string, aim: string | null = null): number[][] {
  const bytes = [...Buffer.from(data, 'utf8')];
  const reports: number[][] = [];
  let offset = 0;
  do {
    const chunk = bytes.slice(offset, offset + MAX_DATA_BYTES_PER_REPORT);
    offset += chunk.length;
    const report = new Array<number>(REPORT_BYTES).fill(0);
    report[0] = SCANNED_DATA_REPORT_ID;
    report[1] = chunk.length;
    if (aim !== null) [...Buffer.from(aim, 'latin1')].slice(0, 3).forEach((byte, i) => (report[2 + i] = byte));
    chunk.forEach((byte, i) => (report[5 + i] = byte));
    report[REPORT_BYTES - 1] = offset < bytes.length ? 0x01 : 0x00;
    reports.push(report);
  } while (offset < bytes.length);
  return reports;
}

export class FakeHidScanner extends FakeHidTransport {
  /** Sends a scan as one or more reports. */
  scan(data: string, aim: string | null = null): void {
    for (const report of encodeScannerReports(data, aim)) this.emitReport(report);
  }
}

export const FAKE_SCANNER_PATH = 'fake-hid://scanner';

/** A backend with one Honeywell-like HID POS scanner plugged in. */
export function fakeScannerBackend(path = FAKE_SCANNER_PATH): FakeHidBackend {
  const backend = new FakeHidBackend();
  backend.plug(
    {
      path,
      vendorId: HONEYWELL_VENDOR_ID,
      productId: 0x0b8f,
      manufacturer: 'Simulated',
      product: 'HID POS scanner',
      usagePage: SCANNER_USAGE_PAGE,
      usage: BAR_CODE_SCANNER_USAGE,
    },
    () => new FakeHidScanner(),
  );
  return backend;
}
