/**
 * Places as the floor writes them: "MAIN/A-01" is location A-01 in warehouse MAIN, "MAIN"
 * alone the whole warehouse. Shelf labels carry the same text, so a place can be scanned.
 */
import type { PlaceView, TransferPlace } from '../../../../shared/ipc/transfers.contract';

/** Longest warehouse or location name the station stores. */
const MAX_NAME = 100;

export type ParsedPlace = { readonly place: PlaceView } | { readonly problem: string };

export function placeLabel(place: PlaceView): string {
  return place.location ? `${place.warehouse}/${place.location}` : place.warehouse;
}

/** Places are the same whatever the case, as the station matches them. */
export function samePlace(a: PlaceView, b: PlaceView): boolean {
  return (
    a.warehouse.trim().toUpperCase() === b.warehouse.trim().toUpperCase() &&
    (a.location ?? '').trim().toUpperCase() === (b.location ?? '').trim().toUpperCase()
  );
}

/** Reads a scanned or typed place; says what is wrong with it in the words of the floor. */
export function parsePlace(raw: string): ParsedPlace {
  const text = raw.trim();
  if (text === '') return { problem: 'Nothing was read. Scan the shelf label, or type the place as MAIN/A-01.' };
  const cut = text.indexOf('/');
  const warehouse = (cut < 0 ? text : text.slice(0, cut)).trim();
  const location = cut < 0 ? '' : text.slice(cut + 1).trim();
  if (warehouse === '') {
    return { problem: `“${text}” names no warehouse. Put the warehouse first, then the location: MAIN/${location}.` };
  }
  if (warehouse.length > MAX_NAME || location.length > MAX_NAME) {
    return { problem: `“${text.slice(0, 40)}…” is too long for a place. Scan the shelf label, not a document.` };
  }
  return { place: { warehouse, location: location === '' ? null : location } };
}

/**
 * In-stock units the list says stand at a place: a whole warehouse counts all its locations.
 * Null when the list does not know the place at all.
 */
export function inStockAt(places: readonly TransferPlace[], place: PlaceView): number | null {
  const matching = places.filter((known) =>
    place.location === null
      ? known.warehouse.trim().toUpperCase() === place.warehouse.trim().toUpperCase()
      : samePlace(known, place),
  );
  if (matching.length === 0) return null;
  return matching.reduce((n, known) => n + known.inStock, 0);
}

export function unitsWord(n: number): string {
  return `${n.toLocaleString()} unit${n === 1 ? '' : 's'}`;
}
