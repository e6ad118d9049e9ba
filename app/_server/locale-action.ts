'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { locales, roles, setLocale } from '@/lib/users/users';
import { param, serverAction } from './action';
import { rememberLocale } from './locale';

export const switchLocale = serverAction(roles, [param.form], async (user, data): Promise<void> => {
  const locale = z.enum(locales).catch('ru').parse(data.get('locale'));
  await setLocale(getDb(), user.id, locale);
  await rememberLocale(locale);
  revalidatePath('/', 'layout');
});
