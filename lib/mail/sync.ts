import { sql } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import type { Tx } from '@/db/client';
import { type MailConfig, mailboxKey, mailConfig } from './config';
import { importLetter, type LetterPlace } from './import';
import { type Letter, MAX_LETTER_BYTES, readLetter } from './letter';

/** Letters imported per run; with more waiting the job runs again at once. */
export const LETTERS_PER_RUN = 50;
/** When no mailbox is set up, the job looks again this often (the settings may be saved meanwhile). */
const IDLE_CHECK_SECONDS = 60;

/**
 * An IMAP client for the mailbox. The job's connection never idles (it runs its commands and leaves);
 * the watcher's sits in IDLE, restarted every few minutes so that no server or NAT drops it as silent.
 */
export function imapClient(config: MailConfig, use: 'job' | 'watch' = 'job'): ImapFlow {
  return new ImapFlow({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: { user: config.user, pass: config.password },
    logger: false,
    // A test or internal server with its own certificate: TORG_IMAP_INSECURE=1.
    tls: { rejectUnauthorized: process.env.TORG_IMAP_INSECURE !== '1' },
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    ...(use === 'job' ? { disableAutoIdle: true, socketTimeout: 120_000 } : { maxIdleTime: 4 * 60_000 }),
  });
}

type State = { uid_validity: string; last_uid: string };

/**
 * One run of the `mail_poll` job: reads the letters that arrived since the last UID imported, in UID
 * order, and imports each in its own savepoint, moving the mark past it — so a letter that cannot be
 * stored is kept as an unreadable one and the rest of the mailbox goes on. A new UIDVALIDITY starts
 * the count again, and letters already imported (by Message-ID) are not imported twice. Runs of one
 * mailbox take turns (an advisory lock). Returns the seconds until the next run.
 */
export async function pollMailbox(tx: Tx): Promise<number> {
  const config = await mailConfig(tx);
  if (!config) return IDLE_CHECK_SECONDS;
  const key = mailboxKey(config);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('mailbox'), hashtext(${key}))`);
  const client = imapClient(config);
  let more = false;
  let error: string | null = null;
  try {
    await client.connect();
    const box = await client.mailboxOpen(config.mailbox, { readOnly: true });
    more = await importNew(tx, client, key, Number(box.uidValidity));
  } catch (thrown) {
    error = (thrown instanceof Error ? thrown.message : String(thrown)).slice(0, 1000);
  } finally {
    await client.logout().catch(() => client.close());
  }
  // Written only when it changes: a healthy mailbox's polls write nothing.
  await tx.execute(sql`
    update mailbox_states set error = ${error}, checked_at = now()
    where mailbox = ${key} and error is distinct from ${error}`);
  if (error) {
    await tx.execute(sql`
      insert into mailbox_states (mailbox, uid_validity, error) values (${key}, 0, ${error})
      on conflict (mailbox) do nothing`);
  }
  return more ? 0 : config.pollSeconds;
}

async function importNew(tx: Tx, client: ImapFlow, key: string, uidValidity: number): Promise<boolean> {
  await tx.execute(sql`
    insert into mailbox_states (mailbox, uid_validity) values (${key}, ${uidValidity}) on conflict (mailbox) do nothing`);
  const [state] = (await tx.execute(sql`
    select uid_validity, last_uid from mailbox_states where mailbox = ${key}`)) as unknown as State[];
  let lastUid = Number(state!.last_uid);
  if (Number(state!.uid_validity) !== uidValidity) {
    // The server renumbered the folder: every letter is looked at again, the imported ones skipped by Message-ID.
    lastUid = 0;
    await tx.execute(
      sql`update mailbox_states set uid_validity = ${uidValidity}, last_uid = 0 where mailbox = ${key}`,
    );
  }
  const waiting: { uid: number; size: number }[] = [];
  // `n:*` names the last letter even when its UID is below n: filtered.
  for await (const m of client.fetch(`${lastUid + 1}:*`, { uid: true, size: true }, { uid: true }))
    if (m.uid > lastUid) waiting.push({ uid: m.uid, size: m.size ?? 0 });
  waiting.sort((a, b) => a.uid - b.uid);
  for (const { uid, size } of waiting.slice(0, LETTERS_PER_RUN)) {
    const place: LetterPlace = { mailbox: key, uidValidity, uid, size: Math.min(size, 2 ** 31 - 1) };
    const letter = await download(client, uid, size);
    if (!(await imported(tx, key, letter.messageId))) await importSafely(tx, place, letter);
    await tx.execute(
      sql`update mailbox_states set last_uid = ${uid}, checked_at = now() where mailbox = ${key}`,
    );
  }
  return waiting.length > LETTERS_PER_RUN;
}

/** The letter's bytes, or only its headers when it is over MAX_LETTER_BYTES. */
async function download(client: ImapFlow, uid: number, size: number): Promise<Letter> {
  if (size > MAX_LETTER_BYTES) {
    const message = await client.fetchOne(String(uid), { headers: true }, { uid: true });
    return readLetter(message ? (message.headers ?? new Uint8Array()) : new Uint8Array(), {
      headersOnly: true,
    });
  }
  const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
  return readLetter(message ? (message.source ?? new Uint8Array()) : new Uint8Array());
}

async function imported(tx: Tx, mailbox: string, messageId: string | null): Promise<boolean> {
  if (!messageId) return false;
  const [row] = (await tx.execute(sql`
    select 1 from incoming_emails where message_id = ${messageId} and mailbox = ${mailbox} limit 1`)) as unknown as unknown[];
  return Boolean(row);
}

/** In a savepoint; a letter that cannot be stored as read is kept with its sender and subject only. */
async function importSafely(tx: Tx, place: LetterPlace, letter: Letter): Promise<void> {
  try {
    await tx.transaction((sp) => importLetter(sp, place, letter));
  } catch {
    await tx.transaction((sp) =>
      importLetter(sp, place, {
        ...letter,
        text: '',
        html: null,
        attachments: [],
        skipped: letter.attachments.map((a) => ({ name: a.fileName, size: a.content.byteLength })),
        unreadable: true,
      }),
    );
  }
}
