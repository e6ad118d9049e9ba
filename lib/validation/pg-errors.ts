/** A PostgreSQL error somewhere in a chain of causes (drizzle wraps the driver's). */
type PgError = { code?: string; constraint_name?: string; table_name?: string; detail?: string };

/**
 * The PostgreSQL error of `code` (23505 unique, 23503 foreign key, TK001 a product's kind changed:
 * lib/documents/new-document.ts) behind `error`, if it is one.
 */
export function pgViolation(error: unknown, code: '23505' | '23503' | 'TK001'): PgError | null {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const pg = e as PgError;
    if (pg.code === code) return pg;
  }
  return null;
}

/**
 * The column a foreign-key violation names ("Key (cash_desk_id)=(9) is not present …"), as the form
 * calls it: camelCase, and a line's or an allocation's reference as that list.
 */
export function missingReferenceField(pg: PgError): string {
  if (pg.table_name === 'document_lines') return 'lines';
  if (pg.table_name === 'payment_allocations') return 'allocations';
  const column = /^Key \((\w+)\)=/.exec(pg.detail ?? '')?.[1] ?? '_form';
  return column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}
