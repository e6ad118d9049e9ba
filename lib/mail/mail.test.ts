import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contactPersons,
  incomingEmails,
  interactionAttachments,
  interactions,
  interests,
  outgoingEmails,
  partners,
  users,
} from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { inbox } from '@/lib/crm/interactions';
import { replyTo } from '@/lib/inbox/reply';
import { setSetting } from '@/lib/settings/settings';
import { mailConfigFromUrl } from './config';
import { startDovecot, type TestDovecot } from './dovecot';
import { messageIds } from './letter';
import { pollMailbox } from './sync';

const test = isolatedDatabase();
let dovecot: TestDovecot;
let klimat: number;
let kuznetsov: number;
let interestId: number;
const OFFER_ID = '<offer-7f3a@torg.example>';

/** A letter as a mail client writes it. */
function letter(fields: {
  from?: string;
  subject: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string;
  body?: string;
  raw?: string;
}): string {
  const headers = [
    `From: ${fields.from ?? 'Алексей Кузнецов <kuznetsov@klimat.ru>'}`,
    'To: sales@torg.example',
    `Subject: =?UTF-8?B?${Buffer.from(fields.subject).toString('base64')}?=`,
    `Message-ID: ${fields.messageId ?? `<${Math.random().toString(36).slice(2)}@klimat.ru>`}`,
    'Date: Mon, 02 Mar 2026 10:15:00 +0300',
    'MIME-Version: 1.0',
    ...(fields.inReplyTo ? [`In-Reply-To: ${fields.inReplyTo}`] : []),
    ...(fields.references ? [`References: ${fields.references}`] : []),
  ];
  const body =
    fields.raw ??
    `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${fields.body ?? 'Текст письма'}\r\n`;
  return `${headers.join('\r\n')}\r\n${body}`;
}

const poll = () => test.db.transaction((tx) => pollMailbox(tx));
const bySubject = async (subject: string) =>
  test.db
    .select({
      id: interactions.id,
      partnerId: interactions.partnerId,
      contactId: interactions.contactId,
      interestId: interactions.interestId,
      processed: interactions.processed,
      body: interactions.body,
      html: incomingEmails.html,
      notes: incomingEmails.notes,
    })
    .from(interactions)
    .innerJoin(incomingEmails, eq(incomingEmails.interactionId, interactions.id))
    .where(eq(interactions.subject, subject));

beforeAll(async () => {
  dovecot = await startDovecot();
  const db = test.db;
  const [anna] = await db
    .insert(users)
    .values({ email: 'anna@t', name: 'Анна', role: 'manager', passwordHash: '-' })
    .returning();
  const [p] = await db
    .insert(partners)
    .values({ name: 'Климат-Сервис', responsibleId: anna!.id })
    .returning();
  klimat = p!.id;
  const [c] = await db
    .insert(contactPersons)
    .values({ partnerId: klimat, name: 'Алексей Кузнецов', emails: ['kuznetsov@klimat.ru'] })
    .returning();
  kuznetsov = c!.id;
  await db.insert(partners).values({ name: 'Альфа-Холод', email: 'office@alfa-holod.ru' });
  const [i] = await db
    .insert(interests)
    .values({ title: 'Сплит-системы', partnerId: klimat, responsibleId: anna!.id, state: 'offer_sent' })
    .returning();
  interestId = i!.id;
  // The offer's letter as sending left it: an outgoing interaction on the interest with our Message-ID.
  const [sent] = await db
    .insert(interactions)
    .values({
      kind: 'email',
      direction: 'outgoing',
      interestId,
      partnerId: klimat,
      subject: 'КП',
      processed: true,
    })
    .returning();
  await db.insert(outgoingEmails).values({
    interactionId: sent!.id,
    template: 'offer',
    fromAddress: 'sales@torg.example',
    to: ['kuznetsov@klimat.ru'],
    subject: 'КП',
    body: '-',
    html: '-',
    status: 'sent',
    messageId: OFFER_ID,
  });
  await setSetting(db, 'imap_host', dovecot.host);
  await setSetting(db, 'imap_port', dovecot.port);
  await setSetting(db, 'imap_tls', false);
  await setSetting(db, 'imap_user', dovecot.user);
  await setSetting(db, 'imap_password', dovecot.password);
}, 30_000);

afterAll(async () => {
  await dovecot?.stop();
});

describe('reading the mailbox', () => {
  it('threads a reply to our offer into its interest, processed; matches others by the sender', async () => {
    await dovecot.append(letter({ subject: 'Re: КП', inReplyTo: OFFER_ID, references: OFFER_ID }));
    // Deeper in the thread: only References names our letter.
    await dovecot.append(
      letter({
        subject: 'Re: Re: КП',
        inReplyTo: '<not-ours@klimat.ru>',
        references: `${OFFER_ID} <not-ours@klimat.ru>`,
      }),
    );
    await dovecot.append(letter({ subject: 'Вопрос по доставке' }));
    await dovecot.append(letter({ from: 'Office <OFFICE@alfa-holod.ru>', subject: 'Прайс' }));
    await dovecot.append(letter({ from: 'someone@example.org', subject: 'Кто вы?' }));
    expect(await poll()).toBe(60);
    const [reply] = await bySubject('Re: КП');
    expect(reply).toMatchObject({ interestId, partnerId: klimat, processed: true, body: 'Текст письма' });
    const [deeper] = await bySubject('Re: Re: КП');
    expect(deeper).toMatchObject({ interestId, processed: true });
    expect(await bySubject('Вопрос по доставке')).toMatchObject([
      { interestId: null, partnerId: klimat, contactId: kuznetsov, processed: false },
    ]);
    const [alfa] = await bySubject('Прайс');
    expect(alfa!.partnerId).not.toBeNull();
    expect(await bySubject('Кто вы?')).toMatchObject([{ partnerId: null, processed: false }]);
    const listed = (await inbox(test.db, { channel: 'email' })).map((i) => i.subject);
    expect(listed).toEqual(expect.arrayContaining(['Вопрос по доставке', 'Прайс', 'Кто вы?']));
    expect(listed).not.toContain('Re: КП');
  });

  it('imports nothing twice: a second poll, and a restart from the stored UID', async () => {
    const before = await count();
    expect(await poll()).toBe(60);
    expect(await poll()).toBe(60);
    expect(await count()).toBe(before);
    await dovecot.append(letter({ subject: 'После перезапуска' }));
    await poll();
    expect(await count()).toBe(before + 1);
  });

  it('two polls at once take turns: each letter once', async () => {
    const before = await count();
    for (let n = 0; n < 5; n++) await dovecot.append(letter({ subject: `Параллельно ${n}` }));
    expect(await Promise.all([poll(), poll()])).toEqual([60, 60]);
    expect(await count()).toBe(before + 5);
  });

  it('a new UIDVALIDITY reads the folder again and skips the letters it has (by Message-ID)', async () => {
    const known = letter({ subject: 'Старое', messageId: '<old-1@klimat.ru>' });
    await dovecot.append(known);
    await poll();
    const before = await count();
    await dovecot.recreate('INBOX', [known, letter({ subject: 'Новое после пересоздания' })]);
    await poll();
    expect(await count()).toBe(before + 1);
    expect(await bySubject('Старое')).toHaveLength(1);
    expect(await bySubject('Новое после пересоздания')).toHaveLength(1);
  });
});

describe('hostile letters', () => {
  it('sanitises a script out of HTML, keeps an attachment named ../../x as x, survives broken MIME and a 30 MB letter', async () => {
    const boundary = 'b1';
    await dovecot.append(
      letter({
        subject: 'HTML со скриптом',
        raw: [
          `Content-Type: multipart/mixed; boundary="${boundary}"`,
          '',
          `--${boundary}`,
          'Content-Type: text/html; charset=utf-8',
          '',
          '<p onclick="steal()">Здравствуйте!<script>alert(1)</script><img src="https://tracker.example/p.gif"><a href="javascript:alert(2)">ссылка</a></p>',
          `--${boundary}`,
          'Content-Type: application/octet-stream; name="../../x"',
          'Content-Disposition: attachment; filename="../../x"',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from('payload').toString('base64'),
          `--${boundary}--`,
          '',
        ].join('\r\n'),
      }),
    );
    await dovecot.append(
      letter({
        subject: 'Сломанный MIME',
        raw: 'Content-Type: multipart/mixed; boundary="never"\r\nContent-Transfer-Encoding: base64\r\n\r\n--nev\r\n\u0000%%%===\r\nContent-Type: text/html\r\n\r\n<b>обрыв',
      }),
    );
    const big = Buffer.alloc(30 * 1024 * 1024, 'A').toString();
    await dovecot.append(
      letter({
        subject: 'Огромное',
        raw: `Content-Type: multipart/mixed; boundary="big"\r\n\r\n--big\r\nContent-Type: text/plain\r\n\r\nсм. вложение\r\n--big\r\nContent-Type: application/octet-stream; name="big.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${big}\r\n--big--\r\n`,
      }),
    );
    await dovecot.append(letter({ subject: 'После плохих' }));
    await poll();

    const [html] = await bySubject('HTML со скриптом');
    expect(html!.html).toContain('Здравствуйте!');
    expect(html!.html).not.toMatch(/script|onclick|javascript:|tracker\.example/);
    expect(html!.body).toContain('Здравствуйте!');
    expect(html!.body).not.toContain('alert');
    const files = await test.db
      .select({ name: interactionAttachments.fileName, size: interactionAttachments.size })
      .from(interactionAttachments)
      .where(eq(interactionAttachments.interactionId, html!.id));
    expect(files).toEqual([{ name: 'x', size: 7 }]);

    expect(await bySubject('Сломанный MIME')).toHaveLength(1);
    const [huge] = await bySubject('Огромное');
    expect(huge!.notes).toEqual({ tooLarge: true });
    expect(await bySubject('После плохих')).toHaveLength(1);
  }, 60_000);
});

describe('replies', () => {
  it('answers a letter by a letter back: Re: its subject, In-Reply-To and References naming it, queued like any', async () => {
    const [question] = await bySubject('Вопрос по доставке');
    const anna = {
      id: (await test.db.select().from(users))[0]!.id,
      role: 'manager' as const,
      name: 'Анна',
      email: 'anna@t',
    };
    expect(await replyTo(test.db, question!.id, { text: '  ' }, anna)).toEqual({
      ok: false,
      errors: { text: 'required' },
    });
    const result = await replyTo(test.db, question!.id, { text: 'Доставим в четверг.' }, anna);
    expect(result.ok).toBe(true);
    const [incoming] = await test.db
      .select({ messageId: incomingEmails.messageId, processed: interactions.processed })
      .from(incomingEmails)
      .innerJoin(interactions, eq(interactions.id, incomingEmails.interactionId))
      .where(eq(incomingEmails.interactionId, question!.id));
    expect(incoming!.processed).toBe(true);
    const [reply] = await test.db
      .select()
      .from(outgoingEmails)
      .where(eq(outgoingEmails.interactionId, result.ok ? result.id : 0));
    expect(reply).toMatchObject({
      to: ['kuznetsov@klimat.ru'],
      subject: 'Re: Вопрос по доставке',
      template: 'reply',
      status: 'queued',
      headers: { 'In-Reply-To': incoming!.messageId, References: incoming!.messageId },
    });
    expect(reply!.html).toContain('Доставим в четверг.');
    expect(reply!.messageId).toMatch(/^<.+@.+>$/);
  });
});

describe('pieces', () => {
  it('reads Message-IDs from headers and a mailbox from TORG_IMAP_URL', () => {
    expect(messageIds(' <a@b> <c@d>\r\n <e@f>')).toEqual(['<a@b>', '<c@d>', '<e@f>']);
    expect(messageIds('garbage')).toEqual([]);
    expect(mailConfigFromUrl('imaps://sales%40torg.ru:p%40ss@imap.example.com/Входящие', 60)).toEqual({
      host: 'imap.example.com',
      port: 993,
      secure: true,
      user: 'sales@torg.ru',
      password: 'p@ss',
      mailbox: 'Входящие',
      pollSeconds: 60,
    });
    expect(mailConfigFromUrl('http://x', 60)).toBeNull();
  });

  it('a mailbox that cannot be reached is noted, not thrown, and polled again later', async () => {
    await setSetting(test.db, 'imap_password', 'wrong');
    expect(await poll()).toBe(60);
    const [state] = (await test.db.execute(sql`select error from mailbox_states`)) as unknown as {
      error: string;
    }[];
    expect(state!.error).toBeTruthy();
    await setSetting(test.db, 'imap_password', dovecot.password);
    await poll();
    const [fixed] = (await test.db.execute(sql`select error from mailbox_states`)) as unknown as {
      error: null;
    }[];
    expect(fixed!.error).toBeNull();
  });
});

async function count(): Promise<number> {
  const [row] = await test.db.select({ n: sql<number>`count(*)::int` }).from(incomingEmails);
  return row!.n;
}
