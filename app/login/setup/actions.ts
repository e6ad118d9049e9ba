'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { FormState } from '@/app/_components/types';
import { param, publicAction } from '@/app/_server/action';
import { failed, formValues } from '@/app/_server/forms';
import { getLocale } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { completeSetup } from '@/lib/users/setup';

/** The setup form: the first administrator, in the language the page was shown in. */
export const setUp = publicAction(
  [z.string().max(200), param.state, param.form],
  async (token, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const result = await completeSetup(getDb(), token, { ...values, locale: await getLocale() });
    if (!result.ok) return failed(result.errors, { ...values, password: undefined });
    redirect('/login?setup=done');
  },
);
