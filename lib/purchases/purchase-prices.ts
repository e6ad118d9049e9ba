import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { writeAudit } from '@/lib/audit/write-audit';

/**
 * The purchase price type (its id and whether its prices include VAT): the first active one of
 * purpose «закупочная» — there is no name to look for and no «main» flag, which only sale types carry.
 */
export const purchasePriceType = sql`
  select id, includes_vat from price_types where purpose = 'purchase' and archived_at is null
  order by id limit 1`;

/**
 * A posted receipt with «Обновить цены» sets the purchase price type's prices of its products from the
 * receipt's day (the type's VAT treatment decides whether the price includes it; a product on several
 * lines takes its last). The prices are catalog rows with an audit entry: unposting the receipt leaves
 * them, as a price typed into the price list would be left.
 */
export async function updatePurchasePrices(tx: Tx, documentId: number): Promise<void> {
  const written = (await tx.execute(sql`
    with doc as (
      select id, (date at time zone 'UTC')::date as day from documents
      where id = ${documentId} and status = 'posted' and update_prices
    ), type as (${purchasePriceType}), line as (
      select distinct on (l.product_id) l.product_id,
        case when t.includes_vat then l.price else round((l.amount - l.vat_amount) / l.quantity, 2) end as price
      from document_lines l, type t where l.document_id = (select id from doc)
      order by l.product_id, l.line_no desc
    )
    insert into prices (product_id, price_type_id, valid_from, price)
    select line.product_id, type.id, doc.day, line.price from line, type, doc
    on conflict (product_id, price_type_id, valid_from)
      do update set price = excluded.price, archived_at = null, updated_at = now()
    returning id, product_id as "productId", price::text`)) as unknown as {
    id: number;
    productId: number;
    price: string;
  }[];
  if (written.length > 0)
    await writeAudit(tx, {
      userId: null,
      action: 'update',
      entity: 'price',
      data: { document: documentId, prices: written },
    });
}
