import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';

/**
 * The 1CClientBankExchange statement format (versions 1.02/1.03) that Russian banks export:
 * `key=value` lines, a header, `СекцияРасчСчет` account sections and `СекцияДокумент` documents.
 * Pure: bytes in, a typed statement out; nothing here touches the database.
 */

export type StatementDocument = {
  /** The line where the document's section starts (1-based). */
  line: number;
  /** The value of `СекцияДокумент`, e.g. «Платежное поручение». */
  kind: string;
  number: string;
  /** YYYY-MM-DD */
  date: string;
  /** Decimal string with 2 decimals. */
  amount: string;
  payerAccount: string;
  payerInn: string | null;
  payerKpp: string | null;
  payerName: string;
  payerBik: string | null;
  recipientAccount: string;
  recipientInn: string | null;
  recipientKpp: string | null;
  recipientName: string;
  recipientBik: string | null;
  debitedOn: string | null;
  creditedOn: string | null;
  purpose: string;
};

export type StatementAccountSection = {
  account: string;
  dateStart: string | null;
  dateEnd: string | null;
  openingBalance: string | null;
  totalIn: string | null;
  totalOut: string | null;
  closingBalance: string | null;
};

export type Statement = {
  encoding: 'utf-8' | 'windows-1251' | 'cp866';
  formatVersion: string | null;
  dateStart: string | null;
  dateEnd: string | null;
  /** The header's `РасчСчет` values, then any further accounts of the account sections; no repeats. */
  accounts: string[];
  accountSections: StatementAccountSection[];
  documents: StatementDocument[];
};

/**
 * The longest line read. The format's fields are short (a purpose is at most 210 characters, a name
 * 160), and 2 000 is also the most a document's text field takes; a longer line is not a bank's
 * export, so the file is refused at that line rather than cut silently.
 */
const MAX_LINE = 2000;

export type StatementErrorReason =
  | 'not_client_bank_exchange'
  | 'no_end_of_file'
  | 'unclosed_section'
  | 'unexpected_end'
  | 'bad_amount'
  | 'bad_date'
  | 'bad_line'
  | 'missing_field'
  | 'line_too_long'
  | 'zero_amount'
  | 'amount_too_large';

const reasonText: Record<StatementErrorReason, string> = {
  not_client_bank_exchange: 'the file does not start with "1CClientBankExchange"',
  no_end_of_file: 'the file ends without "КонецФайла"',
  unclosed_section: 'a section is not closed',
  unexpected_end: 'a section end without a matching start',
  bad_amount: 'not an amount',
  bad_date: 'not a date in DD.MM.YYYY',
  bad_line: 'neither "key=value" nor a section keyword',
  missing_field: 'a required field is missing',
  line_too_long: `a line longer than ${MAX_LINE} characters`,
  zero_amount: 'a payment of zero',
  amount_too_large: 'more than 13 digits before the point',
};

export class StatementFormatError extends Error {
  constructor(
    readonly line: number,
    readonly reason: StatementErrorReason,
    detail?: string,
  ) {
    super(`Bank statement, line ${line}: ${reasonText[reason]}${detail ? ` (${detail})` : ''}`);
    this.name = 'StatementFormatError';
  }
}

const SIGNATURE = '1CClientBankExchange';

/**
 * Valid UTF-8 is taken as UTF-8 whatever the header says (files re-saved by editors keep the old header).
 * Otherwise the header's `Кодировка=DOS` is only readable when the bytes are decoded as CP866 (the key
 * itself is Cyrillic), so that decoding decides between CP866 and the usual Windows-1251.
 */
function decode(file: Uint8Array): { text: string; encoding: Statement['encoding'] } {
  try {
    // TextDecoder drops the BOM itself.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(file), encoding: 'utf-8' };
  } catch {
    const dos = new TextDecoder('ibm866').decode(file);
    if (/^\s*Кодировка\s*=\s*DOS\s*$/im.test(dos)) return { text: dos, encoding: 'cp866' };
    return { text: new TextDecoder('windows-1251').decode(file), encoding: 'windows-1251' };
  }
}

type Field = { value: string; line: number };

/** Key → value of one header or section; a repeated key keeps its last value. */
class Fields {
  private readonly map = new Map<string, Field>();

  set(key: string, field: Field): void {
    this.map.set(key, field);
  }

  /** The trimmed value, null when absent or empty. */
  text(key: string): string | null {
    return this.map.get(key)?.value || null;
  }

  required(key: string, sectionLine: number): Field {
    const field = this.map.get(key);
    if (!field?.value) throw new StatementFormatError(sectionLine, 'missing_field', key);
    return field;
  }

  date(key: string): string | null {
    const field = this.map.get(key);
    return field?.value ? parseDate(field) : null;
  }

  amount(key: string): string | null {
    const field = this.map.get(key);
    return field?.value ? parseAmount(field) : null;
  }
}

function parseDate({ value, line }: Field): string {
  if (/^\d{2}\.\d{2}\.\d{4}$/.test(value)) {
    const [dd, mm, yyyy] = [value.slice(0, 2), value.slice(3, 5), value.slice(6)];
    const d = new Date(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd)));
    // Date.UTC rolls 31.02 over into March (and years below 100 into the 1900s); a real date survives.
    if (
      d.getUTCFullYear() === Number(yyyy) &&
      d.getUTCMonth() === Number(mm) - 1 &&
      d.getUTCDate() === Number(dd)
    )
      return `${yyyy}-${mm}-${dd}`;
  }
  throw new StatementFormatError(line, 'bad_date', value);
}

/** Amounts are stored as numeric(15,2): 13 digits before the point. */
const AMOUNT_LIMIT = new Decimal('1e13');

function parseAmount({ value, line }: Field): string {
  // Kopecks at most: rounding a third decimal away would silently change the money.
  if (/^\d+(\.\d+)?$/.test(value)) {
    const amount = new Decimal(value);
    if (amount.gte(AMOUNT_LIMIT)) throw new StatementFormatError(line, 'amount_too_large', value);
    if (amount.decimalPlaces() <= 2) return amount.toFixed(2);
  }
  throw new StatementFormatError(line, 'bad_amount', value);
}

/** A payment's amount: a balance may be zero, a payment may not (no receipt could be posted for it). */
function parsePaymentAmount(field: Field): string {
  const amount = parseAmount(field);
  if (new Decimal(amount).isZero()) throw new StatementFormatError(field.line, 'zero_amount', field.value);
  return amount;
}

function toDocument(kind: string, line: number, f: Fields): StatementDocument {
  const number = f.required('Номер', line).value;
  const date = parseDate(f.required('Дата', line));
  const amount = parsePaymentAmount(f.required('Сумма', line));
  // Some banks split the purpose over numbered lines instead of one `НазначениеПлатежа`.
  const purposeLines = [1, 2, 3, 4, 5, 6].map((i) => f.text(`НазначениеПлатежа${i}`));
  const purpose = f.text('НазначениеПлатежа') ?? purposeLines.filter((p) => p !== null).join(' ');
  return {
    line,
    kind,
    number,
    date,
    amount,
    payerAccount: f.text('ПлательщикСчет') ?? '',
    payerInn: f.text('ПлательщикИНН'),
    payerKpp: f.text('ПлательщикКПП'),
    // `Плательщик1` is the bare name; `Плательщик` may carry the INN in front of it.
    payerName: f.text('Плательщик1') ?? f.text('Плательщик') ?? '',
    payerBik: f.text('ПлательщикБИК'),
    recipientAccount: f.text('ПолучательСчет') ?? '',
    recipientInn: f.text('ПолучательИНН'),
    recipientKpp: f.text('ПолучательКПП'),
    recipientName: f.text('Получатель1') ?? f.text('Получатель') ?? '',
    recipientBik: f.text('ПолучательБИК'),
    debitedOn: f.date('ДатаСписано'),
    creditedOn: f.date('ДатаПоступило'),
    purpose,
  };
}

function toAccountSection(line: number, f: Fields): StatementAccountSection {
  return {
    account: f.required('РасчСчет', line).value,
    dateStart: f.date('ДатаНачала'),
    dateEnd: f.date('ДатаКонца'),
    openingBalance: f.amount('НачальныйОстаток'),
    totalIn: f.amount('ВсегоПоступило'),
    totalOut: f.amount('ВсегоСписано'),
    closingBalance: f.amount('КонечныйОстаток'),
  };
}

type OpenSection = { type: 'account' | 'document'; kind: string; line: number; fields: Fields };

export function parseClientBankExchange(file: Buffer | Uint8Array): Statement {
  const { text, encoding } = decode(file);
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (lines[0] !== SIGNATURE) throw new StatementFormatError(1, 'not_client_bank_exchange');

  const header = new Fields();
  const headerAccounts: string[] = [];
  const accountSections: StatementAccountSection[] = [];
  const documents: StatementDocument[] = [];
  let open: OpenSection | null = null;
  let ended = false;
  let lastLine = 1;

  for (let i = 1; i < lines.length && !ended; i++) {
    const line = i + 1;
    const raw = lines[i]!;
    if (raw === '') continue;
    if (raw.length > MAX_LINE) throw new StatementFormatError(line, 'line_too_long', `${raw.length}`);
    lastLine = line;
    const eq = raw.indexOf('=');
    const key = (eq < 0 ? raw : raw.slice(0, eq)).trim();
    const value = eq < 0 ? '' : raw.slice(eq + 1).trim();

    if (key === 'СекцияДокумент' || (eq < 0 && key === 'СекцияРасчСчет')) {
      if (open) throw new StatementFormatError(line, 'unclosed_section', `opened at line ${open.line}`);
      const type = key === 'СекцияДокумент' ? 'document' : 'account';
      open = { type, kind: value, line, fields: new Fields() };
    } else if (eq < 0 && (key === 'КонецДокумента' || key === 'КонецРасчСчет')) {
      const type = key === 'КонецДокумента' ? 'document' : 'account';
      if (open?.type !== type) throw new StatementFormatError(line, 'unexpected_end', key);
      if (type === 'document') documents.push(toDocument(open.kind, open.line, open.fields));
      else accountSections.push(toAccountSection(open.line, open.fields));
      open = null;
    } else if (eq < 0 && key === 'КонецФайла') {
      if (open) throw new StatementFormatError(open.line, 'unclosed_section', '"КонецФайла" comes first');
      ended = true;
    } else if (eq > 0) {
      if (open) open.fields.set(key, { value, line });
      else if (key === 'РасчСчет') {
        if (value) headerAccounts.push(value);
      } else header.set(key, { value, line });
    } else {
      throw new StatementFormatError(line, 'bad_line');
    }
  }
  if (open) throw new StatementFormatError(open.line, 'unclosed_section', 'the file ends inside it');
  if (!ended) throw new StatementFormatError(lastLine, 'no_end_of_file');

  return {
    encoding,
    formatVersion: header.text('ВерсияФормата'),
    dateStart: header.date('ДатаНачала'),
    dateEnd: header.date('ДатаКонца'),
    accounts: [...new Set([...headerAccounts, ...accountSections.map((s) => s.account)])],
    accountSections,
    documents,
  };
}

/** Incoming payments: documents whose recipient account is one of ours. */
export function incomingPayments(statement: Statement, ourAccounts: readonly string[]): StatementDocument[] {
  const ours = new Set(ourAccounts);
  return statement.documents.filter((d) => ours.has(d.recipientAccount));
}

/**
 * The statement's payments from one of our accounts to someone else (a transfer between our own
 * accounts is the receiving account's incoming payment, not a payment out).
 */
export function outgoingPayments(statement: Statement, ourAccounts: readonly string[]): StatementDocument[] {
  const ours = new Set(ourAccounts);
  return statement.documents.filter((d) => ours.has(d.payerAccount) && !ours.has(d.recipientAccount));
}

/**
 * A stable identity for duplicate detection across re-imports of overlapping statements: the fields a
 * bank never changes between exports of the same payment (the purpose and names may be re-wrapped).
 */
export function paymentFingerprint(doc: StatementDocument): string {
  const key = [doc.date, doc.number, doc.amount, doc.payerAccount, doc.recipientAccount].join('|');
  return createHash('sha256').update(key).digest('hex');
}
