'use server';

import { revalidatePath } from 'next/cache';
import { param, serverAction } from '@/app/_server/action';
import { getDb } from '@/db/client';
import { retryJob } from '@/lib/jobs/queue';
import { requiredId } from '@/lib/validation/fields';

export const retryJobAction = serverAction(['admin'], [param.form], async (_admin, data): Promise<void> => {
  const id = requiredId.safeParse(data.get('id'));
  if (id.success) await retryJob(getDb(), id.data);
  revalidatePath('/admin/jobs');
});
