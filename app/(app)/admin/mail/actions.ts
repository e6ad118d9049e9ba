'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '@/app/_components/types';
import { param, serverAction } from '@/app/_server/action';
import { failed, formValues } from '@/app/_server/forms';
import { getDb } from '@/db/client';
import { saveMailSettings } from '@/lib/mail/settings';

/** Administration → «Почта»: the IMAP mailbox whose letters come into the inbox (the password write-only). */
export const saveMailSettingsAction = serverAction(
  ['admin'],
  [param.state, param.form],
  async (admin, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const result = await saveMailSettings(getDb(), values, admin.id);
    if (!result.ok) return failed(result.errors, { ...values, imap_password: '' });
    revalidatePath('/admin/mail');
    redirect('/admin/mail?saved=1');
  },
);
