import Decimal from 'decimal.js';
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import {
  bankAccounts,
  documentLines,
  documents,
  partners,
  paymentAllocations,
  products,
  users,
} from '@/db/schema';
import { documentOrganization } from '@/lib/catalogs/organizations';
import { printFormsOf } from '@/lib/documents/kinds';
import { type PrintForm, type PrintKind, printDate } from './print-form';

/** The forms of a sales document: they name the order as the basis and the payments for it. */
const shipmentForms: readonly PrintKind[] = ['sales', 'upd1', 'upd2', 'torg12'];

const signatures: Record<PrintKind, (manager: string | null) => PrintForm['signatures']> = {
  offer: (manager) => [{ role: 'Менеджер', name: manager }],
  order: (manager) => [{ role: 'Менеджер', name: manager }],
  invoice: () => [
    { role: 'Руководитель', name: null },
    { role: 'Бухгалтер', name: null },
  ],
  sales: () => [
    { role: 'Отпустил', name: null },
    { role: 'Получил', name: null },
  ],
  // The fixed-layout forms draw their own signature blocks (unified-forms.ts).
  upd1: () => [],
  upd2: () => [],
  torg12: () => [],
  pko: () => [],
  rko: () => [],
};

const basedOn = alias(documents, 'based_on');
const receipts = alias(documents, 'receipts');

/** A sales document as it goes on paper, read from the database; null when it has no such form. */
export async function documentPrintForm(
  db: DbOrTx,
  documentId: number,
  kind: PrintKind,
): Promise<PrintForm | null> {
  const [row] = await db
    .select({ doc: documents, partner: partners, manager: users.name, base: basedOn })
    .from(documents)
    .leftJoin(partners, eq(partners.id, documents.partnerId))
    .leftJoin(users, eq(users.id, documents.responsibleId))
    .leftJoin(basedOn, eq(basedOn.id, documents.basedOnId))
    .where(eq(documents.id, documentId));
  if (!row || !printFormsOf(row.doc.kind).includes(kind)) return null;
  const { doc, partner, base } = row;
  const organization = await documentOrganization(db, doc.organizationId);
  const [bank] = organization
    ? await db
        .select()
        .from(bankAccounts)
        .where(and(eq(bankAccounts.organizationId, organization.id), isNull(bankAccounts.archivedAt)))
        .orderBy(asc(bankAccounts.id))
        .limit(1)
    : [];
  const lines = await db
    .select({ line: documentLines, name: products.name, sku: products.sku, unit: products.unit })
    .from(documentLines)
    .innerJoin(products, eq(products.id, documentLines.productId))
    .where(eq(documentLines.documentId, documentId))
    .orderBy(asc(documentLines.lineNo));
  const notes: string[] = [];
  if (kind === 'offer' && doc.validUntil)
    notes.push(`Предложение действительно до ${printDate(doc.validUntil)}.`);
  if (
    (kind === 'invoice' || kind === 'order') &&
    doc.prepaymentPercent &&
    new Decimal(doc.prepaymentPercent).gt(0)
  )
    notes.push(`Предоплата ${new Decimal(doc.prepaymentPercent).toFixed()} % до отгрузки.`);
  if (kind === 'invoice')
    notes.push(
      `В назначении платежа укажите: «Оплата по счёту № ${doc.number} от ${printDate(doc.date.toISOString())}».`,
    );
  // Line (5) of the УПД: the payer's payment orders for the shipped order, paid by the shipment's date.
  const paymentNumber = sql<string>`coalesce(${receipts.externalNumber}, ${receipts.number})`;
  const payments =
    base && (kind === 'upd1' || kind === 'upd2')
      ? await db
          .selectDistinct({ number: paymentNumber, date: receipts.date })
          .from(paymentAllocations)
          .innerJoin(receipts, eq(receipts.id, paymentAllocations.documentId))
          .where(
            and(
              eq(paymentAllocations.orderId, base.id),
              eq(receipts.status, 'posted'),
              lte(receipts.date, doc.date),
            ),
          )
          .orderBy(asc(receipts.date), asc(paymentNumber))
      : [];
  const gifts = lines.filter((l) => l.line.gift).map((l) => l.name);
  if (gifts.length > 0) notes.push(`В подарок: ${gifts.join(', ')}.`);
  return {
    kind,
    number: doc.number,
    date: doc.date.toISOString(),
    seller: {
      name: organization?.fullName ?? organization?.name ?? '',
      inn: organization?.inn ?? null,
      kpp: organization?.kpp ?? null,
      address: organization?.address ?? null,
      phone: organization?.phone ?? null,
    },
    sellerBank: bank
      ? { bankName: bank.bankName, bik: bank.bik, account: bank.accountNumber, corrAccount: bank.corrAccount }
      : null,
    buyer: {
      name: partner?.fullName ?? partner?.name ?? '',
      inn: partner?.inn ?? null,
      kpp: partner?.kpp ?? null,
      address: partner?.address ?? null,
      phone: partner?.phone ?? null,
    },
    lines: lines.map(({ line, name, sku, unit }) => ({
      no: line.lineNo,
      name,
      sku,
      unit,
      quantity: line.quantity,
      price: line.price,
      discountPercent: line.discountPercent,
      discountAmount: line.discountAmount,
      amount: line.amount,
      vatRate: line.vatRate,
      vatAmount: line.vatAmount,
      gift: line.gift,
    })),
    totals: {
      withoutDiscount: new Decimal(doc.amount).plus(doc.discountAmount).toFixed(2),
      discount: doc.discountAmount,
      amount: doc.amount,
      vat: doc.vatAmount,
    },
    notes,
    signatures: signatures[kind](row.manager),
    // The invoice is the order's own form; the waybill ships an order.
    basis:
      kind === 'invoice'
        ? `Заказ клиента № ${doc.number} от ${printDate(doc.date.toISOString())}`
        : base && shipmentForms.includes(kind)
          ? `Заказ клиента № ${base.number} от ${printDate(base.date.toISOString())}`
          : null,
    basisDocument:
      base && shipmentForms.includes(kind) ? { number: base.number, date: base.date.toISOString() } : null,
    responsible: row.manager,
    paymentDocuments: payments.map((p) => ({ number: p.number, date: p.date.toISOString() })),
  };
}
