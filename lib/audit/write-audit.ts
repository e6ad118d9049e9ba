import type { DbOrTx } from '@/db/client';
import { insertRows } from '@/db/insert-rows';
import { auditLog } from '@/db/schema';

export type AuditEntry = {
  userId: number | null;
  action: string;
  entity: string;
  entityId?: number | null;
  data?: unknown;
};

/** The audit_log row of an entry (insertRowsOf writes it beside the rows it records). */
export const auditRow = (entry: AuditEntry): typeof auditLog.$inferInsert => ({
  userId: entry.userId,
  action: entry.action,
  entity: entry.entity,
  entityId: entry.entityId ?? null,
  data: entry.data ?? null,
});

export async function writeAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await insertRows(db, auditLog, [auditRow(entry)]);
}
