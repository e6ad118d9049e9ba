/**
 * Accumulation registers (регистры накопления): each is a table of immutable movements keyed by
 * (document, row) and a balance table keyed by its dimensions. Adding a register is one entry here
 * plus its two tables in db/schema.ts.
 */
export type RegisterName =
  | 'stock'
  | 'reservations'
  | 'expectedGoods'
  | 'cost'
  | 'supplierSettlements'
  | 'clientSettlements'
  | 'cash'
  | 'sales';

/**
 * Turnovers of a register per day or month, kept beside its balances in the posting's own statement, so
 * period reports read them (full months from the monthly ones, the days at the edges from the daily
 * ones) and never scan the movements. Each resource sums a register resource, or its positive part
 * (`in`: receipts, debt increase) or negative part (`out`: issues, debt decrease).
 */
export type TurnoverDef = {
  table: string;
  grain: 'day' | 'month';
  /** A subset of the register's dimensions. */
  dimensions: readonly string[];
  resources: readonly { column: string; from: string; part?: 'in' | 'out' }[];
};

export type RegisterDef = {
  name: RegisterName;
  movements: string;
  balances: string;
  /** Integer dimension columns, in the order balance rows are locked. */
  dimensions: readonly string[];
  /** Numeric resource columns with their SQL type. */
  resources: readonly { column: string; type: string }[];
  turnovers?: readonly TurnoverDef[];
  /**
   * A key's balance row is deleted when a posting leaves it at zero: a key per order ends when the order
   * does, and a rule that sums a product's keys over its orders would otherwise read one row more for
   * every order ever placed. Readers sum the rows, so a missing one counts as zero.
   */
  dropsSettledKeys?: true;
};

const quantity = { column: 'quantity', type: 'numeric(15,3)' } as const;
const amount = { column: 'amount', type: 'numeric(15,2)' } as const;

const stockInOut = [
  { column: 'receipt', from: 'quantity', part: 'in' },
  { column: 'issue', from: 'quantity', part: 'out' },
] as const;
const sales = ['quantity', 'revenue', 'vat', 'cost'].map((column) => ({ column, from: column }));
const debtUpDown = [
  { column: 'increase', from: 'amount', part: 'in' },
  { column: 'decrease', from: 'amount', part: 'out' },
] as const;

/** In lock order: every posting touches registers in this order and keys sorted, so postings never deadlock. */
export const registers: readonly RegisterDef[] = [
  {
    name: 'stock',
    movements: 'stock_movements',
    balances: 'stock_balances',
    dimensions: ['warehouse_id', 'product_id'],
    resources: [quantity],
    turnovers: [
      {
        table: 'stock_daily_turnovers',
        grain: 'day',
        dimensions: ['warehouse_id', 'product_id'],
        resources: stockInOut,
      },
      {
        table: 'stock_monthly_turnovers',
        grain: 'month',
        dimensions: ['warehouse_id', 'product_id'],
        resources: stockInOut,
      },
    ],
  },
  {
    name: 'reservations',
    movements: 'reservation_movements',
    balances: 'reservation_balances',
    dimensions: ['warehouse_id', 'product_id', 'order_id'],
    resources: [quantity],
    // The stock rule sums a product's reservations over every order (lib/ledger/stock-rules.ts).
    dropsSettledKeys: true,
  },
  {
    // Per supplier order, so a receipt made from one takes away exactly what that order expects.
    name: 'expectedGoods',
    movements: 'expected_goods_movements',
    balances: 'expected_goods_balances',
    dimensions: ['warehouse_id', 'product_id', 'order_id'],
    resources: [quantity],
  },
  {
    name: 'cost',
    movements: 'cost_movements',
    balances: 'cost_balances',
    dimensions: ['product_id'],
    resources: [quantity, amount],
  },
  {
    name: 'supplierSettlements',
    movements: 'supplier_settlement_movements',
    balances: 'supplier_settlement_balances',
    dimensions: ['partner_id', 'order_id'],
    resources: [amount],
    turnovers: [
      {
        table: 'supplier_settlement_daily_turnovers',
        grain: 'day',
        dimensions: ['partner_id'],
        resources: debtUpDown,
      },
      {
        table: 'supplier_settlement_monthly_turnovers',
        grain: 'month',
        dimensions: ['partner_id'],
        resources: debtUpDown,
      },
    ],
  },
  {
    name: 'clientSettlements',
    movements: 'client_settlement_movements',
    balances: 'client_settlement_balances',
    dimensions: ['partner_id', 'order_id'],
    resources: [amount],
    turnovers: [
      {
        table: 'client_settlement_daily_turnovers',
        grain: 'day',
        dimensions: ['partner_id'],
        resources: debtUpDown,
      },
      {
        table: 'client_settlement_monthly_turnovers',
        grain: 'month',
        dimensions: ['partner_id'],
        resources: debtUpDown,
      },
    ],
  },
  {
    // A bank account or a cash desk, the other 0: one register, so money in all places sums in one query.
    name: 'cash',
    movements: 'cash_movements',
    balances: 'cash_balances',
    dimensions: ['bank_account_id', 'cash_desk_id'],
    resources: [amount],
    turnovers: [
      {
        table: 'cash_daily_turnovers',
        grain: 'day',
        dimensions: ['bank_account_id', 'cash_desk_id'],
        resources: [
          { column: 'receipt', from: 'amount', part: 'in' },
          { column: 'expense', from: 'amount', part: 'out' },
        ],
      },
    ],
  },
  {
    // After cost: a sale's cost is the cost register's issue amount, known once that is resolved.
    name: 'sales',
    movements: 'sales_movements',
    balances: 'sales_balances',
    dimensions: ['product_id', 'partner_id', 'manager_id', 'order_id'],
    resources: [
      quantity,
      { column: 'revenue', type: 'numeric(15,2)' },
      { column: 'vat', type: 'numeric(15,2)' },
      { column: 'cost', type: 'numeric(15,2)' },
    ],
    // The same sales at four depths: a report reads the narrowest one that has its dimensions, so a
    // year by manager sums a hundred rows, not a hundred thousand.
    turnovers: [
      {
        table: 'sales_monthly_turnovers',
        grain: 'month',
        dimensions: ['manager_id', 'partner_id', 'product_id'],
        resources: sales,
      },
      {
        table: 'sales_monthly_partner_turnovers',
        grain: 'month',
        dimensions: ['manager_id', 'partner_id'],
        resources: sales,
      },
      {
        table: 'sales_monthly_manager_turnovers',
        grain: 'month',
        dimensions: ['manager_id'],
        resources: sales,
      },
      {
        table: 'sales_monthly_product_turnovers',
        grain: 'month',
        dimensions: ['product_id'],
        resources: sales,
      },
    ],
  },
];

/** The calendar day or month (its first day) of a movement's moment, as reports count them (UTC). */
export const turnoverPeriodSql = (grain: TurnoverDef['grain'], column = 'period') =>
  grain === 'day'
    ? `(${column} at time zone 'UTC')::date`
    : `date_trunc('month', ${column} at time zone 'UTC')::date`;

export const registerByName = Object.fromEntries(registers.map((r) => [r.name, r])) as Record<
  RegisterName,
  RegisterDef
>;

/** A movement as documents produce it: dimension ids and signed resources (decimal strings). */
export type Movement = Record<string, number | string | null>;
export type RegisterMovements = Partial<Record<RegisterName, Movement[]>>;
