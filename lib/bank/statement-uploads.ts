import { and, desc, eq, gt, lt, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { statementUploads } from '@/db/schema';

/** How long a checked statement waits for «Загрузить и провести»: long enough to read the check. */
export const STATEMENT_UPLOAD_MINUTES = 30;
/** A user's checked files kept at once (another tab, another account's statement); older ones go. */
const UPLOADS_PER_USER = 3;

const expiry = sql`now() - make_interval(mins => ${STATEMENT_UPLOAD_MINUTES})`;

/**
 * Keeps a checked statement file for its import, so «Загрузить и провести» after «Проверить» needs no
 * second pick of the file, and returns its id (a random uuid that only its owner may use). Writing also
 * clears what expired, anyone's, and the user's uploads beyond the newest few: the table stays small
 * without a cleaning job. The caller bounds the size (checkStatementFile).
 */
export async function keepStatementUpload(
  db: DbOrTx,
  userId: number,
  fileName: string | null,
  content: Buffer,
): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.delete(statementUploads).where(lt(statementUploads.createdAt, expiry));
    const [row] = await tx
      .insert(statementUploads)
      .values({ userId, fileName: fileName?.slice(0, 255) ?? null, content })
      .returning({ id: statementUploads.id });
    const newest = tx
      .select({ id: statementUploads.id })
      .from(statementUploads)
      .where(eq(statementUploads.userId, userId))
      .orderBy(desc(statementUploads.createdAt), desc(statementUploads.id))
      .limit(UPLOADS_PER_USER);
    await tx
      .delete(statementUploads)
      .where(and(eq(statementUploads.userId, userId), notInArray(statementUploads.id, newest)));
    return row!.id;
  });
}

/** The user's own checked file by its id, while it has not expired; null for anything else. */
export async function statementUpload(
  db: DbOrTx,
  userId: number,
  id: string,
): Promise<{ fileName: string | null; content: Buffer } | null> {
  const [row] = await db
    .select({ fileName: statementUploads.fileName, content: statementUploads.content })
    .from(statementUploads)
    .where(
      and(
        eq(statementUploads.id, id),
        eq(statementUploads.userId, userId),
        gt(statementUploads.createdAt, expiry),
      ),
    );
  return row ?? null;
}

/** An imported upload is not needed any more. */
export async function dropStatementUpload(db: DbOrTx, userId: number, id: string): Promise<void> {
  await db
    .delete(statementUploads)
    .where(and(eq(statementUploads.id, id), eq(statementUploads.userId, userId)));
}
