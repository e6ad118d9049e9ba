import { and, count, eq } from 'drizzle-orm';
import { saveDocument } from '@/lib/documents/save-document';
import { hashPassword } from '@/lib/users/users';
import type { Db } from './client';
import { DEMO_PASSWORD, demoUsers } from './demo-accounts';
import {
  bankAccounts,
  cashDesks,
  contactPersons,
  discountRules,
  documents,
  interestSources,
  lossReasons,
  organizations,
  partners,
  prices,
  priceTypes,
  productGroups,
  products,
  settings,
  users,
  warehouses,
} from './schema';

const PRICES_FROM = '2026-01-01';

/** Prices per price type name: purchase, wholesale, retail (the walkthrough's retail prices). */
const demoProducts = [
  {
    sku: 'KOND-EL-09',
    name: 'Кондиционер с электронным управлением',
    group: 'Кондиционеры',
    control: 'electronic',
    prices: ['6200', '7900', '8450'],
  },
  {
    sku: 'KOND-MAN-09',
    name: 'Кондиционер с ручным управлением',
    group: 'Кондиционеры',
    control: 'manual',
    prices: ['3400', '4700', '5100'],
  },
  {
    sku: 'KOND-NO-09',
    name: 'Кондиционер без управления',
    group: 'Кондиционеры',
    control: 'none',
    prices: ['4500', '6200', '6750'],
  },
  {
    sku: 'SOK-01',
    name: 'Соковыжималка',
    group: 'Бытовая техника',
    giftable: true,
    prices: ['1200', '1700', '1990'],
  },
  { sku: 'VENT-01', name: 'Вентилятор напольный', group: 'Бытовая техника', prices: ['900', '1290', '1590'] },
  {
    sku: 'OBOGR-01',
    name: 'Обогреватель масляный',
    group: 'Бытовая техника',
    prices: ['1800', '2450', '2990'],
  },
  {
    sku: 'USL-MONT',
    name: 'Монтаж кондиционера',
    group: 'Услуги',
    kind: 'service',
    unit: 'усл',
    prices: [null, '3000', '3500'],
  },
] as const;

const demoPartners = [
  {
    name: 'Климат-Сервис',
    fullName: 'ООО «Климат-Сервис»',
    inn: '7701234560',
    kpp: '770101001',
    segment: 'Крупный опт',
    manager: 'ivanova@torg.demo',
    address: 'г. Москва, ул. Летниковская, д. 10',
    contact: {
      name: 'Алексей Кузнецов',
      position: 'Директор по закупкам',
      phones: ['+79161234567'],
      emails: ['a.kuznetsov@klimat-service.ru'],
      telegram: 'kuznetsov_ak',
    },
  },
  {
    name: 'Северный ветер',
    fullName: 'ООО «Северный ветер»',
    inn: '7812345675',
    kpp: '781201001',
    segment: 'Мелкий опт',
    manager: 'petrov@torg.demo',
    address: 'г. Санкт-Петербург, Невский пр., д. 48',
    contact: {
      name: 'Мария Соколова',
      position: 'Менеджер по снабжению',
      phones: ['+79215551234'],
      emails: ['sokolova@sev-veter.ru'],
      telegram: null,
    },
  },
  {
    name: 'ИП Орлов Д. С.',
    fullName: 'Индивидуальный предприниматель Орлов Дмитрий Сергеевич',
    inn: '500100732259',
    kpp: null,
    segment: 'Розница',
    manager: 'ivanova@torg.demo',
    address: 'Московская обл., г. Химки, ул. Молодёжная, д. 3',
    contact: {
      name: 'Дмитрий Орлов',
      position: null,
      phones: ['+79037778899'],
      emails: ['orlov.ds@mail.ru'],
      telegram: 'orlov_ds',
    },
  },
  {
    name: 'ДомТехника',
    fullName: 'ООО «ДомТехника»',
    inn: '5003456785',
    kpp: '500301001',
    segment: 'Мелкий опт',
    manager: 'petrov@torg.demo',
    address: 'Московская обл., г. Видное, Битцевский пр., д. 1',
    contact: {
      name: 'Елена Волкова',
      position: 'Коммерческий директор',
      phones: ['+74957201020'],
      emails: ['volkova@domtehnika.ru'],
      telegram: null,
    },
  },
  {
    name: 'ТеплоХолод Дистрибуция',
    fullName: 'ООО «ТеплоХолод Дистрибуция»',
    inn: '5029876544',
    kpp: '502901001',
    segment: null,
    manager: 'leader@torg.demo',
    address: 'Московская обл., г. Мытищи, ул. Колпакова, д. 2',
    supplier: true,
    contact: {
      name: 'Игорь Лебедев',
      position: 'Менеджер по продажам',
      phones: ['+74959876543'],
      emails: ['lebedev@teplo-holod.ru'],
      telegram: null,
    },
  },
] as const;

const demoSources = [
  'Входящий звонок',
  'Сайт',
  'Рекомендация',
  'Выставка',
  'Реклама в интернете',
  'Telegram',
];
const demoLossReasons = [
  'Высокая цена',
  'Нет нужного товара',
  'Выбрали конкурента',
  'Долгий срок поставки',
  'Клиент передумал',
];

async function idsByName<T extends { id: number; name: string }>(
  rows: Promise<T[]>,
): Promise<Map<string, number>> {
  return new Map((await rows).map((r) => [r.name, r.id]));
}

/** Demo data by natural keys: running it again adds nothing and changes nothing. */
export async function seedDemoData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await tx
      .insert(users)
      .values(demoUsers.map((u) => ({ ...u, passwordHash })))
      .onConflictDoNothing();
    const userIds = new Map(
      (await tx.select({ id: users.id, email: users.email }).from(users)).map((u) => [u.email, u.id]),
    );

    await tx
      .insert(organizations)
      .values({
        name: 'Торг',
        fullName: 'Общество с ограниченной ответственностью «Торг»',
        inn: '7730123456',
        kpp: '773001001',
        ogrn: '1027730123453',
        address: 'г. Москва, ул. Бережковская, д. 20',
        phone: '+74951234567',
        email: 'info@torg.demo',
      })
      .onConflictDoNothing();
    const [org] = await tx.select().from(organizations).where(eq(organizations.inn, '7730123456'));
    await tx
      .insert(bankAccounts)
      .values({
        organizationId: org!.id,
        bankName: 'ПАО Сбербанк',
        bik: '044525225',
        accountNumber: '40702810938000012345',
        corrAccount: '30101810400000000225',
      })
      .onConflictDoNothing();

    await tx
      .insert(warehouses)
      .values([
        { name: 'Основной склад', address: 'г. Москва, ул. Складочная, д. 1', main: true },
        { name: 'Склад Подольск', address: 'Московская обл., г. Подольск, ул. Лобачёва, д. 13' },
      ])
      .onConflictDoNothing();

    await tx.insert(cashDesks).values({ name: 'Основная касса' }).onConflictDoNothing();

    await tx
      .insert(priceTypes)
      .values([
        { name: 'Закупочная', purpose: 'purchase' },
        { name: 'Оптовая', purpose: 'sale' },
        { name: 'Розничная', purpose: 'sale', main: true },
      ])
      .onConflictDoNothing();
    const priceTypeIds = await idsByName(tx.select().from(priceTypes));
    const priceTypeOrder = ['Закупочная', 'Оптовая', 'Розничная'].map((n) => priceTypeIds.get(n)!);

    await tx
      .insert(productGroups)
      .values([...new Set(demoProducts.map((p) => p.group))].map((name) => ({ name })))
      .onConflictDoNothing();
    const groupIds = await idsByName(tx.select().from(productGroups));
    await tx
      .insert(products)
      .values(
        demoProducts.map((p) => ({
          sku: p.sku,
          name: p.name,
          unit: 'unit' in p ? p.unit : 'шт',
          kind: 'kind' in p ? p.kind : ('goods' as const),
          groupId: groupIds.get(p.group)!,
          giftable: 'giftable' in p && p.giftable,
          properties: ('control' in p ? { control_type: p.control } : {}) as Record<string, string>,
        })),
      )
      .onConflictDoNothing();
    const productIds = new Map(
      (await tx.select({ id: products.id, sku: products.sku }).from(products)).map((p) => [p.sku, p.id]),
    );
    await tx
      .insert(prices)
      .values(
        demoProducts.flatMap((p) =>
          p.prices.flatMap((price, i) =>
            price === null
              ? []
              : [
                  {
                    productId: productIds.get(p.sku)!,
                    priceTypeId: priceTypeOrder[i]!,
                    validFrom: PRICES_FROM,
                    price,
                  },
                ],
          ),
        ),
      )
      .onConflictDoNothing();

    for (const p of demoPartners) {
      await tx
        .insert(partners)
        .values({
          name: p.name,
          fullName: p.fullName,
          inn: p.inn,
          kpp: p.kpp,
          segment: p.segment,
          address: p.address,
          isClient: !('supplier' in p),
          isSupplier: 'supplier' in p,
          responsibleId: userIds.get(p.manager)!,
        })
        .onConflictDoNothing();
      const [partner] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.inn, p.inn));
      const [existing] = await tx
        .select({ n: count() })
        .from(contactPersons)
        .where(and(eq(contactPersons.partnerId, partner!.id), eq(contactPersons.name, p.contact.name)));
      if (!existing?.n) {
        await tx.insert(contactPersons).values({
          partnerId: partner!.id,
          name: p.contact.name,
          position: p.contact.position,
          phones: [...p.contact.phones],
          emails: [...p.contact.emails],
          telegram: p.contact.telegram,
        });
      }
    }

    await tx
      .insert(interestSources)
      .values(demoSources.map((name) => ({ name })))
      .onConflictDoNothing();
    await tx
      .insert(lossReasons)
      .values(demoLossReasons.map((name) => ({ name })))
      .onConflictDoNothing();
    await tx
      .insert(discountRules)
      .values(demoDiscountRules.map((r) => ({ ...r })))
      .onConflictDoNothing();
    await tx.insert(settings).values({ key: 'demo_accounts', value: true }).onConflictDoNothing();
  });
  await seedOpeningStock(db);
}

/** Automatic discounts of the demo: wholesale clients, large lines, large orders. */
const demoDiscountRules = [
  { name: 'Мелким оптовикам', kind: 'segment', segment: 'Мелкий опт', percent: '3' },
  { name: 'От 10 штук в строке', kind: 'line_quantity', minQuantity: '10', percent: '3' },
  { name: 'Заказ от 300 000 ₽', kind: 'document_total', minAmount: '300000', percent: '4' },
] as const;

/** Opening stock, brought in the way users do it: posted goods receipts from the demo supplier. */
const OPENING_STOCK_COMMENT = 'Начальные остатки (демо)';
const openingStock = [
  {
    warehouse: 'Основной склад',
    lines: [
      ['KOND-EL-09', '20', '7564'],
      ['KOND-MAN-09', '15', '4148'],
      ['KOND-NO-09', '12', '5490'],
      ['SOK-01', '30', '1464'],
      ['VENT-01', '25', '1098'],
      ['OBOGR-01', '10', '2196'],
    ],
  },
  {
    warehouse: 'Склад Подольск',
    lines: [
      ['KOND-EL-09', '5', '7564'],
      ['KOND-NO-09', '8', '5490'],
      ['SOK-01', '6', '1464'],
    ],
  },
] as const;

async function seedOpeningStock(db: Db): Promise<void> {
  const [done] = await db
    .select({ n: count() })
    .from(documents)
    .where(eq(documents.comment, OPENING_STOCK_COMMENT));
  if (done?.n) return;
  const [supplier] = await db.select().from(partners).where(eq(partners.inn, '5029876544'));
  const [admin] = await db.select().from(users).where(eq(users.email, 'admin@torg.demo'));
  const productIds = new Map(
    (await db.select({ id: products.id, sku: products.sku }).from(products)).map((p) => [p.sku, p.id]),
  );
  for (const receipt of openingStock) {
    const [warehouse] = await db.select().from(warehouses).where(eq(warehouses.name, receipt.warehouse));
    const result = await saveDocument(
      db,
      'goods_receipt',
      null,
      {
        date: '2026-01-10T09:00:00+03:00',
        partnerId: supplier!.id,
        warehouseId: warehouse!.id,
        comment: OPENING_STOCK_COMMENT,
        lines: receipt.lines.map(([sku, quantity, price]) => ({
          productId: productIds.get(sku)!,
          quantity,
          price,
          vatRate: '22',
        })),
      },
      admin ?? null,
      { post: true },
    );
    if (!result.ok) throw new Error(`demo opening stock was refused: ${JSON.stringify(result)}`);
  }
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}
