import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { formValues } from '@/app/_server/forms';
import { requireUser } from '@/app/_server/guard';
import { frameBack } from '@/app/_workplace/frames';
import { getDb } from '@/db/client';
import { interests } from '@/db/schema';
import { canEditOwned } from '@/lib/crm/access';
import { logInteraction, processInteraction } from '@/lib/crm/interactions';
import {
  AutomaticStateError,
  changeInterestState,
  InterestForbiddenError,
  InterestNotFoundError,
  interestStates,
  LossReasonRequiredError,
} from '@/lib/crm/interest-state';
import { saveTask, setTaskDone } from '@/lib/crm/tasks';
import { fromDateTimeLocal } from '@/lib/i18n/formats';
import { optionalId, requiredId } from '@/lib/validation/fields';

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
  }),
  z.object({ intent: z.literal('done'), taskId: requiredId }),
  z.object({ intent: z.literal('task'), title: z.string(), dueAt: z.string(), interestId: optionalId }),
  z.object({
    intent: z.literal('log'),
    kind: z.string(),
    fromAddress: z.string(),
    subject: z.string(),
    body: z.string(),
  }),
  z.object({ intent: z.literal('link'), interactionId: requiredId, interestId: requiredId }),
  z.object({ intent: z.literal('processed'), interactionId: requiredId }),
]);

type Outcome = { error?: string; for?: number };

export async function POST(request: Request) {
  const user = await requireUser();
  const values = formValues(await request.formData());
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
      try {
        await changeInterestState(db, c.interestId, c.state, { by: user, lossReasonId: c.lossReasonId });
      } catch (error) {
        if (error instanceof LossReasonRequiredError) return { error: 'loss_reason', for: c.interestId };
        if (error instanceof AutomaticStateError) return { error: 'automatic', for: c.interestId };
        if (error instanceof InterestForbiddenError || error instanceof InterestNotFoundError) {
          return { error: 'forbidden', for: c.interestId };
        }
        throw error;
      }
      return {};
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
      return result.ok ? {} : { error: 'errors' in result ? Object.values(result.errors)[0] : 'forbidden' };
    }
    case 'log': {
      const result = await logInteraction(db, { ...c, direction: 'incoming' }, user.id);
      return result.ok ? {} : { error: Object.values(result.errors)[0] };
    }
    case 'link': {
      const owned = await ownerOf(c.interestId);
      if (!owned || !canEditOwned(user, owned)) return { error: 'forbidden', for: c.interactionId };
      await processInteraction(db, c.interactionId, { interestId: c.interestId }, user.id);
      return {};
    }
    case 'processed':
      await processInteraction(db, c.interactionId, {}, user.id);
      return {};
  }
}

async function ownerOf(interestId: number) {
  const [row] = await getDb()
    .select({ responsibleId: interests.responsibleId })
    .from(interests)
    .where(eq(interests.id, interestId));
  return row;
}
