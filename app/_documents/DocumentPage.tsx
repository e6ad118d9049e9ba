import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { FieldSpec, FormValues } from '@/app/_components/types';
import { getTranslator } from '@/app/_server/locale';
import { changeDocumentStatusAction, saveDocumentAction } from '@/app/(app)/documents/actions';
import { getDb } from '@/db/client';
import { vatRates } from '@/lib/catalogs/products';
import { listWarehouses } from '@/lib/catalogs/simple';
import { kindBySlug, kindRules, kindTitle } from '@/lib/documents/kinds';
import { type DocumentView, getDocument } from '@/lib/documents/queries';
import { toDateTimeLocal } from '@/lib/i18n/formats';
import type { MessageKey } from '@/lib/i18n/messages';
import { intlLocale, type Translate } from '@/lib/i18n/translate';
import { DocumentForm } from './DocumentForm';
import { DocumentHeading } from './DocumentHeading';
import { requireDocumentUser } from './guard';
import type { DocumentFormLabels } from './types';

/** Create (id = null) or view, edit, post one stock document of any kind. */
export async function DocumentPage({
  slug,
  id,
  search,
}: {
  slug: string;
  id: number | null;
  search: Record<string, string | undefined>;
}) {
  const kind = kindBySlug(slug) ?? notFound();
  await requireDocumentUser();
  const { t, locale } = await getTranslator();
  const db = getDb();
  const doc = id === null ? null : await getDocument(db, id);
  if (id !== null && doc?.kind !== kind) notFound();
  const rules = kindRules[kind];

  const warehouses = (await listWarehouses(db, {})).rows.map((w) => ({ value: String(w.id), label: w.name }));
  // A warehouse archived since the document was written still shows under its name.
  for (const [warehouseId, name] of [
    [doc?.warehouseId, doc?.warehouse],
    [doc?.warehouseToId, doc?.warehouseTo],
  ] as const) {
    if (warehouseId && name && !warehouses.some((w) => w.value === String(warehouseId)))
      warehouses.push({ value: String(warehouseId), label: name });
  }
  const fields: FieldSpec[] = [
    { name: 'date', label: t('documents.field.date'), type: 'datetime-local', required: true },
    ...(rules.partner
      ? [
          {
            name: 'partnerId',
            label: t('documents.field.supplier'),
            type: 'lookup',
            lookup: 'partners',
            lookupLabel: doc?.partner ?? '',
            required: true,
          } satisfies FieldSpec,
          {
            name: 'externalNumber',
            label: t('documents.field.externalNumber'),
            type: 'text',
          } satisfies FieldSpec,
        ]
      : []),
    {
      name: 'warehouseId',
      label: t(rules.warehouseTo ? 'documents.field.warehouseFrom' : 'documents.field.warehouse'),
      type: 'select',
      options: warehouses,
      required: true,
    },
    ...(rules.warehouseTo
      ? [
          {
            name: 'warehouseToId',
            label: t('documents.field.warehouseTo'),
            type: 'select',
            options: warehouses,
            required: true,
          } satisfies FieldSpec,
        ]
      : []),
    { name: 'comment', label: t('field.comment'), type: 'textarea', wide: true },
  ];

  return (
    <>
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href={`/documents/${slug}`}>{t(kindTitle[kind])}</Link>
          </p>
          <h1>
            {doc ? (
              <DocumentHeading doc={doc} t={t} locale={locale} />
            ) : (
              t('documents.headingNew', { kind: t(`documents.kind.${kind}`) })
            )}
          </h1>
        </div>
        {doc && (
          <div className="toolbar">
            <Link className="button" href={`/documents/${slug}/${doc.id}/print`}>
              {t('documents.printForm')}
            </Link>
          </div>
        )}
      </header>
      {search.saved && (
        <p className="notice" role="status">
          {t('common.saved')}
        </p>
      )}
      {doc?.status === 'deleted' && <p className="notice muted">{t('documents.deletedReadOnly')}</p>}
      <DocumentForm
        // A saved change or a new status brings new values: start the form afresh from them.
        key={doc ? `${doc.version}-${doc.status}` : 'new'}
        save={saveDocumentAction.bind(null, slug, id)}
        changeStatus={doc ? changeDocumentStatusAction.bind(null, slug, doc.id) : undefined}
        status={doc?.status ?? null}
        fields={fields}
        values={doc ? formValuesOf(doc) : { date: toDateTimeLocal(new Date()) }}
        lines={(doc?.lines ?? []).map((line) => ({
          productId: String(line.productId),
          productLabel: `${line.product} · ${line.sku}`,
          // numeric(15,3) comes as "4.000": the form shows what a person would type.
          quantity: line.quantity.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''),
          price: rules.price ? line.price : '',
          vatRate: line.vatRate,
        }))}
        price={rules.price}
        vatOptions={vatRates.map((rate) => ({ value: rate, label: t(`vat.${rate}`) }))}
        numberLocale={intlLocale[locale]}
        labels={formLabels(t, rules.price === 'cost' ? 'documents.field.cost' : 'field.price')}
      />
      {doc && (
        <p className="muted document-meta">
          {t('documents.field.author')}: {doc.author ?? t('common.none')}
        </p>
      )}
    </>
  );
}

function formValuesOf(doc: DocumentView): FormValues {
  return {
    date: toDateTimeLocal(doc.date),
    partnerId: doc.partnerId ? String(doc.partnerId) : '',
    externalNumber: doc.externalNumber ?? '',
    warehouseId: doc.warehouseId ? String(doc.warehouseId) : '',
    warehouseToId: doc.warehouseToId ? String(doc.warehouseToId) : '',
    comment: doc.comment ?? '',
    version: String(doc.version),
  };
}

function formLabels(t: Translate, priceLabel: MessageKey): DocumentFormLabels {
  return {
    lines: t('documents.lines'),
    lineNo: t('documents.field.lineNo'),
    product: t('field.product'),
    quantity: t('documents.field.quantity'),
    price: t(priceLabel),
    vatRate: t('field.vatRate'),
    amount: t('documents.field.amount'),
    total: t('documents.total'),
    addLine: t('documents.addLine'),
    removeLine: t('documents.removeLine'),
    lineField: t('documents.lineField'),
    lookupHint: t('common.lookupHint'),
    chooseLabel: t('common.choose'),
    save: t('documents.save'),
    post: t('documents.post'),
    unpost: t('documents.unpost'),
    markDeleted: t('documents.markDeleted'),
    restore: t('documents.restore'),
  };
}
