import { z } from 'zod';
import { formValues } from '@/app/_server/forms';
import { requireUser } from '@/app/_server/guard';
import { fromSameOrigin } from '@/app/_server/same-origin';
import { frameBack } from '@/app/_workplace/frames';
import { getDb } from '@/db/client';
import { logInteraction, processInteraction } from '@/lib/crm/interactions';
import { changeInterestState, interestStates } from '@/lib/crm/interest-state';
import { saveTask, setTaskDone } from '@/lib/crm/tasks';
import { fromDateTimeLocal } from '@/lib/i18n/formats';
import { replyTo } from '@/lib/inbox/reply';
import { optionalId, requiredId } from '@/lib/validation/fields';
import type { Refusal } from '@/lib/validation/result';

/**
 * The workplace frames' forms post here. The frames are plain HTML inside Turbo Frames (React does not
 * hydrate them, so server actions cannot serve them); each command answers with a 303 back to the
 * frame it came from, which Turbo follows and shows — with `error` (and `for`, the item) when refused.
 */
const command = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('move'),
    interestId: requiredId,
    state: z.enum(interestStates),
    lossReasonId: optionalId,
    openTasks: z.enum(['close', 'keep']).optional(),
  }),
  z.object({ intent: z.literal('done'), taskId: requiredId }),
  z.object({
    intent: z.literal('task'),
    title: z.string().max(500),
    dueAt: z.string().max(40),
    interestId: optionalId,
  }),
  z.object({
    intent: z.literal('log'),
    kind: z.string().max(20),
    fromAddress: z.string().max(500),
    subject: z.string().max(500),
    body: z.string().max(20_000),
  }),
  z.object({ intent: z.literal('link'), interactionId: requiredId, interestId: requiredId }),
  z.object({ intent: z.literal('processed'), interactionId: requiredId }),
  z.object({ intent: z.literal('reply'), interactionId: requiredId, text: z.string().max(20_000) }),
]);

type Outcome = { error?: string; for?: number };

export async function POST(request: Request) {
  const user = await requireUser();
  if (!fromSameOrigin(request))
    return new Response('Forbidden: the form did not come from this site', { status: 403 });
  const form = await request.formData().catch(() => null);
  if (!form) return new Response('Bad request: a form was expected', { status: 400 });
  const values = formValues(form);
  const back = frameBack(values.back);
  const parsed = command.safeParse(values);
  const outcome: Outcome = parsed.success ? await run(parsed.data, user) : { error: 'invalid' };
  const url = new URL(back, request.url);
  if (outcome.error) url.searchParams.set('error', outcome.error);
  if (outcome.for) url.searchParams.set('for', String(outcome.for));
  return new Response(null, { status: 303, headers: { Location: url.pathname + url.search } });
}

async function run(
  c: z.infer<typeof command>,
  user: Awaited<ReturnType<typeof requireUser>>,
): Promise<Outcome> {
  const db = getDb();
  switch (c.intent) {
    case 'move': {
      const result = await changeInterestState(db, c.interestId, c.state, {
        by: user,
        lossReasonId: c.lossReasonId,
        openTasks: c.openTasks,
      });
      return refusal(result, c.interestId);
    }
    case 'done': {
      const result = await setTaskDone(db, c.taskId, true, user);
      return result.ok ? {} : { error: 'forbidden', for: c.taskId };
    }
    case 'task': {
      const result = await saveTask(
        db,
        null,
        { ...c, dueAt: fromDateTimeLocal(c.dueAt), responsibleId: user.id },
        user,
      );
      return refusal(result);
    }
    case 'log':
      return refusal(await logInteraction(db, { ...c, direction: 'incoming' }, user));
    case 'link':
      return refusal(
        await processInteraction(db, c.interactionId, { interestId: c.interestId }, user),
        c.interactionId,
      );
    case 'processed':
      return refusal(await processInteraction(db, c.interactionId, {}, user), c.interactionId);
    case 'reply':
      return refusal(await replyTo(db, c.interactionId, { text: c.text }, user), c.interactionId);
  }
}

/** A command's result as the frame shows it: nothing when done, else the first error's code. */
function refusal(result: { ok: true } | Refusal, item?: number): Outcome {
  if (result.ok) return {};
  return { error: Object.values(result.errors)[0], for: item };
}
