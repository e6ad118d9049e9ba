import type { FieldSpec, FormValues } from '@/app/_components/types';
import type { interestFormOptions } from '@/lib/crm/interest-card';
import type { Translate } from '@/lib/i18n/translate';

type Options = Awaited<ReturnType<typeof interestFormOptions>>;
const choices = (rows: { id: number; name: string }[]) =>
  rows.map((r) => ({ value: String(r.id), label: r.name }));

/** The interest's fields by part of the card: the header and the commercial terms. */
export function interestFields(t: Translate, options: Options, partnerLabel: string) {
  const header: FieldSpec[] = [
    { name: 'title', label: t('crmCard.field.title'), type: 'text', required: true, wide: true },
    {
      name: 'partnerId',
      label: t('field.partner'),
      type: 'lookup',
      lookup: 'partners',
      lookupLabel: partnerLabel,
      required: true,
    },
    {
      name: 'contactId',
      label: t('crmCard.field.contact'),
      type: 'select',
      options: choices(options.contacts),
    },
    {
      name: 'responsibleId',
      label: t('field.responsible'),
      type: 'select',
      options: choices(options.responsibles),
      required: true,
    },
    { name: 'sourceId', label: t('crmCard.field.source'), type: 'select', options: choices(options.sources) },
    { name: 'expectedAmount', label: t('crmCard.field.expectedAmount'), type: 'money' },
    { name: 'expectedCloseDate', label: t('crmCard.field.expectedCloseDate'), type: 'date' },
    { name: 'description', label: t('field.description'), type: 'textarea', wide: true },
  ];
  const terms: FieldSpec[] = [
    {
      name: 'priceTypeId',
      label: t('field.priceType'),
      type: 'select',
      options: choices(options.priceTypes),
    },
    { name: 'prepaymentPercent', label: t('crmCard.field.prepaymentPercent'), type: 'percent' },
    { name: 'deliveryTerms', label: t('crmCard.field.deliveryTerms'), type: 'textarea', wide: true },
  ];
  return { header, terms };
}

/** Labels of the interest form, in the user's language. */
export function interestFormLabels(t: Translate) {
  return {
    save: t('common.save'),
    choose: t('common.choose'),
    lookupHint: t('common.lookupHint'),
    lines: t('crmCard.lines'),
    lineNo: '№',
    product: t('field.product'),
    quantity: t('crmCard.field.quantity'),
    price: t('field.price'),
    priceFromList: t('crmCard.priceFromList'),
    amount: t('crmCard.field.amount'),
    available: t('crmCard.field.available'),
    addLine: t('crmCard.addLine'),
    removeLine: t('crmCard.removeLine'),
    lineField: t('crmCard.lineField'),
    productCard: t('documents.productCard'),
    total: t('crmCard.total'),
  };
}

/** A stored interest as form values (every field, so any part of the card can save the whole). */
export function interestValues(interest: {
  title: string;
  partnerId: number;
  contactId: number | null;
  responsibleId: number;
  sourceId: number | null;
  expectedAmount: string | null;
  expectedCloseDate: string | null;
  description: string | null;
  priceTypeId: number | null;
  prepaymentPercent: string | null;
  deliveryTerms: string | null;
  version?: number;
}): FormValues {
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    title: interest.title,
    partnerId: text(interest.partnerId),
    contactId: text(interest.contactId),
    responsibleId: text(interest.responsibleId),
    sourceId: text(interest.sourceId),
    expectedAmount: text(interest.expectedAmount),
    expectedCloseDate: text(interest.expectedCloseDate),
    description: text(interest.description),
    priceTypeId: text(interest.priceTypeId),
    prepaymentPercent: text(interest.prepaymentPercent),
    deliveryTerms: text(interest.deliveryTerms),
    version: text(interest.version),
  };
}

/** The tabs of the interest card, in the order they show. */
export const cardTabs = ['products', 'terms', 'tasks', 'documents', 'feed'] as const;
export type CardTab = (typeof cardTabs)[number];
