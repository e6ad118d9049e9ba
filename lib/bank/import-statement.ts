import Decimal from 'decimal.js';
import { and, desc, eq, getTableColumns, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { bankAccounts, bankPayments, documents, partners } from '@/db/schema';
import type { Actor } from '@/lib/access/rules';
import { saveDocument } from '@/lib/documents/save-document';
import { commandTransaction } from '@/lib/live/publish';
import { leftToPay, loadSupplierOrderFacts } from '@/lib/purchases/supplier-orders';
import { loadOrderFacts, orderSettlements } from '@/lib/sales/order-facts';
import {
  incomingPayments,
  outgoingPayments,
  parseClientBankExchange,
  paymentFingerprint,
  type StatementDocument,
} from './client-bank-exchange';

/**
 * One payment of a statement and what it was matched to. Incoming, the partner is the payer and the
 * order a customer order; outgoing (from our account), the partner is the recipient and the order a
 * supplier order. `counterparty` is the other side either way.
 */
export type PaymentMatch = {
  payment: StatementDocument;
  outgoing: boolean;
  counterparty: { name: string; inn: string | null; account: string };
  fingerprint: string;
  bankAccountId: number;
  duplicate: boolean;
  partner: { id: number; name: string; by: 'inn' | 'account' } | null;
  order: { id: number; number: string; toPay: string } | null;
};

/** What a statement holds for us, and its accounts that are none of ours (their payments are skipped). */
export type StatementPreview = { payments: PaymentMatch[]; foreignAccounts: string[] };

export type ImportSummary = {
  /** The statement's accounts that are not among the organization's bank accounts. */
  foreignAccounts: string[];
  found: number;
  incoming: number;
  outgoing: number;
  matched: number;
  posted: number;
  /** Matched, but the receipt was refused (see `refusal`): left to match by hand. */
  refused: number;
  duplicates: number;
  unmatched: number;
  payments: (PaymentMatch & { receiptId: number | null; refusal: string | null })[];
};

/**
 * A payment posted as a receipt (or, outgoing, as a payment), or why not: an error code shown through
 * `errorText` (a document rule's field error such as `order_required`, `stale`, or `not_found`).
 */
export type PostOutcome = { ok: true; receiptId: number } | { ok: false; refusal: string };

/**
 * Order numbers the payer may have written: «по счёту № 000017», «заказ 17», «сч. №17». Linear in the
 * purpose: the spaces after the word and those after an optional «№» are never two adjacent runs that
 * could split the same spaces between them (that made «N» and 60 000 spaces take seconds). No `u` flag:
 * nothing here is outside the BMP, and Unicode case folding made each character several times dearer.
 */
const orderNumberPattern = /(?:№|N|сч(?:[её]т[ау]?)?\.?|заказ[ау]?)\s*(?:№\s*)?0*(\d{1,9})/gi;

export function orderNumbersIn(purpose: string): string[] {
  return [...purpose.matchAll(orderNumberPattern)].map((m) => m[1]!.padStart(6, '0'));
}

/** The orders a payment pays: customer orders for money in, supplier orders for money out. */
const orderKind = (outgoing: boolean) => (outgoing ? 'supplier_order' : 'customer_order');

/** What is left to pay of orders of one kind, read now, by order id. */
async function ordersToPay(db: DbOrTx, orderIds: number[], outgoing: boolean): Promise<Map<number, string>> {
  const toPay = new Map<number, string>();
  if (orderIds.length === 0) return toPay;
  if (outgoing) {
    for (const [id, f] of await loadSupplierOrderFacts(db, orderIds)) toPay.set(id, leftToPay(f));
  } else {
    for (const [id, f] of await loadOrderFacts(db, orderIds)) toPay.set(id, orderSettlements(f).toPay);
  }
  return toPay;
}

/** What is left to pay of an order of that kind, read now. */
async function orderToPay(db: DbOrTx, orderId: number, outgoing: boolean): Promise<string | null> {
  return (await ordersToPay(db, [orderId], outgoing)).get(orderId) ?? null;
}

/**
 * Matches each payment of a statement to our bank account, a partner (by INN, then by the other
 * side's account as earlier payments with it were matched) and a posted order of that partner (by a
 * number in the payment purpose): incoming ones to clients and their orders, outgoing ones to
 * suppliers and their supplier orders, by the same rules. Names the statement's accounts that are
 * not ours (a statement of an account nobody added would otherwise just find nothing). Reads only;
 * `importStatement` writes.
 */
export async function previewStatement(db: DbOrTx, file: Buffer | Uint8Array): Promise<StatementPreview> {
  const statement = parseClientBankExchange(file);
  const ours = await db
    .select({ id: bankAccounts.id, account: bankAccounts.accountNumber })
    .from(bankAccounts)
    .where(isNull(bankAccounts.archivedAt));
  const ourAccounts = ours.map((a) => a.account);
  const foreignAccounts = statement.accounts.filter((a) => !ourAccounts.includes(a));
  const found = [
    ...incomingPayments(statement, ourAccounts).map((payment) => ({
      payment,
      outgoing: false,
      ours: payment.recipientAccount,
      counterparty: { name: payment.payerName, inn: payment.payerInn, account: payment.payerAccount },
    })),
    ...outgoingPayments(statement, ourAccounts).map((payment) => ({
      payment,
      outgoing: true,
      ours: payment.payerAccount,
      counterparty: {
        name: payment.recipientName,
        inn: payment.recipientInn,
        account: payment.recipientAccount,
      },
    })),
  ];
  if (found.length === 0) return { payments: [], foreignAccounts };
  const fingerprints = found.map((f) => paymentFingerprint(f.payment));
  const inns = [...new Set(found.map((f) => f.counterparty.inn).filter((v): v is string => !!v))];
  const accounts = [...new Set(found.map((f) => f.counterparty.account))];
  const [seen, byInn, byAccount] = await Promise.all([
    db
      .select({ f: bankPayments.fingerprint })
      .from(bankPayments)
      .where(inArray(bankPayments.fingerprint, fingerprints)),
    inns.length
      ? db
          .select({ id: partners.id, name: partners.name, inn: partners.inn })
          .from(partners)
          .where(inArray(partners.inn, inns))
      : Promise.resolve([]),
    db
      .selectDistinctOn([bankPayments.payerAccount], {
        account: bankPayments.payerAccount,
        id: partners.id,
        name: partners.name,
      })
      .from(bankPayments)
      .innerJoin(partners, eq(partners.id, bankPayments.partnerId))
      .where(and(inArray(bankPayments.payerAccount, accounts), isNotNull(bankPayments.partnerId)))
      .orderBy(bankPayments.payerAccount, desc(bankPayments.importedAt)),
  ]);
  const seenSet = new Set(seen.map((s) => s.f));
  const matches: PaymentMatch[] = found.map(({ payment, outgoing, ours: account, counterparty }, i) => {
    const inn = byInn.find((p) => p.inn === counterparty.inn);
    const acc = byAccount.find((p) => p.account === counterparty.account);
    return {
      payment,
      outgoing,
      counterparty,
      fingerprint: fingerprints[i]!,
      bankAccountId: ours.find((a) => a.account === account)!.id,
      duplicate: seenSet.has(fingerprints[i]!),
      partner: inn
        ? { id: inn.id, name: inn.name, by: 'inn' }
        : acc
          ? { id: acc.id, name: acc.name, by: 'account' }
          : null,
      order: null,
    };
  });
  await matchOrders(db, matches);
  return { payments: matches, foreignAccounts };
}

/**
 * Each matched payment's order, by a number in its purpose: the latest posted order of its kind and
 * partner with one of those numbers. One query for the whole statement's orders, and one per kind for
 * what is left to pay of those found, however many payments it has.
 */
async function matchOrders(db: DbOrTx, matches: PaymentMatch[]): Promise<void> {
  const asked = matches.flatMap((m) => {
    const numbers = m.partner ? orderNumbersIn(m.payment.purpose) : [];
    return numbers.length ? [{ m, partnerId: m.partner!.id, numbers }] : [];
  });
  if (asked.length === 0) return;
  const candidates = await db
    .select({
      id: documents.id,
      number: documents.number,
      kind: documents.kind,
      partnerId: documents.partnerId,
    })
    .from(documents)
    .where(
      and(
        inArray(documents.kind, [...new Set(asked.map((a) => orderKind(a.m.outgoing)))]),
        eq(documents.status, 'posted'),
        // Array literals, not a parameter per value: a large statement may name more numbers than the
        // 65 535 parameters a statement can have (the numbers are digits only).
        sql`${documents.partnerId} = any(${`{${[...new Set(asked.map((a) => a.partnerId))].join(',')}}`}::int[])`,
        sql`${documents.number} = any(${`{${[...new Set(asked.flatMap((a) => a.numbers))].join(',')}}`}::text[])`,
      ),
    )
    .orderBy(desc(documents.date), desc(documents.id));
  const found = asked.flatMap(({ m, partnerId, numbers }) => {
    const order = candidates.find(
      (c) => c.kind === orderKind(m.outgoing) && c.partnerId === partnerId && numbers.includes(c.number),
    );
    return order ? [{ m, order }] : [];
  });
  const [customerToPay, supplierToPay] = await Promise.all(
    [false, true].map((outgoing) =>
      ordersToPay(
        db,
        [...new Set(found.filter((f) => f.m.outgoing === outgoing).map((f) => f.order.id))],
        outgoing,
      ),
    ),
  );
  for (const { m, order } of found) {
    const toPay = (m.outgoing ? supplierToPay : customerToPay)!.get(order.id)!;
    m.order = { id: order.id, number: order.number, toPay };
  }
}

/**
 * Imports a statement: every payment not seen before is stored, and the matched ones are posted as
 * bank receipts (incoming) or bank payments to the supplier (outgoing), allocated to their order (up
 * to what is left to pay; the rest is an advance). Each payment is one transaction; the fingerprint makes a re-import add nothing. A receipt
 * the document rules refuse is no failure of the import: that payment is stored unmatched with the
 * reason, the others post.
 */
export async function importStatement(
  db: DbOrTx,
  file: Buffer | Uint8Array,
  options: { fileName?: string | null; actor: Actor | null; dryRun?: boolean },
): Promise<ImportSummary> {
  const { payments: matches, foreignAccounts } = await previewStatement(db, file);
  const summary: ImportSummary = {
    foreignAccounts,
    found: matches.length,
    incoming: matches.filter((m) => !m.outgoing).length,
    outgoing: matches.filter((m) => m.outgoing).length,
    matched: 0,
    posted: 0,
    refused: 0,
    duplicates: 0,
    unmatched: 0,
    payments: [],
  };
  for (const m of matches) {
    let outcome: PostOutcome | null = null;
    if (m.duplicate) summary.duplicates++;
    else if (!m.partner) summary.unmatched++;
    else summary.matched++;
    if (!m.duplicate && !options.dryRun) {
      outcome = await commandTransaction(db, async (tx) => {
        const inserted = await tx
          .insert(bankPayments)
          .values({
            fingerprint: m.fingerprint,
            fileName: options.fileName ?? null,
            importedById: options.actor?.id ?? null,
            bankAccountId: m.bankAccountId,
            number: m.payment.number,
            date: m.payment.date,
            amount: m.payment.amount,
            payerName: m.counterparty.name,
            payerInn: m.counterparty.inn,
            payerAccount: m.counterparty.account,
            purpose: m.payment.purpose,
            outgoing: m.outgoing,
            partnerId: m.partner?.id ?? null,
            orderId: m.order?.id ?? null,
          })
          .onConflictDoNothing()
          .returning({ id: bankPayments.id });
        // A concurrent import took it first: it is a duplicate after all.
        if (inserted.length === 0 || !m.partner) return null;
        return postPayment(tx, inserted[0]!.id, m.partner.id, m.order?.id ?? null, options.actor);
      });
      if (outcome?.ok) summary.posted++;
      else if (outcome) summary.refused++;
    }
    summary.payments.push({
      ...m,
      receiptId: outcome?.ok ? outcome.receiptId : null,
      refusal: outcome && !outcome.ok ? outcome.refusal : null,
    });
  }
  return summary;
}

/**
 * Posts a stored payment as a bank receipt of the partner (an outgoing one as a payment to the
 * supplier), allocated to the order if given. One
 * transaction under the payment's row lock: a payment matched twice at once posts once, and the later
 * match gets the receipt the first one made (the unique receipt_id backs this up). A refused receipt
 * saves nothing but the reason on the payment, which stays unmatched.
 */
export async function postPayment(
  db: DbOrTx,
  paymentId: number,
  partnerId: number,
  orderId: number | null,
  actor: Actor | null,
): Promise<PostOutcome> {
  return commandTransaction(db, async (tx): Promise<PostOutcome> => {
    const [payment] = await tx
      .select()
      .from(bankPayments)
      .where(eq(bankPayments.id, paymentId))
      .for('update');
    if (!payment) return { ok: false, refusal: 'not_found' };
    if (payment.receiptId) return { ok: true, receiptId: payment.receiptId };
    let allocation: string | null = null;
    if (orderId) {
      // What is left to pay decides the allocation, so no other payment may change it meanwhile.
      await tx.select({ id: documents.id }).from(documents).where(eq(documents.id, orderId)).for('update');
      const toPay = await orderToPay(tx, orderId, payment.outgoing);
      if (toPay) allocation = Decimal.min(payment.amount, toPay).toFixed(2);
    }
    // Inside this transaction saveDocument works in a savepoint: its refusal rolls back only the receipt.
    const result = await saveDocument(
      tx,
      payment.outgoing ? 'bank_payment' : 'bank_receipt',
      null,
      {
        paymentKind: 'supplier',
        // Noon UTC: the bank's date is a calendar day, and noon keeps it that day in any Russian time zone.
        date: `${payment.date}T12:00:00Z`,
        partnerId,
        bankAccountId: payment.bankAccountId,
        amount: payment.amount,
        externalNumber: payment.number,
        paymentPurpose: payment.purpose,
        basedOnId: orderId,
        allocations: allocation && new Decimal(allocation).gt(0) ? [{ orderId, amount: allocation }] : [],
      },
      actor,
      { post: true },
    );
    if (!result.ok) {
      const refusal = Object.values(result.errors)[0] ?? 'invalid';
      await tx.update(bankPayments).set({ refusal }).where(eq(bankPayments.id, paymentId));
      return { ok: false, refusal };
    }
    await tx
      .update(bankPayments)
      .set({ partnerId, orderId, receiptId: result.id, status: 'posted', refusal: null })
      .where(eq(bankPayments.id, paymentId));
    return { ok: true, receiptId: result.id };
  });
}

/**
 * Payments that are stored but not posted yet, newest first, with the client and order they were
 * matched to when their receipt was refused.
 */
export function unmatchedPayments(db: DbOrTx) {
  return db
    .select({ ...getTableColumns(bankPayments), partnerName: partners.name, orderNumber: documents.number })
    .from(bankPayments)
    .leftJoin(partners, eq(partners.id, bankPayments.partnerId))
    .leftJoin(documents, eq(documents.id, bankPayments.orderId))
    .where(eq(bankPayments.status, 'unmatched'))
    .orderBy(desc(bankPayments.date), desc(bankPayments.id))
    .limit(200);
}

/**
 * A posted order of the partner by the number a user typed for a stored payment (leading zeros
 * optional): a supplier order for a payment out, a customer order for one in.
 */
export async function findOrderForPayment(
  db: DbOrTx,
  paymentId: number,
  partnerId: number,
  number: string,
): Promise<number | null> {
  const digits = number.replace(/\D/g, '');
  if (!digits) return null;
  const [payment] = await db
    .select({ outgoing: bankPayments.outgoing })
    .from(bankPayments)
    .where(eq(bankPayments.id, paymentId));
  if (!payment) return null;
  const { outgoing } = payment;
  const [order] = await db
    .select({ id: documents.id })
    .from(documents)
    .where(
      and(
        eq(documents.kind, orderKind(outgoing)),
        eq(documents.status, 'posted'),
        eq(documents.partnerId, partnerId),
        eq(documents.number, digits.replace(/^0+/, '').padStart(6, '0')),
      ),
    )
    .orderBy(desc(documents.date))
    .limit(1);
  return order?.id ?? null;
}
