/**
 * The HID POS bar code scanner input report (usage page 0x8C, usage 0x02 "Bar Code Scanner",
 * scanned data report id 2), as Honeywell, Zebra, Datalogic and Access-IS scanners send it:
 *
 *   [report id 0x02] [length] [AIM id: 3 bytes, e.g. "]d2"] [data: up to 56 bytes, zero padded]
 *   [vendor symbology id] [reserved] [continuation: bit 0 set when more reports follow]
 *
 * node-hid keeps the report id at byte 0; WebHID strips it and gives it separately, so the
 * parser takes the offset as an option. A long scan comes as several reports; each carries
 * up to 56 data bytes and all but the last have the continuation bit set.
 */

export const SCANNER_USAGE_PAGE = 0x8c;
export const BAR_CODE_SCANNER_USAGE = 0x02;
export const SCANNED_DATA_REPORT_ID = 0x02;
export const MAX_DATA_BYTES_PER_REPORT = 56;

export const HONEYWELL_VENDOR_ID = 0x0c2e;
/**
 * Honeywell scanners in HID POS mode send scans only after this feature report (id 0xFE,
 * value 1) enables the scanned-data reports, AIM identifier included.
 */
export const HONEYWELL_ENABLE_REPORT: readonly number[] = [0xfe, 0x01];

export interface ScannerReport {
  /** "]d2" etc.; null when the scanner sends no AIM identifier (zero bytes). */
  readonly aim: string | null;
  readonly data: Uint8Array;
  readonly more: boolean;
}

export type ScannerReportResult =
  | { readonly kind: 'data'; readonly report: ScannerReport }
  /** Another report of the device (status, settings): not a scan, not an error. */
  | { readonly kind: 'other'; readonly reportId: number }
  | { readonly kind: 'invalid'; readonly reason: string };

export interface ReportLayout {
  /** True for node-hid (byte 0 is the report id), false for WebHID. */
  readonly reportIdIncluded: boolean;
}

const AIM_CHARS = /^\][A-Za-z][0-9A-Za-z]$/;

export function parseScannerReport(bytes: Uint8Array, layout: ReportLayout): ScannerReportResult {
  const base = layout.reportIdIncluded ? 1 : 0;
  if (layout.reportIdIncluded) {
    if (bytes.length === 0) return { kind: 'invalid', reason: 'empty report' };
    const reportId = bytes[0] as number;
    if (reportId !== SCANNED_DATA_REPORT_ID) return { kind: 'other', reportId };
  }
  const headerEnd = base + 4;
  if (bytes.length < headerEnd + 1) return { kind: 'invalid', reason: `report too short (${bytes.length} bytes)` };
  const length = bytes[base] as number;
  // The last byte is the continuation flag, the two before it vendor bytes: data must end before them.
  const room = Math.min(MAX_DATA_BYTES_PER_REPORT, bytes.length - headerEnd - 1);
  if (length > room) return { kind: 'invalid', reason: `report says ${length} data bytes but has room for ${room}` };
  const aimBytes = bytes.subarray(base + 1, base + 4);
  const aimText = String.fromCharCode(...aimBytes);
  let aim: string | null = null;
  if (AIM_CHARS.test(aimText)) aim = aimText;
  else if (aimBytes.some((byte) => byte !== 0)) return { kind: 'invalid', reason: `unreadable AIM identifier` };
  const more = ((bytes[bytes.length - 1] as number) & 0x01) === 0x01;
  return { kind: 'data', report: { aim, data: bytes.slice(headerEnd, headerEnd + length), more } };
}

export interface AssembledScan {
  readonly aim: string | null;
  /** The data decoded as UTF-8 (or Latin-1 when it is not valid UTF-8), AIM id not included. */
  readonly data: string;
}

/** Joins continued reports into one scan. */
export class ScanAssembler {
  #parts: Uint8Array[] = [];
  #aim: string | null = null;

  get partial(): boolean {
    return this.#parts.length > 0;
  }

  /** Returns the scan when `report` completes one, null while more reports are due. */
  push(report: ScannerReport): AssembledScan | null {
    if (this.#parts.length === 0) this.#aim = report.aim;
    this.#parts.push(report.data);
    if (report.more) return null;
    const bytes = Buffer.concat(this.#parts);
    const aim = this.#aim;
    this.reset();
    return { aim, data: decodeScanBytes(bytes) };
  }

  reset(): void {
    this.#parts = [];
    this.#aim = null;
  }
}

/** Scanners send UTF-8 for QR codes and single-byte text for most linear codes. */
export function decodeScanBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}
