/** Updates as Telegram posts them, for the tests, the e2e spec and the benchmark. */
export const testBot = {
  token: '123456789:AAtest-token-for-the-fake-bot-api-0001',
  botId: 123456789,
  secret: 'telegram-test-secret',
} as const;

export type TestMessage = {
  chatId: number;
  text?: string;
  firstName?: string;
  username?: string;
  contact?: string;
  photo?: string;
  document?: { fileId: string; name: string; size?: number };
};

/** A private chat's message update. */
export function testUpdate(updateId: number, m: TestMessage): Record<string, unknown> {
  const from = { id: m.chatId, is_bot: false, first_name: m.firstName ?? 'Алексей', username: m.username };
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: m.chatId, type: 'private', first_name: from.first_name },
      from,
      ...(m.text === undefined ? {} : { text: m.text }),
      ...(m.contact
        ? { contact: { phone_number: m.contact, first_name: from.first_name, user_id: m.chatId } }
        : {}),
      ...(m.photo
        ? {
            photo: [
              { file_id: `${m.photo}-small`, file_unique_id: 's', width: 90, height: 90 },
              { file_id: m.photo, file_unique_id: m.photo, width: 800, height: 600 },
            ],
          }
        : {}),
      ...(m.document
        ? {
            document: {
              file_id: m.document.fileId,
              file_unique_id: m.document.fileId,
              file_name: m.document.name,
              file_size: m.document.size,
            },
          }
        : {}),
    },
  };
}

export function webhookRequest(
  body: unknown,
  options: { secret?: string | null; url?: string } = {},
): Request {
  const secret = options.secret === undefined ? testBot.secret : options.secret;
  return new Request(options.url ?? 'http://torg.test/api/telegram/webhook', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
