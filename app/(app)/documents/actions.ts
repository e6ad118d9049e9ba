'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { factsView } from '@/app/_documents/facts-view';
import { kindParam } from '@/app/_documents/guard';
import type { DocumentFormState, FormFactsView } from '@/app/_documents/types';
import { param, serverAction } from '@/app/_server/action';
import { failed, formValues } from '@/app/_server/forms';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { kindSlugs } from '@/lib/documents/kinds';
import { changeDocumentStatus, type DocumentResult } from '@/lib/documents/posting';
import { saveDocument } from '@/lib/documents/save-document';
import { formatMoney, formatQuantity } from '@/lib/i18n/translate';
import { documentFormFacts } from '@/lib/sales/form-facts';
import { offerMoves, setOfferStatus } from '@/lib/sales/offer-status';
import { roles } from '@/lib/users/users';
import { nestedFormInput } from '@/lib/validation/form-input';

/** Everyone who works with documents; what each may change is lib's access rule. */
const documentRoles = roles;

/** "Записать" (intent save) or "Провести" (intent post): a new document or an edit of one. */
export const saveDocumentAction = serverAction(
  documentRoles,
  [kindParam, param.id.nullable(), param.state, param.form],
  async (user, kind, id, _state, data): Promise<DocumentFormState> => {
    const values = formValues(data);
    const post = values.intent === 'post';
    const result = await saveDocument(getDb(), kind, id, nestedFormInput(values), user, { post });
    if (!result.ok) return refused(result);
    revalidatePath(`/documents/${kindSlugs[kind]}`);
    redirect(`/documents/${kindSlugs[kind]}/${result.id}?saved=${post ? 'post' : 'save'}`);
  },
);

const statusCommand = z.enum(['post', 'unpost', 'mark_deleted', 'restore']);

/** Post, unpost, mark for deletion or restore without changing the document. */
export const changeDocumentStatusAction = serverAction(
  documentRoles,
  [kindParam, param.id, param.state, param.form],
  async (user, kind, id, _state, data): Promise<DocumentFormState> => {
    const command = statusCommand.safeParse(data.get('intent'));
    if (!command.success) return failed({ intent: 'invalid' }, {});
    const result = await changeDocumentStatus(getDb(), id, command.data, user, kind);
    if (!result.ok) return refused(result);
    revalidatePath(`/documents/${kindSlugs[kind]}`);
    redirect(`/documents/${kindSlugs[kind]}/${id}?saved=${command.data}`);
  },
);

/** What a sales document form shows from the server for the input as it is now (not saved). */
export const documentFactsAction = serverAction(
  documentRoles,
  [kindParam, param.id.nullable(), param.form],
  async (user, kind, id, data): Promise<FormFactsView> => {
    const { t, locale } = await getTranslator();
    const facts = await documentFormFacts(getDb(), kind, id, nestedFormInput(formValues(data)), user);
    return factsView(facts, t, locale);
  },
);

const offerMove = z.enum(offerMoves);

/** Marks an offer sent, accepted or rejected; a move its status no longer allows is reported on the page. */
export const setOfferStatusAction = serverAction(
  documentRoles,
  [param.id, param.form],
  async (user, id, data): Promise<void> => {
    const status = offerMove.safeParse(data.get('status'));
    const path = `/documents/${kindSlugs.commercial_offer}/${id}`;
    if (!status.success) redirect(`${path}?refused=1`);
    const result = await setOfferStatus(getDb(), id, status.data, user);
    if (!result.ok) {
      if (result.errors._form === 'not_found') notFound();
      redirect(`${path}?refused=${result.errors._form === 'forbidden' ? 'forbidden' : '1'}`);
    }
    revalidatePath(`/documents/${kindSlugs.commercial_offer}`);
    redirect(path);
  },
);

/** A refusal in the user's language: codes at their fields, the whole's and the shortages at the top. */
async function refused(result: Exclude<DocumentResult, { ok: true }>): Promise<DocumentFormState> {
  const state = await failed(result.errors, {});
  if (!result.shortages && !result.cashShortages) return state;
  const { t, locale } = await getTranslator();
  return {
    ...state,
    shortages: [
      ...(result.shortages ?? []).map((s) =>
        t('error.shortage', {
          need: formatQuantity(locale, s.need),
          product: s.product,
          warehouse: s.warehouse,
          available: formatQuantity(locale, s.available),
        }),
      ),
      ...(result.cashShortages ?? []).map((s) =>
        t('error.cash_shortage', {
          cashDesk: s.cashDesk,
          need: formatMoney(locale, s.need),
          available: formatMoney(locale, s.available),
        }),
      ),
    ],
  };
}
