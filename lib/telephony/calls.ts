import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { callPops, calls, interactions, partners, tasks, telephonyEvents, users } from '@/db/schema';
import { writeAudit } from '@/lib/audit/write-audit';
import { logInteraction } from '@/lib/crm/interactions';
import { publish, type Topic } from '@/lib/live/publish';
import { telephonyConfig } from './config';
import type { CallEvent } from './events';
import { identifyCaller } from './identify';

export type Provider = (typeof calls.provider.enumValues)[number];
type Call = typeof calls.$inferSelect;

/** The task a missed call leaves its client's manager (the wording, as the walkthrough says it). */
export const CALL_BACK_TITLE = 'Перезвонить клиенту';

/**
 * Applies a call's stored events not applied yet, in their order (a PBX may send them out of order,
 * and a batch may hold several): the call and its interaction on the first, the screen-pops, who
 * answered, the end with its result and the missed-call task, the recording. Runs in the job's
 * transaction; stamps each event processed, so running it again changes nothing.
 */
export async function applyCallEvents(tx: Tx, provider: Provider, callId: string): Promise<void> {
  const pending = await tx
    .select({ id: telephonyEvents.id, payload: telephonyEvents.payload })
    .from(telephonyEvents)
    .where(
      and(
        eq(telephonyEvents.provider, provider),
        eq(telephonyEvents.callId, callId),
        isNull(telephonyEvents.processedAt),
      ),
    )
    .orderBy(asc(telephonyEvents.id))
    .for('update');
  if (pending.length === 0) return;
  const events = pending
    .map((row) => ({ id: row.id, event: row.payload as CallEvent }))
    .sort((a, b) => a.event.seq - b.event.seq || a.id - b.id);
  let call = await loadCall(tx, provider, callId);
  const topics = new Set<Topic>();
  const applied: number[] = [];
  const changes: Partial<Call> = {};
  for (const { id, event } of events) {
    if (!call) {
      // A recording or a leg's end before the call itself waits for it.
      if (event.kind === 'recording' || event.kind === 'leg_end') continue;
      call = await startCall(tx, provider, callId, event, topics);
    }
    const changed = await applyEvent(tx, call, event, topics);
    Object.assign(call.row, changed);
    Object.assign(changes, changed);
    applied.push(id);
  }
  if (!call || applied.length === 0) return;
  if (Object.keys(changes).length) await tx.update(calls).set(changes).where(eq(calls.id, call.row.id));
  await tx
    .update(telephonyEvents)
    .set({ processedAt: sql`now()` })
    .where(inArray(telephonyEvents.id, applied));
  // The call changed: its pops (on every page of their users) and its interest's feed show it.
  for (const id of call.holders) topics.add(`calls:${id}`);
  if (call.interestId) topics.add(`interest:${call.interestId}`);
  await publish(tx, ...topics);
}

/** A call as a job works on it: its row, and what it needs from around it, read once. */
type CallInJob = {
  row: Call;
  /** The client's responsible manager. */
  responsibleId: number | null;
  /** The interest whose feed shows the call. */
  interestId: number | null;
  /** Users whose pages show its pop. */
  holders: Set<number>;
};

async function loadCall(tx: Tx, provider: Provider, callId: string): Promise<CallInJob | null> {
  const [found] = await tx
    .select({
      row: calls,
      responsibleId: partners.responsibleId,
      interestId: interactions.interestId,
      holders: sql<
        number[]
      >`array(select user_id from call_pops where call_id = ${calls.id} and dismissed_at is null)`,
    })
    .from(calls)
    .innerJoin(interactions, eq(interactions.id, calls.interactionId))
    .leftJoin(partners, eq(partners.id, calls.partnerId))
    .where(and(eq(calls.provider, provider), eq(calls.providerCallId, callId)))
    .for('update', { of: calls });
  return found ? { ...found, holders: new Set(found.holders) } : null;
}

/** The call's first event: who it is (identification), its interaction, its row. */
async function startCall(
  tx: Tx,
  provider: Provider,
  callId: string,
  event: CallEvent,
  topics: Set<Topic>,
): Promise<CallInJob> {
  const phone = event.phone ?? '';
  const [match] = await identifyCaller(tx, phone);
  // The client's one open interest gets the call in its feed; with several, whoever takes it chooses.
  const interestId = match?.openInterestIds.length === 1 ? match.openInterestIds[0]! : null;
  const interaction = await logInteraction(
    tx,
    {
      kind: 'call',
      direction: event.direction,
      partnerId: match?.partnerId ?? null,
      contactId: match?.contactId ?? null,
      interestId,
      body: phone || '—',
      fromAddress: phone || undefined,
    },
    null,
  );
  if (!interaction.ok) throw new Error(`the call's interaction was refused: ${JSON.stringify(interaction)}`);
  const [row] = await tx
    .insert(calls)
    .values({
      provider,
      providerCallId: callId,
      direction: event.direction,
      phone,
      partnerId: match?.partnerId ?? null,
      contactId: match?.contactId ?? null,
      interactionId: interaction.id,
      seq: event.seq,
    })
    .returning();
  if (interestId) topics.add(`interest:${interestId}`);
  return { row: row!, responsibleId: match?.responsibleId ?? null, interestId, holders: new Set() };
}

async function userByExtension(tx: Tx, extension: string | null): Promise<number | null> {
  if (!extension) return null;
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.extension, extension), eq(users.active, true)));
  return user?.id ?? null;
}

/**
 * Who sees the pop of an incoming call: the user whose extension rings, else the client's
 * responsible manager, else every active manager.
 */
async function popTargets(tx: Tx, call: CallInJob, extension: string | null): Promise<number[]> {
  const ringing = await userByExtension(tx, extension);
  if (ringing) return [ringing];
  if (call.responsibleId) return [call.responsibleId];
  const managers = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'manager'), eq(users.active, true)));
  return managers.map((m) => m.id);
}

async function pop(tx: Tx, call: CallInJob, userIds: number[], topics: Set<Topic>) {
  const fresh = userIds.filter((id) => !call.holders.has(id));
  if (fresh.length === 0) return;
  await tx
    .insert(callPops)
    .values(fresh.map((userId) => ({ callId: call.row.id, userId })))
    .onConflictDoNothing();
  for (const id of fresh) {
    call.holders.add(id);
    topics.add(`calls:${id}`);
  }
}

/** What one event changes on the call (the caller applies it); pops and the task are written here. */
async function applyEvent(
  tx: Tx,
  call: CallInJob,
  event: CallEvent,
  topics: Set<Topic>,
): Promise<Partial<Call>> {
  const current = call.row;
  const changes: Partial<Call> = event.seq > current.seq ? { seq: event.seq } : {};
  const incoming = current.direction === 'incoming';
  switch (event.kind) {
    case 'start':
    case 'ring':
      if (current.state === 'ringing' && incoming)
        await pop(tx, call, await popTargets(tx, call, event.extension), topics);
      if (!incoming && !current.userId) changes.userId = await userByExtension(tx, event.extension);
      break;
    case 'answer': {
      if (current.state === 'ended') break;
      const by = (await userByExtension(tx, event.extension)) ?? current.userId;
      Object.assign(changes, { state: 'talking', answeredAt: current.answeredAt ?? new Date(), userId: by });
      if (incoming && by) {
        // Answered by someone: the pop leaves everyone else's pages.
        const others = await tx
          .delete(callPops)
          .where(and(eq(callPops.callId, current.id), ne(callPops.userId, by)))
          .returning({ userId: callPops.userId });
        for (const o of others) {
          call.holders.delete(o.userId);
          topics.add(`calls:${o.userId}`);
        }
        await pop(tx, call, [by], topics);
      }
      break;
    }
    case 'end': {
      if (current.state === 'ended') break;
      const answered = current.answeredAt !== null || event.result === 'answered';
      const result = event.result ?? (answered ? 'answered' : 'missed');
      const userId = current.userId ?? (await userByExtension(tx, event.extension));
      Object.assign(changes, {
        state: 'ended',
        result,
        endedAt: new Date(),
        durationSeconds: event.durationSeconds ?? (current.answeredAt ? secondsSince(current.answeredAt) : 0),
        userId,
      });
      if (incoming && result !== 'answered') changes.taskId = await callBackTask(tx, call, userId, topics);
      topics.add('inbox');
      break;
    }
    case 'recording':
    case 'leg_end':
      break;
  }
  // Some PBXs send the recording with the hang-up, others on its own.
  if (event.recording) changes.recording = event.recording;
  return changes;
}

const secondsSince = (moment: Date) => Math.max(0, Math.round((Date.now() - moment.getTime()) / 1000));

/** «Перезвонить клиенту» for the client's manager (or whoever's extension it rang), due after the set delay. */
async function callBackTask(
  tx: Tx,
  call: CallInJob,
  userId: number | null,
  topics: Set<Topic>,
): Promise<number | null> {
  const responsibleId = call.responsibleId ?? userId;
  if (!responsibleId || call.row.taskId) return call.row.taskId;
  const { missedCallMinutes } = await telephonyConfig(tx);
  const [task] = await tx
    .insert(tasks)
    .values({
      title: CALL_BACK_TITLE,
      description: call.row.phone,
      dueAt: new Date(Date.now() + missedCallMinutes * 60_000),
      responsibleId,
      interestId: call.interestId,
      partnerId: call.row.partnerId,
    })
    .returning({ id: tasks.id });
  await writeAudit(tx, { userId: null, action: 'create', entity: 'task', entityId: task!.id });
  topics.add(`tasks:${responsibleId}`);
  topics.add('kanban');
  return task!.id;
}

/** A partner's calls, newest first, for the client card. */
export async function partnerCalls(db: DbOrTx, partnerId: number, limit = 50) {
  return db
    .select({
      id: calls.id,
      direction: calls.direction,
      phone: calls.phone,
      startedAt: calls.startedAt,
      state: calls.state,
      result: calls.result,
      durationSeconds: calls.durationSeconds,
      recording: calls.recording,
      user: users.name,
      interestId: interactions.interestId,
    })
    .from(calls)
    .innerJoin(interactions, eq(interactions.id, calls.interactionId))
    .leftJoin(users, eq(users.id, calls.userId))
    .where(eq(calls.partnerId, partnerId))
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(limit);
}
