import Decimal from 'decimal.js';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { documentLines } from '@/db/schema';
import { DocumentRuleError } from '@/lib/documents/errors';
import { refuseAboveLeft } from '@/lib/documents/left-to-take';
import type { PostableDocument, PostableLine } from '@/lib/documents/movements';
import type { DocumentView } from '@/lib/documents/queries';
import type { RegisterChange } from '@/lib/ledger/apply';
import { type RegisterName, registerByName } from '@/lib/ledger/registers';

/** The kinds goods come back by, and the kind each returns (a sale, a goods receipt). */
export const returnedKind = { client_return: 'sales', supplier_return: 'goods_receipt' } as const;
export type ReturnKind = keyof typeof returnedKind;

type Totals = { productId: number; quantity: string; amount: string; vatAmount: string; cost: string };

/**
 * What goods can come back against: the document returned (its header, null when there is none), its
 * lines, the cost its goods left or came in with per product (its cost movements), and what its other
 * posted returns took of each product — quantity, amount, VAT and cost.
 */
export async function loadReturnBasis(
  db: DbOrTx,
  kind: ReturnKind,
  basisId: number,
  documentId: number | null,
) {
  const [headers, lines, costs, returned] = (await Promise.all([
    db.execute(sql`
      select id, kind, status, partner_id as "partnerId", based_on_id as "orderId"
      from documents where id = ${basisId} and kind = ${returnedKind[kind]}`),
    db.select().from(documentLines).where(eq(documentLines.documentId, basisId)),
    db.execute(sql`
      select product_id as "productId", sum(abs(quantity))::text as quantity, sum(abs(amount))::text as amount
      from cost_movements where document_id = ${basisId} group by 1`),
    db.execute(sql`
      with own as (
        select id from documents
        where kind = ${kind} and status = 'posted' and based_on_id = ${basisId} and id <> ${documentId ?? 0}
      ), taken as (
        select l.product_id, sum(l.quantity) as quantity, sum(l.amount) as amount, sum(l.vat_amount) as vat
        from document_lines l where l.document_id in (select id from own) group by 1
      ), cost as (
        select product_id, sum(abs(amount)) as cost from cost_movements
        where document_id in (select id from own) group by 1
      )
      select t.product_id as "productId", t.quantity::text, t.amount::text, t.vat::text as "vatAmount",
        coalesce(c.cost, 0)::text as cost
      from taken t left join cost c using (product_id)`),
  ])) as unknown as [
    { id: number; kind: string; status: string; partnerId: number | null; orderId: number | null }[],
    (typeof documentLines.$inferSelect)[],
    { productId: number; quantity: string; amount: string }[],
    Totals[],
  ];
  return { basis: headers[0] ?? null, lines, costs, returned };
}
export type ReturnBasis = Awaited<ReturnType<typeof loadReturnBasis>>;

/**
 * A return may only be of a posted document of its own partner, and of no more of a product than that
 * document had and its other posted returns did not take: refused at the lines that go beyond.
 */
export function checkReturnable(
  doc: PostableDocument,
  lines: readonly PostableLine[],
  basis: ReturnBasis,
): void {
  const b = basis.basis;
  if (b?.status !== 'posted' || b.partnerId !== doc.partnerId)
    throw new DocumentRuleError({ basedOnId: 'return_basis_required' });
  refuseAboveLeft(lines, basis.lines, basis.returned, 'return_above_basis');
}

/**
 * The lines with the cost their goods had in the document returned: its unit cost per product, and the
 * return that brings the last of a product back takes exactly the rest of that cost, so a sale returned
 * in parts reverses its cost to the kopeck.
 */
export function withBasisCost(lines: readonly PostableLine[], basis: ReturnBasis): PostableLine[] {
  const cost = new Map(basis.costs.map((c) => [c.productId, c]));
  const taken = new Map(
    basis.returned.map((r) => [
      r.productId,
      { quantity: new Decimal(r.quantity), cost: new Decimal(r.cost) },
    ]),
  );
  return lines.map((l) => {
    if (l.service) return l;
    const c = cost.get(l.productId);
    if (!c || new Decimal(c.quantity).isZero()) return { ...l, cost: '0.00' };
    const t = taken.get(l.productId) ?? { quantity: new Decimal(0), cost: new Decimal(0) };
    const quantity = t.quantity.plus(l.quantity);
    const lineCost = quantity.gte(c.quantity)
      ? new Decimal(c.amount).minus(t.cost)
      : new Decimal(c.amount).div(c.quantity).times(l.quantity).toDecimalPlaces(2);
    taken.set(l.productId, { quantity, cost: t.cost.plus(lineCost) });
    return { ...l, cost: Decimal.max(lineCost, 0).toFixed(2) };
  });
}

/**
 * The document returned can no longer be unposted, or posted with less of a product, than its posted
 * returns took: checked after its own posting or unposting, under its own lock (which its returns take
 * before theirs are posted), and only when it took something back from `register` — a first posting
 * cannot have returns and asks nothing.
 */
export async function refuseBelowReturned(
  tx: Tx,
  basisId: number,
  kind: ReturnKind,
  changes: readonly RegisterChange[],
  register: RegisterName,
): Promise<void> {
  const column = registerByName[register].resources[0]!.column;
  const lowered = changes
    .find((c) => c.register === register)
    ?.rows.some((r) => new Decimal(r.delta[column] ?? 0).lt(0));
  if (!lowered) return;
  const [above] = (await tx.execute(sql`
    with returned as (
      select l.product_id, sum(l.quantity) as quantity
      from documents r join document_lines l on l.document_id = r.id
      where r.kind = ${kind} and r.status = 'posted' and r.based_on_id = ${basisId} group by 1
    ), basis as (
      select l.product_id, sum(l.quantity) as quantity
      from documents d join document_lines l on l.document_id = d.id
      where d.id = ${basisId} and d.status = 'posted' group by 1
    )
    select 1 from returned r left join basis b using (product_id)
    where r.quantity > coalesce(b.quantity, 0) limit 1`)) as unknown as unknown[];
  if (above) throw new DocumentRuleError({ _form: 'has_returns' });
}

/**
 * Goods returned to the supplier went back against the receipt's order: while those returns stand, the
 * receipt keeps that order (its debt and the returns' would otherwise sit on different orders).
 */
export async function refuseOrderChangeReturned(tx: Tx, receiptId: number, orderId: number): Promise<void> {
  const [moved] = (await tx.execute(sql`
    select 1 from documents r join supplier_settlement_movements m on m.document_id = r.id
    where r.kind = 'supplier_return' and r.status = 'posted' and r.based_on_id = ${receiptId}
      and m.order_id <> ${orderId}
    limit 1`)) as unknown as unknown[];
  if (moved) throw new DocumentRuleError({ basedOnId: 'has_returns' });
}

/** The lines of a document returned with what is left to return of each, earliest lines first. */
export async function leftToReturn(db: DbOrTx, kind: ReturnKind, base: DocumentView) {
  const { returned } = await loadReturnBasis(db, kind, base.id, null);
  const taken = new Map(returned.map((r) => [r.productId, new Decimal(r.quantity)]));
  return base.lines.flatMap((line) => {
    const mine = Decimal.min(taken.get(line.productId) ?? 0, line.quantity);
    taken.set(line.productId, (taken.get(line.productId) ?? new Decimal(0)).minus(mine));
    const quantity = new Decimal(line.quantity).minus(mine);
    return quantity.gt(0) ? [{ line, quantity: quantity.toFixed(3) }] : [];
  });
}
