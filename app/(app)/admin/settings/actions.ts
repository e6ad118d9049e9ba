'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { FormState } from '@/app/_components/types';
import { param, serverAction } from '@/app/_server/action';
import { failed, formValues } from '@/app/_server/forms';
import { getDb } from '@/db/client';
import { saveForecastProbabilities } from '@/lib/settings/forecast';
import { setSetting } from '@/lib/settings/settings';
import { typedDecimal } from '@/lib/validation/decimal';
import { checkbox, fieldErrors } from '@/lib/validation/fields';

const stockSettings = z.object({ negative_stock_allowed: checkbox });

export const saveStockSettings = serverAction(
  ['admin'],
  [param.state, param.form],
  async (_admin, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const parsed = stockSettings.safeParse(values);
    if (!parsed.success) return failed(fieldErrors(parsed.error), values);
    await setSetting(getDb(), 'negative_stock_allowed', parsed.data.negative_stock_allowed);
    revalidatePath('/admin/settings');
    redirect('/admin/settings?saved=1');
  },
);

const limit = typedDecimal(2, 'percent_invalid')
  .refine((v) => Number(v) <= 100, 'percent_invalid')
  .transform(Number);
const discountLimits = z.object({ manager: limit, leader: limit, admin: limit });

/** The highest manual discount per role, in percent (0–100). */
export const saveDiscountLimits = serverAction(
  ['admin'],
  [param.state, param.form],
  async (_admin, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const parsed = discountLimits.safeParse(values);
    if (!parsed.success) return failed(fieldErrors(parsed.error), values);
    await setSetting(getDb(), 'manual_discount_limits', parsed.data);
    revalidatePath('/admin/settings');
    redirect('/admin/settings?saved=1');
  },
);

/** How likely an open interest in each state is to be won (0–100 %): the sales forecast weighs by it. */
export const saveForecastSettings = serverAction(
  ['admin'],
  [param.state, param.form],
  async (_admin, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const saved = await saveForecastProbabilities(getDb(), values);
    if (!saved.ok) return failed(saved.errors, values);
    revalidatePath('/admin/settings');
    redirect('/admin/settings?saved=1');
  },
);
