import { notFound } from 'next/navigation';
import { z } from 'zod';
import { param } from '@/app/_server/action';
import { requireUser } from '@/app/_server/guard';
import { getDb } from '@/db/client';
import { kindBySlug } from '@/lib/documents/kinds';
import { getDocument } from '@/lib/documents/queries';
import { idFrom } from '@/lib/validation/fields';

/** A document kind named by its URL segment, as a server action's parameter. */
export const kindParam = param.slug.transform((slug, ctx) => {
  const kind = kindBySlug(slug);
  if (!kind) {
    ctx.addIssue({ code: 'custom', message: 'not_found' });
    return z.NEVER;
  }
  return kind;
});

/** Who works with stock documents: every page and action of them starts here. */
export const requireDocumentUser = () => requireUser('manager', 'leader', 'admin');

/** The document a `/documents/[kind]/[id]/…` page names, for a user who works with documents; else 404. */
export async function requireDocumentOf(slug: string, id: string) {
  const kind = kindBySlug(slug) ?? notFound();
  const user = await requireDocumentUser();
  const documentId = idFrom(id);
  const doc = documentId ? await getDocument(getDb(), documentId) : null;
  if (doc?.kind !== kind) notFound();
  return { kind, doc, user };
}
