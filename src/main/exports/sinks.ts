import fs from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

/** Where exported rows go: a CSV or XLSX file written as a stream. */
export interface RowSink {
  writeRow(values: readonly (string | number | null)[]): Promise<void> | void;
  finish(): Promise<void>;
  /** Stops writing and releases the file (the caller deletes it). */
  abort(): Promise<void>;
}

/** Spreadsheet apps run cells starting with these as formulas (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralizes a cell a spreadsheet would evaluate by prefixing an apostrophe. */
export function neutralize(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const CSV_BATCH = 2000;
export const XLSX_MAX_ROWS = 1_048_576;

/** RFC 4180 CSV, UTF-8 with BOM (so Excel reads UTF-8), formula-looking cells neutralized. */
export class CsvSink implements RowSink {
  readonly #stream: fs.WriteStream;
  readonly #neutralize: boolean;
  #batch: (string | number | null)[][] = [];
  #error: Error | null = null;

  constructor(file: string, header: readonly string[], options: { neutralize: boolean; flags?: string }) {
    this.#stream = fs.createWriteStream(file, { flags: options.flags ?? 'wx' });
    // Remember the first error: it may arrive while nobody is waiting on the stream.
    this.#stream.on('error', (error) => (this.#error ??= error));
    this.#neutralize = options.neutralize;
    this.#stream.write('\ufeff');
    this.#batch.push([...header]);
  }

  async writeRow(values: readonly (string | number | null)[]): Promise<void> {
    this.#batch.push(this.#neutralize ? values.map((v) => (typeof v === 'string' ? neutralize(v) : v)) : [...values]);
    if (this.#batch.length >= CSV_BATCH) await this.#flush();
  }

  /** Waits for a stream event, failing at once if the stream has failed or fails meanwhile. */
  #until(event: 'drain' | 'finish'): Promise<void> {
    if (this.#error) return Promise.reject(this.#error);
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => {
        this.#stream.off(event, onDone);
        reject(error);
      };
      const onDone = () => {
        this.#stream.off('error', onError);
        resolve();
      };
      this.#stream.once(event, onDone);
      this.#stream.once('error', onError);
    });
  }

  async #flush(): Promise<void> {
    if (this.#error) throw this.#error;
    if (this.#batch.length === 0) return;
    const text = stringify(this.#batch, { record_delimiter: '\r\n', quoted_match: /[\r\n",]/ });
    this.#batch = [];
    if (!this.#stream.write(text)) await this.#until('drain');
  }

  async finish(): Promise<void> {
    await this.#flush();
    this.#stream.end();
    await this.#until('finish');
    await fsyncFile(this.#stream.path.toString()).catch((error: NodeJS.ErrnoException) => {
      // Character devices (a test's /dev/full) cannot be fsynced; real files can.
      if (error.code !== 'EINVAL') throw error;
    });
  }

  async abort(): Promise<void> {
    if (this.#stream.closed) return;
    const closed = once(this.#stream, 'close').catch(() => undefined);
    this.#stream.destroy();
    await closed;
  }
}

/**
 * XLSX through ExcelJS's streaming writer: rows are committed as they come, strings are
 * written as text cells (leading zeros and long digit runs survive), and a sheet that
 * reaches Excel's row limit continues on the next one.
 */
export class XlsxSink implements RowSink {
  readonly #workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  readonly #header: readonly string[];
  readonly #sheetName: string;
  readonly #file: string;
  readonly #maxRows: number;
  #sheet: ExcelJS.Worksheet;
  #rowsInSheet = 0;
  #sheets = 1;

  constructor(file: string, header: readonly string[], sheetName: string, maxRows = XLSX_MAX_ROWS) {
    this.#file = file;
    this.#maxRows = maxRows;
    this.#workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: file,
      useSharedStrings: false,
      useStyles: true,
    });
    this.#header = header;
    this.#sheetName = sheetName;
    this.#sheet = this.#addSheet();
  }

  #addSheet(): ExcelJS.Worksheet {
    const name = this.#sheets === 1 ? this.#sheetName : `${this.#sheetName} (${this.#sheets})`;
    const sheet = this.#workbook.addWorksheet(name.slice(0, 31));
    sheet.columns = this.#header.map((h) => ({
      header: h,
      key: h,
      width: Math.max(12, h.length + 2),
      style: { numFmt: '@' },
    }));
    this.#rowsInSheet = 1;
    return sheet;
  }

  writeRow(values: readonly (string | number | null)[]): Promise<void> | void {
    if (this.#rowsInSheet >= this.#maxRows) {
      this.#sheet.commit();
      this.#sheets += 1;
      this.#sheet = this.#addSheet();
    }
    this.#sheet.addRow(values.map((v) => v ?? '')).commit();
    this.#rowsInSheet += 1;
  }

  async finish(): Promise<void> {
    this.#sheet.commit();
    await this.#workbook.commit();
    await fsyncFile(this.#file);
  }

  async abort(): Promise<void> {
    try {
      this.#sheet.commit();
      await this.#workbook.commit();
    } catch {
      // The file is deleted by the caller; a failed close changes nothing.
    }
  }
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
