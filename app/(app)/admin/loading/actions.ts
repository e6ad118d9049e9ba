'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { param, serverAction } from '@/app/_server/action';
import { getDb } from '@/db/client';
import { startLoad } from '@/lib/loading/load';
import { checkLoadFile, LoadFileError, MAX_LOAD_COLUMNS } from '@/lib/loading/parse';
import { type DataLoadKind, dataLoadKinds } from '@/lib/loading/targets';
import { saveMapping, uploadLoad } from '@/lib/loading/uploads';
import { isoDate } from '@/lib/validation/fields';
import { LOADERS } from './roles';

/** Reads the file into a new load with its columns guessed, and opens its mapping. */
export const uploadFile = serverAction(LOADERS, [param.form], async (user, data): Promise<void> => {
  const kind = z.enum(dataLoadKinds as [DataLoadKind, ...DataLoadKind[]]).safeParse(data.get('kind'));
  const checked = checkLoadFile(data.get('file'));
  if (!kind.success || !checked.ok) redirect(`/admin/loading?error=${checked.ok ? 'kind' : checked.error}`);
  let id: number;
  try {
    id = await uploadLoad(
      getDb(),
      kind.data,
      { name: checked.file.name, bytes: new Uint8Array(await checked.file.arrayBuffer()) },
      user,
    );
  } catch (error) {
    if (!(error instanceof LoadFileError)) throw error;
    redirect(`/admin/loading?error=${error.reason}`);
  }
  redirect(`/admin/loading/${id}`);
});

/** Saves the columns' fields; the page then shows the check of every row under them. */
export const mapColumns = serverAction(
  LOADERS,
  [param.id, param.form],
  async (_user, id, data): Promise<void> => {
    const mapping = Array.from({ length: MAX_LOAD_COLUMNS }, (_, i) =>
      String(data.get(`column.${i}`) ?? '').slice(0, 40),
    );
    const saved = await saveMapping(getDb(), id, mapping);
    redirect(
      `/admin/loading/${id}${saved.ok ? '' : `?${new URLSearchParams({ error: Object.values(saved.errors)[0]! })}`}`,
    );
  },
);

const loadForm = z.object({
  mode: z.enum(['valid', 'all']),
  createGroups: z.string().optional(),
  onDate: isoDate,
});

/**
 * Starts loading the file (all or nothing, or its valid rows) as a background job; the page shows its
 * progress. A second submit finds it loading or loaded and enqueues nothing.
 */
export const loadRows = serverAction(
  LOADERS,
  [param.id, param.form],
  async (user, id, data): Promise<void> => {
    const parsed = loadForm.safeParse(Object.fromEntries(data));
    if (!parsed.success) redirect(`/admin/loading/${id}?error=invalid`);
    const { mode, createGroups, onDate } = parsed.data;
    const outcome = await startLoad(
      getDb(),
      id,
      { validOnly: mode === 'valid', createGroups: !!createGroups, onDate },
      user,
    );
    redirect(
      `/admin/loading/${id}${outcome.ok ? '' : `?${new URLSearchParams({ error: outcome.errors._form ?? 'invalid' })}`}`,
    );
  },
);
