'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '@/app/_components/types';
import { failed, formValues } from '@/app/_server/forms';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { removeDemoAccounts } from '@/lib/users/demo-accounts';
import { createUser, resetPassword, updateUser } from '@/lib/users/users';

export async function saveUser(id: number | null, _state: FormState, data: FormData): Promise<FormState> {
  const admin = await requireUser('admin');
  const values = formValues(data);
  const result =
    id === null
      ? await createUser(getDb(), values, admin.id)
      : await updateUser(getDb(), id, values, admin.id);
  if (!result.ok) return failed(result.errors, values);
  revalidatePath('/admin/users');
  redirect(`/admin/users/${result.id}?saved=1`);
}

export async function changePassword(id: number, _state: FormState, data: FormData): Promise<FormState> {
  const admin = await requireUser('admin');
  const values = formValues(data);
  const result = await resetPassword(getDb(), id, values, admin.id);
  if (!result.ok) return failed(result.errors, {});
  const { t } = await getTranslator();
  return { notice: t('users.passwordChanged') };
}

/** «Удалить демо-учётные записи»: refused until the admin has an account of their own. */
export async function removeDemo(_state: FormState, _data: FormData): Promise<FormState> {
  const admin = await requireUser('admin');
  const result = await removeDemoAccounts(getDb(), admin.id);
  if (!result.ok) return failed({ _form: result.error }, {});
  revalidatePath('/', 'layout');
  redirect('/admin/users?demoRemoved=1');
}
