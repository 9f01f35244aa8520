import type { WarrantyStatus } from '../../../../shared/ipc/serials.contract';
import { IconCheck, IconUnset, IconWarning } from '../../components/icons';
import { warrantyWords } from './serial-words';

const ICONS = { 'in-warranty': IconCheck, expired: IconWarning, none: IconUnset } as const;

/** Warranty as icon, word and date, never colour alone. */
export function WarrantyCell({ warranty }: { readonly warranty: WarrantyStatus }) {
  const words = warrantyWords(warranty);
  const Icon = ICONS[warranty.status];
  return (
    <span className={`warranty warranty-${warranty.status}`}>
      <span className="warranty-label">
        <Icon />
        {words.label}
      </span>
      {words.detail ? <span className="warranty-detail">{words.detail}</span> : null}
    </span>
  );
}
