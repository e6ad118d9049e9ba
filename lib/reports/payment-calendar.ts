import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { addDays } from '@/lib/crm/workplace';
import type { ReportTable } from '@/lib/export/table-export';
import { formatDate, formatMoney, type Translate } from '@/lib/i18n/translate';
import { leftToPay, loadOrderFacts } from '@/lib/sales/order-facts';
import type { Locale } from '@/lib/users/users';
import { today } from './filters';

export type CalendarFilters = { from: string; days: number };

/** What is expected on a day: a receipt from a client's order or a payment to a supplier. */
export type ExpectedItem = {
  kind: 'prepayment' | 'rest' | 'supplierOrder' | 'supplierDebt';
  direction: 'in' | 'out';
  amount: string;
  partner: string;
  number?: string;
  /** When it was due, if before the calendar's first day (it is expected on the first day then). */
  overdueSince?: string;
};

export type CalendarDay = {
  day: string;
  opening: string;
  receipts: string;
  payments: string;
  closing: string;
  items: ExpectedItem[];
};

export type PaymentCalendar = {
  days: CalendarDay[];
  /** The first day the projected balance goes below zero, if any. */
  firstNegative: CalendarDay | null;
};

const MAX_DAYS = 366;

/** From today (`from` is only for tests) `days` ahead: 30 by default, at most a year. */
export function parseCalendarFilters(params: URLSearchParams, now = today()): CalendarFilters {
  const days = Math.floor(Number(params.get('days')));
  return { from: now, days: Number.isFinite(days) && days >= 1 ? Math.min(days, MAX_DAYS) : 30 };
}

/**
 * Expected receipts: every posted customer order not closed, by its payment terms. The prepayment part
 * (prepayment % of the order less what is paid) is due before shipment, so it is expected at once — on
 * the order's date, or today if that has passed; the rest on the order's payment due date (its date
 * when it has none). Paid amounts come from the order facts, bank and cash receipts alike.
 */
async function expectedReceipts(db: DbOrTx): Promise<(ExpectedItem & { due: string })[]> {
  const orders = (await db.execute(sql`
    select o.id, o.number, (o.date at time zone 'UTC')::date::text as date, o.payment_due_date::text as "dueDate",
      p.name as partner
    from documents o join partners p on p.id = o.partner_id
    where o.kind = 'customer_order' and o.status = 'posted' and o.order_status <> 'closed'`)) as unknown as {
    id: number;
    number: string;
    date: string;
    dueDate: string | null;
    partner: string;
  }[];
  const facts = await loadOrderFacts(
    db,
    orders.map((o) => o.id),
  );
  return orders.flatMap((o) => {
    const f = facts.get(o.id)!;
    const left = leftToPay(f);
    if (left.lte(0)) return [];
    const prepayment = Decimal.max(
      new Decimal(f.ordered).times(f.prepaymentPercent).div(100).toDecimalPlaces(2).minus(f.paid),
      0,
    );
    const rest = left.minus(prepayment);
    const item = { direction: 'in' as const, partner: o.partner, number: o.number };
    return [
      ...(prepayment.gt(0)
        ? [{ ...item, kind: 'prepayment' as const, amount: prepayment.toFixed(2), due: o.date }]
        : []),
      ...(rest.gt(0)
        ? [{ ...item, kind: 'rest' as const, amount: rest.toFixed(2), due: o.dueDate ?? o.date }]
        : []),
    ];
  });
}

/**
 * Expected payments: what is left to pay of each posted supplier order — not yet closed, or closed with
 * money still owed on it — on its payment due date (its expected date, else its date, when it has
 * none); and what we owe suppliers against no order, at once.
 */
async function expectedPayments(db: DbOrTx, from: string): Promise<(ExpectedItem & { due: string })[]> {
  const [orders, debts] = (await Promise.all([
    // What is left to pay of a supplier order (leftToPay in lib/purchases) in the one query: its amount less what
    // went back to the supplier and what was paid — the order's settlement movements below zero (the
    // receipts are the ones above), read by the order's index without looking up their documents.
    db.execute(sql`
      select o.id, o.number, p.name as partner,
        coalesce(o.payment_due_date, o.expected_date, (o.date at time zone 'UTC')::date)::text as due,
        greatest(o.amount + coalesce((
          select sum(least(m.amount, 0)) from supplier_settlement_movements m where m.order_id = o.id), 0), 0)::numeric(15,2)::text
          as "left"
      from documents o join partners p on p.id = o.partner_id
      where o.kind = 'supplier_order' and o.status = 'posted' and o.id in (
        -- Two lookups (the open orders' partial index, the owed balances), not an OR over every order.
        select id from documents where status = 'posted' and supplier_order_status <> 'closed'
        union select order_id from supplier_settlement_balances where order_id <> 0 and amount > 0)`),
    db.execute(sql`
      select p.name as partner, sum(b.amount)::text as amount from supplier_settlement_balances b
      join partners p on p.id = b.partner_id where b.order_id = 0
      group by p.name having sum(b.amount) > 0 order by p.name`),
  ])) as unknown as [
    { id: number; number: string; partner: string; due: string; left: string }[],
    { partner: string; amount: string }[],
  ];
  return [
    ...orders.flatMap((o) =>
      new Decimal(o.left).gt(0)
        ? [
            {
              kind: 'supplierOrder' as const,
              direction: 'out' as const,
              partner: o.partner,
              number: o.number,
              amount: o.left,
              due: o.due,
            },
          ]
        : [],
    ),
    ...debts.map((d) => ({
      kind: 'supplierDebt' as const,
      direction: 'out' as const,
      partner: d.partner,
      amount: d.amount,
      due: from,
    })),
  ];
}

/**
 * «Платежный календарь»: money on all bank accounts and cash desks now, then day by day what is expected
 * in and out, the projected balance at each day's end and the first day it goes negative. Anything due
 * before the first day is expected on it.
 */
export async function paymentCalendar(db: DbOrTx, f: CalendarFilters): Promise<PaymentCalendar> {
  const [[balance], receipts, payments] = await Promise.all([
    db.execute(sql`select coalesce(sum(amount), 0)::text as amount from cash_balances`) as unknown as Promise<
      { amount: string }[]
    >,
    expectedReceipts(db),
    expectedPayments(db, f.from),
  ]);
  const last = addDays(f.from, f.days - 1);
  const byDay = new Map<string, ExpectedItem[]>();
  for (const { due, ...item } of [...receipts, ...payments]) {
    if (due > last) continue;
    const overdue = due < f.from;
    const day = overdue ? f.from : due;
    const entry = overdue ? { ...item, overdueSince: due } : item;
    byDay.set(day, [...(byDay.get(day) ?? []), entry]);
  }
  let running = new Decimal(balance!.amount);
  const days: CalendarDay[] = [];
  for (let i = 0; i < f.days; i++) {
    const day = addDays(f.from, i);
    const items = byDay.get(day) ?? [];
    const sum = (direction: 'in' | 'out') =>
      Decimal.sum(0, ...items.filter((x) => x.direction === direction).map((x) => x.amount));
    const opening = running;
    running = running.plus(sum('in')).minus(sum('out'));
    days.push({
      day,
      opening: opening.toFixed(2),
      receipts: sum('in').toFixed(2),
      payments: sum('out').toFixed(2),
      closing: running.toFixed(2),
      items,
    });
  }
  return { days, firstNegative: days.find((d) => new Decimal(d.closing).lt(0)) ?? null };
}

/** The warning a leader reads first: the first day the money runs short, or that it does not. */
export function calendarWarning(calendar: PaymentCalendar, t: Translate, locale: Locale): string {
  const negative = calendar.firstNegative;
  return negative
    ? t('calendar.negative', {
        day: formatDate(locale, negative.day),
        balance: formatMoney(locale, negative.closing),
      })
    : t('calendar.noNegative');
}

function itemText(item: ExpectedItem, t: Translate, locale: Locale): string {
  const what =
    item.kind === 'supplierDebt'
      ? t('calendar.supplierDebt', { partner: item.partner })
      : t(`calendar.${item.kind}`, { number: item.number ?? '', partner: item.partner });
  const overdue = item.overdueSince
    ? ` (${t('calendar.overdue', { day: formatDate(locale, item.overdueSince) })})`
    : '';
  return `${what}${overdue}: ${item.direction === 'out' ? '−' : '+'}${formatMoney(locale, item.amount)}`;
}

export function paymentCalendarTable(
  calendar: PaymentCalendar,
  t: Translate,
  locale: Locale,
  caption: string,
): ReportTable<CalendarDay> {
  const warning = calendarWarning(calendar, t, locale);
  return {
    title: t('calendar.title'),
    caption: `${caption} · ${warning}`,
    notice: { text: warning, alert: calendar.firstNegative !== null },
    rows: calendar.days,
    columns: [
      { label: t('calendar.day'), kind: 'text', value: (r) => formatDate(locale, r.day) },
      { label: t('calendar.opening'), kind: 'money', value: (r) => r.opening },
      { label: t('calendar.receipts'), kind: 'money', value: (r) => r.receipts },
      { label: t('calendar.payments'), kind: 'money', value: (r) => r.payments },
      { label: t('calendar.closing'), kind: 'money', value: (r) => r.closing },
      {
        label: t('calendar.details'),
        kind: 'text',
        value: (r) => r.items.map((item) => itemText(item, t, locale)).join('; ') || null,
      },
    ],
  };
}
