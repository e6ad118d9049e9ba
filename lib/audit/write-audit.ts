import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';

export type AuditEntry = {
  userId: number | null;
  action: string;
  entity: string;
  entityId?: number | null;
  data?: unknown;
};

export async function writeAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    userId: entry.userId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    data: entry.data ?? null,
  });
}
