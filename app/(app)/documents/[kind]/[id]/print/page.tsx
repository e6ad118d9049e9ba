import { requireDocumentOf } from '@/app/_documents/guard';
import { PrintFormView } from '@/app/_print/PrintFormView';
import { PrintToolbar } from '@/app/_print/PrintToolbar';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { documentOrganization } from '@/lib/catalogs/organizations';
import { kindName, kindRules, printFormsOf } from '@/lib/documents/kinds';
import { formatDate, formatMoney, formatQuantity } from '@/lib/i18n/translate';
import { documentPrintForm } from '@/lib/print/document-print-form';

/** The document on paper: our organization, the parties, the lines with totals, signatures. */
export default async function DocumentPrintPage({
  params,
  searchParams,
}: {
  params: Promise<{ kind: string; id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { kind: slug, id } = await params;
  const { kind, doc } = await requireDocumentOf(slug, id);
  const { t, locale } = await getTranslator();
  const db = getDb();
  const salesForms = printFormsOf(kind);
  if (salesForms.length > 0) {
    const requested = (await searchParams).form;
    const chosen = salesForms.find((f) => f === requested) ?? salesForms[0]!;
    const form = (await documentPrintForm(db, doc.id, chosen))!;
    const href = `/documents/${slug}/${doc.id}/print`;
    return (
      <div className="print-page">
        <PrintToolbar
          t={t}
          back={{ href: `/documents/${slug}/${doc.id}`, label: doc.number }}
          forms={salesForms.map((f) => ({
            href: `${href}?form=${f}`,
            label: t(`documents.printForm.${f}`),
            current: f === chosen,
          }))}
          files={[
            { href: `${href}/${chosen}?format=pdf`, label: 'PDF' },
            { href: `${href}/${chosen}?format=xlsx`, label: 'XLSX' },
          ]}
        />
        <PrintFormView form={form} />
      </div>
    );
  }
  const rules = kindRules[kind];
  const organization = await documentOrganization(db, doc.organizationId);
  const parties: [string, string | null][] = [
    [
      t('documents.print.organization'),
      organization
        ? [
            organization.fullName ?? organization.name,
            `${t('field.inn')} ${organization.inn}`,
            organization.kpp && `${t('field.kpp')} ${organization.kpp}`,
            organization.address,
          ]
            .filter(Boolean)
            .join(', ')
        : null,
    ],
    ...(rules.partner
      ? ([
          [
            t('documents.field.supplier'),
            [doc.partner, doc.partnerInn && `${t('field.inn')} ${doc.partnerInn}`].filter(Boolean).join(', '),
          ],
          [t('documents.field.externalNumber'), doc.externalNumber],
        ] as [string, string | null][])
      : []),
    [t(rules.warehouseTo ? 'documents.field.warehouseFrom' : 'documents.field.warehouse'), doc.warehouse],
    ...(rules.warehouseTo
      ? ([[t('documents.field.warehouseTo'), doc.warehouseTo]] as [string, string | null][])
      : []),
    [t('field.comment'), doc.comment],
  ];
  return (
    <div className="print-page">
      <PrintToolbar t={t} back={{ href: `/documents/${slug}/${doc.id}`, label: doc.number }} />
      <article className="print-form">
        <h1>
          {t('documents.heading', {
            kind: kindName(kind, locale),
            number: doc.number,
            date: formatDate(locale, doc.date),
          })}
        </h1>
        <table className="print-parties">
          <tbody>
            {parties
              .filter(([, value]) => value)
              .map(([label, value]) => (
                <tr key={label}>
                  <th>{label}:</th>
                  <td>{value}</td>
                </tr>
              ))}
          </tbody>
        </table>
        <table className="print-lines">
          <thead>
            <tr>
              <th>{t('documents.field.lineNo')}</th>
              <th>{t('field.product')}</th>
              <th>{t('field.sku')}</th>
              <th>{t('field.unit')}</th>
              <th>{t('documents.field.quantity')}</th>
              {rules.price && <th>{t(rules.price === 'cost' ? 'documents.field.cost' : 'field.price')}</th>}
              {rules.price === 'with_vat' && <th>{t('field.vatRate')}</th>}
              {rules.price === 'with_vat' && <th>{t('documents.field.vat')}</th>}
              {rules.price && <th>{t('documents.field.amount')}</th>}
            </tr>
          </thead>
          <tbody>
            {doc.lines.map((line) => (
              <tr key={line.lineNo}>
                <td className="num">{line.lineNo}</td>
                <td>{line.product}</td>
                <td>{line.sku}</td>
                <td>{line.unit}</td>
                <td className="num">{formatQuantity(locale, line.quantity)}</td>
                {rules.price && <td className="num">{formatMoney(locale, line.price)}</td>}
                {rules.price === 'with_vat' && <td>{t(`vat.${line.vatRate}`)}</td>}
                {rules.price === 'with_vat' && <td className="num">{formatMoney(locale, line.vatAmount)}</td>}
                {rules.price && <td className="num">{formatMoney(locale, line.amount)}</td>}
              </tr>
            ))}
          </tbody>
          {rules.price && (
            <tfoot>
              <tr>
                <th colSpan={rules.price === 'with_vat' ? 7 : 6}>{t('documents.total')}:</th>
                {rules.price === 'with_vat' && <th className="num">{formatMoney(locale, doc.vatAmount)}</th>}
                <th className="num">{formatMoney(locale, doc.amount)}</th>
              </tr>
            </tfoot>
          )}
        </table>
        <p className="print-summary">
          {rules.price
            ? t('documents.print.totalLines', {
                count: doc.lines.length,
                amount: formatMoney(locale, doc.amount),
              })
            : t('documents.print.totalItems', { count: doc.lines.length })}
          {rules.price === 'with_vat' && (
            <>
              <br />
              {t('documents.totalVat')}: {formatMoney(locale, doc.vatAmount)}
            </>
          )}
        </p>
        <div className="print-signatures">
          {(['documents.print.handedOver', 'documents.print.received'] as const).map((role) => (
            <div key={role} className="print-signature">
              <span>{t(role)}</span>
              <span className="print-line">{t('documents.print.signature')}</span>
              <span className="print-line wide">{t('documents.print.name')}</span>
            </div>
          ))}
        </div>
      </article>
    </div>
  );
}
