import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { documentKindNames } from './document-kinds';

export const userRole = pgEnum('user_role', ['manager', 'leader', 'admin']);
export const locale = pgEnum('locale', ['ru', 'en']);
export const productKind = pgEnum('product_kind', ['goods', 'service']);
export const vatRate = pgEnum('vat_rate', ['22', '10', '0', 'none']);
export const priceTypePurpose = pgEnum('price_type_purpose', ['purchase', 'sale']);

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};
/** Catalog rows are archived, never deleted: documents keep pointing at them. */
const archivable = { archivedAt: timestamp('archived_at', { withTimezone: true }) };

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: userRole('role').notNull(),
  passwordHash: text('password_hash').notNull(),
  locale: locale('locale').notNull().default('ru'),
  active: boolean('active').notNull().default(true),
  /** Sessions carry the version they were issued with; bumping it (sign-out, password reset, deactivation) revokes them. */
  sessionVersion: integer('session_version').notNull().default(1),
  /** The leader's dashboard: which widgets show, in which order (null: the default). */
  dashboardWidgets: text('dashboard_widgets').array(),
  /** The user's internal extension on the office PBX: whose phone rings or answers a call. */
  extension: text('extension').unique(),
  ...timestamps,
});

/**
 * Failed sign-in attempts per key, `email:<address>` and `ip:<address>`, to slow down password guessing
 * across all app processes. Rows whose pause has long passed are purged as new failures come in.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull().default(0),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [index('login_throttle_last_failure_idx').on(t.lastFailureAt)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    data: jsonb('data'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    // Administration → «Журнал изменений» lists by period, newest first, optionally of one user.
    index('audit_log_at_idx').on(t.at),
    index('audit_log_user_at_idx').on(t.userId, t.at),
  ],
);

export const organizations = pgTable(
  'organizations',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    fullName: text('full_name'),
    inn: text('inn').notNull(),
    kpp: text('kpp'),
    ogrn: text('ogrn'),
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    ...archivable,
    ...timestamps,
  },
  (t) => [uniqueIndex('organizations_inn_key').on(t.inn)],
);

export const bankAccounts = pgTable(
  'bank_accounts',
  {
    id: serial('id').primaryKey(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    bankName: text('bank_name').notNull(),
    bik: text('bik').notNull(),
    accountNumber: text('account_number').notNull(),
    corrAccount: text('corr_account'),
    currency: text('currency').notNull().default('RUB'),
    ...archivable,
    ...timestamps,
  },
  (t) => [uniqueIndex('bank_accounts_account_key').on(t.bik, t.accountNumber)],
);

/** Кассы: where cash is kept; the cash register holds their balances beside the bank accounts'. */
export const cashDesks = pgTable('cash_desks', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  ...archivable,
  ...timestamps,
});

export const partners = pgTable(
  'partners',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    fullName: text('full_name'),
    isClient: boolean('is_client').notNull().default(true),
    isSupplier: boolean('is_supplier').notNull().default(false),
    inn: text('inn'),
    kpp: text('kpp'),
    segment: text('segment'),
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    responsibleId: integer('responsible_id').references(() => users.id),
    comment: text('comment'),
    ...archivable,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('partners_inn_key').on(t.inn).where(sql`${t.inn} is not null`),
    index('partners_name_idx').on(t.name),
    // E.164 (the catalog normalises it), so a caller is found by exact match.
    index('partners_phone_idx').on(t.phone).where(sql`${t.phone} is not null`),
  ],
);

export const contactPersons = pgTable(
  'contact_persons',
  {
    id: serial('id').primaryKey(),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    name: text('name').notNull(),
    position: text('position'),
    /** E.164, so a caller is found by exact match (GIN index). */
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    emails: text('emails').array().notNull().default(sql`'{}'::text[]`),
    telegram: text('telegram'),
    comment: text('comment'),
    ...archivable,
    ...timestamps,
  },
  (t) => [
    index('contact_persons_partner_idx').on(t.partnerId),
    index('contact_persons_phones_idx').using('gin', t.phones),
    index('contact_persons_emails_idx').using('gin', t.emails),
  ],
);

export const productGroups = pgTable('product_groups', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  ...archivable,
  ...timestamps,
});

export const products = pgTable(
  'products',
  {
    id: serial('id').primaryKey(),
    sku: text('sku').notNull().unique(),
    name: text('name').notNull(),
    unit: text('unit').notNull().default('шт'),
    kind: productKind('kind').notNull().default('goods'),
    vatRate: vatRate('vat_rate').notNull().default('22'),
    groupId: integer('group_id').references(() => productGroups.id),
    /** Property values by key, e.g. { control_type: 'manual' }; keys are defined in lib/catalogs/products. */
    properties: jsonb('properties').$type<Record<string, string>>().notNull().default({}),
    giftable: boolean('giftable').notNull().default(false),
    description: text('description'),
    /** Of one unit, for a delivery's load: kilograms and cubic metres; null when not known. */
    weightKg: numeric('weight_kg', { precision: 12, scale: 3 }),
    volumeM3: numeric('volume_m3', { precision: 12, scale: 4 }),
    /** «Что заказать»: the least stock each warehouse should hold, and the supplier it is ordered from. */
    minStock: numeric('min_stock', { precision: 15, scale: 3 }),
    mainSupplierId: integer('main_supplier_id').references(() => partners.id),
    ...archivable,
    ...timestamps,
  },
  (t) => [index('products_group_idx').on(t.groupId)],
);

export const warehouses = pgTable(
  'warehouses',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull().unique(),
    address: text('address'),
    /** The organization's main warehouse: new documents start from it. At most one. */
    main: boolean('main').notNull().default(false),
    ...archivable,
    ...timestamps,
  },
  (t) => [uniqueIndex('warehouses_main_key').on(t.main).where(sql`${t.main}`)],
);

export const priceTypes = pgTable(
  'price_types',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull().unique(),
    purpose: priceTypePurpose('purpose').notNull().default('sale'),
    includesVat: boolean('includes_vat').notNull().default(true),
    /** «Основной тип цен продажи»: new offers and orders start with it. At most one, and a sale type. */
    main: boolean('main').notNull().default(false),
    ...archivable,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('price_types_main_key').on(t.main).where(sql`${t.main}`),
    check('price_types_main_sale_check', sql`not ${t.main} or ${t.purpose} = 'sale'`),
  ],
);

export const prices = pgTable(
  'prices',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    priceTypeId: integer('price_type_id')
      .notNull()
      .references(() => priceTypes.id),
    validFrom: date('valid_from').notNull(),
    price: numeric('price', { precision: 15, scale: 2 }).notNull(),
    ...archivable,
    ...timestamps,
  },
  (t) => [uniqueIndex('prices_product_type_date_key').on(t.productId, t.priceTypeId, t.validFrom)],
);

export const interestSources = pgTable('interest_sources', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  ...archivable,
  ...timestamps,
});

export const lossReasons = pgTable('loss_reasons', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  ...archivable,
  ...timestamps,
});

// ── Documents and registers ─────────────────────────────────────────────────────────────────────

export const documentKind = pgEnum('document_kind', documentKindNames);
export const documentStatus = pgEnum('document_status', ['draft', 'posted', 'deleted']);
/** Where a commercial offer stands with the client; offers post nothing. */
export const offerStatus = pgEnum('offer_status', ['draft', 'sent', 'accepted', 'rejected', 'expired']);
/** Статус заказа клиента: не согласован → к обеспечению → к отгрузке → закрыт. */
export const orderStatus = pgEnum('order_status', ['not_agreed', 'to_provide', 'to_ship', 'closed']);
/** What an order line asks of the warehouse: reserve, ship (reserved until shipped), do not provide. */
/** Заказ поставщику: not agreed yet (expects nothing), to be received, closed. */
export const supplierOrderStatus = pgEnum('supplier_order_status', ['not_agreed', 'to_receive', 'closed']);
/** An outgoing payment (Списание безналичных ДС, РКО): to a supplier, a refund to a client, an advance to an employee, other. */
export const paymentKind = pgEnum('payment_kind', ['supplier', 'client_refund', 'employee_advance', 'other']);
export const orderLineAction = pgEnum('order_line_action', ['reserve', 'ship', 'none']);

/**
 * One header table for every document kind: numbering, status, posting and the "based on" chain work
 * the same for all. Columns a kind does not use stay null.
 */
export const documents = pgTable(
  'documents',
  {
    id: serial('id').primaryKey(),
    kind: documentKind('kind').notNull(),
    number: text('number').notNull(),
    date: timestamp('date', { withTimezone: true }).notNull(),
    /** When it was written into the system: the feed's order when the date is only a day (a bank's). */
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    status: documentStatus('status').notNull().default('draft'),
    authorId: integer('author_id').references(() => users.id),
    responsibleId: integer('responsible_id').references(() => users.id),
    organizationId: integer('organization_id').references(() => organizations.id),
    partnerId: integer('partner_id').references(() => partners.id),
    warehouseId: integer('warehouse_id').references(() => warehouses.id),
    /** Transfer destination. */
    warehouseToId: integer('warehouse_to_id').references(() => warehouses.id),
    basedOnId: integer('based_on_id'),
    /** The client interest a document was created for; its descendants (based_on_id) belong to it too. */
    interestId: integer('interest_id'),
    /** Supplier's invoice number and date for receipts; the bank's payment order number for bank receipts. */
    externalNumber: text('external_number'),
    /** Whom offers and orders are addressed to (and emailed). */
    contactId: integer('contact_id').references(() => contactPersons.id),
    priceTypeId: integer('price_type_id').references(() => priceTypes.id),
    /** The manual discount on every line that is not a gift, within the author's role limit. */
    manualDiscountPercent: numeric('manual_discount_percent', { precision: 5, scale: 2 })
      .notNull()
      .default('0'),
    /** Offers: valid until this day. */
    validUntil: date('valid_until'),
    offerStatus: offerStatus('offer_status'),
    orderStatus: orderStatus('order_status'),
    /** Orders: part of the amount to be paid before shipment. */
    prepaymentPercent: numeric('prepayment_percent', { precision: 5, scale: 2 }),
    /** Supplier orders: the day the goods are expected, and the order's status. */
    expectedDate: date('expected_date'),
    supplierOrderStatus: supplierOrderStatus('supplier_order_status'),
    /** Goods receipts: posting sets the purchase price type's prices to the receipt's. */
    updatePrices: boolean('update_prices').notNull().default(false),
    /** Outgoing payments: to a supplier, a refund to a client, or other. */
    paymentKind: paymentKind('payment_kind'),
    /** Bank receipts: our account the money came to, and the payer's purpose text. */
    bankAccountId: integer('bank_account_id').references(() => bankAccounts.id),
    paymentPurpose: text('payment_purpose'),
    /** Cash orders (ПКО, РКО): the cash desk; a РКО's operation and the employee an advance is paid to. */
    cashDeskId: integer('cash_desk_id').references(() => cashDesks.id),
    employeeId: integer('employee_id').references(() => users.id),
    /** Orders: the day the rest after the prepayment is due (the payment calendar expects it then). */
    paymentDueDate: date('payment_due_date'),
    /** Line totals after discounts; the discount given is kept for print forms and reports. */
    amount: numeric('amount', { precision: 15, scale: 2 }).notNull().default('0'),
    discountAmount: numeric('discount_amount', { precision: 15, scale: 2 }).notNull().default('0'),
    vatAmount: numeric('vat_amount', { precision: 15, scale: 2 }).notNull().default('0'),
    comment: text('comment'),
    /** Optimistic lock: an edit based on an older version is refused. */
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('documents_kind_number_key').on(
      t.kind,
      t.number,
      sql`date_part('year', ${t.date} at time zone 'UTC')`,
    ),
    index('documents_kind_date_idx').on(t.kind, t.date),
    index('documents_partner_idx').on(t.partnerId),
    index('documents_based_on_idx').on(t.basedOnId),
    index('documents_interest_idx').on(t.interestId),
    // The orders still to be paid or shipped (only orders have an order status): the payment calendar
    // reads these among a million closed ones.
    index('documents_open_orders_idx')
      .on(t.partnerId)
      .where(sql`${t.status} = 'posted' and ${t.orderStatus} <> 'closed'`),
    // The supplier orders still to be received (only they have a supplier order status): the same for
    // the calendar's expected payments.
    index('documents_open_supplier_orders_idx')
      .on(t.partnerId)
      .where(sql`${t.status} = 'posted' and ${t.supplierOrderStatus} <> 'closed'`),
  ],
);

export const documentLines = pgTable(
  'document_lines',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    quantity: numeric('quantity', { precision: 15, scale: 3 }).notNull(),
    price: numeric('price', { precision: 15, scale: 2 }).notNull().default('0'),
    vatRate: vatRate('vat_rate').notNull().default('22'),
    /** Automatic plus manual discount, and what it took off quantity × price. */
    discountPercent: numeric('discount_percent', { precision: 5, scale: 2 }).notNull().default('0'),
    discountAmount: numeric('discount_amount', { precision: 15, scale: 2 }).notNull().default('0'),
    /** Line total including VAT (prices include VAT), after the discount. */
    amount: numeric('amount', { precision: 15, scale: 2 }).notNull().default('0'),
    vatAmount: numeric('vat_amount', { precision: 15, scale: 2 }).notNull().default('0'),
    /** Given free with the offer or order (price 0). */
    gift: boolean('gift').notNull().default(false),
    /** Customer orders only. */
    action: orderLineAction('action'),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.lineNo] }),
    index('document_lines_product_idx').on(t.productId),
  ],
);

/** Расшифровка платежа: how much of a bank receipt pays which customer order. */
export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    orderId: integer('order_id')
      .notNull()
      .references(() => documents.id),
    amount: numeric('amount', { precision: 15, scale: 2 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.lineNo] }),
    index('payment_allocations_order_idx').on(t.orderId),
  ],
);

/**
 * A movement's document is not a foreign key: only posting writes movements, under the document's lock,
 * and documents are never deleted (marked for deletion, they keep their row). The key's check cost every
 * posting a lookup and a row lock per movement at commit; the ledger check (lib/ledger/check.ts) finds
 * movements of a document that is not there.
 */
const movement = {
  documentId: integer('document_id').notNull(),
  rowNo: integer('row_no').notNull(),
  period: timestamp('period', { withTimezone: true }).notNull(),
};
const qty = (name: string) => numeric(name, { precision: 15, scale: 3 }).notNull();
const money = (name: string) => numeric(name, { precision: 15, scale: 2 }).notNull();

export const stockMovements = pgTable(
  'stock_movements',
  {
    ...movement,
    warehouseId: integer('warehouse_id').notNull(),
    productId: integer('product_id').notNull(),
    quantity: qty('quantity'),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.rowNo] }),
    index('stock_movements_product_idx').on(t.productId, t.period),
  ],
);
export const stockBalances = pgTable(
  'stock_balances',
  {
    warehouseId: integer('warehouse_id').notNull(),
    productId: integer('product_id').notNull(),
    quantity: qty('quantity'),
  },
  (t) => [
    primaryKey({ columns: [t.warehouseId, t.productId] }),
    index('stock_balances_product_idx').on(t.productId),
  ],
);
/** Receipts and issues per day: period reports read these, never the movements. */
export const stockDailyTurnovers = pgTable(
  'stock_daily_turnovers',
  {
    day: date('day').notNull(),
    warehouseId: integer('warehouse_id').notNull(),
    productId: integer('product_id').notNull(),
    receipt: qty('receipt'),
    issue: qty('issue'),
  },
  // Keyed per warehouse and product, so a report over some products reads only their days since the
  // period start; the day index serves reports over everything.
  (t) => [
    primaryKey({ columns: [t.warehouseId, t.productId, t.day] }),
    index('stock_daily_turnovers_day_idx').on(t.day),
  ],
);

/** Beside the daily ones: a statement of an old period sums a few months instead of hundreds of days. */
export const stockMonthlyTurnovers = pgTable(
  'stock_monthly_turnovers',
  {
    month: date('month').notNull(),
    warehouseId: integer('warehouse_id').notNull(),
    productId: integer('product_id').notNull(),
    receipt: qty('receipt'),
    issue: qty('issue'),
  },
  (t) => [
    primaryKey({ columns: [t.warehouseId, t.productId, t.month] }),
    index('stock_monthly_turnovers_month_idx').on(t.month),
  ],
);

export const reservationMovements = pgTable(
  'reservation_movements',
  {
    ...movement,
    warehouseId: integer('warehouse_id').notNull(),
    productId: integer('product_id').notNull(),
    orderId: integer('order_id').notNull(),
    quantity: qty('quantity'),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.rowNo] })],
);
export const reservationBalances = pgTable(
  'reservation_balances',
  {
    warehouseId: integer('warehouse_id').notNull(),
    productId: integer('product_id').notNull(),
    orderId: integer('order_id').notNull(),
    quantity: qty('quantity'),
  },
  (t) => [primaryKey({ columns: [t.warehouseId, t.productId, t.orderId] })],
);

/** Goods expected per supplier order: its posting adds them, the receipts made from it take them away. */
export const expectedGoodsMovements = pgTable(
  'expected_goods_movements',
  {
    ...movement,
    warehouseId: integer('warehouse_id').notNull(),
    productId: integer('product_id').notNull(),
    orderId: integer('order_id').notNull().default(0),
    quantity: qty('quantity'),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.rowNo] })],
);
export const expectedGoodsBalances = pgTable(
  'expected_goods_balances',
  {
    warehouseId: integer('warehouse_id').notNull(),
    productId: integer('product_id').notNull(),
    orderId: integer('order_id').notNull().default(0),
    quantity: qty('quantity'),
  },
  (t) => [
    primaryKey({ columns: [t.warehouseId, t.productId, t.orderId] }),
    index('expected_goods_balances_product_idx').on(t.productId),
    // What each supplier order still expects (its facts), among all orders' rows.
    index('expected_goods_balances_order_idx').on(t.orderId),
  ],
);

/** Moving-average cost: quantity and amount (without VAT) per product; cost = amount / quantity. */
export const costMovements = pgTable(
  'cost_movements',
  {
    ...movement,
    productId: integer('product_id').notNull(),
    quantity: qty('quantity'),
    amount: money('amount'),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.rowNo] })],
);
export const costBalances = pgTable('cost_balances', {
  productId: integer('product_id').primaryKey(),
  quantity: qty('quantity'),
  amount: money('amount'),
});

/** What we owe suppliers per partner and supplier order (order 0: not against an order): positive = our debt. */
export const supplierSettlementMovements = pgTable(
  'supplier_settlement_movements',
  {
    ...movement,
    partnerId: integer('partner_id').notNull(),
    orderId: integer('order_id').notNull().default(0),
    amount: money('amount'),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.rowNo] }),
    // A supplier's orders over a period: the settlements statement's drill-down.
    index('supplier_settlement_movements_partner_idx').on(t.partnerId, t.period),
    // A supplier order's receipts, returns and payments (its facts). Not partial: its readers look
    // orders up by a parameter (= any($1)), which a partial index's predicate cannot be proven for.
    index('supplier_settlement_movements_order_idx').on(t.orderId),
  ],
);
export const supplierSettlementBalances = pgTable(
  'supplier_settlement_balances',
  {
    partnerId: integer('partner_id').notNull(),
    orderId: integer('order_id').notNull().default(0),
    amount: money('amount'),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.orderId] })],
);

/** Our debt to suppliers per partner and day (month): increases (receipts) and decreases (payments) apart. */
export const supplierSettlementDailyTurnovers = pgTable(
  'supplier_settlement_daily_turnovers',
  {
    day: date('day').notNull(),
    partnerId: integer('partner_id').notNull(),
    increase: money('increase'),
    decrease: money('decrease'),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.day] }),
    index('supplier_settlement_daily_turnovers_day_idx').on(t.day),
  ],
);
export const supplierSettlementMonthlyTurnovers = pgTable(
  'supplier_settlement_monthly_turnovers',
  {
    month: date('month').notNull(),
    partnerId: integer('partner_id').notNull(),
    increase: money('increase'),
    decrease: money('decrease'),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.month] }),
    index('supplier_settlement_monthly_turnovers_month_idx').on(t.month),
  ],
);

/** What clients owe us per partner and order (order 0: not against an order): positive = client owes. */
export const clientSettlementMovements = pgTable(
  'client_settlement_movements',
  {
    ...movement,
    partnerId: integer('partner_id').notNull(),
    orderId: integer('order_id').notNull(),
    amount: money('amount'),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.rowNo] }),
    index('client_settlement_movements_order_idx').on(t.orderId),
    // A partner's orders over a period: the settlements statement's drill-down.
    index('client_settlement_movements_partner_idx').on(t.partnerId, t.period),
    // When each debt arose (the dashboard): the first increase of a partner's order.
    index('client_settlement_movements_increase_idx')
      .on(t.partnerId, t.orderId, t.period)
      .where(sql`${t.amount} > 0`),
  ],
);
export const clientSettlementBalances = pgTable(
  'client_settlement_balances',
  {
    partnerId: integer('partner_id').notNull(),
    orderId: integer('order_id').notNull(),
    amount: money('amount'),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.orderId] }),
    // The debts (the dashboard's largest debtors and their ages): few rows among the settled ones.
    index('client_settlement_balances_debt_idx')
      .on(t.partnerId, t.orderId, t.amount)
      .where(sql`${t.amount} > 0`),
  ],
);

/** The clients' debt per partner and day (month): increases (shipments) and decreases (payments) apart. */
export const clientSettlementDailyTurnovers = pgTable(
  'client_settlement_daily_turnovers',
  {
    day: date('day').notNull(),
    partnerId: integer('partner_id').notNull(),
    increase: money('increase'),
    decrease: money('decrease'),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.day] }),
    index('client_settlement_daily_turnovers_day_idx').on(t.day),
  ],
);
export const clientSettlementMonthlyTurnovers = pgTable(
  'client_settlement_monthly_turnovers',
  {
    month: date('month').notNull(),
    partnerId: integer('partner_id').notNull(),
    increase: money('increase'),
    decrease: money('decrease'),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.month] }),
    index('client_settlement_monthly_turnovers_month_idx').on(t.month),
  ],
);

/**
 * Money on our bank accounts and in our cash desks: each row is one of them, the other dimension 0
 * (as order 0 is "no order" in client settlements), so the balance key stays a plain primary key.
 */
const cashPlace = {
  bankAccountId: integer('bank_account_id').notNull().default(0),
  cashDeskId: integer('cash_desk_id').notNull().default(0),
};
const oneCashPlace = (t: { bankAccountId: AnyPgColumn; cashDeskId: AnyPgColumn }) =>
  sql`(${t.bankAccountId} = 0) <> (${t.cashDeskId} = 0)`;
export const cashMovements = pgTable(
  'cash_movements',
  { ...movement, ...cashPlace, amount: money('amount') },
  (t) => [
    primaryKey({ columns: [t.documentId, t.rowNo] }),
    check('cash_movements_place_check', oneCashPlace(t)),
  ],
);
export const cashBalances = pgTable('cash_balances', { ...cashPlace, amount: money('amount') }, (t) => [
  primaryKey({ columns: [t.bankAccountId, t.cashDeskId] }),
  check('cash_balances_place_check', oneCashPlace(t)),
]);
/** Receipts and expenses per bank account or cash desk and day: «Остатки денежных средств» reads them. */
export const cashDailyTurnovers = pgTable(
  'cash_daily_turnovers',
  {
    day: date('day').notNull(),
    ...cashPlace,
    receipt: money('receipt'),
    expense: money('expense'),
  },
  (t) => [primaryKey({ columns: [t.bankAccountId, t.cashDeskId, t.day] })],
);

/** Sales turnovers: quantity, revenue without VAT, VAT and cost per product, client, manager and order. */
export const salesMovements = pgTable(
  'sales_movements',
  {
    ...movement,
    productId: integer('product_id').notNull(),
    partnerId: integer('partner_id').notNull(),
    managerId: integer('manager_id').notNull(),
    orderId: integer('order_id').notNull(),
    quantity: qty('quantity'),
    revenue: money('revenue'),
    vat: money('vat'),
    cost: money('cost'),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.rowNo] }), index('sales_movements_period_idx').on(t.period)],
);
export const salesBalances = pgTable(
  'sales_balances',
  {
    productId: integer('product_id').notNull(),
    partnerId: integer('partner_id').notNull(),
    managerId: integer('manager_id').notNull(),
    orderId: integer('order_id').notNull(),
    quantity: qty('quantity'),
    revenue: money('revenue'),
    vat: money('vat'),
    cost: money('cost'),
  },
  (t) => [primaryKey({ columns: [t.productId, t.partnerId, t.managerId, t.orderId] })],
);

/** Sales per month, manager, client and product: what sales, plan and gross profit reports read. */
export const salesMonthlyTurnovers = pgTable(
  'sales_monthly_turnovers',
  {
    month: date('month').notNull(),
    managerId: integer('manager_id').notNull(),
    partnerId: integer('partner_id').notNull(),
    productId: integer('product_id').notNull(),
    quantity: qty('quantity'),
    revenue: money('revenue'),
    vat: money('vat'),
    cost: money('cost'),
  },
  (t) => [primaryKey({ columns: [t.month, t.managerId, t.partnerId, t.productId] })],
);
export const salesMonthlyPartnerTurnovers = pgTable(
  'sales_monthly_partner_turnovers',
  {
    month: date('month').notNull(),
    managerId: integer('manager_id').notNull(),
    partnerId: integer('partner_id').notNull(),
    quantity: qty('quantity'),
    revenue: money('revenue'),
    vat: money('vat'),
    cost: money('cost'),
  },
  (t) => [primaryKey({ columns: [t.month, t.managerId, t.partnerId] })],
);
export const salesMonthlyManagerTurnovers = pgTable(
  'sales_monthly_manager_turnovers',
  {
    month: date('month').notNull(),
    managerId: integer('manager_id').notNull(),
    quantity: qty('quantity'),
    revenue: money('revenue'),
    vat: money('vat'),
    cost: money('cost'),
  },
  (t) => [primaryKey({ columns: [t.month, t.managerId] })],
);
/** Sales per month and product, whoever sold them: the gross profit by product or group of everyone. */
export const salesMonthlyProductTurnovers = pgTable(
  'sales_monthly_product_turnovers',
  {
    month: date('month').notNull(),
    productId: integer('product_id').notNull(),
    quantity: qty('quantity'),
    revenue: money('revenue'),
    vat: money('vat'),
    cost: money('cost'),
  },
  (t) => [primaryKey({ columns: [t.month, t.productId] })],
);

// ── Sales: discount rules, bank statements, outgoing email ───────────────────────────────────────

export const discountRuleKind = pgEnum('discount_rule_kind', ['segment', 'line_quantity', 'document_total']);

/** Automatic discounts: the best applicable rule per line is taken, then the manual percent added. */
export const discountRules = pgTable('discount_rules', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  kind: discountRuleKind('kind').notNull(),
  /** segment: partners of this segment. */
  segment: text('segment'),
  /** line_quantity: a line of at least this quantity. */
  minQuantity: numeric('min_quantity', { precision: 15, scale: 3 }),
  /** document_total: a document of at least this amount before discounts. */
  minAmount: numeric('min_amount', { precision: 15, scale: 2 }),
  percent: numeric('percent', { precision: 5, scale: 2 }).notNull(),
  ...archivable,
  ...timestamps,
});

export const bankPaymentStatus = pgEnum('bank_payment_status', ['unmatched', 'posted']);

/** Incoming payments read from bank statements; the fingerprint makes a re-import add nothing. */
export const bankPayments = pgTable(
  'bank_payments',
  {
    id: serial('id').primaryKey(),
    fingerprint: text('fingerprint').notNull().unique(),
    fileName: text('file_name'),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    importedById: integer('imported_by_id').references(() => users.id),
    bankAccountId: integer('bank_account_id')
      .notNull()
      .references(() => bankAccounts.id),
    number: text('number').notNull(),
    date: date('date').notNull(),
    amount: numeric('amount', { precision: 15, scale: 2 }).notNull(),
    payerName: text('payer_name').notNull(),
    payerInn: text('payer_inn'),
    payerAccount: text('payer_account').notNull(),
    purpose: text('purpose').notNull(),
    /**
     * A payment from our account (posted as «Списание безналичных ДС»); the payer columns then hold the
     * other side, the recipient, so partners are matched by the same INN and account rules both ways.
     */
    outgoing: boolean('outgoing').notNull().default(false),
    partnerId: integer('partner_id').references(() => partners.id),
    orderId: integer('order_id').references(() => documents.id),
    receiptId: integer('receipt_id').references(() => documents.id),
    status: bankPaymentStatus('status').notNull().default('unmatched'),
    /** Why a matched payment was not posted (an error code, e.g. `amount_above_order`), until it is. */
    refusal: text('refusal'),
  },
  (t) => [
    index('bank_payments_status_idx').on(t.status, t.date),
    // One receipt per payment, however often it is matched: a double click posts once.
    uniqueIndex('bank_payments_receipt_key').on(t.receiptId),
  ],
);

// ── CRM: client interests, interactions, tasks ───────────────────────────────────────────────────

export const interestState = pgEnum('interest_state', [
  'new',
  'consultation',
  'offer_sent',
  'awaiting_payment',
  'shipment_control',
  'won',
  'lost',
]);
export const interestEventKind = pgEnum('interest_event_kind', ['state', 'reassigned']);
export const interactionKind = pgEnum('interaction_kind', ['call', 'email', 'message', 'meeting', 'note']);
export const interactionDirection = pgEnum('interaction_direction', ['incoming', 'outgoing']);

/** Интерес клиента: a deal followed from the first contact to won or lost. */
export const interests = pgTable(
  'interests',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    contactId: integer('contact_id').references(() => contactPersons.id),
    responsibleId: integer('responsible_id')
      .notNull()
      .references(() => users.id),
    sourceId: integer('source_id').references(() => interestSources.id),
    state: interestState('state').notNull().default('new'),
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull().defaultNow(),
    expectedAmount: numeric('expected_amount', { precision: 15, scale: 2 }),
    expectedCloseDate: date('expected_close_date'),
    description: text('description'),
    priceTypeId: integer('price_type_id').references(() => priceTypes.id),
    prepaymentPercent: numeric('prepayment_percent', { precision: 5, scale: 2 }),
    deliveryTerms: text('delivery_terms'),
    lossReasonId: integer('loss_reason_id').references(() => lossReasons.id),
    /** Optimistic lock: a save based on an older version is refused. */
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('interests_responsible_state_idx').on(t.responsibleId, t.state),
    index('interests_partner_idx').on(t.partnerId),
    // The dashboard: the open ones (funnel, forecast, discipline) apart from the many closed ones; those
    // closed in a window (won and lost by month, loss reasons); those created in a period (sources).
    // (with what the funnel and the forecast read of them, so they are read from the index alone).
    index('interests_open_idx')
      .on(t.responsibleId, t.state, t.expectedCloseDate, t.expectedAmount, t.id)
      .where(
        sql`${t.state} in ('new', 'consultation', 'offer_sent', 'awaiting_payment', 'shipment_control')`,
      ),
    index('interests_closed_idx')
      .on(t.state, t.stateChangedAt, t.responsibleId)
      .where(sql`${t.state} in ('won', 'lost')`),
    index('interests_created_idx').on(t.createdAt, t.responsibleId, t.sourceId),
  ],
);

export const interestLines = pgTable(
  'interest_lines',
  {
    interestId: integer('interest_id')
      .notNull()
      .references(() => interests.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    quantity: numeric('quantity', { precision: 15, scale: 3 }).notNull(),
    price: numeric('price', { precision: 15, scale: 2 }).notNull().default('0'),
    amount: numeric('amount', { precision: 15, scale: 2 }).notNull().default('0'),
  },
  (t) => [primaryKey({ columns: [t.interestId, t.lineNo] })],
);

/** What happened to an interest besides interactions and documents: state changes, reassignments. */
export const interestEvents = pgTable(
  'interest_events',
  {
    id: serial('id').primaryKey(),
    interestId: integer('interest_id')
      .notNull()
      .references(() => interests.id),
    kind: interestEventKind('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Null when the system (automation) did it. */
    userId: integer('user_id').references(() => users.id),
    fromValue: text('from_value'),
    toValue: text('to_value').notNull(),
    /**
     * Why, as a code and its parameters (lib/crm/state-cause.ts), rendered in the reader's language:
     * `payment_received` {amount: "12825.00", number: "000017"}.
     */
    causeCode: text('cause_code'),
    causeParams: jsonb('cause_params').$type<Record<string, string | number>>(),
  },
  (t) => [index('interest_events_interest_idx').on(t.interestId, t.at)],
);

/** Взаимодействие: a call, email, messenger message, meeting or note. */
export const interactions = pgTable(
  'interactions',
  {
    id: serial('id').primaryKey(),
    kind: interactionKind('kind').notNull(),
    direction: interactionDirection('direction').notNull().default('incoming'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    partnerId: integer('partner_id').references(() => partners.id),
    contactId: integer('contact_id').references(() => contactPersons.id),
    interestId: integer('interest_id').references(() => interests.id),
    subject: text('subject'),
    body: text('body'),
    /** Who called or wrote when the sender is not known yet (phone, email, Telegram user). */
    fromAddress: text('from_address'),
    processed: boolean('processed').notNull().default(false),
    authorId: integer('author_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index('interactions_interest_idx').on(t.interestId, t.at),
    index('interactions_unprocessed_idx').on(t.processed, t.at),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    responsibleId: integer('responsible_id')
      .notNull()
      .references(() => users.id),
    interestId: integer('interest_id').references(() => interests.id),
    partnerId: integer('partner_id').references(() => partners.id),
    /** Done when set; overdue is derived from due_at and now, never stored. */
    doneAt: timestamp('done_at', { withTimezone: true }),
    /** When the "due soon" reminder went to the responsible user (once per task). */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    authorId: integer('author_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index('tasks_responsible_open_idx').on(t.responsibleId, t.dueAt).where(sql`${t.doneAt} is null`),
    index('tasks_interest_idx').on(t.interestId),
    // An interest's open tasks by due date: does it have a next one (the dashboard, the control report).
    index('tasks_interest_open_idx').on(t.interestId, t.dueAt).where(sql`${t.doneAt} is null`),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Files attached to an interaction (an email's attachments, a photo from a meeting). */
export const interactionAttachments = pgTable(
  'interaction_attachments',
  {
    id: serial('id').primaryKey(),
    interactionId: integer('interaction_id')
      .notNull()
      .references(() => interactions.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('interaction_attachments_interaction_idx').on(t.interactionId)],
);

/**
 * A bank statement checked with «Проверить», kept for «Загрузить и провести» so the file is not picked
 * twice (lib/bank/statement-uploads.ts): its owner's only, at most a few per user, gone after half an
 * hour or once imported.
 */
export const statementUploads = pgTable(
  'statement_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fileName: text('file_name'),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('statement_uploads_user_idx').on(t.userId, t.createdAt)],
);

export const emailStatus = pgEnum('email_status', ['queued', 'sent', 'outbox', 'failed']);

/**
 * Outgoing email. Each one is also an interaction in the feed (with its attachments there); this row
 * keeps the delivery: sent through Resend, kept in the local outbox when no API key is set, or failed
 * with the error until retried.
 */
export const outgoingEmails = pgTable(
  'outgoing_emails',
  {
    id: serial('id').primaryKey(),
    interactionId: integer('interaction_id')
      .notNull()
      .references(() => interactions.id),
    documentId: integer('document_id').references(() => documents.id),
    template: text('template').notNull(),
    fromAddress: text('from_address').notNull(),
    to: text('to').array().notNull(),
    subject: text('subject').notNull(),
    /** The editable text the user wrote; the template renders it into the HTML. */
    body: text('body').notNull(),
    html: text('html').notNull(),
    status: emailStatus('status').notNull().default('queued'),
    providerId: text('provider_id'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Our own Message-ID (`<…@…>`): a client's reply names it in In-Reply-To / References. */
    messageId: text('message_id'),
    /** Headers sent besides: a reply's In-Reply-To and References, so the client's mail threads it. */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    authorId: integer('author_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index('outgoing_emails_status_idx').on(t.status, t.createdAt),
    uniqueIndex('outgoing_emails_message_id_key').on(t.messageId).where(sql`${t.messageId} is not null`),
  ],
);

// ── Background jobs ──────────────────────────────────────────────────────────────────────────────

export const jobStatus = pgEnum('job_status', ['pending', 'failed']);

/**
 * The job queue. Triggers enqueue through the SQL function enqueue_job (migration 0010) in the
 * transaction of the change, merging into a pending job of the same key. A worker deletes the job as
 * it claims it, inside the transaction that runs it: a worker that dies mid-job leaves it pending for
 * the next. A job that keeps failing is parked as failed until an admin retries.
 */
/** Each running job worker's last sign of life: /api/ready wants one seen within a minute. */
export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: text('worker_id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
});

export const jobs = pgTable(
  'jobs',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    /** Deduplication: "interest:42" — one pending job per key. */
    key: text('key').notNull(),
    payload: jsonb('payload').notNull().default({}),
    status: jobStatus('status').notNull().default('pending'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('jobs_pending_key_idx').on(t.key).where(sql`${t.status} = 'pending'`),
    index('jobs_due_idx').on(t.runAt, t.id).where(sql`${t.status} = 'pending'`),
  ],
);

// ── Planning: sales plans ────────────────────────────────────────────────────────────────────────

export const planPeriodKind = pgEnum('plan_period_kind', ['month', 'quarter', 'year']);

/**
 * План продаж: a period (month, quarter or year) and per line a manager (or the whole company) with the
 * planned revenue including VAT, optionally for one product group with a quantity. Posting writes the
 * plan register per month; several plans of one period add up.
 */
export const salesPlans = pgTable(
  'sales_plans',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull(),
    periodKind: planPeriodKind('period_kind').notNull(),
    /** The first day of the month, quarter or year. */
    periodStart: date('period_start').notNull(),
    status: documentStatus('status').notNull().default('draft'),
    comment: text('comment'),
    authorId: integer('author_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('sales_plans_period_idx').on(t.periodStart)],
);

export const salesPlanLines = pgTable(
  'sales_plan_lines',
  {
    planId: integer('plan_id')
      .notNull()
      .references(() => salesPlans.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    /** Null: the plan of the whole company. */
    managerId: integer('manager_id').references(() => users.id),
    productGroupId: integer('product_group_id').references(() => productGroups.id),
    amount: money('amount'),
    quantity: numeric('quantity', { precision: 15, scale: 3 }),
  },
  (t) => [primaryKey({ columns: [t.planId, t.lineNo] })],
);

/**
 * The plan register: a posted plan's lines spread over the months of its period (a quarter's amount in
 * three parts to the kopeck, the last taking the rest), so a plan of any period compares with the
 * monthly sales turnovers. Manager 0 is the whole company, product group 0 all products.
 */
export const salesPlanMovements = pgTable(
  'sales_plan_movements',
  {
    planId: integer('plan_id')
      .notNull()
      .references(() => salesPlans.id),
    rowNo: integer('row_no').notNull(),
    month: date('month').notNull(),
    managerId: integer('manager_id').notNull(),
    productGroupId: integer('product_group_id').notNull(),
    amount: money('amount'),
    quantity: qty('quantity'),
  },
  (t) => [primaryKey({ columns: [t.planId, t.rowNo] }), index('sales_plan_movements_month_idx').on(t.month)],
);

// ── Telephony: PBX webhooks, calls, screen-pops ─────────────────────────────────────────────────

export const telephonyProvider = pgEnum('telephony_provider', ['zadarma', 'mango', 'webhook']);
export const callState = pgEnum('call_state', ['ringing', 'talking', 'ended']);
export const callResult = pgEnum('call_result', ['answered', 'missed', 'busy', 'failed']);

/**
 * Every webhook a PBX sent, stored as received before anything else happens. The unique key makes a
 * replay add nothing; a worker applies the rows of a call in order and stamps them processed.
 */
export const telephonyEvents = pgTable(
  'telephony_events',
  {
    id: serial('id').primaryKey(),
    provider: telephonyProvider('provider').notNull(),
    callId: text('call_id').notNull(),
    /** The provider's event, qualified where one call has several of a kind (`NOTIFY_INTERNAL:101`, `call:7`). */
    event: text('event').notNull(),
    /** The event in the providers' common shape (lib/telephony/events.ts). */
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('telephony_events_key').on(t.provider, t.callId, t.event),
    index('telephony_events_unprocessed_idx').on(t.provider, t.callId).where(sql`${t.processedAt} is null`),
  ],
);

/** A phone call as the PBX reported it: who, identified as whom, who answered, how it ended. */
export const calls = pgTable(
  'calls',
  {
    id: serial('id').primaryKey(),
    provider: telephonyProvider('provider').notNull(),
    providerCallId: text('provider_call_id').notNull(),
    direction: interactionDirection('direction').notNull(),
    /** The client's number: E.164 when it parses, else as the PBX sent it. */
    phone: text('phone').notNull(),
    partnerId: integer('partner_id').references(() => partners.id),
    contactId: integer('contact_id').references(() => contactPersons.id),
    interactionId: integer('interaction_id')
      .notNull()
      .references(() => interactions.id),
    state: callState('state').notNull().default('ringing'),
    result: callResult('result'),
    /** Who took the call (or placed it, outgoing). */
    userId: integer('user_id').references(() => users.id),
    /** The highest event sequence applied (Mango numbers its events; they may arrive out of order). */
    seq: integer('seq').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    durationSeconds: integer('duration_seconds'),
    /** A link to the recording, or the provider's recording id when it gives no link. */
    recording: text('recording'),
    /** «Перезвонить клиенту», made when the call was missed. */
    taskId: integer('task_id').references(() => tasks.id),
  },
  (t) => [
    uniqueIndex('calls_provider_call_key').on(t.provider, t.providerCallId),
    uniqueIndex('calls_interaction_key').on(t.interactionId),
    index('calls_partner_idx').on(t.partnerId, t.startedAt),
  ],
);

/** A screen-pop waiting on a user's pages until they dismiss it (or someone else answers). */
export const callPops = pgTable(
  'call_pops',
  {
    id: serial('id').primaryKey(),
    callId: integer('call_id')
      .notNull()
      .references(() => calls.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('call_pops_call_user_key').on(t.callId, t.userId),
    index('call_pops_pending_idx').on(t.userId, t.createdAt).where(sql`${t.dismissedAt} is null`),
  ],
);

// ── Inbox: Telegram and incoming mail ────────────────────────────────────────────────────────────

/** Telegram ids are 64-bit (they fit a double's 53 bits, as the Bot API promises). */
const telegramId = (name: string) => bigint(name, { mode: 'number' });

/**
 * Every update the bot's webhook received, stored before the answer. `update_id` is unique per bot
 * (not monotonic), so (bot, update) makes a replay add nothing; a worker applies a chat's updates in
 * order of arrival and stamps them processed.
 */
export const telegramUpdates = pgTable(
  'telegram_updates',
  {
    id: serial('id').primaryKey(),
    botId: telegramId('bot_id').notNull(),
    updateId: telegramId('update_id').notNull(),
    /** The private chat it came from; null for what the inbox does not take (groups, edits, …). */
    chatId: telegramId('chat_id'),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('telegram_updates_key').on(t.botId, t.updateId),
    index('telegram_updates_unprocessed_idx').on(t.botId, t.chatId).where(sql`${t.processedAt} is null`),
  ],
);

/** A client's private chat with the bot, and the partner it is remembered to be (shared contact or a manager's link). */
export const telegramChats = pgTable(
  'telegram_chats',
  {
    botId: telegramId('bot_id').notNull(),
    chatId: telegramId('chat_id').notNull(),
    name: text('name'),
    username: text('username'),
    /** E.164, from a shared contact. */
    phone: text('phone'),
    partnerId: integer('partner_id').references(() => partners.id),
    contactId: integer('contact_id').references(() => contactPersons.id),
    /** The user blocked the bot (403): replies are not sent. A new message from them opens it again. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.botId, t.chatId] }), index('telegram_chats_partner_idx').on(t.partnerId)],
);

export const telegramMessageStatus = pgEnum('telegram_message_status', [
  'received',
  'queued',
  'sent',
  'failed',
  'blocked',
]);

/** The Telegram side of a `message` interaction: its chat, and for a reply its delivery. */
export const telegramMessages = pgTable(
  'telegram_messages',
  {
    interactionId: integer('interaction_id')
      .primaryKey()
      .references(() => interactions.id, { onDelete: 'cascade' }),
    botId: telegramId('bot_id').notNull(),
    chatId: telegramId('chat_id').notNull(),
    messageId: telegramId('message_id'),
    status: telegramMessageStatus('status').notNull(),
    error: text('error'),
  },
  (t) => [index('telegram_messages_chat_idx').on(t.botId, t.chatId, t.interactionId)],
);

/**
 * Where the mail import stands per mailbox (`user@host/INBOX`): the UIDVALIDITY it read under and the
 * last UID imported, so a restart neither skips nor repeats a letter.
 */
export const mailboxStates = pgTable('mailbox_states', {
  mailbox: text('mailbox').primaryKey(),
  uidValidity: bigint('uid_validity', { mode: 'number' }).notNull(),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
  checkedAt: timestamp('checked_at', { withTimezone: true }),
  /** The last connection or read failure, shown in Administration → «Почта»; null when fine. */
  error: text('error'),
});

/** The mail side of an incoming `email` interaction: where it was read and how it threads. */
export const incomingEmails = pgTable(
  'incoming_emails',
  {
    interactionId: integer('interaction_id')
      .primaryKey()
      .references(() => interactions.id, { onDelete: 'cascade' }),
    mailbox: text('mailbox').notNull(),
    uidValidity: bigint('uid_validity', { mode: 'number' }).notNull(),
    uid: bigint('uid', { mode: 'number' }).notNull(),
    messageId: text('message_id'),
    inReplyTo: text('in_reply_to'),
    references: text('references').array().notNull().default(sql`'{}'::text[]`),
    fromAddress: text('from_address'),
    /** The letter's HTML after the sanitiser; shown in a sandboxed frame. */
    html: text('html'),
    size: integer('size').notNull(),
    /** Attachments not kept (too large, too many) and whether the letter itself was too large to read: `{ tooLarge, skipped: [{ name, size }] }`. */
    notes: jsonb('notes').notNull().default({}),
  },
  (t) => [
    uniqueIndex('incoming_emails_uid_key').on(t.mailbox, t.uidValidity, t.uid),
    index('incoming_emails_message_id_idx').on(t.messageId),
  ],
);

// ── Moving in: data loads ────────────────────────────────────────────────────────────────────────

/** What a file loads: catalogs (partners, products) or opening balances (lib/loading). */
export const dataLoadKind = pgEnum('data_load_kind', [
  'partners',
  'products',
  'opening_stock',
  'client_debts',
  'supplier_debts',
  'cash',
]);
export const dataLoadStatus = pgEnum('data_load_status', ['uploaded', 'loading', 'loaded']);

/** A preview's check kept with its load: the counts, and the rows with errors by their spreadsheet line. */
export type StoredCheck = {
  total: number;
  bad: { line: number; errors: Record<string, string> }[];
  unmapped: string[];
  missingGroups: string[];
};

/**
 * One uploaded file on its way in: its cells (parsed once at upload), the user's column mapping and
 * the load's progress and result. Loading moves it from `uploaded` to `loading` in one conditional
 * update, so a double click loads once. The cells are dropped when the load ends.
 */
export const dataLoads = pgTable('data_loads', {
  id: serial('id').primaryKey(),
  kind: dataLoadKind('kind').notNull(),
  fileName: text('file_name').notNull(),
  status: dataLoadStatus('status').notNull().default('uploaded'),
  headers: text('headers').array().notNull(),
  rows: jsonb('rows').$type<string[][]>().notNull(),
  /** The target field of each column by its index ('' or absent: not loaded). */
  mapping: jsonb('mapping').$type<string[]>().notNull().default([]),
  /** Loading only the valid rows (else all or nothing), creating unknown product groups. */
  validOnly: boolean('valid_only').notNull().default(false),
  createGroups: boolean('create_groups').notNull().default(false),
  total: integer('total').notNull(),
  /** Rows the progress shows as done (in all or nothing, written before the load's transaction commits). */
  processed: integer('processed').notNull().default(0),
  /**
   * Rows of the file whose batch has committed, written in the batch's transaction: a load resumed
   * after its process died continues after them, so no row is written twice.
   */
  committed: integer('committed').notNull().default(0),
  loaded: integer('loaded').notNull().default(0),
  /** The preview's check under the current mapping (null until checked; cleared when the mapping changes). */
  checked: jsonb('checked').$type<StoredCheck>(),
  skipped: integer('skipped').notNull().default(0),
  /** Why a load failed: an error code (lib/i18n `error.<code>`), e.g. rows with errors in all-or-nothing mode. */
  failure: text('failure'),
  createdById: integer('created_by_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

// ── Delivery ────────────────────────────────────────────────────────────────────────────────────

/** Водители: who drives a delivery. */
export const drivers = pgTable('drivers', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  phone: text('phone'),
  ...archivable,
  ...timestamps,
});

/** Транспортные средства: what a delivery goes in, and how much it carries. */
export const vehicles = pgTable('vehicles', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  plateNumber: text('plate_number'),
  capacityKg: numeric('capacity_kg', { precision: 12, scale: 3 }),
  capacityM3: numeric('capacity_m3', { precision: 12, scale: 4 }),
  ...archivable,
  ...timestamps,
});

/** Статус задания на доставку: формируется → к погрузке → в пути → выполнено. */
export const deliveryStatus = pgEnum('delivery_status', ['forming', 'loading', 'en_route', 'done']);
/** What became of one stop: not yet known, delivered, or not delivered (with a reason). */
export const deliveryStopResult = pgEnum('delivery_stop_result', ['pending', 'delivered', 'not_delivered']);

/**
 * Задание на доставку: one trip of a driver and a vehicle on a day, with the documents it delivers as
 * its stops (lib/delivery, docs/delivery.md: why it is not a kind of the documents table).
 */
export const deliveryTasks = pgTable(
  'delivery_tasks',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull().unique(),
    date: date('date').notNull(),
    status: deliveryStatus('status').notNull().default('forming'),
    driverId: integer('driver_id').references(() => drivers.id),
    vehicleId: integer('vehicle_id').references(() => vehicles.id),
    comment: text('comment'),
    authorId: integer('author_id').references(() => users.id),
    /** Who may change it besides leaders (lib/access/rules: canEditDocument). */
    responsibleId: integer('responsible_id').references(() => users.id),
    /** Optimistic lock: an edit based on an older version is refused. */
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('delivery_tasks_date_idx').on(t.date)],
);

/** A stop of a delivery: the sales document or customer order delivered there, where, to whom, when. */
export const deliveryStops = pgTable(
  'delivery_stops',
  {
    deliveryId: integer('delivery_id')
      .notNull()
      .references(() => deliveryTasks.id, { onDelete: 'cascade' }),
    stopNo: integer('stop_no').notNull(),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    address: text('address').notNull(),
    contact: text('contact'),
    /** The time window the client receives goods in, 'HH:MM' on the delivery's day. */
    windowFrom: text('window_from'),
    windowTo: text('window_to'),
    result: deliveryStopResult('result').notNull().default('pending'),
    /** Why it was not delivered. */
    reason: text('reason'),
  },
  (t) => [
    primaryKey({ columns: [t.deliveryId, t.stopNo] }),
    uniqueIndex('delivery_stops_document_key').on(t.deliveryId, t.documentId),
    index('delivery_stops_document_idx').on(t.documentId),
  ],
);
