import fs from 'node:fs';
import { once } from 'node:events';
import { FILE_HIGH_WATER, ZipWriter, type ZipEntryWriter } from './zip-writer';

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

/** Text is collected up to about this many characters before it goes to the file or compressor. */
export const CHUNK_CHARS = 256 * 1024;
export const XLSX_MAX_ROWS = 1_048_576;
/** A worksheet part must stay under the 4 GiB a plain zip entry can hold; start another sheet well before. */
const XLSX_MAX_SHEET_BYTES = 3.75 * 1024 ** 3;

const CSV_NEEDS_QUOTES = /[",\r\n]/;
const CSV_QUOTE = /"/g;

/** One CSV field: formula-looking text neutralized, then quoted per RFC 4180 when needed. */
function csvField(value: string | number | null, neutralizeFormulas: boolean): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  let text = value;
  if (neutralizeFormulas && text.length > 0) {
    const c = text.charCodeAt(0);
    // = + - @ tab CR, the same set as FORMULA_START, checked without a regex per cell.
    if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) text = `'${text}`;
  }
  return CSV_NEEDS_QUOTES.test(text) ? `"${text.replace(CSV_QUOTE, '""')}"` : text;
}

/**
 * RFC 4180 CSV, UTF-8 with BOM (so Excel reads UTF-8), CRLF line ends, formula-looking
 * cells neutralized, every value written exactly as stored (serials stay text). Lines are
 * joined into large chunks and the stream's backpressure is honoured, so memory stays flat.
 */
export class CsvSink implements RowSink {
  readonly #stream: fs.WriteStream;
  readonly #neutralize: boolean;
  #chunk = '';
  #error: Error | null = null;

  constructor(file: string, header: readonly string[], options: { neutralize: boolean; flags?: string }) {
    this.#stream = fs.createWriteStream(file, { flags: options.flags ?? 'wx', highWaterMark: FILE_HIGH_WATER });
    // Remember the first error: it may arrive while nobody is waiting on the stream.
    this.#stream.on('error', (error) => (this.#error ??= error));
    this.#neutralize = options.neutralize;
    this.#chunk = `\ufeff${this.#line(header)}`;
  }

  #line(values: readonly (string | number | null)[]): string {
    let line = values.length > 0 ? csvField(values[0]!, this.#neutralize) : '';
    for (let i = 1; i < values.length; i += 1) line += `,${csvField(values[i]!, this.#neutralize)}`;
    return `${line}\r\n`;
  }

  writeRow(values: readonly (string | number | null)[]): Promise<void> | void {
    this.#chunk += this.#line(values);
    if (this.#chunk.length >= CHUNK_CHARS) return this.#flush();
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

  #flush(): Promise<void> | void {
    if (this.#error) return Promise.reject(this.#error);
    if (this.#chunk.length === 0) return;
    const text = this.#chunk;
    this.#chunk = '';
    if (!this.#stream.write(text)) return this.#until('drain');
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

// eslint-disable-next-line no-control-regex -- finding control codes is the point
const XML_SPECIAL = /[&<>\r\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
// eslint-disable-next-line no-control-regex -- finding control codes is the point
const XML_ESCAPE = /[&<>]|[\r\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

/**
 * Text for a spreadsheet cell. Characters XML cannot carry (control codes such as the GS1
 * separator), CR (which XML readers turn into LF) and a literal "_x0041_" use the
 * spreadsheet's own _xHHHH_ escape, so every serial reads back exactly as stored.
 */
function xmlText(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text.replace(XML_ESCAPE, (ch) => {
    if (ch === '&') return '&amp;';
    if (ch === '<') return '&lt;';
    if (ch === '>') return '&gt;';
    return `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
  });
}

function xmlAttr(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** A, B, … Z, AA, AB, … for column index 0, 1, … */
function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Excel refuses sheet names with these characters, longer than 31 characters, or blank. */
function sheetTitle(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/g, '-').trim();
  return (clean || 'Sheet').slice(0, 31);
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Style 0 general (numbers), 1 text "@" (strings), 2 bold text (header). */
const STYLES = `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/**
 * XLSX written as a stream: each worksheet is deflated while rows arrive (on the thread
 * pool, beside the query), strings are inline text cells in a text-formatted column, so
 * leading zeros, long digit runs and formula-looking serials stay exactly as stored and
 * nothing is evaluated. A sheet that reaches Excel's row limit continues on the next one.
 */
export class XlsxSink implements RowSink {
  readonly #zip: ZipWriter;
  readonly #header: readonly string[];
  readonly #sheetName: string;
  readonly #maxRows: number;
  readonly #cellRefs: readonly string[];
  readonly #sheetNames: string[] = [];
  #entry: Promise<ZipEntryWriter> | null = null;
  #chunk = '';
  #rowsInSheet = 0;
  /** Set when the sheet's XML nears the size a zip entry can hold: the next row starts a new sheet. */
  #sheetFull = false;

  constructor(file: string, header: readonly string[], sheetName: string, maxRows = XLSX_MAX_ROWS) {
    this.#zip = new ZipWriter(file);
    this.#header = header;
    this.#sheetName = sheetName;
    this.#maxRows = maxRows;
    this.#cellRefs = header.map((_, i) => `<c r="${columnLetters(i)}`);
  }

  #row(values: readonly (string | number | null)[], style: string): string {
    const n = String(this.#rowsInSheet + 1);
    let xml = `<row r="${n}">`;
    for (let i = 0; i < values.length; i += 1) {
      const value = values[i];
      if (value === null || value === undefined || value === '') continue;
      const ref = this.#cellRefs[i] ?? `<c r="${columnLetters(i)}`;
      if (typeof value === 'number' && Number.isFinite(value)) {
        xml += `${ref}${n}"><v>${value}</v></c>`;
      } else {
        const text = String(value);
        const keep = isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1));
        xml += `${ref}${n}" s="${style}" t="inlineStr"><is><t${keep ? ' xml:space="preserve"' : ''}>${xmlText(text)}</t></is></c>`;
      }
    }
    this.#rowsInSheet += 1;
    return `${xml}</row>`;
  }

  async #openSheet(): Promise<ZipEntryWriter> {
    const index = this.#sheetNames.length + 1;
    const base = sheetTitle(this.#sheetName);
    const suffix = index === 1 ? '' : ` (${index})`;
    this.#sheetNames.push(`${base.slice(0, 31 - suffix.length)}${suffix}`);
    const entry = await this.#zip.openEntry(`xl/worksheets/sheet${index}.xml`);
    const cols = this.#header
      .map(
        (h, i) =>
          `<col min="${i + 1}" max="${i + 1}" width="${Math.max(12, h.length + 2)}" style="1" customWidth="1"/>`,
      )
      .join('');
    this.#rowsInSheet = 0;
    this.#sheetFull = false;
    this.#chunk =
      `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0">` +
      `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${this.#row(this.#header, '2')}`;
    return entry;
  }

  async #closeSheet(entry: ZipEntryWriter): Promise<void> {
    this.#chunk += '</sheetData></worksheet>';
    await this.#flush(entry);
    await entry.close();
  }

  async #flush(entry: ZipEntryWriter): Promise<void> {
    const data = Buffer.from(this.#chunk, 'utf8');
    this.#chunk = '';
    await entry.write(data);
  }

  writeRow(values: readonly (string | number | null)[]): Promise<void> | void {
    if (!this.#entry || this.#sheetFull || this.#rowsInSheet >= this.#maxRows) return this.#writeSlow(values);
    this.#chunk += this.#row(values, '1');
    if (this.#chunk.length >= CHUNK_CHARS) return this.#writeSlow(null);
  }

  /** Opening the first sheet, rolling over to the next and flushing: the rare, asynchronous part. */
  async #writeSlow(values: readonly (string | number | null)[] | null): Promise<void> {
    // The first sheet opens lazily: opening writes to the file, which is asynchronous.
    this.#entry ??= this.#openSheet();
    let entry = await this.#entry;
    if (values) {
      if (this.#sheetFull || this.#rowsInSheet >= this.#maxRows) {
        await this.#closeSheet(entry);
        this.#entry = this.#openSheet();
        entry = await this.#entry;
      }
      this.#chunk += this.#row(values, '1');
    }
    if (this.#chunk.length >= CHUNK_CHARS) {
      await this.#flush(entry);
      this.#sheetFull = entry.size >= XLSX_MAX_SHEET_BYTES;
    }
  }

  async finish(): Promise<void> {
    this.#entry ??= this.#openSheet();
    await this.#closeSheet(await this.#entry);
    const sheets = this.#sheetNames;
    await this.#zip.addFile(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        `</Types>`,
    );
    await this.#zip.addFile(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    await this.#zip.addFile(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
        sheets.map((name, i) => `<sheet name="${xmlAttr(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        `</sheets></workbook>`,
    );
    await this.#zip.addFile(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    );
    await this.#zip.addFile('xl/styles.xml', STYLES);
    await this.#zip.finish();
    await fsyncFile(this.#zip.path);
  }

  async abort(): Promise<void> {
    await this.#zip.abort();
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
