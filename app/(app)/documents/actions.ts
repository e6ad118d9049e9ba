'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { factsView } from '@/app/_documents/facts-view';
import { requireDocumentUser } from '@/app/_documents/guard';
import type { DocumentFormState, FormFactsView } from '@/app/_documents/types';
import { failed, formValues } from '@/app/_server/forms';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { kindBySlug, kindSlugs } from '@/lib/documents/kinds';
import { changeDocumentStatus, type DocumentResult } from '@/lib/documents/posting';
import { saveDocument } from '@/lib/documents/save-document';
import { formatQuantity } from '@/lib/i18n/translate';
import { documentFormFacts } from '@/lib/sales/form-facts';
import { OfferNotFoundError, OfferStatusError, offerMoves, setOfferStatus } from '@/lib/sales/offer-status';
import { nestedFormInput } from '@/lib/validation/form-input';

/** "Записать" (intent save) or "Провести" (intent post): a new document or an edit of one. */
export async function saveDocumentAction(
  slug: string,
  id: number | null,
  _state: DocumentFormState,
  data: FormData,
): Promise<DocumentFormState> {
  const kind = kindBySlug(slug) ?? notFound();
  const user = await requireDocumentUser();
  const values = formValues(data);
  const result = await saveDocument(getDb(), kind, id, nestedFormInput(values), user.id, {
    post: values.intent === 'post',
  });
  if (!result.ok) return refused(result);
  revalidatePath(`/documents/${slug}`);
  redirect(`/documents/${slug}/${result.id}?saved=1`);
}

const statusCommand = z.enum(['post', 'unpost', 'mark_deleted', 'restore']);

/** Post, unpost, mark for deletion or restore without changing the document. */
export async function changeDocumentStatusAction(
  slug: string,
  id: number,
  _state: DocumentFormState,
  data: FormData,
): Promise<DocumentFormState> {
  if (!kindBySlug(slug)) notFound();
  const user = await requireDocumentUser();
  const command = statusCommand.safeParse(data.get('intent'));
  if (!command.success) return failed({ intent: 'invalid' }, {});
  const result = await changeDocumentStatus(getDb(), id, command.data, user.id);
  if (!result.ok) return refused(result);
  revalidatePath(`/documents/${slug}`);
  redirect(`/documents/${slug}/${id}`);
}

/** What a sales document form shows from the server for the input as it is now (not saved). */
export async function documentFactsAction(
  slug: string,
  id: number | null,
  data: FormData,
): Promise<FormFactsView> {
  const kind = kindBySlug(slug) ?? notFound();
  const user = await requireDocumentUser();
  const { t, locale } = await getTranslator();
  const facts = await documentFormFacts(getDb(), kind, id, nestedFormInput(formValues(data)), user.id);
  return factsView(facts, t, locale);
}

const offerMove = z.enum(offerMoves);

/** Marks an offer sent, accepted or rejected; a move its status no longer allows is reported on the page. */
export async function setOfferStatusAction(id: number, data: FormData): Promise<void> {
  const user = await requireDocumentUser();
  const status = offerMove.safeParse(data.get('status'));
  const path = `/documents/${kindSlugs.commercial_offer}/${id}`;
  if (!status.success) redirect(`${path}?refused=1`);
  try {
    await setOfferStatus(getDb(), id, status.data, user.id);
  } catch (error) {
    if (error instanceof OfferNotFoundError) notFound();
    if (error instanceof OfferStatusError) redirect(`${path}?refused=1`);
    throw error;
  }
  revalidatePath(`/documents/${kindSlugs.commercial_offer}`);
  redirect(path);
}

/** A refusal in the user's language: field errors at their fields, shortages and staleness at the top. */
async function refused(result: Exclude<DocumentResult, { ok: true }>): Promise<DocumentFormState> {
  if ('errors' in result) return failed(result.errors, {});
  const { t, locale } = await getTranslator();
  if ('stale' in result) return { errors: { _form: t('error.stale') } };
  return {
    errors: { _form: t('documents.notPosted') },
    shortages: result.shortages.map((s) =>
      t('error.shortage', {
        need: formatQuantity(locale, s.need),
        product: s.product,
        warehouse: s.warehouse,
        available: formatQuantity(locale, s.available),
      }),
    ),
  };
}
