import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import type { FieldErrors } from '@/lib/validation/fields';

/** The dashboard's widgets in their default order. */
export const widgetKeys = [
  'plan',
  'funnel',
  'outcomes',
  'discipline',
  'sources',
  'losses',
  'debts',
  'profit',
] as const;
export type WidgetKey = (typeof widgetKeys)[number];

/**
 * The widgets a user shows, in order, from `users.dashboard_widgets`: null is the default (all, in the
 * default order); keys no longer known (a widget retired by a later version) are dropped.
 */
export function shownWidgets(saved: readonly string[] | null | undefined): WidgetKey[] {
  if (!saved) return [...widgetKeys];
  return [...new Set(saved)].filter((k): k is WidgetKey => (widgetKeys as readonly string[]).includes(k));
}

/** Every widget in the order the settings panel lists them: the shown ones first, then the hidden ones. */
export function widgetSettings(
  saved: readonly string[] | null | undefined,
): { key: WidgetKey; shown: boolean }[] {
  const shown = shownWidgets(saved);
  return [
    ...shown.map((key) => ({ key, shown: true })),
    ...widgetKeys.filter((k) => !shown.includes(k)).map((key) => ({ key, shown: false })),
  ];
}

const key = z.enum(widgetKeys, { error: 'invalid' });
const keys = z
  .array(key)
  .max(widgetKeys.length, 'too_long')
  .refine((list) => new Set(list).size === list.length, 'invalid');

/**
 * The settings form: `order` lists the widgets as the panel shows them, `show` the ticked ones, and
 * `move` (`up:plan`, `down:debts`) is an Up or Down button pressed without scripts, applied here.
 */
export const widgetSettingsInput = z
  .object({
    order: keys.optional(),
    show: keys.default([]),
    move: z
      .string()
      .max(40)
      .regex(/^(up|down):[a-z]+$/, 'invalid')
      .transform((v) => v.split(':') as ['up' | 'down', string])
      .pipe(z.tuple([z.enum(['up', 'down']), key]))
      .optional(),
  })
  .transform(({ order, show, move }) => {
    // Whatever the order leaves out keeps its place after the rest.
    const list = [...(order ?? []), ...widgetKeys.filter((k) => !order?.includes(k))];
    if (move) {
      const [direction, moved] = move;
      const at = list.indexOf(moved);
      const to = direction === 'up' ? at - 1 : at + 1;
      if (to >= 0 && to < list.length) [list[at], list[to]] = [list[to]!, list[at]!];
    }
    return list.filter((k) => show.includes(k));
  });

/** The form's fields as `widgetSettingsInput` reads them (repeated fields as lists). */
export function widgetSettingsFields(data: FormData): Record<string, unknown> {
  const move = data.get('move');
  return {
    order: data.getAll('order'),
    show: data.getAll('show'),
    ...(move === null ? {} : { move }),
  };
}

/** Saves which widgets a user shows and in what order; refuses unknown or repeated keys. */
export async function saveWidgetSettings(
  db: DbOrTx,
  userId: number,
  input: unknown,
): Promise<{ ok: true; widgets: WidgetKey[] } | { ok: false; errors: FieldErrors }> {
  const parsed = widgetSettingsInput.safeParse(input);
  if (!parsed.success) return { ok: false, errors: { _form: 'invalid' } };
  await db.update(users).set({ dashboardWidgets: parsed.data }).where(eq(users.id, userId));
  return { ok: true, widgets: parsed.data };
}

export async function savedWidgets(db: DbOrTx, userId: number): Promise<string[] | null> {
  const [row] = await db.select({ widgets: users.dashboardWidgets }).from(users).where(eq(users.id, userId));
  return row?.widgets ?? null;
}
