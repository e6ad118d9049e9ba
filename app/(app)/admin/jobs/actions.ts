'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/app/_server/guard';
import { getDb } from '@/db/client';
import { retryJob } from '@/lib/jobs/queue';
import { requiredId } from '@/lib/validation/fields';

export async function retryJobAction(data: FormData): Promise<void> {
  await requireUser('admin');
  const id = requiredId.safeParse(data.get('id'));
  if (id.success) await retryJob(getDb(), id.data);
  revalidatePath('/admin/jobs');
}
