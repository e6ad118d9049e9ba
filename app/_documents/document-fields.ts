import type { FieldSpec } from '@/app/_components/types';
import { paymentKind } from '@/db/schema';
import type { DocumentKind } from '@/lib/documents/kinds';
import type { KindField, KindRules } from '@/lib/documents/kinds/kind-module';
import { kindModule } from '@/lib/documents/kinds/registry';
import type { Translate } from '@/lib/i18n/translate';
import type { Choice } from './types';

export const orderStatuses = ['not_agreed', 'to_provide', 'to_ship', 'closed'] as const;
export const supplierOrderStatuses = ['not_agreed', 'to_receive', 'closed'] as const;

/** What the partner field of a kind is called: a client, a supplier, or whom a payment goes to. */
export const partnerLabelKey = (partner: KindRules['partner']) =>
  partner === 'client'
    ? ('sales.field.client' as const)
    : partner === 'any'
      ? ('purchases.field.recipient' as const)
      : ('documents.field.supplier' as const);

type Options = {
  warehouses: Choice[];
  priceTypes: Choice[];
  bankAccounts: Choice[];
  cashDesks: Choice[];
  employees: Choice[];
  /** What the partner lookup shows for the current partner. */
  partnerLabel: string;
};

/** The header fields of a document kind, in the order the form shows them (three to a row). */
export function documentFields(t: Translate, kind: DocumentKind, options: Options): FieldSpec[] {
  const { rules, pricing, fields: extra } = kindModule(kind);
  const has = (field: KindField) => extra.includes(field);
  const sale = rules.price === 'sale';
  // A shipment ships an order and takes its prices from it; a payment's number and purpose are the bank's.
  const shipment = pricing === 'shipment';
  const payment = has('bankAccountId');
  const fields: (FieldSpec | false)[] = [
    { name: 'date', label: t('documents.field.date'), type: 'datetime-local', required: true },
    has('paymentKind') && {
      name: 'paymentKind',
      label: t('purchases.field.paymentKind'),
      type: 'select',
      options: paymentKind.enumValues.map((k) => ({ value: k, label: t(`purchases.paymentKind.${k}`) })),
    },
    !!rules.partner && {
      name: 'partnerId',
      label: t(partnerLabelKey(rules.partner)),
      type: 'lookup',
      lookup: 'partners',
      lookupLabel: options.partnerLabel,
      // A cash payment's partner depends on its operation (none for an advance to an employee).
      required: rules.partner !== 'any',
    },
    has('employeeId') && {
      name: 'employeeId',
      label: t('treasury.field.employee'),
      type: 'select',
      options: options.employees,
    },
    sale && {
      name: 'contactId',
      label: t('sales.field.contact'),
      type: 'select',
      optionsFrom: 'contacts',
    },
    shipment && {
      name: 'basedOnId',
      label: t('sales.field.order'),
      type: 'select',
      optionsFrom: 'orders',
      required: true,
    },
    pricing === 'sale' && {
      name: 'priceTypeId',
      label: t('field.priceType'),
      type: 'select',
      options: options.priceTypes,
    },
    rules.warehouse && {
      name: 'warehouseId',
      label: t(rules.warehouseTo ? 'documents.field.warehouseFrom' : 'documents.field.warehouse'),
      type: 'select',
      options: options.warehouses,
      required: true,
    },
    rules.warehouseTo && {
      name: 'warehouseToId',
      label: t('documents.field.warehouseTo'),
      type: 'select',
      options: options.warehouses,
      required: true,
    },
    has('orderStatus') && {
      name: 'orderStatus',
      label: t('sales.field.orderStatus'),
      type: 'select',
      options: orderStatuses.map((s) => ({ value: s, label: t(`sales.orderStatus.${s}`) })),
      required: true,
    },
    has('supplierOrderStatus') && {
      name: 'supplierOrderStatus',
      label: t('sales.field.orderStatus'),
      type: 'select',
      options: supplierOrderStatuses.map((s) => ({ value: s, label: t(`purchases.orderStatus.${s}`) })),
      required: true,
    },
    has('expectedDate') && { name: 'expectedDate', label: t('purchases.field.expectedDate'), type: 'date' },
    pricing === 'sale' && {
      name: 'manualDiscountPercent',
      label: t('sales.field.manualDiscount'),
      type: 'percent',
    },
    has('prepaymentPercent') && {
      name: 'prepaymentPercent',
      label: t('sales.field.prepayment'),
      type: 'percent',
    },
    has('validUntil') && { name: 'validUntil', label: t('sales.field.validUntil'), type: 'date' },
    has('paymentDueDate') && {
      name: 'paymentDueDate',
      label: t('treasury.field.paymentDueDate'),
      type: 'date',
    },
    has('cashDeskId') && {
      name: 'cashDeskId',
      label: t('treasury.field.cashDesk'),
      type: 'select',
      options: options.cashDesks,
      // Opening cash is on a bank account or in a cash desk: either one.
      required: !payment,
    },
    payment && {
      name: 'bankAccountId',
      label: t('sales.field.bankAccount'),
      type: 'select',
      options: options.bankAccounts,
      required: !has('cashDeskId'),
    },
    !rules.lines && {
      name: 'amount',
      label: t('sales.field.paymentAmount'),
      type: 'money',
      required: true,
    },
    has('externalNumber') && {
      name: 'externalNumber',
      label: t(payment ? 'sales.field.paymentNumber' : 'documents.field.externalNumber'),
      type: 'text',
    },
    has('paymentPurpose') && {
      name: 'paymentPurpose',
      label: t('sales.field.paymentPurpose'),
      type: 'textarea',
      wide: true,
    },
    has('updatePrices') && {
      name: 'updatePrices',
      label: t('purchases.field.updatePrices'),
      type: 'checkbox',
    },
    { name: 'comment', label: t('field.comment'), type: 'textarea', wide: true },
  ];
  return fields.filter((f): f is FieldSpec => f !== false);
}
