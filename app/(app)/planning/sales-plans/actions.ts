'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { FormState } from '@/app/_components/types';
import { param, serverAction } from '@/app/_server/action';
import { failed, formValues } from '@/app/_server/forms';
import { getDb } from '@/db/client';
import { changePlanStatus, type PlanResult, savePlan } from '@/lib/planning/sales-plans';
import { nestedFormInput } from '@/lib/validation/form-input';

const PATH = '/planning/sales-plans';

/** «Записать» or «Провести» a sales plan; leaders and admins only (lib refuses anyone else). */
export const savePlanAction = serverAction(
  ['leader', 'admin'],
  [param.id.nullable(), param.state, param.form],
  async (user, id, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const result = await savePlan(getDb(), id, nestedFormInput(values), user, {
      post: values.intent === 'post',
    });
    if (!result.ok) return refused(result, values);
    revalidatePath(PATH);
    redirect(`${PATH}/${result.id}?saved=1`);
  },
);

const statusCommand = z.enum(['post', 'unpost', 'mark_deleted', 'restore']);

export const changePlanStatusAction = serverAction(
  ['leader', 'admin'],
  [param.id, param.state, param.form],
  async (user, id, _state, data): Promise<FormState> => {
    const command = statusCommand.safeParse(data.get('intent'));
    if (!command.success) return failed({ intent: 'invalid' }, {});
    const result = await changePlanStatus(getDb(), id, command.data, user);
    if (!result.ok) return refused(result, {});
    revalidatePath(PATH);
    redirect(`${PATH}/${id}`);
  },
);

async function refused(
  result: Exclude<PlanResult, { ok: true }>,
  values: FormState['values'],
): Promise<FormState> {
  return failed(result.errors, values ?? {});
}
