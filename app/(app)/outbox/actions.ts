'use server';

import { revalidatePath } from 'next/cache';
import { forbidden, redirect } from 'next/navigation';
import { param, serverAction } from '@/app/_server/action';
import { getDb } from '@/db/client';
import { retryEmail } from '@/lib/email/send-email';
import { roles } from '@/lib/users/users';

/** «Повторить отправку» of a failed email; the letter's page then shows what came of it. */
export const retryEmailAction = serverAction(
  roles,
  [param.id, param.form],
  async (user, emailId): Promise<void> => {
    const result = await retryEmail(getDb(), emailId, user);
    if (result === 'forbidden') forbidden();
    revalidatePath('/outbox');
    redirect(`/outbox/${emailId}?retried=1`);
  },
);
