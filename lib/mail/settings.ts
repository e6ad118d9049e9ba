import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { writeAudit } from '@/lib/audit/write-audit';
import { enqueueJob } from '@/lib/jobs/queue';
import { saveSecret, setSetting } from '@/lib/settings/settings';
import { checkbox, type FieldErrors, fieldErrors } from '@/lib/validation/fields';
import { mailboxKey, mailConfig } from './config';
import { MAIL_JOB } from './watch';

const schema = z.object({
  imap_host: z
    .string()
    .trim()
    .max(253, 'too_long')
    .refine((v) => v === '' || /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(v), 'host_invalid'),
  imap_port: z.coerce
    .number({ error: 'port_invalid' })
    .int('port_invalid')
    .min(1, 'port_invalid')
    .max(65535, 'port_invalid'),
  imap_tls: checkbox,
  imap_user: z.string().trim().max(254, 'too_long'),
  // Write-only: empty keeps the saved one.
  imap_password: z.string().max(500, 'too_long').optional(),
  imap_password_clear: checkbox,
  imap_mailbox: z
    .string()
    .trim()
    .max(200, 'too_long')
    .transform((v) => v || 'INBOX'),
  imap_poll_seconds: z.coerce
    .number({ error: 'seconds_invalid' })
    .int('seconds_invalid')
    .min(10, 'seconds_invalid')
    .max(3600, 'seconds_invalid'),
});

/** Administration → «Почта»: the mailbox to read; saving wakes the mail job to try it at once. */
export async function saveMailSettings(
  db: DbOrTx,
  input: unknown,
  actorId: number,
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const v = parsed.data;
  await db.transaction(async (tx) => {
    // An empty host or user turns the mailbox off.
    await setSetting(tx, 'imap_host', v.imap_host || null);
    await setSetting(tx, 'imap_user', v.imap_user || null);
    await setSetting(tx, 'imap_port', v.imap_port);
    await setSetting(tx, 'imap_tls', v.imap_tls);
    await setSetting(tx, 'imap_mailbox', v.imap_mailbox);
    await setSetting(tx, 'imap_poll_seconds', v.imap_poll_seconds);
    const passwordChanged = await saveSecret(tx, 'imap_password', v.imap_password, v.imap_password_clear);
    await enqueueJob(tx, MAIL_JOB, MAIL_JOB);
    await writeAudit(tx, {
      userId: actorId,
      action: 'update',
      entity: 'mail_settings',
      data: {
        host: v.imap_host,
        user: v.imap_user,
        passwordChanged,
      },
    });
  });
  return { ok: true };
}

/** What the settings page shows: the mailbox read now and where its import stands. */
export async function mailboxState(db: DbOrTx) {
  const config = await mailConfig(db);
  if (!config) return null;
  const key = mailboxKey(config);
  const [state] = (await db.execute(sql`
    select last_uid as "lastUid", checked_at as "checkedAt", error from mailbox_states where mailbox = ${key}`)) as unknown as {
    lastUid: string;
    checkedAt: Date | null;
    error: string | null;
  }[];
  return {
    key,
    fromEnv: Boolean(process.env.TORG_IMAP_URL),
    lastUid: null,
    checkedAt: null,
    error: null,
    ...state,
  };
}
