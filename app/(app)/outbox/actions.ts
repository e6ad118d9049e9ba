'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireOutboxUser } from '@/app/_email/guard';
import { getDb } from '@/db/client';
import { retryEmail } from '@/lib/email/send-email';

/** «Повторить отправку» of a failed email; the letter's page then shows what came of it. */
export async function retryEmailAction(emailId: number): Promise<void> {
  const user = await requireOutboxUser();
  await retryEmail(getDb(), emailId, user);
  revalidatePath('/outbox');
  redirect(`/outbox/${emailId}?retried=1`);
}
