import Decimal from 'decimal.js';
import type { Sender } from '@/emails/Letter';
import type { LetterInput } from '@/emails/render';
import type { DocumentKind } from '@/lib/documents/kinds';
import { formatDate, formatMoney } from '@/lib/i18n/translate';
import type { PrintKind } from '@/lib/print/print-form';

export const emailTemplateKeys = ['offer', 'order_invoice', 'payment_reminder', 'sales'] as const;
export type EmailTemplateKey = (typeof emailTemplateKeys)[number];

/** What a letter is written from: the document, whom it goes to and who sends it. */
export type LetterContext = {
  document: {
    id: number;
    kind: DocumentKind;
    number: string;
    date: Date;
    amount: string;
    validUntil: string | null;
    prepaymentPercent: string | null;
    /** Orders: paid by posted bank receipts, and what is left to pay. */
    paid: string;
    toPay: string;
  };
  organization: { name: string; phone: string | null; email: string | null } | null;
  contactName: string | null;
};

type TemplateSpec = {
  kinds: readonly DocumentKind[];
  /** Ticked on the send form: PDF of these print forms. */
  attachments: readonly PrintKind[];
  subject: (c: LetterContext) => string;
  body: (c: LetterContext) => string;
};

const money = (amount: string) => formatMoney('ru', amount);
const date = (value: Date | string) => formatDate('ru', value);
const orderTitle = (c: LetterContext) => `Заказ № ${c.document.number} от ${date(c.document.date)}`;
const offerTitle = (c: LetterContext) =>
  `Коммерческое предложение № ${c.document.number} от ${date(c.document.date)}`;
const shipmentTitle = (c: LetterContext) => `Отгрузка № ${c.document.number} от ${date(c.document.date)}`;
const from = (c: LetterContext) => (c.organization ? ` — ${c.organization.name}` : '');

/** «предоплата 50 % (6 412,50 ₽), остаток по факту отгрузки»: the order's prepayment share in words. */
function paymentTerms(c: LetterContext): string {
  const percent = new Decimal(c.document.prepaymentPercent ?? 0);
  if (percent.gte(100)) return 'полная предоплата, отгрузка после оплаты';
  if (percent.lte(0)) return 'оплата по факту отгрузки';
  const prepayment = new Decimal(c.document.amount).times(percent).div(100).toFixed(2);
  return `предоплата ${percent.toString()} % (${money(prepayment)}), остаток по факту отгрузки`;
}

/** The letters a manager sends from documents, with the subject and text they start from (Russian). */
export const emailTemplates: Record<EmailTemplateKey, TemplateSpec> = {
  offer: {
    kinds: ['commercial_offer'],
    attachments: ['offer'],
    subject: (c) => `${offerTitle(c)}${from(c)}`,
    body: (c) =>
      [
        `Благодарим за интерес к нашей продукции. Направляем коммерческое предложение на сумму ${money(c.document.amount)}, оно во вложении к письму.`,
        [
          c.document.validUntil && `Предложение действительно до ${date(c.document.validUntil)}.`,
          'Будем рады ответить на ваши вопросы и оформить заказ.',
        ]
          .filter(Boolean)
          .join(' '),
      ].join('\n\n'),
  },
  order_invoice: {
    kinds: ['customer_order'],
    attachments: ['order', 'invoice'],
    subject: (c) => `${orderTitle(c)} и счёт на оплату${from(c)}`,
    body: (c) =>
      [
        `Благодарим за заказ. Направляем заказ № ${c.document.number} и счёт на оплату на сумму ${money(c.document.amount)}.`,
        `Условия оплаты: ${paymentTerms(c)}.`,
      ].join('\n\n'),
  },
  payment_reminder: {
    kinds: ['customer_order'],
    attachments: ['invoice'],
    subject: (c) => `Напоминание об оплате: ${orderTitle(c).toLowerCase()}`,
    body: (c) =>
      [
        `Напоминаем, что по заказу № ${c.document.number} от ${date(c.document.date)} ожидается оплата: ${money(c.document.toPay)}. Счёт на оплату во вложении.`,
        'Если оплата уже отправлена, пожалуйста, не учитывайте это письмо.',
      ].join('\n\n'),
  },
  sales: {
    kinds: ['sales'],
    attachments: ['upd1'],
    subject: (c) => `УПД № ${c.document.number} от ${date(c.document.date)}${from(c)}`,
    body: (c) =>
      [
        `Направляем универсальный передаточный документ № ${c.document.number} от ${date(c.document.date)} на сумму ${money(c.document.amount)} по отгрузке товаров, он во вложении к письму.`,
        'Просим подписать документ и вернуть подписанный экземпляр (скан) ответным письмом, оригинал — с курьером или почтой.',
      ].join('\n\n'),
  },
};

export const templatesFor = (kind: DocumentKind): EmailTemplateKey[] =>
  emailTemplateKeys.filter((key) => emailTemplates[key].kinds.includes(kind));

/** The template's props: the summary of the document with the user's text and the sender. */
export function letterFor(
  template: EmailTemplateKey,
  c: LetterContext,
  body: string,
  sender: Sender,
): LetterInput {
  const letter = { contactName: c.contactName, body, sender };
  const total = money(c.document.amount);
  switch (template) {
    case 'offer':
      return {
        template,
        props: {
          ...letter,
          offer: {
            title: offerTitle(c),
            total,
            validUntil: c.document.validUntil && date(c.document.validUntil),
          },
        },
      };
    case 'order_invoice':
      return {
        template,
        props: {
          ...letter,
          order: {
            title: orderTitle(c),
            total,
            invoice: `№ ${c.document.number} от ${date(c.document.date)}`,
            paymentTerms: paymentTerms(c),
          },
        },
      };
    case 'payment_reminder':
      return {
        template,
        props: {
          ...letter,
          order: {
            title: orderTitle(c),
            total,
            paid: money(c.document.paid),
            toPay: money(c.document.toPay),
          },
        },
      };
    case 'sales':
      return {
        template,
        props: {
          ...letter,
          shipment: {
            title: shipmentTitle(c),
            total,
            upd: `№ ${c.document.number} от ${date(c.document.date)}`,
          },
        },
      };
  }
}
