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

export async function writeAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await insertRows(db, auditLog, [
    {
      userId: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      data: entry.data ?? null,
    },
  ]);
}
