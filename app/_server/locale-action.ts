'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { locales, setLocale } from '@/lib/users/users';
import { requireUser } from './guard';
import { rememberLocale } from './locale';

export async function switchLocale(data: FormData): Promise<void> {
  const user = await requireUser();
  const locale = z.enum(locales).catch('ru').parse(data.get('locale'));
  await setLocale(getDb(), user.id, locale);
  await rememberLocale(locale);
  revalidatePath('/', 'layout');
}
