import { amountInWords } from './amount-in-words';
import type { FormSheet, SheetRow } from './form-sheet';
import { type PrintForm, printDate, printMoney, shortDate } from './print-form';
import { blank, box, caption, field, head, money, row, small, text } from './sheet-cells';

/**
 * The cash orders of the unified forms of Постановление Госкомстата России № 88 of 18.08.1998, as
 * 1C prints them: «Приходный кассовый ордер» (КО-1, ОКУД 0310001) with its tear-off receipt
 * («квитанция») on the right, and «Расходный кассовый ордер» (КО-2, ОКУД 0310002). The amount is
 * the document's, in figures and in words; we charge no VAT on money, so «В том числе» says so.
 */

const organization = (form: PrintForm) => form.seller.name;
const noVat = 'без налога (НДС)';

/** The order's heading: the form's approval, ОКУД and ОКПО boxes, the organization, number and date. */
function heading(form: PrintForm, title: string, code: string, okud: string, width: number): SheetRow[] {
  const left = width - 2;
  return [
    row([
      small(
        `Унифицированная форма № ${code}\nУтверждена постановлением Госкомстата России от 18.08.98 № 88`,
        width,
        {
          align: 'right',
        },
      ),
    ]),
    row([blank(left), blank(), box('Коды', 1, { align: 'center' })]),
    row([blank(left), small('Форма по ОКУД', 1, { align: 'right' }), box(okud, 1, { align: 'center' })]),
    row([field(organization(form), left, { bold: true }), small('по ОКПО', 1, { align: 'right' }), box('')]),
    row([caption('(организация)', left), blank(2)]),
    row([field(form.cash?.cashDesk ?? '', left), blank(2)]),
    row([caption('(структурное подразделение)', left), blank(2)]),
    row([blank(width - 4), head('Номер документа', 2), head('Дата составления', 2)], { gapBefore: 4 }),
    row([
      text(title, width - 4, { bold: true, size: 'large', align: 'right' }),
      box(form.number, 2, { bold: true, align: 'center' }),
      box(shortDate(form.date), 2, { bold: true, align: 'center' }),
    ]),
  ];
}

/** «Главный бухгалтер ____ ____» with its captions, over `width` columns from a label of `label`. */
const signature = (label: string, labelSpan: number, width: number, name = ''): SheetRow[] => {
  const sign = Math.floor((width - labelSpan) / 2);
  return [
    row([small(label, labelSpan), field('', sign), field(name, width - labelSpan - sign)], { gapBefore: 4 }),
    row([
      blank(labelSpan),
      caption('(подпись)', sign),
      caption('(расшифровка подписи)', width - labelSpan - sign),
    ]),
  ];
};

/** The receipt is narrow: its signatures stand under their labels. */
const receiptSignature = (label: string): SheetRow[] => [
  row([small(label, 2)], { gapBefore: 4 }),
  row([field(''), field('')]),
  row([caption('(подпись)'), caption('(расшифровка подписи)')]),
];

/**
 * The accounts table of a cash order: debit, credit, amount, purpose code. The side that is not the cash
 * desk (the credit of КО-1, the debit of КО-2) splits into unit, correspondent account and analytics.
 */
function accountRows(
  cash: NonNullable<PrintForm['cash']>,
  amount: string,
  split: 'debit' | 'credit',
): SheetRow[] {
  const side = (name: 'debit' | 'credit', label: string) => {
    const account = box(cash[name], 1, { align: 'center' });
    return name === split
      ? { head: head(label, 3), cells: [box(''), account, box('')] }
      : { head: head(label, 1, 2), cells: [account] };
  };
  const debit = side('debit', 'Дебет');
  const credit = side('credit', 'Кредит');
  return [
    row(
      [
        debit.head,
        credit.head,
        head('Сумма, руб. коп.', 1, 2),
        head('Код целевого назначения', 1, 2),
        head('', 1, 2),
      ],
      { gapBefore: 4 },
    ),
    row([
      head('код структурного подразделения'),
      head('корреспондирующий счёт, субсчёт'),
      head('код аналитического учёта'),
    ]),
    row([...debit.cells, ...credit.cells, money(amount, { bold: true }), box(''), box('')]),
  ];
}

const pkoLeft = [20, 18, 20, 18, 22, 16, 14];
const pkoRight = [22, 34];

/** КО-1: the order on the left, the receipt handed to the payer on the right, a cut line between. */
export function pkoSheet(form: PrintForm): FormSheet {
  const cash = form.cash!;
  const amount = form.totals.amount;
  const words = amountInWords(amount);
  const width = pkoLeft.length;
  const left: SheetRow[] = [
    ...heading(form, 'ПРИХОДНЫЙ КАССОВЫЙ ОРДЕР', 'КО-1', '0310001', width),
    ...accountRows(cash, amount, 'credit'),
    row([small('Принято от'), field(cash.counterparty, width - 1, { bold: true })], { gapBefore: 4 }),
    row([small('Основание:'), field(cash.purpose, width - 1)]),
    row([small('Сумма'), field(words, width - 1, { bold: true })]),
    row([blank(), caption('(прописью)', width - 1)]),
    row([small('В том числе'), field(noVat, width - 1)]),
    row([small('Приложение'), field('', width - 1)]),
    ...signature('Главный бухгалтер', 2, width),
    ...signature('Получил кассир', 2, width),
  ];
  const right: SheetRow[] = [
    row([blank(2)]),
    row([field(organization(form), 2, { bold: true })]),
    row([caption('(организация)', 2)]),
    row([text('КВИТАНЦИЯ', 2, { bold: true, size: 'large', align: 'center' })], { gapBefore: 4 }),
    row([small(`к приходному кассовому ордеру № ${form.number}`, 2)]),
    row([small(`от ${printDate(form.date)}`, 2)]),
    row([small('Принято от'), field(cash.counterparty, 1, { bold: true })], { gapBefore: 4 }),
    row([small('Основание:'), field(cash.purpose)]),
    row([small('Сумма'), field(`${printMoney(amount)} руб.`, 1, { bold: true })]),
    row([field(words, 2)]),
    row([caption('(прописью)', 2)]),
    row([small('В том числе'), field(noVat)]),
    row([small(printDate(form.date), 2)]),
    row([small('М. П. (штампа)', 2)]),
    ...receiptSignature('Главный бухгалтер'),
    ...receiptSignature('Кассир'),
  ];
  const height = Math.max(left.length, right.length);
  const rows: SheetRow[] = Array.from({ length: height }, (_, i) => {
    const l = left[i] ?? row([blank(width)]);
    const r = right[i] ?? row([blank(2)]);
    return {
      ...l,
      gapBefore: Math.max(l.gapBefore ?? 0, r.gapBefore ?? 0) || undefined,
      // The cut line («линия отреза») runs down the gap between the order and its receipt.
      cells: [...l.cells, small(i === 0 ? '✂' : '¦', 1, { align: 'center' }), ...r.cells],
    };
  });
  return {
    title: `Приходный кассовый ордер № ${form.number} от ${printDate(form.date)}`,
    columns: [...pkoLeft, 6, ...pkoRight],
    rows,
  };
}

const rkoColumns = [30, 26, 26, 26, 26, 30, 26];

/** КО-2: the order to pay out, signed by the head, the chief accountant, the recipient and the cashier. */
export function rkoSheet(form: PrintForm): FormSheet {
  const cash = form.cash!;
  const amount = form.totals.amount;
  const words = amountInWords(amount);
  const width = rkoColumns.length;
  const rows: SheetRow[] = [
    ...heading(form, 'РАСХОДНЫЙ КАССОВЫЙ ОРДЕР', 'КО-2', '0310002', width),
    ...accountRows(cash, amount, 'debit'),
    row([small('Выдать'), field(cash.counterparty, width - 1, { bold: true })], { gapBefore: 4 }),
    row([blank(), caption('(фамилия, имя, отчество)', width - 1)]),
    row([small('Основание:'), field(cash.purpose, width - 1)]),
    row([small('Сумма'), field(words, width - 1, { bold: true })]),
    row([blank(), caption('(прописью)', width - 1)]),
    row([small('Приложение'), field('', width - 1)]),
    row([small('Руководитель организации', 2), field('', 1), field('', 2), field('', 2)], { gapBefore: 4 }),
    row([blank(2), caption('(должность)'), caption('(подпись)', 2), caption('(расшифровка подписи)', 2)]),
    ...signature('Главный бухгалтер', 2, width),
    row([small('Получил'), field(words, width - 1)], { gapBefore: 4 }),
    row([blank(), caption('(сумма прописью)', width - 1)]),
    row([field('«___» ______________ 20___ г.', 3), small('Подпись', 1, { align: 'right' }), field('', 3)]),
    row([small('По'), field('', width - 1)], { gapBefore: 4 }),
    row([
      blank(),
      caption(
        '(наименование, номер, дата и место выдачи документа, удостоверяющего личность получателя)',
        width - 1,
      ),
    ]),
    ...signature('Выдал кассир', 2, width),
  ];
  return {
    title: `Расходный кассовый ордер № ${form.number} от ${printDate(form.date)}`,
    columns: rkoColumns,
    rows,
  };
}
