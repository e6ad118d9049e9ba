import Decimal from 'decimal.js';
import { amountInWords, countInWords } from './amount-in-words';
import { pkoSheet, rkoSheet } from './cash-order-forms';
import type { FormSheet, SheetCell, SheetRow } from './form-sheet';
import {
  type PrintForm,
  type PrintKind,
  type PrintLine,
  partyText,
  printDate,
  shortDate,
} from './print-form';
import { blank, box, caption, field, head, money, quantity, row, small, text } from './sheet-cells';

/**
 * The sales document's forms of a fixed layout, as FormSheets:
 * - the УПД (универсальный передаточный документ) of the ФНС letter ММВ-20-3/96@ of 21.10.2013 on the
 *   invoice form of Постановление Правительства РФ № 1137 (as amended by № 534 of 02.04.2021: line 5а,
 *   the «№ п/п» column and the traceability columns 12–13). Status 1 is an invoice and a transfer
 *   document, status 2 only a transfer document;
 * - ТОРГ-12, the unified waybill (Госкомстат resolution № 132 of 25.12.1998, ОКУД 0330212).
 * Amounts come from the document's lines as posted: the VAT of each line, the amount without VAT as the
 * amount less it, so the totals are the document's to the kopeck.
 */

/** Units by their ОКЕИ codes (Общероссийский классификатор единиц измерения), as products spell them. */
const okeiCodes: Record<string, string> = {
  шт: '796',
  кг: '166',
  г: '163',
  т: '168',
  л: '112',
  мл: '111',
  м: '006',
  см: '004',
  мм: '003',
  км: '008',
  м2: '055',
  'м²': '055',
  м3: '113',
  'м³': '113',
  упак: '778',
  уп: '778',
  компл: '839',
  комплект: '839',
  пар: '715',
  пара: '715',
  ч: '356',
  час: '356',
  рул: '736',
  лист: '625',
  бут: '868',
  усл: '876',
  'усл. ед': '876',
};

/** "796" for "шт" (and "шт."), a dash for a unit ОКЕИ does not list. */
export function okeiCode(unit: string): string {
  return okeiCodes[unit.trim().toLowerCase().replace(/\.$/, '')] ?? '—';
}

/** A line's tax figures: the price and amount without VAT, the VAT, the amount with VAT. */
export type TaxLine = {
  line: PrintLine;
  unitCode: string;
  price: string;
  withoutVat: string;
  vat: string;
  withVat: string;
};

export function taxLines(form: PrintForm): TaxLine[] {
  return form.lines.map((line) => {
    const withoutVat = new Decimal(line.amount).minus(line.vatAmount);
    const quantity = new Decimal(line.quantity);
    return {
      line,
      unitCode: okeiCode(line.unit),
      // As 1C prints it: the amount is exact, the unit price is rounded from it.
      price: quantity.isZero() ? '0.00' : withoutVat.div(quantity).toFixed(2),
      withoutVat: withoutVat.toFixed(2),
      vat: new Decimal(line.vatAmount).toFixed(2),
      withVat: new Decimal(line.amount).toFixed(2),
    };
  });
}

export function taxTotals(lines: TaxLine[]) {
  const sum = (pick: (l: TaxLine) => string) => Decimal.sum(0, ...lines.map(pick)).toFixed(2);
  return {
    quantity: Decimal.sum(0, ...lines.map((l) => l.line.quantity)).toString(),
    withoutVat: sum((l) => l.withoutVat),
    vat: sum((l) => l.vat),
    withVat: sum((l) => l.withVat),
  };
}

/** "22%" or "без НДС", as the УПД's column 7 says it; ТОРГ-12 gives the bare number. */
const rateText = (line: PrintLine, percent: string) =>
  line.vatRate === 'none' ? 'без НДС' : `${line.vatRate}${percent}`;

const innKpp = (party: PrintForm['seller']) => [party.inn, party.kpp].filter(Boolean).join('/') || '—';
const nameAndAddress = (party: PrintForm['seller']) => [party.name, party.address].filter(Boolean).join(', ');
const blankDate = '«___» ______________ 20___ г.';

const updColumns = [10, 17, 50, 12, 10, 12, 14, 18, 20, 14, 12, 18, 20, 10, 13, 22, 10, 12, 14];

/** The УПД of status 1 (an invoice and a transfer document) or 2 (a transfer document only). */
export function updSheet(form: PrintForm, status: 1 | 2): FormSheet {
  const lines = taxLines(form);
  const totals = taxTotals(lines);
  const date = printDate(form.date);
  // Line (5) is an invoice's requisite (Tax Code 169.5.4): a transfer document alone leaves it out.
  const payments =
    status === 1 && form.paymentDocuments?.length
      ? form.paymentDocuments.map((p) => `№ ${p.number} от ${shortDate(p.date)}`).join(', ')
      : '—';
  const fields: [string, string, string][] = [
    ['Продавец', form.seller.name, '(2)'],
    ['Адрес', form.seller.address ?? '—', '(2а)'],
    ['ИНН/КПП продавца', innKpp(form.seller), '(2б)'],
    // The seller ships its own goods: the form's words for that.
    ['Грузоотправитель и его адрес', 'он же', '(3)'],
    ['Грузополучатель и его адрес', nameAndAddress(form.buyer), '(4)'],
    ['К платёжно-расчётному документу', payments, '(5)'],
    [
      'Документ об отгрузке',
      `№ п/п ${lines.length > 1 ? `1–${lines.length}` : '1'} № ${form.number} от ${shortDate(form.date)}`,
      '(5а)',
    ],
    ['Покупатель', form.buyer.name, '(6)'],
    ['Адрес', form.buyer.address ?? '—', '(6а)'],
    ['ИНН/КПП покупателя', innKpp(form.buyer), '(6б)'],
    ['Валюта: наименование, код', 'Российский рубль, 643', '(7)'],
    ['Идентификатор государственного контракта, договора (соглашения) (при наличии)', '—', '(8)'],
  ];
  const left: SheetCell[][] = [
    [text('Универсальный передаточный документ', 2, { rowSpan: 2, bold: true })],
    [],
    [small('Статус:'), box(String(status), 1, { bold: true, align: 'center' })],
    [
      small('1 — счёт-фактура и передаточный документ (акт)\n2 — передаточный документ (акт)', 2, {
        rowSpan: 4,
      }),
    ],
    [],
    [],
    [],
    [blank(2, 7)],
  ];
  const header: SheetRow[] = [
    row([
      ...left[0]!,
      text(`Счёт-фактура № ${form.number} от ${date}`, 8, { bold: true, size: 'large' }),
      small('(1)'),
      small(
        'Приложение № 1 к постановлению Правительства Российской Федерации от 26 декабря 2011 г. № 1137 (в редакции постановления Правительства Российской Федерации от 2 апреля 2021 г. № 534)',
        8,
        { rowSpan: 2, align: 'right' },
      ),
    ]),
    row([text('Исправление № — от —', 8), small('(1а)')]),
    ...fields.map(([label, value, ref], i) =>
      row([...(left[i + 2] ?? []), small(label, 3), field(value, 13, { bold: true }), small(ref)]),
    ),
  ];
  const table: SheetRow[] = [
    row(
      [
        head('№ п/п', 1, 2),
        head('Код товара/ работ, услуг', 1, 2),
        head('Наименование товара (описание выполненных работ, оказанных услуг), имущественного права', 1, 2),
        head('Код вида товара', 1, 2),
        head('Единица измерения', 2),
        head('Количество (объём)', 1, 2),
        head('Цена (тариф) за единицу измерения', 1, 2),
        head('Стоимость товаров (работ, услуг), имущественных прав без налога — всего', 1, 2),
        head('В том числе сумма акциза', 1, 2),
        head('Налоговая ставка', 1, 2),
        head('Сумма налога, предъявляемая покупателю', 1, 2),
        head('Стоимость товаров (работ, услуг), имущественных прав с налогом — всего', 1, 2),
        head('Страна происхождения товара', 2),
        head(
          'Регистрационный номер декларации на товары или регистрационный номер партии товара, подлежащего прослеживаемости',
          1,
          2,
        ),
        head(
          'Количественная единица измерения товара, используемая в целях осуществления прослеживаемости',
          2,
        ),
        head(
          'Количество товара, подлежащего прослеживаемости, в количественной единице измерения товара',
          1,
          2,
        ),
      ],
      { head: true, gapBefore: 5 },
    ),
    row(
      [
        head('код'),
        head('условное обозначение (национальное)'),
        head('цифровой код'),
        head('краткое наименование'),
        head('код'),
        head('условное обозначение'),
      ],
      { head: true },
    ),
    row(
      [
        'А',
        'Б',
        '1',
        '1а',
        '2',
        '2а',
        '3',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        '10',
        '10а',
        '11',
        '12',
        '12а',
        '13',
      ].map((n) => head(n)),
      { head: true },
    ),
    ...lines.map((l) =>
      row(
        [
          box(String(l.line.no), 1, { align: 'center' }),
          box(l.line.sku),
          box(l.line.gift ? `${l.line.name} (подарок)` : l.line.name),
          box('—', 1, { align: 'center' }),
          box(l.unitCode, 1, { align: 'center' }),
          box(l.line.unit, 1, { align: 'center' }),
          quantity(l.line.quantity),
          money(l.price),
          money(l.withoutVat),
          box('без акциза', 1, { align: 'center', size: 'small' }),
          box(rateText(l.line, '%'), 1, { align: 'center' }),
          l.line.vatRate === 'none' ? box('без НДС', 1, { align: 'center' }) : money(l.vat),
          money(l.withVat),
          box('—', 1, { align: 'center' }),
          box('—', 1, { align: 'center' }),
          box('—', 1, { align: 'center' }),
          box(''),
          box(''),
          box(''),
        ],
        { line: true },
      ),
    ),
    row([
      box('Всего к оплате (9)', 8, { bold: true }),
      money(totals.withoutVat, { bold: true }),
      box('Х', 2, { align: 'center' }),
      lines.every((l) => l.line.vatRate === 'none')
        ? box('без НДС', 1, { align: 'center', bold: true })
        : money(totals.vat, { bold: true }),
      money(totals.withVat, { bold: true }),
      blank(6),
    ]),
  ];
  const signatures: SheetRow[] = [
    row(
      [
        small('Документ составлен на\n____ листах', 2, { rowSpan: 4 }),
        small('Руководитель организации или иное уполномоченное лицо', 3),
        field('', 2),
        field('', 2),
        small('Главный бухгалтер или иное уполномоченное лицо', 3),
        field('', 3),
        field('', 4),
      ],
      { gapBefore: 5 },
    ),
    row([
      blank(3),
      caption('(подпись)', 2),
      caption('(ф.и.о.)', 2),
      blank(3),
      caption('(подпись)', 3),
      caption('(ф.и.о.)', 4),
    ]),
    row([
      small('Индивидуальный предприниматель или иное уполномоченное лицо', 3),
      field('', 2),
      field('', 2),
      field('', 10),
    ]),
    row([
      blank(3),
      caption('(подпись)', 2),
      caption('(ф.и.о.)', 2),
      caption('(реквизиты свидетельства о государственной регистрации индивидуального предпринимателя)', 10),
    ]),
  ];
  /** Both sides of the transfer: what the seller fills in on the left, the buyer on the right. */
  const sides = (leftRef: string, rightRef: string, seller: [string, string, string] = ['', '', '']) => [
    row([
      field(seller[0], 3),
      field(seller[1], 2),
      field(seller[2], 3),
      small(leftRef),
      field('', 3),
      field('', 3),
      field('', 3),
      small(rightRef),
    ]),
    row([
      caption('(должность)', 3),
      caption('(подпись)', 2),
      caption('(ф.и.о.)', 3),
      blank(),
      caption('(должность)', 3),
      caption('(подпись)', 3),
      caption('(ф.и.о.)', 3),
      blank(),
    ]),
  ];
  const transfer: SheetRow[] = [
    row(
      [
        small('Основание передачи (сдачи) / получения (приёмки)', 4),
        field(form.basis ?? '—', 14, { bold: true }),
        small('[8]'),
      ],
      { gapBefore: 5 },
    ),
    row([blank(4), caption('(договор; доверенность и др.)', 14), blank()]),
    row([small('Данные о транспортировке и грузе', 4), field('', 14), small('[9]')]),
    row([
      blank(4),
      caption(
        '(транспортная накладная, поручение экспедитору, экспедиторская / складская расписка и др. / масса нетто/ брутто груза, если не приведены ссылки на транспортные документы, содержащие эти сведения)',
        14,
      ),
      blank(),
    ]),
    row([
      small('Товар (груз) передал / услуги, результаты работ, права сдал', 9),
      small('Товар (груз) получил / услуги, результаты работ, права принял', 10),
    ]),
    ...sides('[10]', '[15]'),
    row([
      small('Дата отгрузки, передачи (сдачи)', 3),
      field(date, 5, { align: 'center' }),
      small('[11]'),
      small('Дата получения (приёмки)', 3),
      field(blankDate, 6, { align: 'center' }),
      small('[16]'),
    ]),
    row([small('Иные сведения об отгрузке, передаче', 9), small('Иные сведения о получении, приёмке', 10)]),
    row([field('', 8), small('[12]'), field('', 9), small('[17]')]),
    row([
      caption('(ссылки на неотъемлемые приложения, сопутствующие документы, иные документы и т.п.)', 8),
      blank(),
      caption(
        '(информация о наличии/отсутствии претензии; ссылки на неотъемлемые приложения и другие документы и т.п.)',
        9,
      ),
      blank(),
    ]),
    row([
      small('Ответственный за правильность оформления факта хозяйственной жизни', 9),
      small('Ответственный за правильность оформления факта хозяйственной жизни', 10),
    ]),
    ...sides('[13]', '[18]', form.responsible ? ['Менеджер', '', form.responsible] : undefined),
    row([
      small('Наименование экономического субъекта — составителя документа (в т.ч. комиссионера / агента)', 9),
      small('Наименование экономического субъекта — составителя документа', 10),
    ]),
    row([
      field(`${form.seller.name}, ИНН/КПП ${innKpp(form.seller)}`, 8),
      small('[14]'),
      field(`${form.buyer.name}, ИНН/КПП ${innKpp(form.buyer)}`, 9),
      small('[19]'),
    ]),
    row([
      caption('(может не заполняться при проставлении печати в М.П., может быть указан ИНН / КПП)', 8),
      blank(),
      caption('(может не заполняться при проставлении печати в М.П., может быть указан ИНН / КПП)', 9),
      blank(),
    ]),
    row([text('М.П.', 9, { align: 'center' }), text('М.П.', 10, { align: 'center' })], { gapBefore: 4 }),
  ];
  return {
    title: `Универсальный передаточный документ (статус ${status}) № ${form.number} от ${date}`,
    columns: updColumns,
    rows: [...header, ...table, ...signatures, ...transfer],
  };
}

const torg12Columns = [10, 60, 18, 12, 11, 12, 12, 12, 14, 16, 20, 22, 12, 20, 24];

/** "ООО «Торг», ИНН 7730123456, КПП …, адрес, тел., р/с … в ПАО Сбербанк, БИК …, к/с …" */
function requisites(party: PrintForm['seller'], bank: PrintForm['sellerBank'] = null): string {
  return [
    partyText(party),
    bank && `р/с ${bank.account} в ${bank.bankName}`,
    bank && `БИК ${bank.bik}`,
    bank?.corrAccount && `к/с ${bank.corrAccount}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** ТОРГ-12, «Товарная накладная». */
export function torg12Sheet(form: PrintForm): FormSheet {
  const lines = taxLines(form);
  const totals = taxTotals(lines);
  const seller = requisites(form.seller, form.sellerBank);
  const buyer = requisites(form.buyer);
  /** A party with its label and caption; its ОКПО box on the right (we keep no ОКПО codes). */
  const party = (label: string, value: string): SheetRow[] => [
    row([text(label, 2), field(value, 10, { bold: true }), small('по ОКПО', 2, { align: 'right' }), box('')]),
    row([blank(2), caption('(организация, адрес, телефон, факс, банковские реквизиты)', 10), blank(3)]),
  ];
  const codeRow = (label: string, value = '', left: SheetCell[] = [blank(12)]) =>
    row([...left, small(label, 2, { align: 'right' }), box(value, 1, { align: 'center' })]);
  const header: SheetRow[] = [
    row([
      blank(10),
      small(
        'Унифицированная форма № ТОРГ-12\nУтверждена постановлением Госкомстата России от 25.12.98 № 132',
        5,
        {
          align: 'right',
        },
      ),
    ]),
    codeRow('', 'Коды'),
    codeRow('Форма по ОКУД', '0330212'),
    codeRow('по ОКПО', '', [field(seller, 12, { bold: true })]),
    row([
      caption('(организация-грузоотправитель, адрес, телефон, факс, банковские реквизиты)', 12),
      blank(3),
    ]),
    codeRow('Вид деятельности по ОКДП', '', [field('', 12)]),
    row([caption('(структурное подразделение)', 12), blank(3)]),
    ...party('Грузополучатель', buyer),
    ...party('Поставщик', seller),
    ...party('Плательщик', buyer),
    codeRow('номер', form.basisDocument?.number ?? '', [
      text('Основание', 2),
      field(form.basis ?? '—', 10, { bold: true }),
    ]),
    codeRow('дата', form.basisDocument ? shortDate(form.basisDocument.date) : '', [
      blank(2),
      caption('(договор, заказ-наряд)', 10),
    ]),
    codeRow('Транспортная накладная: номер'),
    codeRow('дата'),
    codeRow('Вид операции'),
    row([blank(8), head('Номер документа', 2), head('Дата составления', 2), blank(3)], { gapBefore: 6 }),
    row([
      text('ТОВАРНАЯ НАКЛАДНАЯ', 8, { bold: true, size: 'large', align: 'right' }),
      box(form.number, 2, { bold: true, align: 'center' }),
      box(shortDate(form.date), 2, { bold: true, align: 'center' }),
      blank(3),
    ]),
  ];
  const table: SheetRow[] = [
    row(
      [
        head('Номер по порядку', 1, 2),
        head('Товар', 2),
        head('Единица измерения', 2),
        head('Вид упаковки', 1, 2),
        head('Количество', 2),
        head('Масса брутто', 1, 2),
        head('Количество (масса нетто)', 1, 2),
        head('Цена, руб. коп.', 1, 2),
        head('Сумма без учёта НДС, руб. коп.', 1, 2),
        head('НДС', 2),
        head('Сумма с учётом НДС, руб. коп.', 1, 2),
      ],
      { head: true, gapBefore: 5 },
    ),
    row(
      [
        head('наименование, характеристика, сорт, артикул товара'),
        head('код'),
        head('наименование'),
        head('код по ОКЕИ'),
        head('в одном месте'),
        head('мест, штук'),
        head('ставка, %'),
        head('сумма, руб. коп.'),
      ],
      { head: true },
    ),
    row(
      torg12Columns.map((_, i) => head(String(i + 1))),
      { head: true },
    ),
    ...lines.map((l) =>
      row(
        [
          box(String(l.line.no), 1, { align: 'center' }),
          box(l.line.gift ? `${l.line.name} (подарок)` : l.line.name),
          box(l.line.sku, 1, { align: 'center' }),
          box(l.line.unit, 1, { align: 'center' }),
          box(l.unitCode, 1, { align: 'center' }),
          box(''),
          box(''),
          box(''),
          box(''),
          quantity(l.line.quantity),
          money(l.price),
          money(l.withoutVat),
          box(rateText(l.line, ''), 1, { align: 'center' }),
          l.line.vatRate === 'none' ? box('—', 1, { align: 'center' }) : money(l.vat),
          money(l.withVat),
        ],
        { line: true },
      ),
    ),
    row([
      text('Всего по накладной', 7, { bold: true, align: 'right' }),
      box(''),
      box(''),
      quantity(totals.quantity, { bold: true }),
      box('Х', 1, { align: 'center' }),
      money(totals.withoutVat, { bold: true }),
      box('Х', 1, { align: 'center' }),
      money(totals.vat, { bold: true }),
      money(totals.withVat, { bold: true }),
    ]),
  ];
  /** "Отпуск груза разрешил ____ ____ ____" on the left, "Груз принял ____ ____ ____" on the right. */
  const signature = (leftLabel: string, rightLabel: string, gapBefore = 4): SheetRow[] => [
    row(
      [
        small(leftLabel, 2),
        field('', 2),
        field('', 1),
        field('', 2),
        blank(),
        small(rightLabel, 2),
        field('', 2),
        field('', 1),
        field('', 2),
      ],
      { gapBefore },
    ),
    row([
      blank(2),
      caption('(должность)', 2),
      caption('(подпись)'),
      caption('(расшифровка подписи)', 2),
      blank(3),
      caption('(должность)', 2),
      caption('(подпись)'),
      caption('(расшифровка подписи)', 2),
    ]),
  ];
  const footer: SheetRow[] = [
    row(
      [
        small('Товарная накладная имеет приложение на', 2),
        field('', 2),
        small('листах'),
        small('и содержит'),
        field(countInWords(lines.length), 4, { align: 'center' }),
        small('порядковых номеров записей', 5),
      ],
      { gapBefore: 5 },
    ),
    row([blank(6), caption('(прописью)', 4), blank(5)]),
    row([
      small('Всего мест', 2),
      field('', 4),
      small('Масса груза (нетто)', 2),
      field('', 4),
      small('Масса груза (брутто)', 2),
      field(''),
    ]),
    row([blank(2), caption('(прописью)', 4), blank(2), caption('(прописью)', 4), blank(3)]),
    row([
      small('Приложение (паспорта, сертификаты и т.п.) на', 2),
      field('', 2),
      small('листах'),
      blank(3),
      small('По доверенности №', 2),
      field('', 2),
      small('от'),
      field(blankDate, 2),
    ]),
    row([
      small('Всего отпущено на сумму', 2),
      field(amountInWords(totals.withVat), 6, { bold: true }),
      small('выданной', 2),
      field('', 5),
    ]),
    row([
      blank(2),
      caption('(прописью)', 6),
      blank(2),
      caption('(кем, кому (организация, должность, фамилия, и. о.))', 5),
    ]),
    ...signature('Отпуск груза разрешил', 'Груз принял'),
    ...signature('Главный (старший) бухгалтер', 'Груз получил грузополучатель'),
    ...signature('Отпуск груза произвёл', ''),
    row(
      [
        text('М.П.', 2),
        field(printDate(form.date), 3, { align: 'center' }),
        blank(3),
        text('М.П.', 2),
        field(blankDate, 3, { align: 'center' }),
        blank(2),
      ],
      { gapBefore: 6 },
    ),
  ];
  return {
    title: `Товарная накладная № ${form.number} от ${printDate(form.date)}`,
    columns: torg12Columns,
    rows: [...header, ...table, ...footer],
  };
}

/** The fixed-layout sheet of a print form (УПД, ТОРГ-12, ПКО, РКО); null for the forms laid out freely (offer, invoice…). */
export function formSheet(form: PrintForm): FormSheet | null {
  const sheets: Partial<Record<PrintKind, () => FormSheet>> = {
    upd1: () => updSheet(form, 1),
    upd2: () => updSheet(form, 2),
    torg12: () => torg12Sheet(form),
    pko: () => pkoSheet(form),
    rko: () => rkoSheet(form),
  };
  return sheets[form.kind]?.() ?? null;
}
