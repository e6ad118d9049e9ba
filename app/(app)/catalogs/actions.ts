'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { catalogUi } from '@/app/_catalogs/registry';
import type { FormState } from '@/app/_components/types';
import { failed, formValues } from '@/app/_server/forms';
import { requireUser } from '@/app/_server/guard';
import { getDb } from '@/db/client';

export async function saveCatalogItem(
  slug: string,
  id: number | null,
  _state: FormState,
  data: FormData,
): Promise<FormState> {
  const ui = catalogUi(slug) ?? notFound();
  const user = await requireUser(...ui.editRoles);
  const values = formValues(data);
  const result = await ui.catalog.save(getDb(), id, values, user.id);
  if (!result.ok) return failed(result.errors, values);
  revalidatePath(`/catalogs/${slug}`);
  redirect(`/catalogs/${slug}/${result.id}?saved=1`);
}

export async function setCatalogItemArchived(slug: string, id: number, archived: boolean): Promise<void> {
  const ui = catalogUi(slug) ?? notFound();
  const user = await requireUser(...ui.editRoles);
  await ui.catalog.setArchived(getDb(), id, archived, user.id);
  revalidatePath(`/catalogs/${slug}`);
  redirect(`/catalogs/${slug}/${id}`);
}
