'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '@/app/_components/types';
import { param, serverAction } from '@/app/_server/action';
import { failed, formValues } from '@/app/_server/forms';
import { getDb } from '@/db/client';
import { saveTelegramSettings, setTelegramWebhook } from '@/lib/telegram/settings';
import { webhookUrl } from './webhook-url';

/** Administration → «Мессенджеры»: the bot's token (write-only) and whether /start asks for the phone. */
export const saveTelegramSettingsAction = serverAction(
  ['admin'],
  [param.state, param.form],
  async (admin, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const result = await saveTelegramSettings(getDb(), values, admin.id);
    // The token typed is not sent back to the page.
    if (!result.ok) return failed(result.errors, { ...values, telegram_bot_token: '' });
    revalidatePath('/admin/messengers');
    redirect('/admin/messengers?saved=1');
  },
);

/** «Установить вебхук»: Telegram is told to post to this site's /api/telegram/webhook. */
export const setTelegramWebhookAction = serverAction(['admin'], [], async (admin) => {
  const result = await setTelegramWebhook(getDb(), await webhookUrl(), admin.id);
  redirect(
    result.ok
      ? '/admin/messengers?webhook=set'
      : `/admin/messengers?${new URLSearchParams({ failed: result.reason.slice(0, 300) })}`,
  );
});
