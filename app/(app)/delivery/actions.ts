'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '@/app/_components/types';
import { param, serverAction } from '@/app/_server/action';
import { failed, formValues } from '@/app/_server/forms';
import { getDb } from '@/db/client';
import { changeDeliveryStatus, saveDelivery, setStopResult } from '@/lib/delivery/deliveries';
import { nestedFormInput } from '@/lib/validation/form-input';

const PATH = '/delivery';
const WORKERS = ['manager', 'leader', 'admin'] as const;

/** «Записать» a delivery task with its stops (the stops' rows are `lines.N.…`). */
export const saveDeliveryAction = serverAction(
  WORKERS,
  [param.id.nullable(), param.state, param.form],
  async (user, id, _state, data): Promise<FormState> => {
    const values = formValues(data);
    // The delivery's date is a calendar day, not a moment on the company's clock.
    const result = await saveDelivery(getDb(), id, { ...nestedFormInput(values), date: values.date }, user);
    if (!result.ok) return failed(result.errors, values);
    revalidatePath(PATH);
    redirect(`${PATH}/${result.id}?saved=1`);
  },
);

/** A status button: the status to move to is the button's `intent`. */
export const changeDeliveryStatusAction = serverAction(
  WORKERS,
  [param.id, param.state, param.form],
  async (user, id, _state, data): Promise<FormState> => {
    const result = await changeDeliveryStatus(getDb(), id, data.get('intent'), user);
    if (!result.ok) return failed(result.errors, {});
    revalidatePath(PATH);
    redirect(`${PATH}/${id}`);
  },
);

/** Delivered / not delivered (with a reason) for one stop of a task on the road. */
export const setStopResultAction = serverAction(
  WORKERS,
  [param.id, param.state, param.form],
  async (user, id, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const result = await setStopResult(getDb(), id, values, user);
    if (!result.ok) return failed(result.errors, values);
    revalidatePath(PATH);
    redirect(`${PATH}/${id}`);
  },
);
