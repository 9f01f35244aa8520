/**
 * Cuts a serial byte stream into frames. Serial data arrives in arbitrary chunks (a frame
 * split over several reads, several frames in one read), so every serial driver frames
 * through this one pure class.
 */

export type Suffix = 'CR' | 'LF' | 'CRLF';

export type Framing =
  /** Frames end with the configured suffix (scanners, MT-SICS). */
  | { readonly kind: 'suffix'; readonly suffix: Suffix }
  /** Any of CR, LF or CRLF ends a frame (continuous-output scales, Toledo replies). */
  | { readonly kind: 'line' }
  /** Frames end with ETX (0x03); CR and LF inside belong to the frame (NCI replies). */
  | { readonly kind: 'etx' };

const CR = 0x0d;
const LF = 0x0a;
const ETX = 0x03;

export const DEFAULT_MAX_FRAME_BYTES = 4096;

export class LineFramer {
  readonly #framing: Framing;
  readonly #maxFrameBytes: number;
  #pending: Buffer = Buffer.alloc(0);
  #droppedBytes = 0;

  constructor(framing: Framing, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {
    this.#framing = framing;
    this.#maxFrameBytes = maxFrameBytes;
  }

  /** Bytes thrown away because no frame end came within the size limit. */
  get droppedBytes(): number {
    return this.#droppedBytes;
  }

  /** Bytes waiting for their frame end. */
  get pendingBytes(): number {
    return this.#pending.length;
  }

  /** Adds a chunk and returns the frames it completed, without their terminators. */
  push(chunk: Uint8Array): Buffer[] {
    let buffer = this.#pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#pending, chunk]);
    const frames: Buffer[] = [];
    for (;;) {
      const end = this.#findEnd(buffer);
      if (end === null) break;
      const frame = this.#clean(buffer.subarray(0, end.at));
      if (frame.length > 0) frames.push(Buffer.from(frame));
      buffer = buffer.subarray(end.at + end.length);
    }
    if (buffer.length > this.#maxFrameBytes) {
      // Endless bytes without a terminator: wrong framing, baud rate or a noisy line.
      this.#droppedBytes += buffer.length;
      buffer = Buffer.alloc(0);
    }
    this.#pending = Buffer.from(buffer);
    return frames;
  }

  /** Forgets a partial frame, e.g. after a reply timed out. */
  reset(): void {
    this.#pending = Buffer.alloc(0);
  }

  #findEnd(buffer: Buffer): { at: number; length: number } | null {
    const framing = this.#framing;
    if (framing.kind === 'etx') {
      const at = buffer.indexOf(ETX);
      return at < 0 ? null : { at, length: 1 };
    }
    if (framing.kind === 'suffix') {
      if (framing.suffix === 'CRLF') {
        const at = buffer.indexOf('\r\n');
        return at < 0 ? null : { at, length: 2 };
      }
      const at = buffer.indexOf(framing.suffix === 'CR' ? CR : LF);
      return at < 0 ? null : { at, length: 1 };
    }
    // CR and LF each end a frame; the empty frame between the two halves of a CRLF is dropped.
    for (let at = 0; at < buffer.length; at++) {
      if (buffer[at] === CR || buffer[at] === LF) return { at, length: 1 };
    }
    return null;
  }

  #clean(frame: Buffer): Buffer {
    if (this.#framing.kind === 'etx') return frame;
    // A scanner set to CRLF while the station expects CR (or the reverse) leaves a stray
    // LF or CR at the edge of each frame: drop it rather than put it in the scan.
    let start = 0;
    let end = frame.length;
    while (start < end && (frame[start] === CR || frame[start] === LF)) start++;
    while (end > start && (frame[end - 1] === CR || frame[end - 1] === LF)) end--;
    return frame.subarray(start, end);
  }
}
