import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { interests, partners, tasks, users } from '@/db/schema';
import { type Actor, canEditOwned } from '@/lib/access/rules';
import { writeAudit } from '@/lib/audit/write-audit';
import { commandTransaction, publish, type Topic } from '@/lib/live/publish';
import {
  type FieldErrors,
  fieldErrors,
  moment,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
} from '@/lib/validation/fields';
import { forbidden, type Refusal } from '@/lib/validation/result';

const taskSchema = z.object({
  title: requiredText,
  description: optionalText,
  /** A due time in the past is allowed (logging what was due); the task simply shows as overdue. */
  dueAt: moment,
  responsibleId: requiredId,
  interestId: optionalId,
  partnerId: optionalId,
});

export type TaskResult = { ok: true; id: number } | { ok: false; errors: FieldErrors } | Refusal;

/** Creates (id = null) or updates a task; managers work on their own tasks only. */
export async function saveTask(
  db: DbOrTx,
  id: number | null,
  input: unknown,
  actor: Actor,
): Promise<TaskResult> {
  const parsed = taskSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const values = parsed.data;
  if (!canEditOwned(actor, values)) return forbidden();
  return commandTransaction(db, async (tx): Promise<TaskResult> => {
    // A task on an interest is part of that interest: only who may change the interest adds one.
    if (values.interestId) {
      const [interest] = await tx
        .select({ responsibleId: interests.responsibleId })
        .from(interests)
        .where(eq(interests.id, values.interestId))
        .for('share');
      if (!interest) return { ok: false, errors: { interestId: 'not_found' } };
      if (!canEditOwned(actor, interest)) return forbidden();
    }
    let taskId: number;
    const affected: Topic[] = ['kanban', `tasks:${values.responsibleId}`];
    if (values.interestId) affected.push(`interest:${values.interestId}`);
    if (id === null) {
      const [row] = await tx
        .insert(tasks)
        .values({ ...values, authorId: actor.id })
        .returning({ id: tasks.id });
      taskId = row!.id;
    } else {
      const [current] = await tx.select().from(tasks).where(eq(tasks.id, id)).for('update');
      if (!current) return { ok: false, errors: { _form: 'not_found' } };
      if (!canEditOwned(actor, current)) return forbidden();
      await tx.update(tasks).set(values).where(eq(tasks.id, id));
      affected.push(`tasks:${current.responsibleId}`);
      if (current.interestId) affected.push(`interest:${current.interestId}`);
      taskId = id;
    }
    await publish(tx, ...affected);
    await writeAudit(tx, {
      userId: actor.id,
      action: id === null ? 'create' : 'update',
      entity: 'task',
      entityId: taskId,
    });
    return { ok: true, id: taskId };
  });
}

/** Marks a task done (or open again). */
export async function setTaskDone(db: DbOrTx, id: number, done: boolean, actor: Actor): Promise<TaskResult> {
  return commandTransaction(db, async (tx): Promise<TaskResult> => {
    const [current] = await tx.select().from(tasks).where(eq(tasks.id, id)).for('update');
    if (!current) return { ok: false, errors: { _form: 'not_found' } };
    if (!canEditOwned(actor, current)) return forbidden();
    await tx
      .update(tasks)
      .set({ doneAt: done ? new Date() : null })
      .where(eq(tasks.id, id));
    await publish(
      tx,
      'kanban',
      `tasks:${current.responsibleId}`,
      ...(current.interestId ? [`interest:${current.interestId}` as const] : []),
    );
    await writeAudit(tx, {
      userId: actor.id,
      action: done ? 'done' : 'reopen',
      entity: 'task',
      entityId: id,
    });
    return { ok: true, id };
  });
}

/**
 * Open tasks due before `until` (overdue ones included), soonest first, with whose they are: one
 * manager's ("my tasks" and the calendar), or everyone's when no `responsibleId` is given.
 */
export async function openTasks(db: DbOrTx, of: { responsibleId?: number; from?: Date; until?: Date } = {}) {
  return db
    .select({
      id: tasks.id,
      title: tasks.title,
      dueAt: tasks.dueAt,
      remindedAt: tasks.remindedAt,
      interestId: tasks.interestId,
      interest: interests.title,
      partnerId: sql<number | null>`coalesce(${tasks.partnerId}, ${interests.partnerId})`,
      partner: partners.name,
      responsibleId: tasks.responsibleId,
      responsible: users.name,
    })
    .from(tasks)
    .innerJoin(users, eq(users.id, tasks.responsibleId))
    .leftJoin(interests, eq(interests.id, tasks.interestId))
    .leftJoin(partners, sql`${partners.id} = coalesce(${tasks.partnerId}, ${interests.partnerId})`)
    .where(
      and(
        of.responsibleId ? eq(tasks.responsibleId, of.responsibleId) : undefined,
        isNull(tasks.doneAt),
        of.from ? gte(tasks.dueAt, of.from) : undefined,
        of.until ? lt(tasks.dueAt, of.until) : undefined,
      ),
    )
    .orderBy(asc(tasks.dueAt), asc(tasks.id));
}

/**
 * Marks an interest's open tasks done at `at`, inside the caller's transaction (the interest being lost):
 * only those `actor` may change (all when the system does it), each audited and announced to whose task
 * list it was on.
 */
export async function closeInterestTasks(tx: DbOrTx, interestId: number, actor: Actor | null, at: Date) {
  const open = await tx
    .select({ id: tasks.id, responsibleId: tasks.responsibleId })
    .from(tasks)
    .where(and(eq(tasks.interestId, interestId), isNull(tasks.doneAt)))
    .for('update');
  const closing = open.filter((task) => !actor || canEditOwned(actor, task));
  if (closing.length === 0) return;
  await tx
    .update(tasks)
    .set({ doneAt: at })
    .where(
      inArray(
        tasks.id,
        closing.map((task) => task.id),
      ),
    );
  for (const task of closing) {
    await writeAudit(tx, { userId: actor?.id ?? null, action: 'done', entity: 'task', entityId: task.id });
  }
  await publish(tx, ...closing.map((task) => `tasks:${task.responsibleId}` as const));
}
