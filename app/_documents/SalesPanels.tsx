import Decimal from 'decimal.js';
import Link from 'next/link';
import { FactList } from '@/app/_components/FactList';
import { setOfferStatusAction } from '@/app/(app)/documents/actions';
import { getDb } from '@/db/client';
import { kindName, kindRules, kindSlugs } from '@/lib/documents/kinds';
import type { DocumentView } from '@/lib/documents/queries';
import { templatesFor } from '@/lib/email/templates';
import { formatDateTime } from '@/lib/i18n/formats';
import { formatDate, formatMoney, type Translate } from '@/lib/i18n/translate';
import { basedOnKinds, type chainOf } from '@/lib/sales/based-on';
import { manualOfferStatuses } from '@/lib/sales/offer-status';
import { loadOrderFacts, orderSettlements, orderState } from '@/lib/sales/order-facts';
import type { Locale } from '@/lib/users/users';

type Props = { doc: DocumentView; t: Translate; locale: Locale };

/** Print form, email (the kinds with letter templates) and «Создать на основании» for a saved document. */
export function DocumentLinks({ doc, t, locale }: Props) {
  const path = `/documents/${kindSlugs[doc.kind]}/${doc.id}`;
  // Shipping and paying need a posted order; an offer can become an order as it is.
  const targets =
    doc.status === 'deleted' || (kindRules[doc.kind].posts && doc.status !== 'posted')
      ? []
      : basedOnKinds(doc.kind);
  return (
    <div className="toolbar">
      {targets.length > 0 && (
        <details className="menu">
          <summary className="button">{t('sales.createBasedOn')}</summary>
          <ul>
            {targets.map((kind) => (
              <li key={kind}>
                <Link href={`/documents/${kindSlugs[kind]}/new?basedOn=${doc.id}`}>
                  {kindName(kind, locale)}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      )}
      {templatesFor(doc.kind).length > 0 && (
        <Link className="button" href={`${path}/send`}>
          {t('sales.sendEmail')}
        </Link>
      )}
      <Link className="button" href={`${path}/print`}>
        {t('documents.printForm')}
      </Link>
    </div>
  );
}

/** "Основание: Коммерческое предложение № … · Интерес клиента: …", linked. */
export function ChainLinks({
  chain,
  t,
  locale,
}: {
  chain: Awaited<ReturnType<typeof chainOf>>;
  t: Translate;
  locale: Locale;
}) {
  if (!chain.base && !chain.interest) return null;
  return (
    <p className="document-chain">
      {chain.base && (
        <span>
          {t('sales.basedOn')}:{' '}
          <Link href={`/documents/${kindSlugs[chain.base.kind]}/${chain.base.id}`}>
            {t('documents.heading', {
              kind: kindName(chain.base.kind, locale),
              number: chain.base.number,
              date: formatDateTime(locale, chain.base.date),
            })}
          </Link>
        </span>
      )}
      {chain.interest && (
        <span>
          {t('sales.interest')}:{' '}
          <Link href={`/crm/interests/${chain.interest.id}`}>{chain.interest.title}</Link>
        </span>
      )}
    </p>
  );
}

/** The offer's status with the client, and the moves a manager can make from it. */
export function OfferStatusPanel({ doc, t, locale }: Props) {
  const status = doc.offerStatus ?? 'draft';
  const moves = doc.status === 'deleted' ? [] : manualOfferStatuses(status);
  return (
    <section className="card sales-panel" aria-label={t('sales.field.offerStatus')}>
      <FactList
        facts={[
          [
            t('sales.field.offerStatus'),
            <span key="s" className={`badge offer-${status}`}>
              {t(`sales.offerStatus.${status}`)}
            </span>,
          ],
          [t('sales.field.validUntil'), doc.validUntil && formatDate(locale, doc.validUntil)],
        ]}
      />
      {moves.length > 0 && (
        <form action={setOfferStatusAction.bind(null, doc.id)} className="toolbar">
          {moves.map((to) => (
            <button key={to} type="submit" name="status" value={to}>
              {t(`sales.offerMark.${to}`)}
            </button>
          ))}
        </form>
      )}
    </section>
  );
}

/** Состояние заказа and its settlements, from what was shipped and paid against it. */
export async function OrderStatePanel({ doc, t, locale }: Props) {
  const facts = (await loadOrderFacts(getDb(), [doc.id])).get(doc.id);
  if (!facts) return null;
  const state = orderState(facts);
  const money = orderSettlements(facts);
  return (
    <section className="card sales-panel" aria-label={t('sales.orderState')}>
      <FactList
        facts={[
          [
            t('sales.orderState'),
            <span key="s" className={`badge order-${state}`}>
              {t(`sales.orderState.${state}`)}
            </span>,
          ],
        ]}
      />
      <dl className="settlements">
        {(['ordered', 'paid', 'shipped', 'debt', 'toPay'] as const).map((key) => {
          // Paid ahead of shipping, the client's "debt" is below zero: it is their advance.
          const advance = key === 'debt' && new Decimal(money.debt).lt(0);
          return (
            <div key={key}>
              <dt>{t(advance ? 'sales.settlements.advance' : `sales.settlements.${key}`)}</dt>
              <dd>
                {formatMoney(locale, advance ? new Decimal(money.debt).negated().toFixed(2) : money[key])}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
