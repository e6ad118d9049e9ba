import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { contactPersons, documents, partners } from '@/db/schema';
import { documentOrganization } from '@/lib/catalogs/organizations';
import type { AttachmentChoice } from '@/lib/print/document-attachments';
import { loadOrderFacts, orderSettlements } from '@/lib/sales/order-facts';
import { type EmailTemplateKey, emailTemplates, type LetterContext } from './templates';

/** A document as a letter is written from it, with where the letter belongs and whom it goes to. */
export type DocumentLetter = LetterContext & {
  partnerId: number | null;
  contactId: number | null;
  interestId: number | null;
  status: (typeof documents.$inferSelect)['status'];
  offerStatus: (typeof documents.$inferSelect)['offerStatus'];
  /** The contact person's addresses (the client's first contact with one if none is chosen), else the partner's. */
  recipients: string[];
};

export async function loadDocumentLetter(db: DbOrTx, documentId: number): Promise<DocumentLetter | null> {
  const [row] = await db
    .select({
      document: documents,
      contactName: contactPersons.name,
      contactEmails: contactPersons.emails,
      partnerEmail: partners.email,
    })
    .from(documents)
    .leftJoin(contactPersons, eq(contactPersons.id, documents.contactId))
    .leftJoin(partners, eq(partners.id, documents.partnerId))
    .where(eq(documents.id, documentId));
  if (!row) return null;
  const d = row.document;
  const organization = await documentOrganization(db, d.organizationId);
  const facts = d.kind === 'customer_order' ? (await loadOrderFacts(db, [d.id])).get(d.id) : undefined;
  const settled = facts ? orderSettlements(facts) : { paid: '0.00', toPay: d.amount };
  // A document written without a contact person goes to the client's first contact that has an address.
  const [fallback] =
    d.contactId === null && d.partnerId !== null
      ? await db
          .select({ id: contactPersons.id, name: contactPersons.name, emails: contactPersons.emails })
          .from(contactPersons)
          .where(
            and(
              eq(contactPersons.partnerId, d.partnerId),
              isNull(contactPersons.archivedAt),
              sql`cardinality(${contactPersons.emails}) > 0`,
            ),
          )
          .orderBy(asc(contactPersons.id))
          .limit(1)
      : [];
  const contactEmails = row.contactEmails ?? fallback?.emails ?? [];
  return {
    document: {
      id: d.id,
      kind: d.kind,
      number: d.number,
      date: d.date,
      amount: d.amount,
      validUntil: d.validUntil,
      prepaymentPercent: d.prepaymentPercent,
      paid: settled.paid,
      toPay: settled.toPay,
    },
    organization: organization && {
      name: organization.name,
      phone: organization.phone,
      email: organization.email,
    },
    contactName: row.contactName ?? fallback?.name ?? null,
    partnerId: d.partnerId,
    contactId: d.contactId ?? fallback?.id ?? null,
    interestId: d.interestId,
    status: d.status,
    offerStatus: d.offerStatus,
    recipients: contactEmails.length > 0 ? contactEmails : row.partnerEmail ? [row.partnerEmail] : [],
  };
}

/** What the send form starts from. */
export type EmailDraft = { to: string[]; subject: string; body: string; attachments: AttachmentChoice[] };

/**
 * The send form's defaults for a document and a template: the recipient's addresses, the subject and
 * text written from the document, PDFs of the template's print forms. Null when there is no such
 * document or the template is not for its kind.
 */
export async function composeEmail(
  db: DbOrTx,
  documentId: number,
  template: EmailTemplateKey,
): Promise<EmailDraft | null> {
  const letter = await loadDocumentLetter(db, documentId);
  const spec = emailTemplates[template];
  if (!letter || !spec.kinds.includes(letter.document.kind)) return null;
  return {
    to: letter.recipients,
    subject: spec.subject(letter),
    body: spec.body(letter),
    attachments: spec.attachments.map((form) => ({ form, format: 'pdf' as const })),
  };
}
