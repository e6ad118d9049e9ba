import { type SQL, sql } from 'drizzle-orm';

/**
 * What an interest's documents say it is worth: what was ordered (its posted orders, which a won
 * interest has shipped in full), else its latest offer; null while it has neither. One index range of
 * the interest's documents.
 */
export const documentsAmountOf = (interestId: SQL) => sql`(
  select coalesce(
    sum(d.amount) filter (where d.kind = 'customer_order' and d.status = 'posted'),
    (array_agg(d.amount order by d.date desc, d.id desc) filter (where d.kind = 'commercial_offer'))[1]
  )
  from documents d where d.interest_id = ${interestId} and d.status <> 'deleted')`;
