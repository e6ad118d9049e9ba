import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  contactPersons,
  interactionAttachments,
  interactions,
  interests,
  partners,
  telegramChats,
  telegramMessages,
  telegramUpdates,
  users,
} from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { inbox, processInteraction } from '@/lib/crm/interactions';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runJobsUntilIdle } from '@/lib/jobs/worker';
import { setSetting } from '@/lib/settings/settings';
import { webhookSecret } from './config';
import { type FakeBotApi, startFakeBotApi } from './fake-bot-api';
import { replyInTelegram } from './reply';
import { saveTelegramSettings, setTelegramWebhook } from './settings';
import { testBot, testUpdate, webhookRequest } from './testing';
import { telegramWebhook } from './webhook';

const test = isolatedDatabase();
let fake: FakeBotApi;
let anna: { id: number; role: 'manager' };
let sergey: { id: number; role: 'manager' };
let klimat: number;
let kuznetsov: number;
let interestId: number;
let nextUpdate = 1_000_000;
let nextChat = 5_000_000_000; // past 32 bits: ids are 64-bit

const post = async (body: unknown, options?: Parameters<typeof webhookRequest>[1]) =>
  telegramWebhook(test.db, webhookRequest(body, options));
const run = () => runJobsUntilIdle(test.db, jobHandlers);
const sent = (method = 'sendMessage') => fake.calls.filter((c) => c.method === method);
const messagesOf = async (chatId: number) =>
  test.db
    .select({
      id: interactions.id,
      body: interactions.body,
      partnerId: interactions.partnerId,
      contactId: interactions.contactId,
      interestId: interactions.interestId,
      processed: interactions.processed,
      direction: interactions.direction,
      status: telegramMessages.status,
    })
    .from(telegramMessages)
    .innerJoin(interactions, eq(interactions.id, telegramMessages.interactionId))
    .where(eq(telegramMessages.chatId, chatId))
    .orderBy(interactions.id);

beforeAll(async () => {
  fake = await startFakeBotApi();
  process.env.TORG_TELEGRAM_API_ROOT = fake.url;
  const db = test.db;
  const [a, s] = await db
    .insert(users)
    .values([
      { email: 'anna@t', name: 'Анна', role: 'manager', passwordHash: '-' },
      { email: 'sergey@t', name: 'Сергей', role: 'manager', passwordHash: '-' },
    ])
    .returning();
  anna = { id: a!.id, role: 'manager' };
  sergey = { id: s!.id, role: 'manager' };
  const [p] = await db.insert(partners).values({ name: 'Климат-Сервис', responsibleId: anna.id }).returning();
  klimat = p!.id;
  const [c] = await db
    .insert(contactPersons)
    .values({ partnerId: klimat, name: 'Алексей Кузнецов', phones: ['+79161234567'] })
    .returning();
  kuznetsov = c!.id;
  const [i] = await db
    .insert(interests)
    .values({ title: 'Сплит-системы', partnerId: klimat, responsibleId: anna.id, state: 'consultation' })
    .returning();
  interestId = i!.id;
  await setSetting(db, 'telegram_bot_token', testBot.token);
  await setSetting(db, 'telegram_webhook_secret', testBot.secret);
});

afterAll(async () => {
  delete process.env.TORG_TELEGRAM_API_ROOT;
  await fake.close();
});

beforeEach(() => {
  fake.calls.length = 0;
});

describe('the webhook', () => {
  it('refuses a missing or wrong secret with 401 and stores nothing', async () => {
    const update = testUpdate(++nextUpdate, { chatId: ++nextChat, text: 'привет' });
    for (const secret of [null, '', 'wrong', `${testBot.secret}x`, testBot.secret.slice(0, -1)])
      expect((await post(update, { secret })).status).toBe(401);
    const [row] = await test.db.select({ n: sql<number>`count(*)::int` }).from(telegramUpdates);
    expect(row!.n).toBe(0);
  });

  it('stores an update before answering and a replay adds nothing, whatever order the ids come in', async () => {
    const chatId = ++nextChat;
    const ids = [nextUpdate + 30, nextUpdate + 10, nextUpdate + 20];
    nextUpdate += 40;
    for (const id of ids) expect((await post(testUpdate(id, { chatId, text: `№${id}` }))).status).toBe(200);
    for (const id of ids) expect((await post(testUpdate(id, { chatId, text: 'повтор' }))).status).toBe(200);
    const stored = await test.db
      .select({ updateId: telegramUpdates.updateId })
      .from(telegramUpdates)
      .where(eq(telegramUpdates.chatId, chatId));
    expect(stored.map((s) => s.updateId).sort()).toEqual([...ids].sort());
    await run();
    // In the order they arrived, each once, in the inbox.
    expect((await messagesOf(chatId)).map((m) => m.body)).toEqual(ids.map((id) => `№${id}`));
    await post(testUpdate(ids[0]!, { chatId, text: 'ещё повтор' }));
    await run();
    expect(await messagesOf(chatId)).toHaveLength(3);
    const listed = await inbox(test.db);
    expect(listed.filter((i) => ids.some((id) => i.body === `№${id}`))).toHaveLength(3);
  });

  it('concurrent deliveries of one update store it once; two workers apply a chat in order, each once', async () => {
    const chatId = ++nextChat;
    const first = ++nextUpdate;
    const replays = Array.from({ length: 20 }, () => post(testUpdate(first, { chatId, text: 'один раз' })));
    const others = Array.from({ length: 10 }, (_, n) =>
      post(testUpdate(first + 1 + n, { chatId, text: `сообщение ${n}` })),
    );
    nextUpdate += 11;
    expect((await Promise.all([...replays, ...others])).map((r) => r.status)).toEqual(Array(30).fill(200));
    await Promise.all([run(), run()]);
    const bodies = (await messagesOf(chatId)).map((m) => m.body).sort();
    expect(bodies).toEqual(['один раз', ...Array.from({ length: 10 }, (_, n) => `сообщение ${n}`)].sort());
  });

  it('the secret is generated once and kept', async () => {
    await test.db.execute(sql`delete from settings where key = 'telegram_webhook_secret'`);
    const secrets = await Promise.all(Array.from({ length: 5 }, () => webhookSecret(test.db)));
    const a = secrets[0]!;
    expect(new Set(secrets).size).toBe(1);
    expect(a).toMatch(/^[A-Za-z0-9_-]{20,256}$/);
    expect(await webhookSecret(test.db)).toBe(a);
    await setSetting(test.db, 'telegram_webhook_secret', testBot.secret);
  });

  it('keeps groups, edits and other updates without queuing them for the inbox', async () => {
    const group = testUpdate(++nextUpdate, { chatId: ++nextChat, text: 'в группе' });
    (group.message as { chat: { type: string } }).chat.type = 'group';
    expect((await post(group)).status).toBe(200);
    expect((await post({ update_id: ++nextUpdate, edited_message: { text: 'x' } })).status).toBe(200);
    const rows = await test.db
      .select({ chatId: telegramUpdates.chatId, processedAt: telegramUpdates.processedAt })
      .from(telegramUpdates)
      .where(sql`${telegramUpdates.updateId} >= ${nextUpdate - 1}`);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.chatId === null && r.processedAt !== null)).toBe(true);
  });
});

describe('matching the sender', () => {
  it('by a shared contact in any spelling of the number, and the chat remembers it', async () => {
    const chatId = ++nextChat;
    await post(testUpdate(++nextUpdate, { chatId, text: 'Нужны кондиционеры' }));
    await post(testUpdate(++nextUpdate, { chatId, contact: '8 (916) 123-45-67' }));
    await post(testUpdate(++nextUpdate, { chatId, text: 'Это Алексей' }));
    await run();
    const [unknown, contact, later] = await messagesOf(chatId);
    expect(unknown!.partnerId).toBeNull();
    expect(contact).toMatchObject({ partnerId: klimat, contactId: kuznetsov, body: '+79161234567' });
    // The client's only open interest: the message is in its feed, and still in the inbox to process.
    expect(later).toMatchObject({ partnerId: klimat, interestId, processed: false });
    const [chat] = await test.db.select().from(telegramChats).where(eq(telegramChats.chatId, chatId));
    expect(chat).toMatchObject({ phone: '+79161234567', partnerId: klimat, name: 'Алексей' });
  });

  it('by a manager linking a message to an interest: the next ones of that chat arrive matched', async () => {
    const chatId = ++nextChat;
    await post(testUpdate(++nextUpdate, { chatId, text: 'Здравствуйте', username: 'ivan_k' }));
    await run();
    const [first] = await messagesOf(chatId);
    expect(first!.partnerId).toBeNull();
    // Сергей may take an unlinked message, but not into Анна's interest.
    expect(await processInteraction(test.db, first!.id, { interestId }, sergey)).toEqual({
      ok: false,
      errors: { _form: 'forbidden' },
    });
    expect((await processInteraction(test.db, first!.id, { interestId }, anna)).ok).toBe(true);
    await post(testUpdate(++nextUpdate, { chatId, text: 'Когда доставка?' }));
    await run();
    const [, second] = await messagesOf(chatId);
    expect(second).toMatchObject({ partnerId: klimat, interestId });
  });

  it('someone else’s contact card is a message, not an identification', async () => {
    const chatId = ++nextChat;
    const update = testUpdate(++nextUpdate, { chatId, contact: '+79161234567' });
    (update.message as { contact: { user_id: number } }).contact.user_id = 42;
    await post(update);
    await run();
    const [message] = await messagesOf(chatId);
    expect(message).toMatchObject({ partnerId: null, body: '+79161234567' });
  });
});

describe('files and /start', () => {
  it('fetches a photo (its largest size) and a document with getFile; a file over the limit is left out', async () => {
    const chatId = ++nextChat;
    fake.addFile('photo-1', new Uint8Array([0xff, 0xd8, 1, 2, 3]));
    fake.addFile('doc-1', new TextEncoder().encode('счёт'));
    await post(testUpdate(++nextUpdate, { chatId, photo: 'photo-1' }));
    await post(
      testUpdate(++nextUpdate, { chatId, text: 'реквизиты', document: { fileId: 'doc-1', name: '../../x' } }),
    );
    await post(
      testUpdate(++nextUpdate, { chatId, document: { fileId: 'huge', name: 'big.zip', size: 50e6 } }),
    );
    await run();
    const messages = await messagesOf(chatId);
    expect(messages.map((m) => m.body)).toEqual(['📷', 'реквизиты', 'big.zip']);
    const files = await test.db
      .select({
        interactionId: interactionAttachments.interactionId,
        name: interactionAttachments.fileName,
        size: interactionAttachments.size,
      })
      .from(interactionAttachments)
      .where(sql`${interactionAttachments.interactionId} in ${messages.map((m) => m.id)}`)
      .orderBy(interactionAttachments.id);
    expect(files).toEqual([
      { interactionId: messages[0]!.id, name: 'photo-photo-1.jpg', size: 5 },
      { interactionId: messages[1]!.id, name: 'x', size: 8 },
    ]);
    expect(sent('getFile').map((c) => c.params.file_id)).toEqual(['photo-1', 'doc-1']);
  });

  it('answers /start from someone unknown with a «share my number» button, once per burst', async () => {
    const chatId = ++nextChat;
    await post(testUpdate(++nextUpdate, { chatId, text: '/start' }));
    await run();
    const [ask] = sent();
    expect(ask!.params).toMatchObject({
      chat_id: chatId,
      reply_markup: { keyboard: [[{ request_contact: true }]] },
    });
    expect(await messagesOf(chatId)).toHaveLength(0);
    await setSetting(test.db, 'telegram_ask_phone', false);
    await post(testUpdate(++nextUpdate, { chatId: ++nextChat, text: '/start' }));
    await run();
    expect(sent()).toHaveLength(1);
    await setSetting(test.db, 'telegram_ask_phone', true);
  });
});

describe('replies', () => {
  async function incoming(text: string) {
    const chatId = ++nextChat;
    await post(testUpdate(++nextUpdate, { chatId, text }));
    await run();
    const [message] = await messagesOf(chatId);
    return { chatId, id: message!.id };
  }

  it('from the inbox: an outgoing message in the feed, sent with sendMessage after commit', async () => {
    const { chatId, id } = await incoming('Есть в наличии?');
    expect((await processInteraction(test.db, id, { interestId }, anna)).ok).toBe(true);
    const result = await replyInTelegram(test.db, { interactionId: id }, { text: 'Да, есть' }, anna);
    expect(result.ok).toBe(true);
    expect(sent()).toHaveLength(0);
    await run();
    expect(sent().map((c) => c.params)).toEqual([{ chat_id: chatId, text: 'Да, есть' }]);
    const [, reply] = await messagesOf(chatId);
    expect(reply).toMatchObject({ direction: 'outgoing', status: 'sent', interestId, partnerId: klimat });
    // And from the interest card: to the interest's latest chat.
    expect((await replyInTelegram(test.db, { interestId }, { text: 'Счёт отправлен' }, anna)).ok).toBe(true);
    await run();
    expect(sent().at(-1)!.params).toEqual({ chat_id: chatId, text: 'Счёт отправлен' });
  });

  it('refuses another manager on someone’s interest, an empty text, and a chat that does not exist', async () => {
    expect(await replyInTelegram(test.db, { interestId }, { text: 'x' }, sergey)).toEqual({
      ok: false,
      errors: { _form: 'forbidden' },
    });
    expect(await replyInTelegram(test.db, { interestId }, { text: '  ' }, anna)).toEqual({
      ok: false,
      errors: { text: 'required' },
    });
    expect(await replyInTelegram(test.db, { interactionId: 2_000_000_000 }, { text: 'x' }, anna)).toEqual({
      ok: false,
      errors: { text: 'telegram_no_chat' },
    });
  });

  it('a user who blocked the bot (403) closes the chat; the reply is marked and the next is refused', async () => {
    const { chatId, id } = await incoming('Спасибо');
    fake.failNext('sendMessage', { code: 403 });
    expect((await replyInTelegram(test.db, { interactionId: id }, { text: 'Обращайтесь' }, anna)).ok).toBe(
      true,
    );
    await run();
    const [, reply] = await messagesOf(chatId);
    expect(reply!.status).toBe('blocked');
    const [chat] = await test.db.select().from(telegramChats).where(eq(telegramChats.chatId, chatId));
    expect(chat!.closedAt).not.toBeNull();
    expect(await replyInTelegram(test.db, { interactionId: id }, { text: 'Ещё' }, anna)).toEqual({
      ok: false,
      errors: { text: 'telegram_chat_closed' },
    });
    // Writing again opens it.
    await post(testUpdate(++nextUpdate, { chatId, text: 'Я вернулся' }));
    await run();
    const [reopened] = await test.db.select().from(telegramChats).where(eq(telegramChats.chatId, chatId));
    expect(reopened!.closedAt).toBeNull();
  });

  it('429 puts the send back on the queue for retry_after seconds', async () => {
    const { chatId, id } = await incoming('Алло');
    fake.failNext('sendMessage', { code: 429, retryAfter: 7 });
    await replyInTelegram(test.db, { interactionId: id }, { text: 'Минуту' }, anna);
    const before = Date.now();
    await run();
    const [job] = (await test.db.execute(
      sql`select run_at, attempts from jobs where key = ${`telegram-send:${(await messagesOf(chatId))[1]!.id}`}`,
    )) as unknown as { run_at: Date; attempts: number }[];
    expect(job!.attempts).toBe(0);
    expect(new Date(job!.run_at).getTime() - before).toBeGreaterThanOrEqual(6000);
    const [, reply] = await messagesOf(chatId);
    expect(reply!.status).toBe('queued');
    await test.db.execute(sql`update jobs set run_at = now() where key like 'telegram-send:%'`);
    await run();
    const [, after] = await messagesOf(chatId);
    expect(after!.status).toBe('sent');
  });
});

describe('settings', () => {
  it('takes a token only in BotFather’s shape and sets the webhook with the stored secret', async () => {
    expect(await saveTelegramSettings(test.db, { telegram_bot_token: 'not a token' }, anna.id)).toEqual({
      ok: false,
      errors: { telegram_bot_token: 'token_invalid' },
    });
    expect((await saveTelegramSettings(test.db, { telegram_bot_token: testBot.token }, anna.id)).ok).toBe(
      true,
    );
    const result = await setTelegramWebhook(
      test.db,
      'https://torg.example.com/api/telegram/webhook',
      anna.id,
    );
    expect(result).toEqual({ ok: true });
    expect(sent('setWebhook').map((c) => c.params)).toEqual([
      {
        url: 'https://torg.example.com/api/telegram/webhook',
        secret_token: testBot.secret,
        allowed_updates: ['message'],
      },
    ]);
    fake.failNext('setWebhook', { code: 400 });
    expect(await setTelegramWebhook(test.db, 'http://localhost/x', anna.id)).toEqual({
      ok: false,
      reason: 'Bad Request: chat not found',
    });
  });
});
