/** Every screen of the station; `welcome` is only offered while the store is empty. */
export type ScreenId =
  | 'welcome'
  | 'ship'
  | 'receive'
  | 'returns'
  | 'serials'
  | 'reports'
  | 'products'
  | 'orders'
  | 'purchase-orders'
  | 'import'
  | 'settings'
  | 'devices'
  | 'transfers';

export interface NavItem {
  readonly id: Exclude<ScreenId, 'welcome'>;
  readonly label: string;
  /** The digit pressed with Alt; also printed next to the item. Screens past the tenth have none. */
  readonly key?: string;
}

/**
 * Alt+digit rather than F-keys: browsers keep F5, F11 and F12 for themselves, and a scanner
 * never sends Alt, so a shortcut can't be triggered by a scan.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { id: 'ship', label: 'Ship', key: '1' },
  { id: 'receive', label: 'Receive', key: '2' },
  { id: 'returns', label: 'Returns', key: '3' },
  { id: 'serials', label: 'Serials', key: '4' },
  { id: 'reports', label: 'Reports', key: '5' },
  { id: 'products', label: 'Products', key: '6' },
  { id: 'orders', label: 'Orders', key: '7' },
  { id: 'purchase-orders', label: 'Purchase orders', key: '8' },
  { id: 'import', label: 'Import', key: '9' },
  { id: 'settings', label: 'Settings', key: '0' },
  // Also opened from the device pills in the station frame.
  { id: 'devices', label: 'Devices' },
  { id: 'transfers', label: 'Transfers' },
];

const SCREEN_IDS = new Set<string>(['welcome', ...NAV_ITEMS.map((item) => item.id)]);

export function isScreenId(value: string): value is ScreenId {
  return SCREEN_IDS.has(value);
}

/** The screen named by a key press, or null when the keys are not a station shortcut. */
export function screenForShortcut(
  event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>,
): NavItem | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  // `code` names the physical key, so Alt+1 works on AZERTY and with Alt held on macOS.
  const match = /^Digit(\d)$/.exec(event.code);
  if (!match) return null;
  return NAV_ITEMS.find((item) => item.key === match[1]) ?? null;
}

/** Screens are kept in the address hash so a reload comes back to the same place. */
export function screenFromHash(hash: string): ScreenId | null {
  const id = hash.replace(/^#\/?/, '');
  return isScreenId(id) ? id : null;
}
