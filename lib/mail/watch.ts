import type { Db } from '@/db/client';
import { enqueueJob } from '@/lib/jobs/queue';
import { mailboxKey, mailConfig } from './config';
import { imapClient } from './sync';

export const MAIL_JOB = 'mail_poll';
/** How often the watcher looks whether the mailbox settings changed (and reconnects after a drop). */
const RECHECK_MS = 60_000;

export type MailWatcher = { stop(): Promise<void> };

/**
 * Holds one IMAP connection open in IDLE on the mailbox and queues the `mail_poll` job the moment the
 * server announces a new letter — the job's own schedule is the fallback when the connection is down
 * or the server has no IDLE. It only wakes the job: importing stays the job's, under its lock.
 */
export function startMailWatcher(db: Db, options: { onError?: (error: unknown) => void } = {}): MailWatcher {
  let stopped = false;
  let client: ReturnType<typeof imapClient> | null = null;
  let watching: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  const wake = () => enqueueJob(db, MAIL_JOB, MAIL_JOB).catch((error) => options.onError?.(error));

  const check = async () => {
    if (stopped) return;
    try {
      const config = await mailConfig(db);
      const key = config ? mailboxKey(config) : null;
      if (key !== watching || !client?.usable) {
        await client?.logout().catch(() => client?.close());
        client = null;
        watching = null;
        if (config && key) {
          const next = imapClient(config, 'watch');
          next.on('error', (error) => options.onError?.(error));
          next.on('exists', wake);
          await next.connect();
          await next.mailboxOpen(config.mailbox, { readOnly: true });
          client = next;
          watching = key;
          // Whatever arrived while no one watched.
          await wake();
        }
      }
    } catch (error) {
      options.onError?.(error);
    }
    if (!stopped) timer = setTimeout(check, RECHECK_MS);
  };
  void check();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await client?.logout().catch(() => client?.close());
    },
  };
}
