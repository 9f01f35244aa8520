import type { SerialHistory } from '../../../../shared/ipc/serials.contract';
import { statusWords } from './serial-words';

export type HistoryEntry = SerialHistory['events'][number];

/** How an event reads on the timeline: a title in words, what else matters, and whether it is a red flag. */
export interface EventWords {
  readonly title: string;
  readonly notes: readonly string[];
  /** `flag` for a red flag (a mismatch, a rejected scan), `attention` for a supervisor decision. */
  readonly tone: 'flag' | 'attention' | 'normal';
}

/** Why a scan was refused, in the words of the floor rather than the code. */
const CODE_WORDS: Readonly<Record<string, string>> = {
  UNKNOWN_ORDER: 'unknown order',
  ORDER_NOT_OPEN: 'order not open',
  UNKNOWN_PO: 'unknown purchase order',
  UNKNOWN_BARCODE: 'unknown barcode',
  WRONG_ITEM: 'wrong item',
  OVER_SCAN: 'more than ordered',
  OVER_RECEIPT: 'more than the PO',
  SERIAL_EMPTY: 'empty serial',
  SERIAL_FORMAT: 'serial in the wrong format',
  SERIAL_IS_KNOWN_BARCODE: 'a product barcode, not a serial',
  SERIAL_DUPLICATE_IN_ORDER: 'already scanned on this order',
  SERIAL_DUPLICATE_IN_PO: 'already scanned on this PO',
  SERIAL_DUPLICATE_IN_UNIT: 'already scanned for this unit',
  SERIAL_OTHER_UNIT: 'a code of another unit',
  SERIAL_ALREADY_IN_STOCK: 'already in stock',
  SERIAL_NOT_IN_STOCK: 'not in stock',
  SERIAL_NOT_ALLOCATED: 'not the unit reserved for the order',
  GS1_PRODUCT_MISMATCH: 'GS1 code of another product',
  GS1_INVALID: 'unreadable GS1 code',
  WEIGHT_OUT_OF_TOLERANCE: 'weight out of tolerance',
  NOT_SHIPPED: 'never shipped',
  SHIPPED_ON_OTHER_ORDER: 'shipped on another order',
};

export function codeWords(code: unknown): string {
  if (typeof code !== 'string') return 'no reason recorded';
  return CODE_WORDS[code] ?? code.toLowerCase().replace(/_/g, ' ');
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A slot label worth showing: "IMEI 2" says something, a lone "Serial" does not. */
function slot(value: unknown): string | null {
  const label = text(value);
  return label && !/^serial( number)?$/i.test(label) ? label : null;
}

function place(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const { warehouse, location } = value as { warehouse?: unknown; location?: unknown };
  const w = text(warehouse);
  const l = text(location);
  if (!w && !l) return null;
  return l ? `${w ?? '?'} / ${l}` : (w ?? '?');
}

function money(cents: unknown): string | null {
  return typeof cents === 'number' && Number.isFinite(cents) ? (cents / 100).toFixed(2) : null;
}

/** Notes that are present, in order, with their label. */
function notes(...entries: readonly (readonly [string, string | null] | string | null | false)[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    if (!entry) continue;
    if (typeof entry === 'string') out.push(entry);
    else if (entry[1] !== null) out.push(`${entry[0]}${entry[1]}`);
  }
  return out;
}

export function describeEvent(event: HistoryEntry): EventWords {
  const d = event.details;
  const ref = event.reference ?? '?';
  const reason = text(d.reason);
  const note = text(d.note);
  switch (event.type) {
    case 'received':
      if (d.withoutSerials === true) {
        return {
          title: `Received on ${ref} without serials`,
          notes: notes(['Quantity ', String(d.quantity ?? '?')]),
          tone: 'normal',
        };
      }
      return {
        title: `Received on ${ref}`,
        notes: notes(
          slot(d.slotLabel),
          ['Cost ', money(d.unitCostCents)],
          ['Lot ', text(d.lot)],
          d.manual === true && 'serial typed by hand',
        ),
        tone: 'normal',
      };
    case 'shipped':
      return {
        title: `Shipped on order ${ref}`,
        notes: notes(slot(d.slotLabel), d.overrideEventId != null && 'shipped with a supervisor override'),
        tone: 'normal',
      };
    case 'unknown_serial_shipped':
      return {
        title: `Shipped on order ${ref} with no stock record`,
        notes: ['allowed by a supervisor override'],
        tone: 'attention',
      };
    case 'return_checked': {
      if (d.verdict === 'match') return { title: `Return checked: match with order ${ref}`, notes: [], tone: 'normal' };
      if (d.verdict === 'SHIPPED_ON_OTHER_ORDER') {
        return {
          title: `Return checked: shipped on other order ${text(d.shippedOn) ?? '?'}`,
          notes: notes(['Claimed order ', event.reference]),
          tone: 'flag',
        };
      }
      return {
        title: 'Return checked: never shipped',
        notes: notes(['Claimed order ', event.reference]),
        tone: 'flag',
      };
    }
    case 'returned':
      return {
        title: `Returned from order ${ref}`,
        notes: notes(d.verdict !== undefined && d.verdict !== 'match' && `return verdict: ${codeWords(d.verdict)}`, [
          'Note: ',
          note,
        ]),
        tone: d.verdict === undefined || d.verdict === 'match' ? 'normal' : 'flag',
      };
    case 'restocked':
      return { title: 'Restocked', notes: notes(['Reason: ', reason], ['Note: ', note]), tone: 'normal' };
    case 'marked_defective':
      return { title: 'Marked defective', notes: notes(['Reason: ', reason], ['Note: ', note]), tone: 'attention' };
    case 'reserved':
      return {
        title: event.reference ? `Reserved for order ${event.reference}` : 'Reserved',
        notes: notes(['Reason: ', reason], d.preEntered === true && 'serial pre-entered on the order'),
        tone: 'normal',
      };
    case 'released':
      return {
        title: event.reference ? `Released from order ${event.reference}` : 'Released back to stock',
        notes: notes(['Reason: ', reason]),
        tone: 'normal',
      };
    case 'status_changed':
      return {
        title: `Status changed from ${statusWords(String(d.from ?? '?')).toLowerCase()} to ${statusWords(String(d.to ?? '?')).toLowerCase()}`,
        notes: notes(['Reason: ', reason]),
        tone: 'attention',
      };
    case 'transferred':
      return {
        title: `Transferred from ${place(d.from) ?? '?'} to ${place(d.to) ?? '?'}`,
        notes: notes(['Transfer ', event.reference]),
        tone: 'normal',
      };
    case 'override_granted':
      return {
        title: `Override granted by ${text(d.approvedBy) ?? 'a supervisor'}`,
        notes: notes(
          ['Allowed: ', d.code === undefined ? null : codeWords(d.code)],
          ['Reason: ', reason],
          ['On ', event.reference],
        ),
        tone: 'attention',
      };
    case 'scan_rejected':
      return {
        title: `Scan rejected (${codeWords(d.code)})`,
        notes: notes(
          [d.kind === 'receive' ? 'Receiving ' : 'Packing ', event.reference],
          d.source === 'manual' && 'typed by hand',
        ),
        tone: 'flag',
      };
    case 'serial_removed':
      return {
        title: `Serial taken off ${event.reference ?? 'the session'} before it was closed`,
        notes: [],
        tone: 'normal',
      };
    case 'unit_registered':
      return {
        title: 'Registered by hand',
        notes: notes(['Reason: ', reason], ['Lot ', text(d.lot)]),
        tone: 'attention',
      };
    default:
      return {
        title: event.type.charAt(0).toUpperCase() + event.type.slice(1).replace(/_/g, ' '),
        notes: notes(['Reference ', event.reference], ['Reason: ', reason]),
        tone: 'normal',
      };
  }
}
