/**
 * Which attached HID device a station's choice means. The station and `packbench devices list`
 * must answer this the same way, so the rule lives here once.
 */

import type { HidIdentity } from '../../../shared/ipc/devices.contract';

/** The fields of a HID listing entry the choice is made from. */
export interface HidCandidate {
  readonly vendorId: number;
  readonly productId: number;
  readonly path?: string | null | undefined;
  readonly serialNumber?: string | null | undefined;
}

export type HidChoiceResult<D extends HidCandidate> =
  | { readonly kind: 'one'; readonly device: D }
  | { readonly kind: 'none' }
  | { readonly kind: 'many'; readonly devices: readonly D[] };

export function identityOf(device: HidCandidate): HidIdentity {
  const serial = device.serialNumber?.trim();
  return { vendorId: device.vendorId, productId: device.productId, serialNumber: serial ? serial : null };
}

export function sameIdentity(device: HidCandidate, identity: HidIdentity): boolean {
  const other = identityOf(device);
  return (
    other.vendorId === identity.vendorId &&
    other.productId === identity.productId &&
    other.serialNumber === identity.serialNumber
  );
}

/**
 * The device among `candidates` (all of the chosen kind) that a choice points at: the chosen
 * device at its path; when the path is gone or another device sits there, a device with the same
 * vendor, product and serial number is the same device at a new path (Linux numbers hidraw
 * devices anew on each plug and at each start). Two fits are never settled by a guess. A different
 * device at the chosen path, with the chosen one nowhere, is taken: someone swapped the device at
 * that port. Without a chosen path, the one device there is.
 */
export function resolveHidChoice<D extends HidCandidate>(
  candidates: readonly D[],
  path: string | undefined,
  identity: HidIdentity | null,
): HidChoiceResult<D> {
  if (path === undefined) {
    if (candidates.length === 1) return { kind: 'one', device: candidates[0] as D };
    return candidates.length > 1 ? { kind: 'many', devices: candidates } : { kind: 'none' };
  }
  const atPath = candidates.find((candidate) => candidate.path === path);
  if (atPath && (identity === null || sameIdentity(atPath, identity))) return { kind: 'one', device: atPath };
  const same = identity ? candidates.filter((candidate) => sameIdentity(candidate, identity)) : [];
  if (same.length === 1) return { kind: 'one', device: same[0] as D };
  if (same.length > 1) return { kind: 'many', devices: same };
  return atPath ? { kind: 'one', device: atPath } : { kind: 'none' };
}
