/** Serial format and look-alike rules shared by receiving, shipping and returns. Pure. */

export interface SerialFormat {
  readonly productName: string;
  readonly pattern: string | null;
  readonly length: number | null;
  /** When serials match case-insensitively, so does the pattern. */
  readonly caseSensitive?: boolean;
}

export interface RuleRejection {
  readonly code: 'SERIAL_EMPTY' | 'SERIAL_FORMAT' | 'SERIAL_IS_KNOWN_BARCODE';
  readonly message: string;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
const patternCache = new Map<string, RegExp | null>();

/** The product's pattern, anchored to the whole serial; null when it does not compile. */
export function compilePattern(pattern: string, caseSensitive = true): RegExp | null {
  const cacheKey = `${caseSensitive ? 's' : 'i'}:${pattern}`;
  let compiled = patternCache.get(cacheKey);
  if (compiled === undefined) {
    try {
      compiled = new RegExp(`^(?:${pattern})$`, caseSensitive ? 'u' : 'iu');
    } catch {
      compiled = null;
    }
    patternCache.set(cacheKey, compiled);
  }
  return compiled;
}

function describeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  return code < 0x20 || code === 0x7f ? `a control character (0x${code.toString(16)})` : `"${ch}"`;
}

/**
 * Checks one cleaned serial against the product's rules: printable ASCII only (a serial
 * printed on a label never holds emoji or accents; such a scan is a misread), then the
 * product's pattern, else its length, else the organization's default length.
 */
export function checkSerialFormat(
  serial: string,
  format: SerialFormat,
  defaultLength: number | null,
): RuleRejection | null {
  if (serial.length === 0) return { code: 'SERIAL_EMPTY', message: 'Nothing was read — scan the serial again.' };
  if (!PRINTABLE_ASCII.test(serial)) {
    const bad = [...serial].find((ch) => !PRINTABLE_ASCII.test(ch)) ?? '?';
    return {
      code: 'SERIAL_FORMAT',
      message: `This scan contains ${describeChar(bad)}, which no serial label carries. Scan the serial barcode again.`,
    };
  }
  if (serial.length > 100) {
    return {
      code: 'SERIAL_FORMAT',
      message: `This scan is ${serial.length} characters long — that is not a serial number. Scan the serial barcode.`,
    };
  }
  if (format.pattern) {
    const regex = compilePattern(format.pattern, format.caseSensitive ?? true);
    if (regex && !regex.test(serial)) {
      return {
        code: 'SERIAL_FORMAT',
        message: `"${serial}" does not look like a ${format.productName} serial (expected pattern ${format.pattern}). Check you scanned the serial, not another code.`,
      };
    }
    return null;
  }
  const length = format.length ?? defaultLength;
  if (length !== null && serial.length !== length) {
    return {
      code: 'SERIAL_FORMAT',
      message: `${format.productName} serials are ${length} characters; this scan has ${serial.length}. Check you scanned the serial, not another code.`,
    };
  }
  return null;
}

export type KnownCodeKind = 'barcode' | 'sku' | 'order' | 'po';

export interface KnownCodeHit {
  readonly kind: KnownCodeKind;
  /** The product's name for barcodes and SKUs; the order or PO number otherwise. */
  readonly name: string;
  readonly barcodeKind?: string;
}

/** The message for a serial that is really another code we know ("you scanned the UPC"). */
export function knownCodeRejection(hit: KnownCodeHit, slotLabel: string): RuleRejection {
  const what = slotLabel.toLowerCase().startsWith('serial') ? 'serial' : slotLabel;
  const message = (() => {
    switch (hit.kind) {
      case 'barcode': {
        const kind = hit.barcodeKind && hit.barcodeKind !== 'alias' ? ` (${hit.barcodeKind.toUpperCase()})` : '';
        return `This is the box barcode${kind} of ${hit.name}, not its ${what}. Scan the ${what} barcode, usually on a sticker near it.`;
      }
      case 'sku':
        return `This is the SKU of ${hit.name}, not a ${what}. Scan the ${what} barcode on the unit.`;
      case 'order':
        return `This is order number ${hit.name}, not a ${what}. Scan the ${what} barcode on the unit.`;
      case 'po':
        return `This is purchase order ${hit.name}, not a ${what}. Scan the ${what} barcode on the unit.`;
    }
  })();
  return { code: 'SERIAL_IS_KNOWN_BARCODE', message };
}
