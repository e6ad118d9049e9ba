import Decimal from 'decimal.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { VatRate } from '@/lib/catalogs/products';
import { formatQuantity, timeZone } from '@/lib/i18n/translate';
import { amountInWords } from './amount-in-words';

/**
 * A sales document as it goes on paper, already computed: the renderers (HTML, PDF, XLSX) only lay it
 * out, so the three files of one document always say the same. Money is decimal strings (2 dp).
 */
export type PrintParty = {
  name: string;
  inn: string | null;
  kpp: string | null;
  address: string | null;
  phone?: string | null;
};
export type PrintBank = { bankName: string; bik: string; account: string; corrAccount: string | null };
export type PrintLine = {
  no: number;
  name: string;
  sku: string;
  unit: string;
  quantity: string;
  price: string;
  discountPercent: string;
  discountAmount: string;
  amount: string;
  vatRate: VatRate;
  vatAmount: string;
  gift: boolean;
};
/**
 * `upd1`, `upd2`: the universal transfer document of status 1 and 2; `torg12`: the unified waybill;
 * `client_return`: the note of goods a client returns;
 * `pko`, `rko`: the cash receipt and payment orders (КО-1, КО-2).
 */
export const printKinds = [
  'offer',
  'order',
  'invoice',
  'sales',
  'upd1',
  'upd2',
  'torg12',
  'client_return',
  'pko',
  'rko',
] as const;
export type PrintKind = (typeof printKinds)[number];
export type PrintForm = {
  kind: PrintKind;
  number: string;
  /** ISO: a moment (shown on the company's clock) or a calendar date. */
  date: string;
  seller: PrintParty;
  sellerBank: PrintBank | null;
  buyer: PrintParty;
  lines: PrintLine[];
  totals: { withoutDiscount: string; discount: string; amount: string; vat: string };
  /** Validity of an offer, payment terms and the like, one paragraph each, under the amount in words. */
  notes: string[];
  signatures: { role: string; name: string | null }[];
  /** "Заказ клиента № 12 от 20 ноября 2026 г." for a document made from another. */
  basis?: string | null;
  /** The basis's number and date, for TORG-12's code boxes. */
  basisDocument?: { number: string; date: string } | null;
  /** The manager who made the document: "responsible for the record" on the УПД. */
  responsible?: string | null;
  /** Bank receipts paying the order, for the УПД's line (5) «К платёжно-расчётному документу». */
  paymentDocuments?: { number: string; date: string }[];
  /**
   * A cash order's own fields: whom the money is from or to, what for (основание), the cash desk (its
   * structural subdivision) and the accounts it posts to in the chart of accounts (50.01 is the cash desk).
   */
  cash?: { counterparty: string; purpose: string; cashDesk: string; debit: string; credit: string };
};

/** 1C's names of these print forms; the sales document prints as the plain waybill, the УПД and TORG-12. */
const kindTitles: Record<PrintKind, string> = {
  offer: 'Коммерческое предложение',
  order: 'Заказ клиента',
  invoice: 'Счёт на оплату',
  sales: 'Расходная накладная',
  upd1: 'УПД (статус 1)',
  upd2: 'УПД (статус 2)',
  torg12: 'ТОРГ-12',
  client_return: 'Накладная на возврат',
  pko: 'Приходный кассовый ордер',
  rko: 'Расходный кассовый ордер',
};

/** A calendar date as is; a moment on the company's clock, as the document's date was entered. */
function dateParts(iso: string): { date: Date; timeZone: string } {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso)
    ? { date: new Date(`${iso}T00:00:00Z`), timeZone: 'UTC' }
    : { date: new Date(iso), timeZone };
}

/** "27 ноября 2026 г." */
export function printDate(iso: string): string {
  const { date, timeZone } = dateParts(iso);
  return new Intl.DateTimeFormat('ru-RU', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(date);
}

/** "27.11.2026" */
export function shortDate(iso: string): string {
  const { date, timeZone } = dateParts(iso);
  return new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeZone }).format(date);
}

export function printTitle(form: PrintForm): string {
  return `${kindTitles[form.kind]} № ${form.number} от ${printDate(form.date)}`;
}

/**
 * "Счёт_на_оплату_000012_от_27.11.2026.pdf": Cyrillic like the title, so the file and the paper read
 * the same; underscores instead of spaces and nothing a file system refuses. Serve it with
 * `filename*=UTF-8''…` (RFC 6266), as app/api/attachments does.
 */
export function printFileName(form: PrintForm, ext: 'pdf' | 'xlsx'): string {
  const number = form.number.replace(/[^\p{L}\p{N}-]+/gu, '_');
  return `${kindTitles[form.kind].replace(/ /g, '_')}_${number}_от_${shortDate(form.date)}.${ext}`;
}

const moneyFormat = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "12 825,00" with a no-break space, without the ruble sign: the columns and totals say it is rubles. */
export function printMoney(amount: string): string {
  // Intl formats a decimal string exactly, without going through a float.
  return moneyFormat.format(amount as unknown as number);
}

/** "ООО «Торг», ИНН 7730123456, КПП 773001001, г. Москва, …, тел.: +7 495 123 45 67" */
export function partyText(party: PrintParty): string {
  // No-break spaces keep the number on one line.
  const phone =
    party.phone &&
    (parsePhoneNumberFromString(party.phone)?.formatInternational() ?? party.phone).replace(/ /g, '\u00a0');
  return [
    party.name,
    party.inn && `ИНН ${party.inn}`,
    party.kpp && `КПП ${party.kpp}`,
    party.address,
    phone && `тел.: ${phone}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The parties as labelled rows. The invoice and the order name them as the Tax Code does; the waybill
 * plainly; the offer only says whom it is for, its letterhead being the seller's.
 */
export function partyRows(form: PrintForm): [label: string, text: string][] {
  const basis: [string, string][] = form.basis ? [['Основание', form.basis]] : [];
  if (form.kind === 'offer') return [['Кому', partyText(form.buyer)], ...basis];
  // The goods go the other way: the client hands them back, we take them.
  if (form.kind === 'client_return')
    return [
      ['Сдал (покупатель)', partyText(form.buyer)],
      ['Принял (поставщик)', partyText(form.seller)],
      ...basis,
    ];
  const [seller, buyer] =
    form.kind === 'sales'
      ? ['Поставщик', 'Покупатель']
      : ['Поставщик (Исполнитель)', 'Покупатель (Заказчик)'];
  return [[seller, partyText(form.seller)], [buyer, partyText(form.buyer)], ...basis];
}

/** The invoice opens with the bank details box of the standard layout. */
export const hasBankBox = (form: PrintForm) => form.kind === 'invoice' && form.sellerBank !== null;

/** The offer is a letter on the seller's letterhead: name, requisites, contacts. */
export const hasLetterhead = (form: PrintForm) => form.kind === 'offer';

export type PrintColumnKey = 'no' | 'sku' | 'name' | 'quantity' | 'unit' | 'price' | 'discount' | 'amount';
export type PrintColumn = {
  key: PrintColumnKey;
  label: string;
  kind: 'text' | 'number' | 'quantity' | 'money';
};

const columns: PrintColumn[] = [
  { key: 'no', label: '№', kind: 'number' },
  { key: 'sku', label: 'Артикул', kind: 'text' },
  { key: 'name', label: 'Товары (работы, услуги)', kind: 'text' },
  { key: 'quantity', label: 'Кол-во', kind: 'quantity' },
  { key: 'unit', label: 'Ед.', kind: 'text' },
  { key: 'price', label: 'Цена', kind: 'money' },
  { key: 'discount', label: 'Скидка', kind: 'money' },
  { key: 'amount', label: 'Сумма', kind: 'money' },
];

const hasDiscount = (form: PrintForm) => !new Decimal(form.totals.discount).isZero();

/** The lines table's columns: the article and discount ones only when some line has one. */
export function printColumns(form: PrintForm): PrintColumn[] {
  return columns.filter(
    (c) => (c.key !== 'sku' || form.lines.some((l) => l.sku)) && (c.key !== 'discount' || hasDiscount(form)),
  );
}

/** A cell's value: decimal strings for numbers (XLSX stores them as numbers), text otherwise. */
export function cellValue(line: PrintLine, key: PrintColumnKey): string {
  switch (key) {
    case 'no':
      return String(line.no);
    case 'name':
      return line.gift ? `${line.name} (подарок)` : line.name;
    case 'discount':
      return line.discountAmount;
    default:
      return line[key];
  }
}

/** A cell as printed: numbers Russian style, a zero discount as a blank. */
export function cellText(column: PrintColumn, line: PrintLine): string {
  const value = cellValue(line, column.key);
  if (column.kind === 'quantity') return formatQuantity('ru', value);
  if (column.kind !== 'money') return value;
  return column.key === 'discount' && new Decimal(value).isZero() ? '' : printMoney(value);
}

/**
 * Rows under the table: the discount when there is one, the total, VAT in it by rate, the total due.
 * Amounts are decimal strings; null is "no VAT", printed as a dash.
 */
export function totalRows(form: PrintForm): { label: string; amount: string | null }[] {
  const { totals } = form;
  const rates = [...new Set(form.lines.map((l) => l.vatRate))].filter((r) => r !== 'none');
  const vatOf = (rate: VatRate) =>
    Decimal.sum(0, ...form.lines.filter((l) => l.vatRate === rate).map((l) => l.vatAmount)).toFixed(2);
  const vat =
    rates.length === 0
      ? [{ label: 'Без налога (НДС)', amount: null }]
      : rates.map((rate) => ({
          label: `В том числе НДС (${rate}%)`,
          amount: rates.length === 1 ? totals.vat : vatOf(rate),
        }));
  return [
    ...(hasDiscount(form)
      ? [
          { label: 'Сумма без скидки', amount: totals.withoutDiscount },
          { label: 'Скидка', amount: totals.discount },
        ]
      : []),
    { label: 'Итого', amount: totals.amount },
    ...vat,
    { label: form.kind === 'invoice' ? 'Всего к оплате' : 'Всего', amount: totals.amount },
  ];
}

/** "Всего наименований 2, на сумму 12 825,00 руб." and the amount in words under it. */
export function printSummary(form: PrintForm): { count: string; words: string } {
  return {
    count: `Всего наименований ${form.lines.length}, на сумму ${printMoney(form.totals.amount)} руб.`,
    words: amountInWords(form.totals.amount),
  };
}
