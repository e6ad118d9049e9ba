import Decimal from 'decimal.js';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx, Tx } from '@/db/client';
import { productGroups, salesPlanLines, salesPlanMovements, salesPlans, users } from '@/db/schema';
import { type Actor, changesEverything } from '@/lib/access/rules';
import { writeAudit } from '@/lib/audit/write-audit';
import { type ListQuery, type Page, paged } from '@/lib/catalogs/catalog';
import { commandTransaction, publish } from '@/lib/live/publish';
import { typedDecimal } from '@/lib/validation/decimal';
import { type FieldErrors, fieldErrors, isoDate, optionalId, optionalText } from '@/lib/validation/fields';
import { forbidden, type Refusal, stale } from '@/lib/validation/result';

export const planPeriodKinds = ['month', 'quarter', 'year'] as const;
export type PlanPeriodKind = (typeof planPeriodKinds)[number];

const monthsIn: Record<PlanPeriodKind, number> = { month: 1, quarter: 3, year: 12 };

/** The first day of the month, quarter or year a day falls in. */
export function periodStartOf(kind: PlanPeriodKind, day: string): string {
  const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  const first = kind === 'month' ? month : kind === 'quarter' ? month - ((month - 1) % 3) : 1;
  return `${year}-${String(first).padStart(2, '0')}-01`;
}

/** `YYYY-MM-01` of the months a period covers. */
export function monthsOf(kind: PlanPeriodKind, start: string): string[] {
  const [year, month] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  return Array.from({ length: monthsIn[kind] }, (_, i) => {
    const m = month - 1 + i;
    return `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
  });
}

/** An amount in `parts` equal shares to its last decimal place, the last share taking the rest. */
export function spread(value: string, parts: number, places: number): string[] {
  const total = new Decimal(value);
  const share = total.div(parts).toDecimalPlaces(places, Decimal.ROUND_DOWN);
  return Array.from({ length: parts }, (_, i) =>
    (i < parts - 1 ? share : total.minus(share.times(parts - 1))).toFixed(places),
  );
}

const planLine = z.object({
  /** Empty: the whole company. */
  managerId: optionalId,
  productGroupId: optionalId,
  amount: typedDecimal(2, 'money_invalid').refine((v) => new Decimal(v).gt(0), 'money_invalid'),
  quantity: z
    .union([z.literal(''), typedDecimal(3, 'quantity_invalid')])
    .optional()
    .transform((v) => (v ? v : null)),
});

const planSchema = z
  .object({
    periodKind: z.enum(planPeriodKinds, { error: 'required' }),
    /** Any day of the period: a month picker sends YYYY-MM, a date YYYY-MM-DD. */
    period: z
      .string({ error: 'required' })
      .trim()
      .transform((v) => (/^\d{4}-\d{2}$/.test(v) ? `${v}-01` : /^\d{4}$/.test(v) ? `${v}-01-01` : v))
      .pipe(isoDate),
    comment: optionalText,
    version: z.coerce.number().int().optional(),
    lines: z.array(planLine).min(1, 'lines_required').max(500, 'too_long'),
  })
  .transform((p) => ({ ...p, periodStart: periodStartOf(p.periodKind, p.period) }));

export type PlanResult = { ok: true; id: number } | { ok: false; errors: FieldErrors } | Refusal;

/** Plans are the leaders' and admins' to make; managers read the lines that are theirs. */
const mayPlan = (actor: Actor | null) => actor === null || changesEverything(actor);

/**
 * Creates (id = null) or updates a sales plan, and posts it when asked (a posted plan is re-posted
 * when edited): the header, its lines and its register rows in one transaction.
 */
export async function savePlan(
  db: DbOrTx,
  id: number | null,
  input: unknown,
  actor: Actor | null,
  options: { post?: boolean } = {},
): Promise<PlanResult> {
  if (!mayPlan(actor)) return forbidden();
  const parsed = planSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const { lines, version, periodKind, periodStart, comment } = parsed.data;
  return commandTransaction(db, async (tx): Promise<PlanResult> => {
    const unknown = await unknownReferences(tx, lines);
    if (unknown) return { ok: false, errors: unknown };
    let planId: number;
    let status: 'draft' | 'posted' | 'deleted';
    if (id === null) {
      const [row] = await tx
        .insert(salesPlans)
        .values({ number: '', periodKind, periodStart, comment, authorId: actor?.id ?? null })
        .returning({ id: salesPlans.id });
      planId = row!.id;
      status = 'draft';
      await tx
        .update(salesPlans)
        .set({ number: String(planId).padStart(6, '0') })
        .where(eq(salesPlans.id, planId));
    } else {
      const [current] = await tx.select().from(salesPlans).where(eq(salesPlans.id, id)).for('update');
      if (!current) return { ok: false, errors: { _form: 'not_found' } };
      if (version !== undefined && version !== current.version) return stale();
      await tx
        .update(salesPlans)
        .set({ periodKind, periodStart, comment, version: current.version + 1 })
        .where(eq(salesPlans.id, id));
      await tx.delete(salesPlanLines).where(eq(salesPlanLines.planId, id));
      planId = id;
      status = current.status;
    }
    await tx.insert(salesPlanLines).values(lines.map((l, i) => ({ ...l, planId, lineNo: i + 1 })));
    const post = status === 'posted' || (options.post && status === 'draft');
    if (post) await writePlanMovements(tx, planId, periodKind, periodStart);
    await writeAudit(tx, {
      userId: actor?.id ?? null,
      action: id === null ? 'create' : 'update',
      entity: 'sales_plan',
      entityId: planId,
      data: { post: options.post ?? false },
    });
    return { ok: true, id: planId };
  });
}

async function unknownReferences(
  tx: Tx,
  lines: { managerId: number | null; productGroupId: number | null }[],
): Promise<FieldErrors | null> {
  const managerIds = [...new Set(lines.map((l) => l.managerId).filter((v) => v !== null))];
  const groupIds = [...new Set(lines.map((l) => l.productGroupId).filter((v) => v !== null))];
  const [managers, groups] = await Promise.all([
    managerIds.length ? tx.select({ id: users.id }).from(users).where(inArray(users.id, managerIds)) : [],
    groupIds.length
      ? tx.select({ id: productGroups.id }).from(productGroups).where(inArray(productGroups.id, groupIds))
      : [],
  ]);
  const known = { managers: new Set(managers.map((m) => m.id)), groups: new Set(groups.map((g) => g.id)) };
  const errors: FieldErrors = {};
  lines.forEach((l, i) => {
    if (l.managerId !== null && !known.managers.has(l.managerId))
      errors[`lines.${i}.managerId`] = 'not_found';
    if (l.productGroupId !== null && !known.groups.has(l.productGroupId))
      errors[`lines.${i}.productGroupId`] = 'not_found';
  });
  return Object.keys(errors).length ? errors : null;
}

/** Replaces the plan's register rows with its lines spread over the months of its period, and marks it posted. */
async function writePlanMovements(tx: Tx, planId: number, kind: PlanPeriodKind, start: string) {
  const lines = await tx
    .select()
    .from(salesPlanLines)
    .where(eq(salesPlanLines.planId, planId))
    .orderBy(asc(salesPlanLines.lineNo));
  const months = monthsOf(kind, start);
  const rows = lines.flatMap((l) => {
    const amounts = spread(l.amount, months.length, 2);
    const quantities = spread(l.quantity ?? '0', months.length, 3);
    return months.map((month, m) => ({
      month,
      managerId: l.managerId ?? 0,
      productGroupId: l.productGroupId ?? 0,
      amount: amounts[m]!,
      quantity: quantities[m]!,
    }));
  });
  await tx.delete(salesPlanMovements).where(eq(salesPlanMovements.planId, planId));
  await tx.insert(salesPlanMovements).values(rows.map((r, i) => ({ ...r, planId, rowNo: i + 1 })));
  await tx.update(salesPlans).set({ status: 'posted' }).where(eq(salesPlans.id, planId));
  await publish(tx, 'dashboard');
}

/** Post, unpost, mark for deletion (which unposts) or restore a plan marked for deletion. */
export async function changePlanStatus(
  db: DbOrTx,
  id: number,
  action: 'post' | 'unpost' | 'mark_deleted' | 'restore',
  actor: Actor | null,
): Promise<PlanResult> {
  if (!mayPlan(actor)) return forbidden();
  return commandTransaction(db, async (tx): Promise<PlanResult> => {
    const [plan] = await tx.select().from(salesPlans).where(eq(salesPlans.id, id)).for('update');
    if (!plan) return { ok: false, errors: { _form: 'not_found' } };
    if (action === 'post') {
      if (plan.status === 'deleted') return { ok: false, errors: { _form: 'deleted_not_posted' } };
      await writePlanMovements(tx, id, plan.periodKind, plan.periodStart);
    } else if (action === 'restore') {
      if (plan.status === 'deleted')
        await tx.update(salesPlans).set({ status: 'draft' }).where(eq(salesPlans.id, id));
    } else {
      await tx.delete(salesPlanMovements).where(eq(salesPlanMovements.planId, id));
      await tx
        .update(salesPlans)
        .set({ status: action === 'unpost' ? 'draft' : 'deleted' })
        .where(eq(salesPlans.id, id));
      await publish(tx, 'dashboard');
    }
    await writeAudit(tx, { userId: actor?.id ?? null, action, entity: 'sales_plan', entityId: id });
    return { ok: true, id };
  });
}

export type PlanRow = typeof salesPlans.$inferSelect & { total: string; lines: number };

/** The plans, newest period first; a manager sees only the plans with a line of theirs. */
export async function listPlans(db: DbOrTx, query: ListQuery, reader: Actor): Promise<Page<PlanRow>> {
  const own = changesEverything(reader)
    ? undefined
    : sql`exists (select 1 from sales_plan_lines l where l.plan_id = ${salesPlans.id} and l.manager_id = ${reader.id})`;
  const where = and(
    query.archived ? eq(salesPlans.status, 'deleted') : sql`${salesPlans.status} <> 'deleted'`,
    own,
  );
  return paged(
    query.page,
    (limit, offset) =>
      db
        .select({
          plan: salesPlans,
          total: sql<string>`(select coalesce(sum(amount), 0)::text from sales_plan_lines l where l.plan_id = ${salesPlans.id})`,
          lines: sql<number>`(select count(*)::int from sales_plan_lines l where l.plan_id = ${salesPlans.id})`,
        })
        .from(salesPlans)
        .where(where)
        .orderBy(desc(salesPlans.periodStart), desc(salesPlans.id))
        .limit(limit)
        .offset(offset)
        .then((rows) => rows.map((r) => ({ ...r.plan, total: r.total, lines: r.lines }))),
    () => db.select({ n: count() }).from(salesPlans).where(where),
  );
}

/** A plan with its lines; a manager gets only the lines that are theirs (none: not theirs to read). */
export async function getPlan(db: DbOrTx, id: number, reader: Actor) {
  const [plan] = await db.select().from(salesPlans).where(eq(salesPlans.id, id));
  if (!plan) return null;
  const lines = await db
    .select({
      lineNo: salesPlanLines.lineNo,
      managerId: salesPlanLines.managerId,
      manager: users.name,
      productGroupId: salesPlanLines.productGroupId,
      productGroup: productGroups.name,
      amount: salesPlanLines.amount,
      quantity: salesPlanLines.quantity,
    })
    .from(salesPlanLines)
    .leftJoin(users, eq(users.id, salesPlanLines.managerId))
    .leftJoin(productGroups, eq(productGroups.id, salesPlanLines.productGroupId))
    .where(eq(salesPlanLines.planId, id))
    .orderBy(asc(salesPlanLines.lineNo));
  return changesEverything(reader)
    ? { plan, lines }
    : { plan, lines: lines.filter((l) => l.managerId === reader.id) };
}
