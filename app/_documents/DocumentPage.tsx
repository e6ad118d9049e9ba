import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LiveRefresh } from '@/app/_components/LiveRefresh';
import type { FormValues } from '@/app/_components/types';
import { DeliveryPanel } from '@/app/_delivery/DeliveryPanel';
import { EmailNotice } from '@/app/_email/EmailNotice';
import { getTranslator } from '@/app/_server/locale';
import {
  changeDocumentStatusAction,
  documentFactsAction,
  saveDocumentAction,
} from '@/app/(app)/documents/actions';
import { getDb } from '@/db/client';
import { listBankAccounts } from '@/lib/catalogs/organizations';
import { vatRates } from '@/lib/catalogs/products';
import {
  defaultSalePriceTypeId,
  defaultWarehouseId,
  listCashDesks,
  listPriceTypes,
  listWarehouses,
} from '@/lib/catalogs/simple';
import { addDays, companyClock } from '@/lib/crm/workplace';
import {
  type DocumentKind,
  kindBySlug,
  kindForm,
  kindName,
  kindRules,
  kindSection,
} from '@/lib/documents/kinds';
import { kindModule } from '@/lib/documents/kinds/registry';
import { type DocumentView, getDocument } from '@/lib/documents/queries';
import { fromDateTimeLocal, toDateTimeLocal } from '@/lib/i18n/formats';
import type { MessageKey } from '@/lib/i18n/messages';
import { intlLocale, type Translate } from '@/lib/i18n/translate';
import { chainOf, type DocumentDraft, draftFromDocument, draftFromInterest } from '@/lib/sales/based-on';
import { documentTotals } from '@/lib/sales/discounts';
import { documentFormFacts, paymentAllocationsOf } from '@/lib/sales/form-facts';
import { listStaff } from '@/lib/users/users';
import { DocumentForm } from './DocumentForm';
import { DocumentHeading } from './DocumentHeading';
import { documentFields } from './document-fields';
import { factsView } from './facts-view';
import { requireDocumentUser } from './guard';
import { ChainLinks, DocumentLinks, OfferStatusPanel, OrderStatePanel } from './SalesPanels';
import type { AllocationValues, DocumentFormLabels, FormFactsView, LineValues } from './types';
import './sales.css';
import { idFrom } from '@/lib/validation/fields';

/** numeric(15,3) comes as "4.000": the form shows what a person would type. */
const plain = (decimal: string | null) =>
  decimal === null ? '' : decimal.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
const text = (value: string | number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

/** What the page says after a command (`?saved=`): a plain save keeps the common «Записано.». */
const savedNotices = ['post', 'unpost', 'mark_deleted', 'restore'] as const;
type SavedNotice = (typeof savedNotices)[number];

/**
 * Create (id = null) or view, edit, post one document of any kind. A new one may start from a draft:
 * `?interest=ID` (an offer or order for a client interest) or `?basedOn=ID` (Создать на основании).
 */
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
  const user = await requireDocumentUser();
  const { t, locale } = await getTranslator();
  const db = getDb();
  const doc = id === null ? null : await getDocument(db, id);
  if (id !== null && doc?.kind !== kind) notFound();
  const { rules, pricing, fields: kindFields } = kindModule(kind);
  const sale = rules.price === 'sale';
  // A client's payment (no lines) comes with its allocation to orders.
  const payment = kindFields.includes('allocations');

  const basedOn = idFrom(search.basedOn);
  const interest = idFrom(search.interest);
  const draft = doc
    ? null
    : basedOn
      ? await draftFromDocument(db, basedOn, kind)
      : interest
        ? await draftFromInterest(db, interest, kind)
        : null;
  if (!doc && (search.basedOn || search.interest) && !draft) notFound();

  const [warehouses, priceTypes, bankAccounts, cashDesks, employees, allocations, chain, defaults] =
    await Promise.all([
      listWarehouses(db, {}),
      sale ? listPriceTypes(db, {}) : null,
      kindFields.includes('bankAccountId') ? listBankAccounts(db, {}) : null,
      kindFields.includes('cashDeskId') ? listCashDesks(db, {}) : null,
      kindFields.includes('employeeId') ? listStaff(db) : [],
      doc && payment ? paymentAllocationsOf(db, doc.id) : (draft?.allocations ?? []),
      chainOf(db, doc ?? draft ?? { basedOnId: null, interestId: null }),
      doc ? null : newDocumentDefaults(db),
    ]);
  const warehouseOptions = warehouses.rows.map((w) => ({ value: String(w.id), label: w.name }));
  // A warehouse archived since the document was written still shows under its name.
  for (const [warehouseId, name] of [
    [doc?.warehouseId, doc?.warehouse],
    [doc?.warehouseToId, doc?.warehouseTo],
  ] as const) {
    if (warehouseId && name && !warehouseOptions.some((w) => w.value === String(warehouseId)))
      warehouseOptions.push({ value: String(warehouseId), label: name });
  }
  const saleTypes = (priceTypes?.rows ?? []).filter((p) => p.purpose === 'sale');
  const accounts = bankAccounts?.rows ?? [];
  const fields = documentFields(t, kind, {
    warehouses: warehouseOptions,
    priceTypes: saleTypes.map((p) => ({ value: String(p.id), label: p.name })),
    bankAccounts: accounts.map((a) => ({ value: String(a.id), label: `${a.accountNumber} · ${a.bankName}` })),
    cashDesks: (cashDesks?.rows ?? []).map((d) => ({ value: String(d.id), label: d.name })),
    employees: employees.map((u) => ({ value: String(u.id), label: u.name })),
    partnerLabel: doc?.partner ?? draft?.partner ?? '',
  });

  const values = doc
    ? formValuesOf(doc)
    : newValues(kind, draft, {
        ...defaults,
        bankAccountId: accounts[0]?.id,
        // Where both may be named (opening cash), the bank account is the default and the desk is left empty.
        cashDeskId: kindFields.includes('bankAccountId') ? undefined : cashDesks?.rows[0]?.id,
      });
  const lines: LineValues[] = doc
    ? doc.lines.map((l) => ({
        productId: String(l.productId),
        productLabel: `${l.product} · ${l.sku}`,
        quantity: plain(l.quantity),
        price: rules.price ? l.price : '',
        vatRate: l.vatRate,
        gift: l.gift,
        action: l.action ?? '',
      }))
    : (draft?.lines ?? []).map((l) => ({
        productId: String(l.productId),
        productLabel: `${l.product} · ${l.sku}`,
        quantity: plain(l.quantity),
        price: l.price,
        vatRate: l.vatRate ?? '',
        gift: l.gift,
        action: l.action ?? '',
      }));
  const allocationValues: AllocationValues[] = allocations.map((a) => ({
    orderId: String(a.orderId),
    amount: a.amount,
  }));
  // The version and the chain go back unchanged; a shipment shows its order as a field instead.
  const hidden: Record<string, string> = {
    version: text(doc?.version),
    interestId: text(doc?.interestId ?? draft?.interestId),
    ...(pricing === 'shipment' ? {} : { basedOnId: text(doc?.basedOnId ?? draft?.basedOnId) }),
  };

  let initialFacts: FormFactsView | null = null;
  if (sale || payment) {
    // The input as the form will send it (see LinesTable): what the kind's lines have, and nothing more.
    const input = {
      ...values,
      date: fromDateTimeLocal(String(values.date)),
      lines: lines.map((l) => ({
        productId: l.productId,
        quantity: l.quantity,
        price: l.price,
        ...(l.gift ? { gift: 'on' } : {}),
        ...(l.action ? { action: l.action } : {}),
      })),
      allocations: allocationValues,
    };
    // A saved document shows the amounts it was saved with; a draft is priced as saving would price it.
    const facts = await documentFormFacts(db, kind, id, input, user, { pricing: !doc });
    if (doc) {
      facts.lines = facts.lines.map((f, i) => {
        const { price, discountPercent, amount, vatAmount } = doc.lines[i]!;
        return { ...f, pricing: { price, discountPercent, amount, vatAmount } };
      });
      facts.totals = documentTotals(doc.lines);
    }
    initialFacts = factsView(facts, t, locale);
  }

  return (
    <>
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href={`/documents/${slug}`}>{kindSection(kind, locale)}</Link>
          </p>
          <h1>
            {doc ? (
              <DocumentHeading doc={doc} t={t} locale={locale} />
            ) : (
              t('documents.headingNew', { kind: kindName(kind, locale) })
            )}
          </h1>
          <ChainLinks chain={chain} t={t} locale={locale} />
        </div>
        {doc && <DocumentLinks doc={doc} t={t} locale={locale} />}
      </header>
      {doc && <LiveRefresh topics={[`document:${doc.id}`]} interval={1000} />}
      {search.saved && (
        <p className="notice" role="status">
          {savedNotices.includes(search.saved as SavedNotice)
            ? t(`documents.savedNotice.${search.saved as SavedNotice}`)
            : t('common.saved')}
        </p>
      )}
      <EmailNotice emailId={search.email} />
      {search.refused && (
        <p className="form-error" role="alert">
          {t(search.refused === 'forbidden' ? 'error.forbidden' : 'error.offer_status')}
        </p>
      )}
      {doc?.status === 'deleted' && <p className="notice muted">{t('documents.deletedReadOnly')}</p>}
      {doc && kindFields.includes('offerStatus') && <OfferStatusPanel doc={doc} t={t} locale={locale} />}
      {doc && kindFields.includes('orderStatus') && doc.status === 'posted' && (
        <OrderStatePanel doc={doc} t={t} locale={locale} />
      )}
      {doc && <DeliveryPanel doc={doc} t={t} locale={locale} />}
      <DocumentForm
        // A saved change or a new status brings new values: start the form afresh from them.
        key={doc ? `${doc.version}-${doc.status}` : 'new'}
        kind={kindForm(kind)}
        save={saveDocumentAction.bind(null, slug, id)}
        changeStatus={doc ? changeDocumentStatusAction.bind(null, slug, doc.id) : undefined}
        facts={initialFacts ? documentFactsAction.bind(null, slug, id) : undefined}
        status={doc?.status ?? null}
        fields={fields}
        hidden={hidden}
        values={values}
        lines={lines}
        allocations={allocationValues}
        initialFacts={initialFacts}
        vatOptions={vatRates.map((rate) => ({ value: rate, label: t(`vat.${rate}`) }))}
        actionOptions={(['reserve', 'ship', 'none'] as const).map((a) => ({
          value: a,
          label: t(`sales.action.${a}`),
        }))}
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
    partnerId: text(doc.partnerId),
    externalNumber: doc.externalNumber ?? '',
    warehouseId: text(doc.warehouseId),
    warehouseToId: text(doc.warehouseToId),
    comment: doc.comment ?? '',
    contactId: text(doc.contactId),
    basedOnId: text(doc.basedOnId),
    priceTypeId: text(doc.priceTypeId),
    manualDiscountPercent: plain(doc.manualDiscountPercent),
    validUntil: doc.validUntil ?? '',
    orderStatus: doc.orderStatus ?? '',
    prepaymentPercent: plain(doc.prepaymentPercent),
    bankAccountId: text(doc.bankAccountId),
    cashDeskId: text(doc.cashDeskId),
    employeeId: text(doc.employeeId),
    paymentDueDate: doc.paymentDueDate ?? '',
    amount: kindRules[doc.kind].lines ? '' : doc.amount,
    paymentPurpose: doc.paymentPurpose ?? '',
    supplierOrderStatus: doc.supplierOrderStatus ?? '',
    expectedDate: doc.expectedDate ?? '',
    updatePrices: doc.updatePrices,
    paymentKind: doc.paymentKind ?? '',
  };
}

/** What a new document starts with unless its draft says otherwise: the main warehouse and sale price type. */
async function newDocumentDefaults(db: ReturnType<typeof getDb>) {
  const [warehouseId, priceTypeId] = await Promise.all([defaultWarehouseId(db), defaultSalePriceTypeId(db)]);
  return { warehouseId, priceTypeId };
}

/**
 * A new document: the draft's values (a draft from a document keeps its base's price type, even none),
 * else the defaults (the main warehouse and sale price type, an offer valid for ten days).
 */
function newValues(
  kind: DocumentKind,
  draft: DocumentDraft | null,
  defaults: {
    priceTypeId?: number | null;
    warehouseId?: number | null;
    bankAccountId?: number;
    cashDeskId?: number;
  },
): FormValues {
  const now = new Date();
  return {
    date: toDateTimeLocal(now),
    partnerId: text(draft?.partnerId),
    contactId: text(draft?.contactId),
    basedOnId: text(draft?.basedOnId),
    priceTypeId: text(draft ? draft.priceTypeId : defaults.priceTypeId),
    warehouseId: text(draft?.warehouseId ?? defaults.warehouseId),
    manualDiscountPercent: plain(draft?.manualDiscountPercent ?? '0'),
    validUntil: kindModule(kind).fields.includes('validUntil') ? addDays(companyClock(now).day, 10) : '',
    orderStatus: 'to_provide',
    prepaymentPercent: plain(draft?.prepaymentPercent ?? null),
    bankAccountId: text(defaults.bankAccountId),
    cashDeskId: text(defaults.cashDeskId),
    amount: draft?.amount ?? '',
    supplierOrderStatus: 'to_receive',
    paymentKind: draft?.paymentKind ?? 'supplier',
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
    productCard: t('documents.productCard'),
    chooseLabel: t('common.choose'),
    save: t('documents.save'),
    post: t('documents.post'),
    unpost: t('documents.unpost'),
    markDeleted: t('documents.markDeleted'),
    restore: t('documents.restore'),
    discount: t('sales.line.discount'),
    vat: t('sales.line.vat'),
    gift: t('sales.line.gift'),
    action: t('sales.line.action'),
    available: t('sales.line.available'),
    onHand: t('sales.line.onHand'),
    totalGross: t('sales.total.gross'),
    totalDiscount: t('sales.total.discount'),
    totalVat: t('sales.total.vat'),
    allocations: t('sales.allocations'),
    allocationOrder: t('sales.field.order'),
    allocationAmount: t('sales.allocation.amount'),
    addAllocation: t('sales.allocation.add'),
    removeAllocation: t('sales.allocation.remove'),
    allocationField: t('sales.allocation.field'),
    noAllocations: t('sales.allocation.none'),
  };
}
