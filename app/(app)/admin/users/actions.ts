'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '@/app/_components/types';
import { param, serverAction } from '@/app/_server/action';
import { failed, formValues } from '@/app/_server/forms';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { removeDemoAccounts } from '@/lib/users/demo-accounts';
import { createUser, resetPassword, updateUser } from '@/lib/users/users';

export const saveUser = serverAction(
  ['admin'],
  [param.id.nullable(), param.state, param.form],
  async (admin, id, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const result =
      id === null
        ? await createUser(getDb(), values, admin.id)
        : await updateUser(getDb(), id, values, admin.id);
    if (!result.ok) return failed(result.errors, values);
    revalidatePath('/admin/users');
    redirect(`/admin/users/${result.id}?saved=1`);
  },
);

export const changePassword = serverAction(
  ['admin'],
  [param.id, param.state, param.form],
  async (admin, id, _state, data): Promise<FormState> => {
    const result = await resetPassword(getDb(), id, formValues(data), admin.id);
    if (!result.ok) return failed(result.errors, {});
    const { t } = await getTranslator();
    return { notice: t('users.passwordChanged') };
  },
);

/** «Удалить демо-учётные записи»: refused until the admin has an account of their own. */
export const removeDemo = serverAction(
  ['admin'],
  [param.state, param.form],
  async (admin): Promise<FormState> => {
    const result = await removeDemoAccounts(getDb(), admin.id);
    if (!result.ok) return failed({ _form: result.error }, {});
    revalidatePath('/', 'layout');
    redirect('/admin/users?demoRemoved=1');
  },
);
