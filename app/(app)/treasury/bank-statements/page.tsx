import { eq } from 'drizzle-orm';
import { LookupInput } from '@/app/_components/LookupInput';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { partners } from '@/db/schema';
import { unmatchedPayments } from '@/lib/bank/import-statement';
import { formatDate, formatMoney } from '@/lib/i18n/translate';
import { idFrom } from '@/lib/validation/fields';
import { matchPayment } from './actions';
import { StatementForm } from './StatementForm';

export default async function BankStatementsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireUser('manager', 'leader', 'admin');
  const { t, locale } = await getTranslator();
  const search = await searchParams;
  const db = getDb();
  const unmatched = await unmatchedPayments(db);
  // After a refused match, its row shows again what was typed.
  const refused = unmatched.find((p) => String(p.id) === search.payment);
  const refusedPartnerId = idFrom(search.partnerId);
  const [refusedPartner] =
    refused && refusedPartnerId
      ? await db
          .select({ id: partners.id, name: partners.name })
          .from(partners)
          .where(eq(partners.id, refusedPartnerId))
      : [];
  return (
    <>
      <header className="page-header">
        <h1>{t('bank.title')}</h1>
      </header>
      <p className="muted">{t('bank.hint')}</p>
      <StatementForm
        labels={{
          file: t('bank.file'),
          preview: t('bank.preview'),
          import: t('bank.import'),
          previewNote: t('bank.previewNote'),
          number: t('bank.col.number'),
          date: t('bank.col.date'),
          amount: t('bank.col.amount'),
          payer: t('bank.col.payer'),
          purpose: t('bank.col.purpose'),
          partner: t('bank.col.partner'),
          order: t('bank.col.order'),
          result: t('bank.col.result'),
        }}
      />
      <section>
        <h2>{t('bank.unmatchedTitle')}</h2>
        {unmatched.length === 0 ? (
          <p className="muted">{t('bank.unmatchedEmpty')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('bank.col.number')}</th>
                <th>{t('bank.col.date')}</th>
                <th className="num">{t('bank.col.amount')}</th>
                <th>{t('bank.col.payer')}</th>
                <th>{t('bank.col.purpose')}</th>
                <th>{t('bank.match')}</th>
              </tr>
            </thead>
            <tbody>
              {unmatched.map((p) => (
                <tr key={p.id}>
                  <td>{p.number}</td>
                  <td>{formatDate(locale, p.date)}</td>
                  <td className="num">{formatMoney(locale, p.amount)}</td>
                  <td>
                    {p.payerName}
                    {p.payerInn && <div className="muted">ИНН {p.payerInn}</div>}
                  </td>
                  <td>{p.purpose}</td>
                  <td>
                    <form action={matchPayment} className="inline-form">
                      <input type="hidden" name="paymentId" value={p.id} />
                      <LookupInput
                        id={`partner-${p.id}`}
                        name="partnerId"
                        lookup="partners"
                        defaultValue={p === refused && refusedPartner ? String(refusedPartner.id) : ''}
                        defaultLabel={p === refused && refusedPartner ? refusedPartner.name : ''}
                        placeholder={t('bank.col.partner')}
                      />
                      <input
                        name="orderNumber"
                        defaultValue={p === refused ? (search.orderNumber ?? '') : ''}
                        placeholder={t('bank.orderNumber')}
                        aria-label={t('bank.orderNumber')}
                      />
                      <button type="submit">{t('bank.match')}</button>
                      {p === refused && (
                        <p className="form-error" role="alert">
                          {search.error === 'order' ? t('bank.orderNotFound') : t('bank.partnerRequired')}
                        </p>
                      )}
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
