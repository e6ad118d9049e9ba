import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { ReportTable } from '@/lib/export/table-export';
import type { Translate } from '@/lib/i18n/translate';
import { nextDay, type Period, parsePeriod } from './period';

/** One bank account or cash desk over the period (the other id is 0). */
export type CashBalanceRow = {
  bankAccountId: number;
  cashDeskId: number;
  place: string;
  opening: string;
  receipt: string;
  expense: string;
  closing: string;
};

export const parseCashBalanceFilters = (params: URLSearchParams, now?: string): Period =>
  parsePeriod(params, now);

/**
 * «Остатки денежных средств»: per bank account and cash desk, from the cash balances and their daily
 * turnovers only, never the movements:
 *   closing(to)   = balance now − turnovers after `to` (future-dated documents included)
 *   opening(from) = closing − receipts + expenses within [from, to]
 * Bank accounts first, then the cash desks, each by name.
 */
export async function cashBalances(db: DbOrTx, f: Period): Promise<CashBalanceRow[]> {
  return (await db.execute(sql`
    with within as (
      select bank_account_id, cash_desk_id, sum(receipt) as receipt, sum(expense) as expense
      from cash_daily_turnovers where day between ${f.from}::date and ${f.to}::date group by 1, 2
    ), later as (
      select bank_account_id, cash_desk_id, sum(receipt - expense) as later
      from cash_daily_turnovers where day >= ${nextDay(f.to)}::date group by 1, 2
    ), keyed as (
      select bank_account_id, cash_desk_id,
        coalesce(b.amount, 0) - coalesce(l.later, 0) as closing,
        coalesce(w.receipt, 0) as receipt, coalesce(w.expense, 0) as expense
      from cash_balances b
      full join within w using (bank_account_id, cash_desk_id)
      full join later l using (bank_account_id, cash_desk_id)
    )
    select k.bank_account_id as "bankAccountId", k.cash_desk_id as "cashDeskId",
      coalesce(a.account_number || ' · ' || a.bank_name, d.name) as place,
      (k.closing - k.receipt + k.expense)::numeric(15,2)::text as opening,
      k.receipt::numeric(15,2)::text as receipt, k.expense::numeric(15,2)::text as expense,
      k.closing::numeric(15,2)::text as closing
    from keyed k
    left join bank_accounts a on a.id = k.bank_account_id
    left join cash_desks d on d.id = k.cash_desk_id
    where k.closing <> 0 or k.receipt <> 0 or k.expense <> 0
    order by k.cash_desk_id <> 0, 3
  `)) as unknown as CashBalanceRow[];
}

export function cashBalancesTable(
  rows: CashBalanceRow[],
  t: Translate,
  caption?: string,
): ReportTable<CashBalanceRow> {
  return {
    title: t('cash.title'),
    caption,
    rows,
    totalsLabel: t('cash.total'),
    columns: [
      { label: t('cash.place'), kind: 'text', value: (r) => r.place },
      {
        label: t('cash.kind'),
        kind: 'text',
        value: (r) => t(r.cashDeskId ? 'cash.kind.desk' : 'cash.kind.bank'),
      },
      { label: t('cash.opening'), kind: 'money', value: (r) => r.opening, total: true },
      { label: t('cash.receipt'), kind: 'money', value: (r) => r.receipt, total: true },
      { label: t('cash.expense'), kind: 'money', value: (r) => r.expense, total: true },
      { label: t('cash.closing'), kind: 'money', value: (r) => r.closing, total: true },
    ],
  };
}
