import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { typedDecimal } from '@/lib/validation/decimal';
import { type FieldErrors, fieldErrors } from '@/lib/validation/fields';
import { type SettingValue, setSetting, settingDefaults } from './settings';

export type ForecastProbabilities = SettingValue<'forecast_probabilities'>;
export type ForecastState = keyof ForecastProbabilities;

/** The open interest states the forecast weighs, in the order an interest goes through them. */
export const forecastStates = Object.keys(settingDefaults.forecast_probabilities) as ForecastState[];

/** A missing field is an empty one: «required» at it. */
const percent = z.preprocess(
  (v) => v ?? '',
  typedDecimal(2, 'percent_invalid')
    .refine((v) => Number(v) <= 100, 'percent_invalid')
    .transform(Number),
);

/** A percent from 0 to 100 (two decimals at most) for every open state; each error at its field. */
export const forecastProbabilitiesInput = z.object(
  Object.fromEntries(forecastStates.map((state) => [state, percent])) as Record<
    ForecastState,
    typeof percent
  >,
);

/** Validates and stores the probabilities the sales forecast weighs open interests by. */
export async function saveForecastProbabilities(
  db: DbOrTx,
  input: unknown,
): Promise<{ ok: true; value: ForecastProbabilities } | { ok: false; errors: FieldErrors }> {
  const parsed = forecastProbabilitiesInput.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  await setSetting(db, 'forecast_probabilities', parsed.data);
  return { ok: true, value: parsed.data };
}
