'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '@/app/_components/types';
import { param, serverAction } from '@/app/_server/action';
import { failed, formValues } from '@/app/_server/forms';
import { getDb } from '@/db/client';
import { saveTelephonySettings } from '@/lib/telephony/settings';

/** Administration → «Телефония»: secrets (write-only), routing and the missed-call task's delay. */
export const saveTelephonySettingsAction = serverAction(
  ['admin'],
  [param.state, param.form],
  async (admin, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const result = await saveTelephonySettings(getDb(), values, admin.id);
    // The secrets typed are not sent back to the page.
    if (!result.ok) return failed(result.errors, { ...values, ...blankSecrets });
    revalidatePath('/admin/telephony');
    redirect('/admin/telephony?saved=1');
  },
);

const blankSecrets = {
  telephony_zadarma_secret: '',
  telephony_mango_api_key: '',
  telephony_mango_api_salt: '',
  telephony_token: '',
};
