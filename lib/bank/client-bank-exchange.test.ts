import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  incomingPayments,
  parseClientBankExchange,
  paymentFingerprint,
  type StatementDocument,
  StatementFormatError,
} from '@/lib/bank/client-bank-exchange';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const OUR_ACCOUNT = '40702810938000012345';

/** The walkthrough statement as banks export it: Windows-1251, CRLF. */
const walkthrough = fixture('walkthrough-statement.txt');
const walkthroughText = new TextDecoder('windows-1251').decode(walkthrough);

const utf8 = (lines: string[], eol = '\n') => Buffer.from(lines.join(eol), 'utf8');

/** A minimal valid file around `body` lines; the body starts at line 3. */
const file = (...body: string[]) => ['1CClientBankExchange', 'ВерсияФормата=1.03', ...body, 'КонецФайла'];

/** A minimal valid document section; `fields` replace or add keys, undefined drops one. */
function docSection(fields: Record<string, string | undefined> = {}): string[] {
  const all: Record<string, string | undefined> = {
    Номер: '7',
    Дата: '30.11.2026',
    Сумма: '100.00',
    ПлательщикСчет: '40702810301300012845',
    ПолучательСчет: OUR_ACCOUNT,
    ...fields,
  };
  const lines = Object.entries(all).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`]));
  return ['СекцияДокумент=Платежное поручение', ...lines, 'КонецДокумента'];
}

function failure(lines: string[]): { line: number; reason: string } {
  try {
    parseClientBankExchange(utf8(lines));
  } catch (e) {
    if (e instanceof StatementFormatError) return { line: e.line, reason: e.reason };
    throw e;
  }
  throw new Error('parsed without an error');
}

const onlyDocument = (lines: string[]): StatementDocument => {
  const [doc, ...rest] = parseClientBankExchange(utf8(lines)).documents;
  expect(rest).toEqual([]);
  return doc!;
};

describe('parseClientBankExchange', () => {
  it('reads the Windows-1251 walkthrough statement', () => {
    const statement = parseClientBankExchange(walkthrough);
    expect(statement).toMatchObject({
      encoding: 'windows-1251',
      formatVersion: '1.03',
      dateStart: '2026-11-30',
      dateEnd: '2026-11-30',
      accounts: [OUR_ACCOUNT],
      accountSections: [
        {
          account: OUR_ACCOUNT,
          dateStart: '2026-11-30',
          dateEnd: '2026-11-30',
          openingBalance: '250000.00',
          totalIn: '12825.00',
          totalOut: '61000.00',
          closingBalance: '201825.00',
        },
      ],
    });
    expect(statement.documents).toEqual([
      {
        line: 21,
        kind: 'Платежное поручение',
        number: '318',
        date: '2026-11-30',
        amount: '12825.00',
        payerAccount: '40702810301300012845',
        payerInn: '7701234560',
        payerKpp: '770101001',
        payerName: 'ООО «Климат-Сервис»',
        payerBik: '044525593',
        recipientAccount: OUR_ACCOUNT,
        recipientInn: '7730123456',
        recipientKpp: '773001001',
        recipientName: 'ООО «Торг»',
        recipientBik: '044525225',
        debitedOn: '2026-11-30',
        creditedOn: '2026-11-30',
        purpose: 'Оплата по счёту № 000001 от 27.11.2026 за кондиционеры, в т.ч. НДС 22%',
      },
      expect.objectContaining({
        line: 61,
        number: '1047',
        amount: '61000.00',
        payerAccount: OUR_ACCOUNT,
        recipientAccount: '40702810800000004321',
        recipientName: 'ООО «ТеплоХолод Дистрибуция»',
        purpose: 'Оплата по счёту № 152 от 26.11.2026 за кондиционеры, в т.ч. НДС 22% - 11000.00 руб.',
      }),
    ]);
  });

  it('reads the same statement in UTF-8, with or without a BOM, although its header says Windows', () => {
    const cp1251 = parseClientBankExchange(walkthrough);
    for (const bytes of [
      Buffer.from(walkthroughText, 'utf8'),
      Buffer.from(`\uFEFF${walkthroughText}`, 'utf8'),
    ]) {
      expect(parseClientBankExchange(bytes)).toEqual({ ...cp1251, encoding: 'utf-8' });
    }
  });

  it('reads LF line ends like CRLF', () => {
    const lf = Buffer.from(walkthroughText.replaceAll('\r\n', '\n'), 'utf8');
    expect(parseClientBankExchange(lf)).toEqual(
      parseClientBankExchange(Buffer.from(walkthroughText, 'utf8')),
    );
  });

  it('reads a CP866 (Кодировка=DOS) statement', () => {
    const statement = parseClientBankExchange(fixture('dos-statement.txt'));
    expect(statement).toMatchObject({ encoding: 'cp866', formatVersion: '1.02', accounts: [OUR_ACCOUNT] });
    expect(statement.documents).toEqual([
      expect.objectContaining({
        amount: '3500.00',
        payerInn: '500100732259',
        payerKpp: null,
        payerName: 'ИП Орлов Дмитрий Сергеевич',
        recipientName: 'ООО "Торг"',
        debitedOn: null,
        creditedOn: '2026-12-01',
        purpose:
          'Оплата по счёту № 000002 от 30.11.2026 за монтаж кондиционера, НДС не облагается (ИП на УСН), счёт оплачен полностью',
      }),
    ]);
  });

  it('ignores unknown keys and empty lines', () => {
    const lines = file(
      'НовыйКлючЗаголовка=что-то',
      '',
      ...docSection({ НовыйКлючДокумента: 'x=y', Плательщик1: 'ООО "Ромашка"' }),
      '   ',
    );
    expect(onlyDocument(lines)).toMatchObject({ line: 5, number: '7', payerName: 'ООО "Ромашка"' });
  });

  it('keeps quotes, № and equals signs in the purpose intact', () => {
    const purpose = 'Оплата по дог. № 5/2026 от 01.11.2026 «Поставка» "сплит-систем", сумма=100.00, без НДС';
    expect(onlyDocument(file(...docSection({ НазначениеПлатежа: purpose }))).purpose).toBe(purpose);
  });

  it('joins НазначениеПлатежа1..6 when НазначениеПлатежа is absent, and prefers it when present', () => {
    const split = { НазначениеПлатежа1: 'Оплата по счёту № 12', НазначениеПлатежа3: 'в т.ч. НДС 22%' };
    expect(onlyDocument(file(...docSection(split))).purpose).toBe('Оплата по счёту № 12 в т.ч. НДС 22%');
    const both = { ...split, НазначениеПлатежа: 'Оплата по счёту № 12, в т.ч. НДС 22%' };
    expect(onlyDocument(file(...docSection(both))).purpose).toBe('Оплата по счёту № 12, в т.ч. НДС 22%');
  });

  it('falls back to Плательщик/Получатель for names and normalizes amounts to 2 decimals', () => {
    const doc = onlyDocument(
      file(
        ...docSection({
          Сумма: '12825',
          Плательщик: 'ИНН 7701234560 ООО «Климат-Сервис»',
          Получатель: 'Торг',
        }),
      ),
    );
    expect(doc).toMatchObject({ amount: '12825.00', payerName: 'ИНН 7701234560 ООО «Климат-Сервис»' });
    expect(doc).toMatchObject({ recipientName: 'Торг', payerInn: null, recipientBik: null });
    expect(onlyDocument(file(...docSection({ Сумма: '12825.5' }))).amount).toBe('12825.50');
    expect(onlyDocument(file(...docSection({ Сумма: '0012825.000' }))).amount).toBe('12825.00');
  });

  it('lists the header accounts and those of account sections once each', () => {
    const lines = file(
      'РасчСчет=40702810938000012345',
      'РасчСчет=40702810301300012845',
      'СекцияРасчСчет',
      'РасчСчет=40702810800000004321',
      'КонецРасчСчет',
      'СекцияРасчСчет',
      'РасчСчет=40702810938000012345',
      'КонецРасчСчет',
    );
    expect(parseClientBankExchange(utf8(lines)).accounts).toEqual([
      '40702810938000012345',
      '40702810301300012845',
      '40702810800000004321',
    ]);
  });
});

describe('broken statements: the line and the reason', () => {
  it('rejects a file that is not 1CClientBankExchange', () => {
    expect(failure(['ВерсияФормата=1.03', 'КонецФайла'])).toEqual({
      line: 1,
      reason: 'not_client_bank_exchange',
    });
    expect(failure([])).toEqual({ line: 1, reason: 'not_client_bank_exchange' });
    expect(failure(['', ...file()])).toEqual({ line: 1, reason: 'not_client_bank_exchange' });
  });

  it('rejects a line that is neither key=value nor a section keyword', () => {
    expect(failure(file('ДатаНачала=30.11.2026', 'Сумма 100.00'))).toEqual({ line: 4, reason: 'bad_line' });
    expect(failure(file('=100.00'))).toEqual({ line: 3, reason: 'bad_line' });
  });

  it('rejects a section opened inside another one, at the new opening', () => {
    const lines = file(...docSection().slice(0, -1), ...docSection());
    expect(failure(lines)).toEqual({ line: 9, reason: 'unclosed_section' });
    expect(failure(file('СекцияРасчСчет', 'РасчСчет=1', ...docSection()))).toEqual({
      line: 5,
      reason: 'unclosed_section',
    });
  });

  it('rejects a section end without its start', () => {
    expect(failure(file('КонецДокумента'))).toEqual({ line: 3, reason: 'unexpected_end' });
    const mismatched = ['СекцияРасчСчет', 'РасчСчет=1', 'КонецДокумента'];
    expect(failure(file(...mismatched))).toEqual({ line: 5, reason: 'unexpected_end' });
  });

  it('rejects a file without КонецФайла at its last line', () => {
    const lines = file(...docSection()).slice(0, -1);
    expect(failure([...lines, '', ''])).toEqual({ line: 9, reason: 'no_end_of_file' });
  });

  it('rejects a section left open at the end, at the section start', () => {
    expect(failure(file('ДатаНачала=30.11.2026', ...docSection().slice(0, -1)))).toEqual({
      line: 4,
      reason: 'unclosed_section',
    });
    expect(failure(file(...docSection()).slice(0, -2))).toEqual({ line: 3, reason: 'unclosed_section' });
  });

  it('rejects an amount that is not a non-negative number with kopecks at most', () => {
    for (const bad of ['12 825,00', '12825,00', '-5.00', '1.234', '1e3', 'сто']) {
      expect(failure(file(...docSection({ Сумма: bad })))).toEqual({ line: 6, reason: 'bad_amount' });
    }
    const balance = ['СекцияРасчСчет', 'РасчСчет=1', 'НачальныйОстаток=1,00', 'КонецРасчСчет'];
    expect(failure(file(...balance))).toEqual({ line: 5, reason: 'bad_amount' });
  });

  it('refuses a zero amount and one beyond numeric(15,2) at the amount’s line', () => {
    for (const [amount, reason] of [
      ['0.00', 'zero_amount'],
      ['0', 'zero_amount'],
      ['10000000000000.00', 'amount_too_large'],
      ['123456789012345678.00', 'amount_too_large'],
    ]) {
      expect(failure(file(...docSection({ Сумма: amount })))).toEqual({ line: 6, reason });
    }
    expect(onlyDocument(file(...docSection({ Сумма: '0009999999999999.99' }))).amount).toBe(
      '9999999999999.99',
    );
    const balance = (amount: string) => [
      'СекцияРасчСчет',
      'РасчСчет=1',
      `НачальныйОстаток=${amount}`,
      'КонецРасчСчет',
    ];
    expect(parseClientBankExchange(utf8(file(...balance('0.00')))).accountSections[0]!.openingBalance).toBe(
      '0.00',
    );
    expect(failure(file(...balance('12345678901234.00')))).toEqual({ line: 5, reason: 'amount_too_large' });
  });

  it('rejects a date that is not a real DD.MM.YYYY date', () => {
    for (const bad of ['2026-11-30', '31.11.2026', '29.02.2026', '1.12.2026', '01.12.0026']) {
      expect(failure(file(...docSection({ Дата: bad })))).toEqual({ line: 5, reason: 'bad_date' });
    }
    expect(failure(file(...docSection({ ДатаПоступило: '30/11/2026' })))).toEqual({
      line: 9,
      reason: 'bad_date',
    });
    expect(failure(file('ДатаКонца=32.11.2026'))).toEqual({ line: 3, reason: 'bad_date' });
  });

  it('rejects a document without Номер, Дата or Сумма, at the section start', () => {
    for (const key of ['Номер', 'Дата', 'Сумма']) {
      expect(failure(file('ДатаНачала=30.11.2026', ...docSection({ [key]: undefined })))).toEqual({
        line: 4,
        reason: 'missing_field',
      });
      expect(failure(file(...docSection({ [key]: '' })))).toEqual({ line: 3, reason: 'missing_field' });
    }
    expect(failure(file('СекцияРасчСчет', 'КонецРасчСчет'))).toEqual({ line: 3, reason: 'missing_field' });
  });

  it('refuses a line longer than 2 000 characters at that line; 2 000 are read', () => {
    const purpose = (length: number) => `Оплата ${'x'.repeat(length - 'НазначениеПлатежа=Оплата '.length)}`;
    expect(onlyDocument(file(...docSection({ НазначениеПлатежа: purpose(2000) }))).purpose).toHaveLength(
      1982,
    );
    expect(failure(file(...docSection({ НазначениеПлатежа: purpose(2001) })))).toEqual({
      line: 9,
      reason: 'line_too_long',
    });
  });

  /** Parses and returns the refusal with the time it took (ms). */
  const timed = (bytes: Buffer) => {
    const started = performance.now();
    try {
      parseClientBankExchange(bytes);
    } catch (e) {
      if (e instanceof StatementFormatError)
        return { line: e.line, reason: e.reason, ms: performance.now() - started };
      throw e;
    }
    throw new Error('parsed without an error');
  };

  it('refuses a 1 MB hostile purpose (N and a million spaces) at its line in under 100 ms', () => {
    const hostile = `N${' '.repeat(1 << 20)}1`;
    const { ms, ...refusal } = timed(utf8(file(...docSection({ НазначениеПлатежа: hostile }))));
    expect(refusal).toEqual({ line: 9, reason: 'line_too_long' });
    expect(ms).toBeLessThan(100);
  });

  it('refuses a 1 MB line of a CP866 file at its line in under 100 ms', () => {
    // «Кодировка=<spaces>DOS<spaces>x»: the encoding check reads it before the lines are.
    const dos = fixture('dos-statement.txt');
    const at = new TextDecoder('ibm866').decode(dos).indexOf('Кодировка=DOS') + 'Кодировка='.length;
    const spaces = ' '.repeat(1 << 19);
    const hostile = Buffer.concat([
      dos.subarray(0, at),
      Buffer.from(`${spaces}DOS${spaces}x`),
      dos.subarray(at + 'DOS'.length),
    ]);
    const { ms, ...refusal } = timed(hostile);
    expect(refusal).toEqual({ line: 3, reason: 'line_too_long' });
    expect(ms).toBeLessThan(100);
  });

  it('says the line in the message, in English', () => {
    expect(() => parseClientBankExchange(utf8(file('Сумма 100.00')))).toThrow(
      'Bank statement, line 3: neither "key=value" nor a section keyword',
    );
  });
});

describe('incomingPayments', () => {
  it('keeps the documents paid to our accounts', () => {
    const statement = parseClientBankExchange(walkthrough);
    expect(incomingPayments(statement, [OUR_ACCOUNT]).map((d) => d.number)).toEqual(['318']);
    expect(incomingPayments(statement, ['40702810800000004321']).map((d) => d.number)).toEqual(['1047']);
    expect(incomingPayments(statement, [])).toEqual([]);
  });
});

describe('paymentFingerprint', () => {
  const [incoming, outgoing] = parseClientBankExchange(walkthrough).documents as [
    StatementDocument,
    StatementDocument,
  ];

  it('is a sha256 hex that survives re-encoding, re-wrapping and a different position in the file', () => {
    expect(paymentFingerprint(incoming)).toMatch(/^[0-9a-f]{64}$/);
    const reimported = parseClientBankExchange(Buffer.from(walkthroughText, 'utf8')).documents[0]!;
    expect(paymentFingerprint(reimported)).toBe(paymentFingerprint(incoming));
    const rewrapped = { ...incoming, line: 3, purpose: `${incoming.purpose} `, payerName: 'Климат-Сервис' };
    expect(paymentFingerprint(rewrapped)).toBe(paymentFingerprint(incoming));
  });

  it('differs between payments', () => {
    const prints = new Set(
      [
        incoming,
        outgoing,
        { ...incoming, number: '319' },
        { ...incoming, date: '2026-12-01' },
        { ...incoming, amount: '12825.01' },
        { ...incoming, payerAccount: '40702810800000004321' },
        { ...incoming, recipientAccount: '40702810800000004321' },
      ].map(paymentFingerprint),
    );
    expect(prints.size).toBe(7);
  });
});
