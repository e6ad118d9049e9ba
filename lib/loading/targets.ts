import type { dataLoadKind } from '@/db/schema';

export type DataLoadKind = (typeof dataLoadKind.enumValues)[number];
export const dataLoadKinds: readonly DataLoadKind[] = [
  'partners',
  'products',
  'opening_stock',
  'client_debts',
  'supplier_debts',
  'cash',
];
/** Opening balances: loaded as posted documents dated the day the user names. */
export const openingKinds: readonly DataLoadKind[] = [
  'opening_stock',
  'client_debts',
  'supplier_debts',
  'cash',
];

/**
 * The fields a column can be loaded into, per kind, with the header names 1C and Excel give them in
 * Russian and English (for the automatic guess). A product's price of a price type is `price:<id>`,
 * guessed by the price type's name.
 */
export const loadFields = {
  partners: {
    name: ['Наименование', 'Название', 'Партнер', 'Контрагент', 'Клиент', 'Name', 'Partner', 'Company'],
    fullName: ['Полное наименование', 'Наименование полное', 'Full name', 'Legal name'],
    inn: ['ИНН', 'INN', 'TIN', 'Tax ID'],
    kpp: ['КПП', 'KPP'],
    isClient: ['Покупатель', 'Является клиентом', 'Is client'],
    isSupplier: ['Поставщик', 'Является поставщиком', 'Supplier', 'Is supplier'],
    segment: ['Сегмент', 'Segment'],
    address: ['Адрес', 'Юридический адрес', 'Address'],
    phone: ['Телефон', 'Phone', 'Telephone'],
    email: ['Email', 'E-mail', 'Эл. почта', 'Электронная почта', 'Почта'],
    comment: ['Комментарий', 'Примечание', 'Comment', 'Note'],
    contactName: ['Контактное лицо', 'Контакт', 'ФИО', 'Contact', 'Contact person'],
    contactPosition: ['Должность', 'Position', 'Title'],
    contactPhones: ['Телефон контакта', 'Телефон контактного лица', 'Contact phone'],
    contactEmails: ['Email контакта', 'Почта контакта', 'Contact email'],
  },
  products: {
    sku: ['Артикул', 'SKU', 'Код', 'Article', 'Code'],
    name: ['Наименование', 'Название', 'Номенклатура', 'Товар', 'Name', 'Product'],
    unit: ['Единица', 'Ед. изм.', 'Ед', 'Единица измерения', 'Unit', 'UoM'],
    kind: ['Вид', 'Тип', 'Тип номенклатуры', 'Kind', 'Type'],
    vatRate: ['Ставка НДС', 'НДС', 'VAT', 'VAT rate'],
    group: ['Группа', 'Группа номенклатуры', 'Родитель', 'Group', 'Category'],
    description: ['Описание', 'Description'],
  },
  opening_stock: {
    sku: ['Артикул', 'SKU', 'Код', 'Article', 'Code'],
    warehouse: ['Склад', 'Warehouse'],
    quantity: ['Количество', 'Кол-во', 'Остаток', 'Quantity', 'Qty'],
    cost: ['Себестоимость', 'Цена', 'Стоимость единицы', 'Unit cost', 'Cost'],
  },
  client_debts: {
    inn: ['ИНН', 'INN', 'TIN'],
    partner: ['Клиент', 'Контрагент', 'Партнер', 'Наименование', 'Client', 'Partner'],
    amount: ['Сумма', 'Долг', 'Задолженность', 'Сумма долга', 'Amount', 'Debt'],
  },
  supplier_debts: {
    inn: ['ИНН', 'INN', 'TIN'],
    partner: ['Поставщик', 'Контрагент', 'Партнер', 'Наименование', 'Supplier', 'Partner'],
    amount: ['Сумма', 'Долг', 'Задолженность', 'Сумма долга', 'Amount', 'Debt'],
  },
  cash: {
    account: ['Счет', 'Расчетный счет', 'Номер счета', 'Account', 'Account number'],
    cashDesk: ['Касса', 'Cash desk', 'Cash register'],
    amount: ['Сумма', 'Остаток', 'Amount', 'Balance'],
  },
} as const satisfies Record<DataLoadKind, Record<string, readonly string[]>>;

export type LoadField<K extends DataLoadKind = DataLoadKind> = keyof (typeof loadFields)[K] & string;

/** Fields without which a row cannot be loaded: the mapping must choose a column for each. */
export const requiredFields: Record<DataLoadKind, readonly string[]> = {
  partners: ['name'],
  products: ['sku', 'name'],
  opening_stock: ['sku', 'warehouse', 'quantity', 'cost'],
  client_debts: ['amount'],
  supplier_debts: ['amount'],
  // A row names a bank account or a cash desk: checked per row.
  cash: ['amount'],
};

/** A header compared without case, `ё`, spaces and punctuation: «Ед. изм.» is «едизм». */
export const headerKey = (header: string) =>
  header
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]/gu, '');

/**
 * The automatic mapping: each column to the field whose name it carries (exactly, else as a part of
 * it), each field at most once, leftmost column first. Price types are matched by name.
 */
export function guessMapping(
  kind: DataLoadKind,
  headers: readonly string[],
  priceTypes: readonly { id: number; name: string }[] = [],
): string[] {
  const candidates: [string, string][] = Object.entries(loadFields[kind]).flatMap(([field, names]) =>
    (names as readonly string[]).map((n): [string, string] => [field, headerKey(n)]),
  );
  if (kind === 'products') for (const p of priceTypes) candidates.push([`price:${p.id}`, headerKey(p.name)]);
  const taken = new Set<string>();
  const mapping = headers.map(() => '');
  const pass = (matches: (key: string, alias: string) => boolean) =>
    headers.forEach((header, i) => {
      if (mapping[i]) return;
      const key = headerKey(header);
      const hit = key && candidates.find(([field, alias]) => !taken.has(field) && matches(key, alias));
      if (!hit) return;
      mapping[i] = hit[0];
      taken.add(hit[0]);
    });
  pass((key, alias) => key === alias);
  pass((key, alias) => alias.length >= 3 && key.includes(alias));
  return mapping;
}
