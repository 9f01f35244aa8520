import type { ReactNode } from 'react';
import type { ReturnVerdict } from '../../../../shared/ipc/returns.contract';
import { IconCheck, IconError, IconWarning } from '../../components/icons';
import { formatDateTimeLine, statusWords } from '../serials/serial-words';
import { WarrantyCell } from '../serials/warranty-cell';
import type { Shown } from './returns-state';

/** The kind of answer in one or two words, then the fact that matters, short enough for one line. */
function words(verdict: ReturnVerdict): { readonly kind: string; readonly title: string } {
  const order = verdict.shipped?.orderNumber ?? '?';
  switch (verdict.verdict) {
    case 'match':
      return verdict.canDispose
        ? { kind: 'Match', title: `Shipped on ${order}` }
        : { kind: 'Look again', title: 'Already returned' };
    case 'SHIPPED_ON_OTHER_ORDER':
      return { kind: 'Red flag: not from this order', title: `It went out on ${order}` };
    case 'NOT_SHIPPED':
      return { kind: 'Red flag', title: 'Never shipped by us' };
  }
}

/**
 * The answer to "is this the unit we shipped?", in the largest type on the screen: green
 * with a tick for a match, red with a cross for a unit from another order or one we never
 * shipped. The words say it too, so nobody needs to tell red from green.
 */
export function ReturnVerdictPanel({
  shown,
  onOpenHistory,
  children,
}: {
  readonly shown: Shown;
  readonly onOpenHistory: () => void;
  /** The decision asked for this unit, right under the verdict so both are seen together. */
  readonly children?: ReactNode;
}) {
  const { verdict } = shown;
  const flagged = !verdict.ok;
  const repeat = verdict.ok && !verdict.canDispose;
  const tone = flagged ? 'flag' : repeat ? 'repeat' : 'match';
  const Icon = flagged ? IconError : repeat ? IconWarning : IconCheck;
  const said = words(verdict);
  const disposed = shown.kind === 'disposed' ? shown.result : null;
  return (
    <section
      className={`return-verdict return-verdict-${tone}`}
      role={flagged ? 'alert' : 'status'}
      aria-labelledby="return-verdict-title"
      data-testid="return-verdict"
      data-verdict={verdict.verdict}
    >
      <div className="return-verdict-head">
        <Icon className="return-verdict-icon" />
        <div>
          <p className="return-verdict-kind">{said.kind}</p>
          <h2 className="return-verdict-title" id="return-verdict-title" data-testid="return-verdict-title">
            {said.title}
          </h2>
        </div>
      </div>
      {disposed ? (
        <p className="return-disposed" data-testid="return-disposed">
          <IconCheck />
          {disposed.message}
        </p>
      ) : null}
      {children}
      <p className="return-verdict-message" data-testid="return-verdict-message">
        {verdict.message}
      </p>
      <dl className="return-facts">
        <div>
          <dt>Serial</dt>
          <dd className="code">{verdict.serial}</dd>
        </div>
        {shown.orderNumber ? (
          <div>
            <dt>Order on the paperwork</dt>
            <dd className="code">{shown.orderNumber}</dd>
          </div>
        ) : null}
        {verdict.shipped ? (
          <>
            <div className={verdict.verdict === 'SHIPPED_ON_OTHER_ORDER' ? 'return-fact-flag' : undefined}>
              <dt>Shipped on order</dt>
              <dd className="code" data-testid="return-shipped-order">
                {verdict.shipped.orderNumber}
              </dd>
            </div>
            <div className={verdict.verdict === 'SHIPPED_ON_OTHER_ORDER' ? 'return-fact-flag' : undefined}>
              <dt>Customer</dt>
              <dd>{verdict.shipped.customerName}</dd>
            </div>
            <div>
              <dt>Ship date</dt>
              <dd>{formatDateTimeLine(verdict.shipped.shippedAt)}</dd>
            </div>
          </>
        ) : null}
        {verdict.warranty ? (
          <div>
            <dt>Warranty</dt>
            <dd>
              <WarrantyCell warranty={verdict.warranty} />
            </dd>
          </div>
        ) : null}
        {verdict.unit ? (
          <div>
            <dt>Unit</dt>
            <dd>
              {verdict.unit.productName} <span className="code muted">{verdict.unit.sku}</span>
              <span className="return-unit-status">
                {' '}
                · now {statusWords(disposed ? disposed.status : verdict.unit.status).toLowerCase()}
              </span>
            </dd>
          </div>
        ) : null}
      </dl>
      <button type="button" className="button" onClick={onOpenHistory}>
        Open the history of <span className="code">{verdict.serial}</span>
      </button>
    </section>
  );
}
