import { describe, expect, it } from 'vitest';
import { cellText, partyRows, printColumns, printFileName, printTitle, totalRows } from './print-form';
import { sampleInvoice, sampleOffer } from './test-fixtures';

const nbsp = '\u00a0';

describe('print form model', () => {
  it('titles and file names by kind, the date on the company clock', () => {
    const invoice = sampleInvoice();
    expect(printTitle(invoice)).toBe('Счёт на оплату № 000012 от 27 ноября 2026 г.');
    expect(printTitle({ ...invoice, kind: 'offer' })).toBe(
      'Коммерческое предложение № 000012 от 27 ноября 2026 г.',
    );
    expect(printTitle({ ...invoice, kind: 'order' })).toBe('Заказ клиента № 000012 от 27 ноября 2026 г.');
    expect(printTitle({ ...invoice, kind: 'sales', date: '2026-12-01' })).toBe(
      'Расходная накладная № 000012 от 1 декабря 2026 г.',
    );
    // 23:30 UTC on 31 December is already 1 January in Moscow.
    expect(printTitle({ ...invoice, date: '2026-12-31T23:30:00Z' })).toContain('от 1 января 2027 г.');
    expect(printFileName(invoice, 'pdf')).toBe('Счёт_на_оплату_000012_от_27.11.2026.pdf');
    expect(printFileName({ ...invoice, kind: 'offer', number: 'КП/7 a' }, 'xlsx')).toBe(
      'Коммерческое_предложение_КП_7_a_от_27.11.2026.xlsx',
    );
  });

  it('parties with requisites, labelled by kind', () => {
    expect(partyRows(sampleInvoice())).toEqual([
      [
        'Поставщик (Исполнитель)',
        `ООО «Торг», ИНН 7730123456, КПП 773001001, г. Москва, ул. Бережковская, д. 20, тел.: +7${nbsp}495${nbsp}123${nbsp}45${nbsp}67`,
      ],
      [
        'Покупатель (Заказчик)',
        'ООО «Климат-Сервис», ИНН 7701234560, КПП 770101001, г. Москва, ул. Летниковская, д. 10',
      ],
      ['Основание', 'Заказ клиента № 000012 от 27 ноября 2026 г.'],
    ]);
    expect(partyRows(sampleOffer()).map(([label]) => label)).toEqual(['Кому']);
    expect(partyRows({ ...sampleInvoice(), kind: 'sales' }).map(([label]) => label)).toEqual([
      'Поставщик',
      'Покупатель',
      'Основание',
    ]);
  });

  it('columns and cells Russian style; the discount column only with a discount', () => {
    const invoice = sampleInvoice();
    const columns = printColumns(invoice);
    expect(columns.map((c) => c.label)).toEqual([
      '№',
      'Артикул',
      'Товары (работы, услуги)',
      'Кол-во',
      'Ед.',
      'Цена',
      'Скидка',
      'Сумма',
    ]);
    const [first, gift] = invoice.lines;
    expect(columns.map((c) => cellText(c, first!))).toEqual([
      '1',
      'KOND-NO-09',
      'Кондиционер без управления',
      '2',
      'шт',
      `6${nbsp}750,00`,
      '675,00',
      `12${nbsp}825,00`,
    ]);
    expect(columns.map((c) => cellText(c, gift!)).slice(2)).toEqual([
      'Соковыжималка (подарок)',
      '1',
      'шт',
      '0,00',
      '',
      '0,00',
    ]);
    const plain = { ...invoice, lines: invoice.lines.map((l) => ({ ...l, sku: '' })) };
    const noDiscount = { ...plain, totals: { ...plain.totals, discount: '0.00' } };
    expect(printColumns(noDiscount).map((c) => c.key)).toEqual([
      'no',
      'name',
      'quantity',
      'unit',
      'price',
      'amount',
    ]);
  });

  it('totals: discount, VAT by rate or none, the total due', () => {
    const invoice = sampleInvoice();
    expect(totalRows(invoice)).toEqual([
      { label: 'Сумма без скидки', amount: '13500.00' },
      { label: 'Скидка', amount: '675.00' },
      { label: 'Итого', amount: '12825.00' },
      { label: 'В том числе НДС (22%)', amount: '2312.70' },
      { label: 'Всего к оплате', amount: '12825.00' },
    ]);
    const mixed = {
      ...invoice,
      kind: 'sales' as const,
      lines: [
        invoice.lines[0]!,
        { ...invoice.lines[1]!, vatRate: '10' as const, amount: '110.00', vatAmount: '10.00' },
      ],
    };
    expect(totalRows(mixed).slice(3)).toEqual([
      { label: 'В том числе НДС (22%)', amount: '2312.70' },
      { label: 'В том числе НДС (10%)', amount: '10.00' },
      { label: 'Всего', amount: '12825.00' },
    ]);
    const untaxed = { ...invoice, lines: invoice.lines.map((l) => ({ ...l, vatRate: 'none' as const })) };
    expect(totalRows(untaxed)[3]).toEqual({ label: 'Без налога (НДС)', amount: null });
  });
});
