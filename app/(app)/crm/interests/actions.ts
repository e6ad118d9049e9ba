'use server';

import { revalidatePath } from 'next/cache';
import { forbidden, notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import type { FormState } from '@/app/_components/types';
import { param, serverAction } from '@/app/_server/action';
import { failed, formValues } from '@/app/_server/forms';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { type InteractionResult, logInteraction } from '@/lib/crm/interactions';
import { interestCard, openInterest } from '@/lib/crm/interest-card';
import { changeInterestState, interestStates } from '@/lib/crm/interest-state';
import { type InterestResult, saveInterest } from '@/lib/crm/save-interest';
import { saveTask, setTaskDone } from '@/lib/crm/tasks';
import { companyClock } from '@/lib/crm/workplace';
import { fromDateTimeLocal } from '@/lib/i18n/formats';
import { replyInTelegram } from '@/lib/telegram/reply';
import { roles } from '@/lib/users/users';
import { optionalId } from '@/lib/validation/fields';
import { nestedFormInput } from '@/lib/validation/form-input';
import { cardTabs } from './_components/form-spec';

const cardPath = (id: number, tab?: string) => `/crm/interests/${id}${tab ? `?tab=${tab}` : ''}`;

/** Creates an interest (from an inbox interaction when `fromInteraction` is set) and opens its card. */
export const createInterestAction = serverAction(
  roles,
  [param.id.nullable(), param.state, param.form],
  async (user, fromInteraction, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const result = await openInterest(
      getDb(),
      nestedFormInput(values),
      user,
      companyClock(new Date()).day,
      fromInteraction,
    );
    if (!result.ok) return refused(result, values);
    revalidatePath('/crm');
    redirect(cardPath(result.id, 'products'));
  },
);

/** Saves the card's header, lines or terms: the form carries every other field as it was shown. */
export const saveInterestAction = serverAction(
  roles,
  [param.id, z.enum(cardTabs), param.state, param.form],
  async (user, id, tab, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const result = await saveInterest(
      getDb(),
      id,
      nestedFormInput(values),
      user,
      companyClock(new Date()).day,
    );
    if (!result.ok) return refused(result, values);
    revalidatePath(cardPath(id));
    redirect(cardPath(id, tab));
  },
);

async function refused(
  result: Exclude<InterestResult | InteractionResult, { ok: true }>,
  values: FormState['values'],
) {
  return failed(result.errors, values ?? {});
}

const stateInput = z.object({
  state: z.enum(interestStates),
  lossReasonId: optionalId.catch(null),
  openTasks: z.enum(['close', 'keep']).optional().catch(undefined),
});

/**
 * Sets the state by hand; "lost" asks for the loss reason first (the lib refuses it without one) and
 * what becomes of the open tasks.
 */
export const changeStateAction = serverAction(
  roles,
  [param.id, param.state, param.form],
  async (user, id, _state, data): Promise<FormState> => {
    const input = stateInput.safeParse(formValues(data));
    if (!input.success) return failed({ state: 'invalid' }, {});
    const result = await changeInterestState(getDb(), id, input.data.state, {
      by: user,
      lossReasonId: input.data.lossReasonId ?? null,
      openTasks: input.data.openTasks,
    });
    if (!result.ok) return failed(result.errors, {});
    revalidatePath(cardPath(id));
    return {};
  },
);

/** Logs a call, email, message, meeting or note into the interest's feed. */
export const logInteractionAction = serverAction(
  roles,
  [param.id, param.state, param.form],
  async (user, interestId, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const files = data.getAll('attachments').filter((f): f is File => typeof f !== 'string' && f.size > 0);
    const attachments = await Promise.all(
      files.map(async (f) => ({
        fileName: f.name,
        contentType: f.type,
        content: new Uint8Array(await f.arrayBuffer()),
      })),
    );
    const result = await logInteraction(
      getDb(),
      { ...values, interestId, processed: true },
      user,
      attachments,
    );
    if (!result.ok) return refused(result, values);
    // A fresh, empty form; the feed frame reloads itself from the published topic.
    return {};
  },
);

/** Replies in the interest's Telegram chat (the latest one of its messages); the reply shows in the feed. */
export const replyInTelegramAction = serverAction(
  roles,
  [param.id, param.state, param.form],
  async (user, interestId, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const result = await replyInTelegram(getDb(), { interestId }, values, user);
    if (!result.ok) return refused(result, values);
    return {};
  },
);

/** Adds a task to the interest for its responsible manager; the due time is on the company's clock. */
export const addTaskAction = serverAction(
  roles,
  [param.id, param.state, param.form],
  async (user, interestId, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const card = await interestCard(getDb(), interestId);
    const { t } = await getTranslator();
    if (!card) return { errors: { _form: t('error.not_found') }, values };
    const result = await saveTask(
      getDb(),
      null,
      {
        // "task", not "title": the card's header form has a title field on the same page.
        title: values.task,
        dueAt: fromDateTimeLocal(String(values.dueAt ?? '')) || undefined,
        responsibleId: card.interest.responsibleId,
        interestId,
        partnerId: card.interest.partnerId,
      },
      user,
    );
    if (!result.ok) {
      const { title, ...rest } = result.errors;
      return failed(title ? { ...rest, task: title } : rest, values);
    }
    // The page renders again: its loss dialog asks about the open tasks, this one included.
    revalidatePath(cardPath(interestId));
    return {};
  },
);

/** Marks a task done or open again: clicked inside the tasks frame. */
export const setTaskDoneAction = serverAction(
  roles,
  [param.id, z.boolean()],
  async (user, taskId, done): Promise<void> => {
    const result = await setTaskDone(getDb(), taskId, done, user);
    if (!result.ok) {
      if (result.errors._form === 'forbidden') forbidden();
      notFound();
    }
    // The card renders again: its loss dialog counts the open tasks.
    revalidatePath('/crm/interests/[id]', 'page');
  },
);
