import { once } from 'node:events';
import fs from 'node:fs';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { AppError } from '../../shared/errors';

/** Bytes handed to the file at a time; large writes keep the syscall count down. */
export const FILE_HIGH_WATER = 1 << 20;

const ZIP32_LIMIT = 0xffff_ffff;
const DEFLATE_LEVEL = 1;
/** Pieces being deflated at once; the thread pool has four threads. */
const DEFLATE_IN_FLIGHT = 3;
const deflateRaw = promisify(zlib.deflateRaw);

interface CentralRecord {
  readonly name: Buffer;
  readonly flags: number;
  readonly crc: number;
  readonly compressed: number;
  readonly size: number;
  readonly offset: number;
}

/** DOS date and time of now, as zip headers store them. */
function dosStamp(): { time: number; date: number } {
  const d = new Date();
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** A part of the archive being written as a stream (a worksheet), deflated on the thread pool. */
export interface ZipEntryWriter {
  /** Resolves once the compressor can take more, so memory stays flat whatever the size. */
  write(data: Buffer): Promise<void> | void;
  /** Uncompressed bytes written so far. */
  readonly size: number;
  close(): Promise<void>;
}

/**
 * A minimal streaming zip writer (deflate, data descriptors, no zip64): enough for an XLSX
 * whose worksheets are produced row by row and never held whole in memory.
 */
export class ZipWriter {
  readonly #out: fs.WriteStream;
  readonly #records: CentralRecord[] = [];
  readonly #stamp = dosStamp();
  readonly #failed: Promise<never>;
  #offset = 0;
  #error: Error | null = null;
  #open = false;

  constructor(file: string, flags = 'wx') {
    this.#out = fs.createWriteStream(file, { flags, highWaterMark: FILE_HIGH_WATER });
    this.#failed = new Promise<never>((_resolve, reject) =>
      this.#out.on('error', (error) => {
        this.#error ??= error;
        reject(error);
      }),
    );
    // Nobody may be waiting when the file fails; the error is rethrown at the next wait.
    this.#failed.catch(() => undefined);
  }

  get path(): string {
    return this.#out.path.toString();
  }

  #wait(emitter: NodeJS.EventEmitter, event: string): Promise<void> {
    if (this.#error) return Promise.reject(this.#error);
    return Promise.race([once(emitter, event).then(() => undefined), this.#failed]);
  }

  async #put(data: Buffer): Promise<void> {
    if (this.#error) throw this.#error;
    if (this.#offset + data.length > ZIP32_LIMIT) throw tooLarge();
    this.#offset += data.length;
    if (!this.#out.write(data)) await this.#wait(this.#out, 'drain');
  }

  #localHeader(name: Buffer, flags: number, crc: number, compressed: number, size: number): Buffer {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(this.#stamp.time, 10);
    header.writeUInt16LE(this.#stamp.date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(compressed, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    return Buffer.concat([header, name]);
  }

  /** Adds a small part whose whole content is known. */
  async addFile(fileName: string, content: string): Promise<void> {
    const data = Buffer.from(content, 'utf8');
    const packed = zlib.deflateRawSync(data, { level: 6 });
    const name = Buffer.from(fileName, 'utf8');
    const record = {
      name,
      flags: 0,
      crc: zlib.crc32(data),
      compressed: packed.length,
      size: data.length,
      offset: this.#offset,
    };
    await this.#put(this.#localHeader(name, 0, record.crc, record.compressed, record.size));
    await this.#put(packed);
    this.#records.push(record);
  }

  /**
   * Starts a streamed part; sizes and checksum follow it in a data descriptor. Each write is
   * deflated on its own on the thread pool, several at once, ending in a sync flush so the
   * pieces join into one valid deflate stream (as pigz does): compression keeps pace with
   * the query instead of holding it up.
   */
  async openEntry(fileName: string): Promise<ZipEntryWriter> {
    if (this.#open) throw new Error('Close the previous zip entry first.');
    const name = Buffer.from(fileName, 'utf8');
    const offset = this.#offset;
    const flags = 0x08;
    await this.#put(this.#localHeader(name, flags, 0, 0, 0));
    this.#open = true;
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const pending: Promise<Buffer>[] = [];
    const writeOldest = async () => {
      const packed = await pending.shift()!;
      compressed += packed.length;
      await this.#put(packed);
    };
    return {
      write: (data) => {
        if (this.#error) throw this.#error;
        crc = zlib.crc32(data, crc);
        size += data.length;
        if (size > ZIP32_LIMIT) throw tooLarge();
        const job = deflateRaw(data, { level: DEFLATE_LEVEL, finishFlush: zlib.constants.Z_SYNC_FLUSH });
        // Rejections surface when the job's turn comes to be written.
        job.catch(() => undefined);
        pending.push(job);
        if (pending.length >= DEFLATE_IN_FLIGHT) return writeOldest();
      },
      get size() {
        return size;
      },
      close: async () => {
        while (pending.length > 0) await writeOldest();
        // The closing empty block marks the end of the deflate stream.
        const last = zlib.deflateRawSync(Buffer.alloc(0), { level: DEFLATE_LEVEL });
        compressed += last.length;
        await this.#put(last);
        this.#open = false;
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(0x08074b50, 0);
        descriptor.writeUInt32LE(crc, 4);
        descriptor.writeUInt32LE(compressed, 8);
        descriptor.writeUInt32LE(size, 12);
        await this.#put(descriptor);
        this.#records.push({ name, flags, crc, compressed, size, offset });
      },
    };
  }

  /** Writes the central directory and closes the file (not yet synced to disk). */
  async finish(): Promise<void> {
    const start = this.#offset;
    for (const r of this.#records) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(r.flags, 8);
      header.writeUInt16LE(8, 10);
      header.writeUInt16LE(this.#stamp.time, 12);
      header.writeUInt16LE(this.#stamp.date, 14);
      header.writeUInt32LE(r.crc, 16);
      header.writeUInt32LE(r.compressed, 20);
      header.writeUInt32LE(r.size, 24);
      header.writeUInt16LE(r.name.length, 28);
      header.writeUInt32LE(r.offset, 42);
      await this.#put(Buffer.concat([header, r.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.#records.length, 8);
    end.writeUInt16LE(this.#records.length, 10);
    end.writeUInt32LE(this.#offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.#put(end);
    this.#out.end();
    await this.#wait(this.#out, 'finish');
  }

  /** Stops writing and releases the file (the caller deletes it). */
  async abort(): Promise<void> {
    if (this.#out.closed) return;
    const closed = once(this.#out, 'close').catch(() => undefined);
    this.#out.destroy();
    await closed;
  }
}

function tooLarge(): AppError {
  return new AppError(
    'EXPORT_FAILED',
    'This export is too large for one Excel file (over 4 GB). Choose a shorter date range, or export CSV.',
  );
}
