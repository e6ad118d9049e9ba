import Decimal from 'decimal.js';
import type { VatRate } from '@/lib/catalogs/products';
import type { PrintForm, PrintLine } from './print-form';

/**
 * Sample forms for the renderers' tests and scripts/print-sample.ts: the demo organization and client
 * of db/seed.ts, the walkthrough's sale (two air conditioners less 5 %, a juicer as a gift).
 */
const seller = {
  name: 'ООО «Торг»',
  inn: '7730123456',
  kpp: '773001001',
  address: 'г. Москва, ул. Бережковская, д. 20',
  phone: '+74951234567',
};
const sellerBank = {
  bankName: 'ПАО Сбербанк, г. Москва',
  bik: '044525225',
  account: '40702810938000012345',
  corrAccount: '30101810400000000225',
};
const buyer = {
  name: 'ООО «Климат-Сервис»',
  inn: '7701234560',
  kpp: '770101001',
  address: 'г. Москва, ул. Летниковская, д. 10',
};

type LineSpec = {
  name: string;
  sku: string;
  quantity: string;
  price: string;
  discount?: string;
  gift?: boolean;
  vatRate?: VatRate;
  unit?: string;
};

/** A line computed as documents compute it: amount less discount to the kopeck, VAT (22 %) inside it. */
function line(no: number, spec: LineSpec): PrintLine {
  const gross = new Decimal(spec.price).times(spec.quantity);
  const discount = gross
    .times(spec.discount ?? 0)
    .div(100)
    .toDecimalPlaces(2);
  const amount = gross.minus(discount);
  const vatRate = spec.vatRate ?? '22';
  const rate = new Decimal(vatRate === 'none' ? 0 : vatRate);
  return {
    no,
    name: spec.name,
    sku: spec.sku,
    unit: spec.unit ?? 'шт',
    quantity: new Decimal(spec.quantity).toFixed(3),
    price: new Decimal(spec.price).toFixed(2),
    discountPercent: new Decimal(spec.discount ?? 0).toFixed(2),
    discountAmount: discount.toFixed(2),
    amount: amount.toFixed(2),
    vatRate,
    vatAmount: (rate.isZero() ? new Decimal(0) : amount.times(rate).div(rate.plus(100)))
      .toDecimalPlaces(2)
      .toFixed(2),
    gift: spec.gift ?? false,
  };
}

function form(kind: PrintForm['kind'], specs: LineSpec[], rest: Partial<PrintForm> = {}): PrintForm {
  const lines = specs.map((spec, i) => line(i + 1, spec));
  const sum = (pick: (l: PrintLine) => string) => Decimal.sum(0, ...lines.map(pick));
  const amount = sum((l) => l.amount);
  const discount = sum((l) => l.discountAmount);
  return {
    kind,
    number: '000012',
    date: '2026-11-27T09:30:00.000Z',
    seller,
    sellerBank,
    buyer,
    lines,
    totals: {
      withoutDiscount: amount.plus(discount).toFixed(2),
      discount: discount.toFixed(2),
      amount: amount.toFixed(2),
      vat: sum((l) => l.vatAmount).toFixed(2),
    },
    notes: [],
    signatures: [],
    ...rest,
  };
}

const juicer: LineSpec = { name: 'Соковыжималка', sku: 'SOK-01', quantity: '1', price: '0', gift: true };

/** 2 × 6 750,00 less 5 % = 12 825,00, VAT 2 312,70. */
export function sampleInvoice(): PrintForm {
  return form(
    'invoice',
    [
      { name: 'Кондиционер без управления', sku: 'KOND-NO-09', quantity: '2', price: '6750', discount: '5' },
      juicer,
    ],
    {
      basis: 'Заказ клиента № 000012 от 27 ноября 2026 г.',
      notes: [
        'Оплатить не позднее 4 декабря 2026 г.',
        'Оплата данного счёта означает согласие с условиями поставки товара. Товар отпускается по факту ' +
          'прихода денег на р/с Поставщика, самовывозом, при наличии доверенности и паспорта.',
      ],
      signatures: [
        { role: 'Руководитель', name: 'Смирнов А. В.' },
        { role: 'Бухгалтер', name: 'Кузнецова Е. П.' },
      ],
    },
  );
}

export function sampleOffer(): PrintForm {
  return form(
    'offer',
    [
      {
        name: 'Кондиционер с ручным управлением',
        sku: 'KOND-MAN-09',
        quantity: '1',
        price: '5100',
        discount: '5',
      },
      { name: 'Кондиционер без управления', sku: 'KOND-NO-09', quantity: '1', price: '6750', discount: '5' },
      juicer,
    ],
    {
      sellerBank: null,
      notes: [
        'Предложение действительно до 11 декабря 2026 г.',
        'Условия оплаты: 100 % предоплата по счёту. Доставка по Москве — бесплатно.',
      ],
      signatures: [{ role: 'Менеджер', name: 'Иванова О. Н.' }],
    },
  );
}

/** An invoice long enough to run over several pages. */
export function longInvoice(count: number): PrintForm {
  return form(
    'invoice',
    Array.from({ length: count }, (_, i) => ({
      name: `Кондиционер настенный, модель ${i + 1}, с комплектом монтажных принадлежностей`,
      sku: `KOND-${String(i + 1).padStart(3, '0')}`,
      quantity: String((i % 3) + 1),
      price: String(4000 + i * 10),
    })),
    { signatures: sampleInvoice().signatures },
  );
}

/**
 * The walkthrough's sale shipped under the sales document's fixed-layout forms, with goods at each VAT
 * rate: 12 825,00 at 22 %, 3 × 333,33 at 10 %, a book without VAT and the gift.
 */
export function sampleShipment(kind: 'upd1' | 'upd2' | 'torg12' | 'sales'): PrintForm {
  return form(
    kind,
    [
      { name: 'Кондиционер без управления', sku: 'KOND-NO-09', quantity: '2', price: '6750', discount: '5' },
      { name: 'Фильтр угольный', sku: 'FLT-02', quantity: '3', price: '333.33', vatRate: '10', unit: 'упак' },
      { name: 'Инструкция по монтажу (книга)', sku: 'BOOK-1', quantity: '1', price: '450', vatRate: 'none' },
      juicer,
    ],
    {
      basis: 'Заказ клиента № 000012 от 27 ноября 2026 г.',
      basisDocument: { number: '000012', date: '2026-11-27T09:00:00.000Z' },
      responsible: 'Иванова О. Н.',
      paymentDocuments: [{ number: '512', date: '2026-11-26T00:00:00.000Z' }],
    },
  );
}

/** The walkthrough's payment made in cash (ПКО), and an advance paid out to an employee (РКО). */
export function sampleCashOrder(kind: 'pko' | 'rko'): PrintForm {
  const amount = kind === 'pko' ? '12825.00' : '5000.00';
  return {
    ...form(kind, []),
    totals: { withoutDiscount: amount, discount: '0.00', amount, vat: '0.00' },
    cash:
      kind === 'pko'
        ? {
            counterparty: buyer.name,
            purpose: 'Оплата по заказу клиента № 000012 от 27 ноября 2026 г.',
            cashDesk: 'Основная касса',
            debit: '50.01',
            credit: '62.01',
          }
        : {
            counterparty: 'Петров Пётр Петрович',
            purpose: 'Выдача под отчёт на командировочные расходы',
            cashDesk: 'Основная касса',
            debit: '71.01',
            credit: '50.01',
          },
  };
}
