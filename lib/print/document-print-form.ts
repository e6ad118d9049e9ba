import Decimal from 'decimal.js';
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import {
  bankAccounts,
  cashDesks,
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
  client_return: () => [
    { role: 'Сдал', name: null },
    { role: 'Принял', name: null },
  ],
  pko: () => [],
  rko: () => [],
};

const basedOn = alias(documents, 'based_on');
const receipts = alias(documents, 'receipts');
const paidOrders = alias(documents, 'paid_orders');

/** A РКО's correspondent account by its operation: 60 suppliers, 62 clients' advances, 71 employees, 91 other. */
const payoutAccount = {
  supplier: '60.01',
  client_refund: '62.02',
  employee_advance: '71.01',
  other: '91.02',
} as const;
const payoutPurpose = {
  supplier: 'Оплата поставщику',
  client_refund: 'Возврат оплаты покупателю',
  employee_advance: 'Выдача под отчёт',
  other: 'Прочая выдача',
} as const;

/**
 * What a cash order prints beyond the common header: whom from or to, the basis (the purpose typed, else
 * the orders it pays or the operation), the cash desk, and the accounts (50.01 is the cash desk's).
 */
async function cashOrderFields(
  db: DbOrTx,
  doc: typeof documents.$inferSelect,
  partner: { name: string; fullName: string | null } | null,
): Promise<NonNullable<PrintForm['cash']>> {
  const [[desk], [employee], orders] = await Promise.all([
    db
      .select({ name: cashDesks.name })
      .from(cashDesks)
      .where(eq(cashDesks.id, doc.cashDeskId ?? 0)),
    db
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, doc.employeeId ?? 0)),
    db
      .select({ number: paidOrders.number, date: paidOrders.date })
      .from(paymentAllocations)
      .innerJoin(paidOrders, eq(paidOrders.id, paymentAllocations.orderId))
      .where(eq(paymentAllocations.documentId, doc.id))
      .orderBy(asc(paymentAllocations.lineNo)),
  ]);
  const counterparty = employee?.name ?? partner?.fullName ?? partner?.name ?? '';
  if (doc.kind === 'cash_payment') {
    const operation = doc.paymentKind ?? 'supplier';
    return {
      counterparty,
      purpose: doc.paymentPurpose || payoutPurpose[operation],
      cashDesk: desk?.name ?? '',
      debit: payoutAccount[operation],
      credit: '50.01',
    };
  }
  const paid = orders.map((o) => `заказу клиента № ${o.number} от ${printDate(o.date.toISOString())}`);
  return {
    counterparty,
    purpose: doc.paymentPurpose || (paid.length > 0 ? `Оплата по ${paid.join(', ')}` : 'Аванс от покупателя'),
    cashDesk: desk?.name ?? '',
    debit: '50.01',
    // 62.01 for orders paid, 62.02 for an advance.
    credit: paid.length > 0 ? '62.01' : '62.02',
  };
}

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
  // The date ends in «г.», which closes the sentence too: no second full stop.
  if (kind === 'offer' && doc.validUntil)
    notes.push(`Предложение действительно до ${printDate(doc.validUntil)}`);
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
  const cash = kind === 'pko' || kind === 'rko' ? await cashOrderFields(db, doc, partner) : undefined;
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
          : base && kind === 'client_return'
            ? `Реализация товаров и услуг № ${base.number} от ${printDate(base.date.toISOString())}`
            : null,
    basisDocument:
      base && shipmentForms.includes(kind) ? { number: base.number, date: base.date.toISOString() } : null,
    responsible: row.manager,
    paymentDocuments: payments.map((p) => ({ number: p.number, date: p.date.toISOString() })),
    cash,
  };
}
