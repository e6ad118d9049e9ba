'use server';

import { revalidatePath } from 'next/cache';
import { forbidden, notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { catalogUi } from '@/app/_catalogs/registry';
import type { FormState } from '@/app/_components/types';
import { param, serverAction } from '@/app/_server/action';
import { failed, formValues } from '@/app/_server/forms';
import { getDb } from '@/db/client';
import { roles } from '@/lib/users/users';

/** A catalog named by its URL segment; lib holds the user to its edit roles and, for partners, their responsible manager. */
const catalogParam = param.slug.transform((slug, ctx) => {
  const ui = catalogUi(slug);
  if (!ui) {
    ctx.addIssue({ code: 'custom', message: 'not_found' });
    return z.NEVER;
  }
  return ui;
});

export const saveCatalogItem = serverAction(
  roles,
  [catalogParam, param.id.nullable(), param.state, param.form],
  async (user, ui, id, _state, data): Promise<FormState> => {
    const values = formValues(data);
    const result = await ui.catalog.save(getDb(), id, values, user);
    if (!result.ok) {
      if (result.errors._form === 'not_found') notFound();
      return failed(result.errors, values);
    }
    revalidatePath(`/catalogs/${ui.slug}`);
    redirect(`/catalogs/${ui.slug}/${result.id}?saved=1`);
  },
);

export const setCatalogItemArchived = serverAction(
  roles,
  [catalogParam, param.id, z.boolean(), param.form],
  async (user, ui, id, archived): Promise<void> => {
    const result = await ui.catalog.setArchived(getDb(), id, archived, user);
    if (!result.ok) {
      if (result.errors._form === 'not_found') notFound();
      forbidden();
    }
    revalidatePath(`/catalogs/${ui.slug}`);
    redirect(`/catalogs/${ui.slug}/${id}`);
  },
);
