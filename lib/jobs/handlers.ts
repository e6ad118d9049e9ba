import type { DbOrTx, Tx } from '@/db/client';
import { telephonyProvider } from '@/db/schema';
import { recomputeInterest } from '@/lib/crm/interest-automation';
import { remindDueTasks } from '@/lib/crm/task-reminders';
import { deliverEmail } from '@/lib/email/send-email';
import { LOAD_JOB, runLoadJob } from '@/lib/loading/load';
import { pollMailbox } from '@/lib/mail/sync';
import { expireOffers } from '@/lib/sales/offer-expiry';
import { deliverTelegramMessage } from '@/lib/telegram/reply';
import { applyChatUpdates, askForContact } from '@/lib/telegram/updates';
import { applyCallEvents } from '@/lib/telephony/calls';
import { enqueueJob } from './queue';
import type { JobHandlers } from './worker';

/**
 * Jobs that run again and again: each run schedules the next, `everyMs` later — or, `returnsDelay`, as
 * many seconds as the run returns (the mailbox: its poll interval, 0 with letters still waiting).
 */
const recurring: Record<string, { everyMs: number; run: (tx: Tx) => Promise<unknown>; returnsDelay?: true }> =
  {
    expire_offers: { everyMs: 60 * 60_000, run: expireOffers },
    task_reminders: { everyMs: 60_000, run: remindDueTasks },
    mail_poll: { everyMs: 60_000, run: pollMailbox, returnsDelay: true },
  };

/** Every kind of job and what runs it; each is idempotent, so a job run twice does no harm. */
export const jobHandlers: JobHandlers = {
  recompute_interest: async (tx, payload) => {
    await recomputeInterest(tx, Number(payload.interestId));
  },
  // A failed delivery is recorded on the email (shown, retried from the outbox), not as a job failure.
  send_email: async (tx, payload) => {
    await deliverEmail(tx, Number(payload.emailId));
  },
  // A call's webhooks, applied in order: the pop, the interaction, the missed-call task.
  telephony_call: async (tx, payload) => {
    const provider = telephonyProvider.enumValues.find((p) => p === payload.provider);
    if (!provider || typeof payload.callId !== 'string') throw new Error('a telephony job without its call');
    await applyCallEvents(tx, provider, payload.callId);
  },
  // A Telegram chat's stored updates, in order: the inbox messages, their files, the partner match.
  telegram_chat: async (tx, payload) => {
    await applyChatUpdates(tx, Number(payload.botId), Number(payload.chatId));
  },
  telegram_send: async (tx, payload) => {
    await deliverTelegramMessage(tx, Number(payload.interactionId));
  },
  telegram_ask_contact: async (tx, payload) => {
    await askForContact(tx, Number(payload.botId), Number(payload.chatId));
  },
  // A data load: all or nothing in the job's transaction, valid rows in batches that each commit.
  [LOAD_JOB]: runLoadJob,
  ...Object.fromEntries(
    Object.entries(recurring).map(([kind, { everyMs, run, returnsDelay }]) => [
      kind,
      async (tx: Tx) => {
        const result = await run(tx);
        const delay = returnsDelay ? Number(result) * 1000 : everyMs;
        await enqueueJob(tx, kind, kind, {}, new Date(Date.now() + delay));
      },
    ]),
  ),
};

/** Makes sure each recurring job is scheduled (a no-op when it already is). */
export async function scheduleRecurringJobs(db: DbOrTx): Promise<void> {
  for (const kind of Object.keys(recurring)) await enqueueJob(db, kind, kind);
}
