'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/app/_components/types';
import { param, serverAction } from '@/app/_server/action';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { saveWidgetSettings, widgetSettingsFields } from '@/lib/dashboard/widgets';

/** Which dashboard widgets the user shows, in what order: their own setting, whatever their role. */
export const saveWidgetsAction = serverAction(
  [],
  [param.state, param.form],
  async (user, _state, data): Promise<FormState> => {
    const { t } = await getTranslator();
    const saved = await saveWidgetSettings(getDb(), user.id, widgetSettingsFields(data));
    if (!saved.ok) return { errors: { _form: t('dashboard.invalid') } };
    revalidatePath('/');
    revalidatePath('/dashboard');
    return { notice: t('common.saved') };
  },
);
