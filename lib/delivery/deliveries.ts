import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx, Tx } from '@/db/client';
import {
  deliveryStatus,
  deliveryStopResult,
  deliveryStops,
  deliveryTasks,
  documents,
  drivers,
  vehicles,
} from '@/db/schema';
import { statement } from '@/db/statement';
import { type Actor, canEditDocument } from '@/lib/access/rules';
import { writeAudit } from '@/lib/audit/write-audit';
import { commandTransaction, LIVE_CHANNEL, notify } from '@/lib/live/publish';
import {
  fieldErrors,
  isoDate,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
} from '@/lib/validation/fields';
import { forbidden, type Refusal, refuse, stale } from '@/lib/validation/result';

export const deliveryStatuses = deliveryStatus.enumValues;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
export const stopResults = deliveryStopResult.enumValues;
export type StopResult = (typeof stopResults)[number];

/**
 * Where a task may go from each status: forward one step, or back to forming from loading (a stop to
 * add before the truck leaves). Once on the road it only finishes; a finished task stays as it was.
 */
export const nextStatuses: Record<DeliveryStatus, readonly DeliveryStatus[]> = {
  forming: ['loading'],
  loading: ['forming', 'en_route'],
  en_route: ['done'],
  done: [],
};

/**
 * What a trip may carry: a posted sales document, or a posted customer order ready to ship (goods
 * delivered with the order's paperwork, the sales document made on the spot).
 */
export const deliverable = (doc: { kind: string; status: string; orderStatus: string | null }): boolean =>
  doc.status === 'posted' &&
  (doc.kind === 'sales' || (doc.kind === 'customer_order' && doc.orderStatus === 'to_ship'));

/** The most stops one trip takes: a bound on the form's input, well above a day's route. */
export const MAX_STOPS = 100;

const time = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'time_invalid' });
      return z.NEVER;
    }
    return v;
  });

const stop = z
  .object({
    documentId: requiredId,
    address: requiredText,
    contact: optionalText.pipe(z.string().max(500, 'too_long').nullable()),
    windowFrom: time,
    windowTo: time,
  })
  // 'HH:MM' strings compare as times.
  .refine((s) => !s.windowFrom || !s.windowTo || s.windowFrom < s.windowTo, {
    path: ['windowTo'],
    message: 'window_invalid',
  });

export const deliverySchema = z
  .object({
    date: isoDate,
    driverId: optionalId,
    vehicleId: optionalId,
    comment: optionalText,
    version: z.coerce.number().int().optional(),
    lines: z.array(stop).max(MAX_STOPS, 'too_many_stops'),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<number>();
    v.lines.forEach((s, i) => {
      if (seen.has(s.documentId))
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'documentId'], message: 'duplicate_stop' });
      seen.add(s.documentId);
    });
  });

export type DeliveryResult = { ok: true; id: number } | Refusal;

/** Refusals found inside the transaction: rolled back, then answered as a result. */
class DeliveryRefusal extends Error {
  constructor(readonly refusal: Refusal) {
    super('refused');
  }
}
const refused = (errors: Record<string, string>) => new DeliveryRefusal(refuse(errors));

async function inTransaction(db: DbOrTx, run: (tx: Tx) => Promise<number>): Promise<DeliveryResult> {
  try {
    return { ok: true, id: await commandTransaction(db, run) };
  } catch (error) {
    if (error instanceof DeliveryRefusal) return error.refusal;
    throw error;
  }
}

type TaskRow = typeof deliveryTasks.$inferSelect;

/** Locks the task for the rest of the transaction and holds the actor to the document access rule. */
async function lockTask(tx: Tx, id: number, actor: Actor | null): Promise<TaskRow> {
  const [task] = await tx.select().from(deliveryTasks).where(eq(deliveryTasks.id, id)).for('update');
  if (!task) throw refused({ _form: 'not_found' });
  if (actor && !canEditDocument(actor, { responsibleId: task.responsibleId, interestResponsibleId: null }))
    throw new DeliveryRefusal(forbidden());
  return task;
}

/**
 * The documents a delivery may carry, locked (in id order, against a second task taking the same one
 * at the same moment): posted sales documents and posted customer orders ready to ship, none already
 * on another trip unless it was not delivered there.
 */
async function checkStopDocuments(tx: Tx, taskId: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await tx
    .select({
      id: documents.id,
      kind: documents.kind,
      status: documents.status,
      orderStatus: documents.orderStatus,
    })
    .from(documents)
    .where(inArray(documents.id, ids))
    .orderBy(documents.id)
    .for('no key update');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const taken = await tx
    .select({ documentId: deliveryStops.documentId, number: deliveryTasks.number })
    .from(deliveryStops)
    .innerJoin(deliveryTasks, eq(deliveryTasks.id, deliveryStops.deliveryId))
    .where(
      and(
        inArray(deliveryStops.documentId, ids),
        sql`${deliveryStops.deliveryId} <> ${taskId}`,
        sql`${deliveryStops.result} <> 'not_delivered'`,
      ),
    );
  const takenBy = new Map(taken.map((r) => [r.documentId, r.number]));
  const errors: Record<string, string> = {};
  ids.forEach((id, i) => {
    const doc = byId.get(id);
    const field = `lines.${i}.documentId`;
    if (!doc) errors[field] = 'not_found';
    else if (!deliverable(doc)) errors[field] = 'delivery_stop_kind';
    else if (takenBy.has(id)) errors[field] = `delivery_stop_taken:${takenBy.get(id)}`;
  });
  if (Object.keys(errors).length > 0) throw refused(errors);
}

/** The driver and vehicle chosen exist (a form may send any id); kept from deletion while written. */
async function checkCrew(tx: Tx, header: { driverId: number | null; vehicleId: number | null }) {
  const [driver, vehicle] = await Promise.all([
    header.driverId
      ? tx.select({ id: drivers.id }).from(drivers).where(eq(drivers.id, header.driverId)).for('key share')
      : [{ id: 0 }],
    header.vehicleId
      ? tx
          .select({ id: vehicles.id })
          .from(vehicles)
          .where(eq(vehicles.id, header.vehicleId))
          .for('key share')
      : [{ id: 0 }],
  ]);
  const errors: Record<string, string> = {};
  if (driver.length === 0) errors.driverId = 'not_found';
  if (vehicle.length === 0) errors.vehicleId = 'not_found';
  if (Object.keys(errors).length > 0) throw refused(errors);
}

/**
 * Creates (id = null) or edits a delivery task with its stops, in one transaction. The stops change
 * only while the task is being formed; a stale version, a document that cannot go or is on another
 * trip saves nothing.
 */
export async function saveDelivery(
  db: DbOrTx,
  id: number | null,
  input: unknown,
  actor: Actor | null,
): Promise<DeliveryResult> {
  const parsed = deliverySchema.safeParse(input);
  if (!parsed.success) return refuse(fieldErrors(parsed.error));
  const { lines, version, ...header } = parsed.data;
  return inTransaction(db, async (tx) => {
    let taskId: number;
    let before: number[] = [];
    if (id === null) {
      const [row] = (await tx.execute<{ id: number }>(
        sql`select nextval(pg_get_serial_sequence('delivery_tasks', 'id'))::int as id`,
      )) as unknown as { id: number }[];
      taskId = row!.id;
      await checkCrew(tx, header);
      await checkStopDocuments(
        tx,
        taskId,
        lines.map((s) => s.documentId),
      );
      await tx.insert(deliveryTasks).values({
        ...header,
        id: taskId,
        number: String(taskId).padStart(6, '0'),
        authorId: actor?.id ?? null,
        responsibleId: actor?.id ?? null,
      });
    } else {
      const task = await lockTask(tx, id, actor);
      if (version !== undefined && version !== task.version) throw new DeliveryRefusal(stale());
      if (task.status !== 'forming') throw refused({ _form: 'delivery_not_forming' });
      taskId = id;
      before = (
        await tx
          .select({ documentId: deliveryStops.documentId })
          .from(deliveryStops)
          .where(eq(deliveryStops.deliveryId, id))
      ).map((s) => s.documentId);
      await checkCrew(tx, header);
      await checkStopDocuments(
        tx,
        taskId,
        lines.map((s) => s.documentId),
      );
      await tx
        .update(deliveryTasks)
        .set({ ...header, version: task.version + 1, updatedAt: new Date() })
        .where(eq(deliveryTasks.id, id));
      await tx.delete(deliveryStops).where(eq(deliveryStops.deliveryId, id));
    }
    if (lines.length > 0)
      await tx
        .insert(deliveryStops)
        .values(lines.map((s, i) => ({ ...s, deliveryId: taskId, stopNo: i + 1 })));
    await writeAudit(tx, {
      userId: actor?.id ?? null,
      action: id === null ? 'create' : 'update',
      entity: 'delivery',
      entityId: taskId,
      data: { stops: lines.map((s) => s.documentId) },
    });
    // A document taken off the trip shows that on its pages too.
    await publishDelivery(tx, taskId, before);
    return taskId;
  });
}

const statusInput = z.enum(deliveryStatuses);

/**
 * Moves a task to `to`. Repeating the move it has just made (a double click) changes nothing and
 * succeeds; any other move not in `nextStatuses` is refused with the status it is in. Loading needs a
 * driver, a vehicle and a stop; finishing needs every stop's result.
 */
export async function changeDeliveryStatus(
  db: DbOrTx,
  id: number,
  to: unknown,
  actor: Actor | null,
): Promise<DeliveryResult> {
  const target = statusInput.safeParse(to);
  if (!target.success) return refuse({ status: 'invalid' });
  return inTransaction(db, async (tx) => {
    const task = await lockTask(tx, id, actor);
    if (task.status === target.data) return id;
    if (!nextStatuses[task.status].includes(target.data))
      throw refused({ _form: `delivery_from_${task.status}` });
    const stops = await tx
      .select({ result: deliveryStops.result })
      .from(deliveryStops)
      .where(eq(deliveryStops.deliveryId, id));
    if (target.data === 'loading') {
      const errors: Record<string, string> = {};
      if (!task.driverId) errors.driverId = 'required';
      if (!task.vehicleId) errors.vehicleId = 'required';
      if (stops.length === 0) errors._form = 'delivery_no_stops';
      if (Object.keys(errors).length > 0) throw refused(errors);
    }
    if (target.data === 'done' && stops.some((s) => s.result === 'pending'))
      throw refused({ _form: 'delivery_stops_pending' });
    await tx
      .update(deliveryTasks)
      .set({ status: target.data, version: task.version + 1, updatedAt: new Date() })
      .where(eq(deliveryTasks.id, id));
    await writeAudit(tx, {
      userId: actor?.id ?? null,
      action: 'status',
      entity: 'delivery',
      entityId: id,
      data: { from: task.status, to: target.data },
    });
    await publishDelivery(tx, id);
    return id;
  });
}

export const stopResultSchema = z
  .object({
    stopNo: z.coerce.number().int().min(1).max(MAX_STOPS),
    result: z.enum(['delivered', 'not_delivered'], { error: 'required' }),
    reason: optionalText.pipe(z.string().max(500, 'too_long').nullable()),
  })
  .refine((v) => v.result === 'delivered' || v.reason, {
    path: ['reason'],
    message: 'delivery_reason_required',
  })
  // A delivered stop has no reason not to be.
  .transform((v) => ({ ...v, reason: v.result === 'delivered' ? null : v.reason }));

/**
 * Records what became of one stop while the task is on the road. Recording the same result again
 * changes nothing; a different one replaces it (the driver called back with the truth).
 */
export async function setStopResult(
  db: DbOrTx,
  id: number,
  input: unknown,
  actor: Actor | null,
): Promise<DeliveryResult> {
  const parsed = stopResultSchema.safeParse(input);
  if (!parsed.success) return refuse(fieldErrors(parsed.error));
  const { stopNo, result, reason } = parsed.data;
  return inTransaction(db, async (tx) => {
    const task = await lockTask(tx, id, actor);
    if (task.status !== 'en_route') throw refused({ _form: 'delivery_not_en_route' });
    const where = and(eq(deliveryStops.deliveryId, id), eq(deliveryStops.stopNo, stopNo));
    const [current] = await tx.select().from(deliveryStops).where(where);
    if (!current) throw refused({ _form: 'not_found' });
    if (current.result === result && current.reason === reason) return id;
    await tx.update(deliveryStops).set({ result, reason }).where(where);
    await tx
      .update(deliveryTasks)
      .set({ version: task.version + 1, updatedAt: new Date() })
      .where(eq(deliveryTasks.id, id));
    await writeAudit(tx, {
      userId: actor?.id ?? null,
      action: 'stop_result',
      entity: 'delivery',
      entityId: id,
      data: { stopNo, documentId: current.documentId, result, reason },
    });
    await publishDelivery(tx, id);
    return id;
  });
}

/**
 * Tells every open page that shows the task, once the command has committed: the task itself, each
 * stop's document, the order a sales document ships, and their interests (the card's feed).
 * `alsoDocuments`: documents just taken off the trip.
 */
async function publishDelivery(tx: Tx, id: number, alsoDocuments: number[] = []): Promise<void> {
  const extra = `{${alsoDocuments.join(',')}}`;
  await notify(
    tx,
    `delivery:${id}:${extra}`,
    statement`
    with stop_docs as (
      select d.id, d.interest_id, d.based_on_id from documents d
      where d.id in (select document_id from delivery_stops where delivery_id = ${id}) or d.id = any(${extra}::int[])
    ), doc as (
      select id, interest_id from stop_docs
      union
      select o.id, o.interest_id from stop_docs s join documents o on o.id = s.based_on_id
      where o.kind = 'customer_order'
    ), topics as (
      select 'delivery:' || ${id}::int as topic
      union select 'document:' || id from doc
      union select 'interest:' || interest_id from doc where interest_id is not null
    )
    select pg_notify(${LIVE_CHANNEL}, (select json_agg(topic)::text from topics))`,
  );
}
