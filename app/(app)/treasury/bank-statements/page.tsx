import { eq } from 'drizzle-orm';
import { LookupInput } from '@/app/_components/LookupInput';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { partners } from '@/db/schema';
import { unmatchedPayments } from '@/lib/bank/import-statement';
import { MAX_STATEMENT_MB } from '@/lib/bank/statement-file';
import { errorText, formatDate, formatMoney } from '@/lib/i18n/translate';
import { idFrom } from '@/lib/validation/fields';
import { createPartnerFromPaymentAction, matchPayment } from './actions';
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
  const createdId = idFrom(search.partnerCreated);
  const [created] = createdId
    ? await db
        .select({ name: partners.name, isClient: partners.isClient })
        .from(partners)
        .where(eq(partners.id, createdId))
    : [];
  // The codes come back through the address: shown only through errorText, bounded.
  const code = (value: string | undefined) => (value ?? 'invalid').slice(0, 60);
  return (
    <>
      <header className="page-header">
        <h1>{t('bank.title')}</h1>
      </header>
      {created && (
        <p className={search.refusal ? 'form-error' : 'notice'} role="status">
          {search.refusal
            ? t(created.isClient ? 'bank.partnerCreatedRefused' : 'bank.supplierCreatedRefused', {
                name: created.name,
                reason: errorText(t, code(search.refusal), locale),
              })
            : t(created.isClient ? 'bank.partnerCreated' : 'bank.supplierCreated', { name: created.name })}
        </p>
      )}
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
          foreignAccounts: t('bank.foreignAccounts'),
          addAccount: t('bank.addAccount'),
          fileTooLarge: t('bank.fileTooLarge', { size: MAX_STATEMENT_MB }),
          uploadKept: t('bank.uploadKept'),
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
              {unmatched.map((p) => {
                // What was typed in a refused match, else the client and order the import matched.
                const partner =
                  p === refused
                    ? refusedPartner
                    : p.partnerId && p.partnerName
                      ? { id: p.partnerId, name: p.partnerName }
                      : undefined;
                const error =
                  p === refused && search.error === 'newPartner'
                    ? t('bank.newPartnerRefused', { reason: errorText(t, code(search.reason), locale) })
                    : p === refused && search.error === 'order'
                      ? t('bank.orderNotFound')
                      : p === refused && search.error === 'partner'
                        ? t('bank.partnerRequired')
                        : p.refusal && t('bank.result.refused', { reason: errorText(t, p.refusal, locale) });
                return (
                  <tr key={p.id}>
                    <td>{p.number}</td>
                    <td>{formatDate(locale, p.date)}</td>
                    <td className="num">{formatMoney(locale, p.amount)}</td>
                    <td>
                      {p.outgoing && <div className="muted">{t('bank.outgoing')}</div>}
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
                          defaultValue={partner ? String(partner.id) : ''}
                          defaultLabel={partner?.name ?? ''}
                          placeholder={t('bank.col.partner')}
                        />
                        <input
                          name="orderNumber"
                          defaultValue={p === refused ? (search.orderNumber ?? '') : (p.orderNumber ?? '')}
                          placeholder={t('bank.orderNumber')}
                          aria-label={t('bank.orderNumber')}
                        />
                        <button type="submit">{t('bank.match')}</button>
                        {error && (
                          <p className="form-error" role="alert">
                            {error}
                          </p>
                        )}
                      </form>
                      {p.payerInn && !p.partnerId && (
                        <form action={createPartnerFromPaymentAction} className="inline-form payer-partner">
                          <input type="hidden" name="paymentId" value={p.id} />
                          <button
                            type="submit"
                            title={t(p.outgoing ? 'bank.createSupplierHint' : 'bank.createPartnerHint')}
                          >
                            {t(p.outgoing ? 'bank.createSupplier' : 'bank.createPartner')}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
