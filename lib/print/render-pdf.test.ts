import { describe, expect, it } from 'vitest';
import { pdfPages } from './pdf-text';
import { renderPdf } from './render-pdf';
import { longInvoice, sampleInvoice, sampleOffer } from './test-fixtures';

describe('renderPdf', () => {
  it('prints the invoice: bank details, parties, lines, totals and the amount in words', async () => {
    const pdf = await renderPdf(sampleInvoice());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    const text = pages[0]!;
    for (const expected of [
      'ПАО Сбербанк, г. Москва',
      'Банк получателя',
      '044525225',
      '40702810938000012345',
      '30101810400000000225',
      'Счёт на оплату № 000012 от 27 ноября 2026 г.',
      'Поставщик (Исполнитель):',
      'ООО «Торг», ИНН 7730123456, КПП 773001001',
      'Покупатель (Заказчик):',
      'ООО «Климат-Сервис», ИНН 7701234560',
      'Кондиционер без управления',
      'Соковыжималка (подарок)',
      '6 750,00',
      '675,00',
      'Итого:',
      'В том числе НДС (22%):',
      '2 312,70',
      'Всего к оплате:',
      '12 825,00',
      'Всего наименований 2, на сумму 12 825,00 руб.',
      'Двенадцать тысяч восемьсот двадцать пять рублей 00 копеек',
      'Оплатить не позднее 4 декабря 2026 г.',
      'Руководитель',
      'Бухгалтер',
      'Кузнецова Е. П.',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints the offer on a letterhead, with its validity and the manager', async () => {
    const [text, ...more] = await pdfPages(await renderPdf(sampleOffer()));
    expect(more).toEqual([]);
    for (const expected of [
      'Коммерческое предложение № 000012 от 27 ноября 2026 г.',
      'Кому:',
      'Кондиционер с ручным управлением',
      'Кондиционер без управления',
      'Соковыжималка (подарок)',
      '11 257,50',
      'Одиннадцать тысяч двести пятьдесят семь рублей 50 копеек',
      'Предложение действительно до 11 декабря 2026 г.',
      'Менеджер',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Банк получателя');
  });

  it('runs 60 lines over several pages, the header on each, every line printed once', async () => {
    const pages = await pdfPages(await renderPdf(longInvoice(60)));
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain('Товары (работы, услуги)');
      expect(page).toContain(`страница ${i + 1} из ${pages.length}`);
    }
    const all = pages.join(' ');
    for (let n = 1; n <= 60; n++) {
      expect(all.split(`модель ${n},`).length - 1).toBe(1);
    }
    expect(pages.at(-1)).toContain('Всего наименований 60');
  });
});
