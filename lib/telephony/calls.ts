import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import {
  callPops,
  calls,
  interactions,
  interests,
  partners,
  tasks,
  telephonyEvents,
  users,
} from '@/db/schema';
import { writeAudit } from '@/lib/audit/write-audit';
import { logInteraction } from '@/lib/crm/interactions';
import { openStates } from '@/lib/crm/interest-state';
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
  const [existing] = await tx
    .select()
    .from(calls)
    .where(and(eq(calls.provider, provider), eq(calls.providerCallId, callId)))
    .for('update');
  let call: Call | undefined = existing;
  const topics = new Set<Topic>();
  const applied: number[] = [];
  for (const { id, event } of events) {
    if (!call) {
      // A recording or a leg's end before the call itself waits for it.
      if (event.kind === 'recording' || event.kind === 'leg_end') continue;
      call = await startCall(tx, provider, callId, event, topics);
    }
    call = await applyEvent(tx, call, event, topics);
    applied.push(id);
  }
  if (applied.length === 0) return;
  await tx
    .update(telephonyEvents)
    .set({ processedAt: sql`now()` })
    .where(inArray(telephonyEvents.id, applied));
  // The call changed: its pops (on every page of their users) and its interest's feed show it.
  const [shown] = (await tx.execute(sql`
    select array(select user_id from call_pops where call_id = ${call!.id} and dismissed_at is null) as holders,
      (select interest_id from interactions where id = ${call!.interactionId}) as "interestId"`)) as unknown as {
    holders: number[];
    interestId: number | null;
  }[];
  for (const id of shown!.holders) topics.add(`calls:${id}`);
  if (shown!.interestId) topics.add(`interest:${shown!.interestId}`);
  await publish(tx, ...topics);
}

/** The call's first event: who it is (identification), its interaction, its row. */
async function startCall(
  tx: Tx,
  provider: Provider,
  callId: string,
  event: CallEvent,
  topics: Set<Topic>,
): Promise<Call> {
  const phone = event.phone ?? '';
  const [match] = await identifyCaller(tx, phone);
  // The client's one open interest gets the call in its feed; with several, whoever takes it chooses.
  const open = match
    ? await tx
        .select({ id: interests.id })
        .from(interests)
        .where(and(eq(interests.partnerId, match.partnerId), inArray(interests.state, openStates)))
        .limit(2)
    : [];
  const interaction = await logInteraction(
    tx,
    {
      kind: 'call',
      direction: event.direction,
      partnerId: match?.partnerId ?? null,
      contactId: match?.contactId ?? null,
      interestId: open.length === 1 ? open[0]!.id : null,
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
    })
    .returning();
  if (open.length === 1) topics.add(`interest:${open[0]!.id}`);
  return row!;
}

async function userByExtension(tx: Tx, extension: string | null): Promise<number | null> {
  if (!extension) return null;
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.extension, extension), eq(users.active, true)));
  return user?.id ?? null;
}

async function responsibleOf(tx: Tx, call: Call): Promise<number | null> {
  if (!call.partnerId) return null;
  const [partner] = await tx
    .select({ responsibleId: partners.responsibleId })
    .from(partners)
    .where(eq(partners.id, call.partnerId));
  return partner?.responsibleId ?? null;
}

/**
 * Who sees the pop of an incoming call: the user whose extension rings, else the client's
 * responsible manager, else every active manager.
 */
async function popTargets(tx: Tx, call: Call, extension: string | null): Promise<number[]> {
  const ringing = await userByExtension(tx, extension);
  if (ringing) return [ringing];
  const responsible = await responsibleOf(tx, call);
  if (responsible) return [responsible];
  const managers = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'manager'), eq(users.active, true)));
  return managers.map((m) => m.id);
}

async function pop(tx: Tx, call: Call, userIds: number[], topics: Set<Topic>) {
  if (userIds.length === 0) return;
  await tx
    .insert(callPops)
    .values(userIds.map((userId) => ({ callId: call.id, userId })))
    .onConflictDoNothing();
  for (const id of userIds) topics.add(`calls:${id}`);
}

async function applyEvent(tx: Tx, call: Call, event: CallEvent, topics: Set<Topic>): Promise<Call> {
  const changes: Partial<Call> = { seq: Math.max(call.seq, event.seq) };
  const incoming = call.direction === 'incoming';
  switch (event.kind) {
    case 'start':
    case 'ring':
      if (call.state === 'ringing' && incoming)
        await pop(tx, call, await popTargets(tx, call, event.extension), topics);
      if (!incoming && !call.userId) changes.userId = await userByExtension(tx, event.extension);
      break;
    case 'answer': {
      if (call.state === 'ended') break;
      const by = (await userByExtension(tx, event.extension)) ?? call.userId;
      Object.assign(changes, { state: 'talking', answeredAt: call.answeredAt ?? new Date(), userId: by });
      if (incoming && by) {
        // Answered by someone: the pop leaves everyone else's pages.
        const others = await tx
          .delete(callPops)
          .where(and(eq(callPops.callId, call.id), ne(callPops.userId, by)))
          .returning({ userId: callPops.userId });
        for (const o of others) topics.add(`calls:${o.userId}`);
        await pop(tx, call, [by], topics);
      }
      break;
    }
    case 'end': {
      if (call.state === 'ended') break;
      const answered = call.answeredAt !== null || event.result === 'answered';
      const result = event.result ?? (answered ? 'answered' : 'missed');
      Object.assign(changes, {
        state: 'ended',
        result,
        endedAt: new Date(),
        durationSeconds: event.durationSeconds ?? (call.answeredAt ? secondsSince(call.answeredAt) : 0),
        userId: call.userId ?? (await userByExtension(tx, event.extension)),
      });
      if (incoming && result !== 'answered') changes.taskId = await callBackTask(tx, call, topics);
      topics.add('inbox');
      break;
    }
    case 'recording':
    case 'leg_end':
      break;
  }
  // Some PBXs send the recording with the hang-up, others on its own.
  if (event.recording) changes.recording = event.recording;
  const [updated] = await tx.update(calls).set(changes).where(eq(calls.id, call.id)).returning();
  return updated!;
}

const secondsSince = (moment: Date) => Math.max(0, Math.round((Date.now() - moment.getTime()) / 1000));

/** «Перезвонить клиенту» for the client's manager (or whoever's extension it rang), due after the set delay. */
async function callBackTask(tx: Tx, call: Call, topics: Set<Topic>): Promise<number | null> {
  const responsibleId = (await responsibleOf(tx, call)) ?? call.userId;
  if (!responsibleId || call.taskId) return call.taskId;
  const { missedCallMinutes } = await telephonyConfig(tx);
  const [interaction] = await tx
    .select({ interestId: interactions.interestId })
    .from(interactions)
    .where(eq(interactions.id, call.interactionId));
  const [task] = await tx
    .insert(tasks)
    .values({
      title: CALL_BACK_TITLE,
      description: call.phone,
      dueAt: new Date(Date.now() + missedCallMinutes * 60_000),
      responsibleId,
      interestId: interaction?.interestId ?? null,
      partnerId: call.partnerId,
    })
    .returning({ id: tasks.id });
  await writeAudit(tx, { userId: null, action: 'create', entity: 'task', entityId: task!.id });
  topics.add(`tasks:${responsibleId}`);
  topics.add('kanban');
  if (interaction?.interestId) topics.add(`interest:${interaction.interestId}`);
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
