import { asc, count, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { documents, interactionAttachments, interactions, outgoingEmails, users } from '@/db/schema';
import { paged } from '@/lib/catalogs/catalog';
import type { EmailStatus } from './send-email';

const listColumns = {
  id: outgoingEmails.id,
  createdAt: outgoingEmails.createdAt,
  sentAt: outgoingEmails.sentAt,
  to: outgoingEmails.to,
  subject: outgoingEmails.subject,
  status: outgoingEmails.status,
  error: outgoingEmails.error,
  attempts: outgoingEmails.attempts,
  documentId: outgoingEmails.documentId,
  documentKind: documents.kind,
  documentNumber: documents.number,
  author: users.name,
};

/** Исходящие письма: newest first, optionally of one status. */
export async function listOutgoingEmails(db: DbOrTx, query: { page?: number; status?: EmailStatus }) {
  const where = query.status ? eq(outgoingEmails.status, query.status) : undefined;
  return paged(
    query.page,
    (limit, offset) =>
      db
        .select(listColumns)
        .from(outgoingEmails)
        .leftJoin(documents, eq(documents.id, outgoingEmails.documentId))
        .leftJoin(users, eq(users.id, outgoingEmails.authorId))
        .where(where)
        .orderBy(desc(outgoingEmails.createdAt), desc(outgoingEmails.id))
        .limit(limit)
        .offset(offset),
    () => db.select({ n: count() }).from(outgoingEmails).where(where),
  );
}

/** One letter as sent (or to be sent): the rendered HTML, its document and interest, the attached files. */
export async function outgoingEmail(db: DbOrTx, id: number) {
  const [row] = await db
    .select({
      email: outgoingEmails,
      documentKind: documents.kind,
      documentNumber: documents.number,
      interestId: interactions.interestId,
      author: users.name,
    })
    .from(outgoingEmails)
    .innerJoin(interactions, eq(interactions.id, outgoingEmails.interactionId))
    .leftJoin(documents, eq(documents.id, outgoingEmails.documentId))
    .leftJoin(users, eq(users.id, outgoingEmails.authorId))
    .where(eq(outgoingEmails.id, id));
  if (!row) return null;
  const attachments = await db
    .select({
      id: interactionAttachments.id,
      fileName: interactionAttachments.fileName,
      contentType: interactionAttachments.contentType,
      size: interactionAttachments.size,
    })
    .from(interactionAttachments)
    .where(eq(interactionAttachments.interactionId, row.email.interactionId))
    .orderBy(asc(interactionAttachments.id));
  const { email, ...links } = row;
  return { ...email, ...links, attachments };
}

export type OutboxRow = Awaited<ReturnType<typeof listOutgoingEmails>>['rows'][number];
export type OutgoingEmailView = NonNullable<Awaited<ReturnType<typeof outgoingEmail>>>;
