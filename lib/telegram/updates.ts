import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { GrammyError } from 'grammy';
import type { Tx } from '@/db/client';
import { telegramChats, telegramMessages, telegramUpdates } from '@/db/schema';
import {
  logInteraction,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  type NewAttachment,
} from '@/lib/crm/interactions';
import { openInterestOf } from '@/lib/crm/workplace';
import { translator } from '@/lib/i18n/translate';
import { enqueueJob } from '@/lib/jobs/queue';
import { identifyCaller } from '@/lib/telephony/identify';
import { normalizePhone } from '@/lib/validation/fields';
import { safeFileName } from '@/lib/validation/file-name';
import { readCapped } from '@/lib/validation/read-body';
import { botApi, fileUrl, type TelegramConfig, telegramConfig } from './config';
import { type InboxMessage, messageSchema } from './webhook';

export const ASK_CONTACT_JOB = 'telegram_ask_contact';

/**
 * A chat's stored updates, in order of arrival, each once: the job `telegram_chat` (keyed by the chat,
 * so one chat's messages never race). Files are fetched from the Bot API here, inside the job's
 * transaction: a failure rolls the chat's batch back and the queue tries again.
 */
export async function applyChatUpdates(tx: Tx, botId: number, chatId: number): Promise<void> {
  const pending = await tx
    .select({ id: telegramUpdates.id, payload: telegramUpdates.payload })
    .from(telegramUpdates)
    .where(
      and(
        eq(telegramUpdates.botId, botId),
        eq(telegramUpdates.chatId, chatId),
        isNull(telegramUpdates.processedAt),
      ),
    )
    .orderBy(asc(telegramUpdates.id))
    .for('update');
  if (pending.length === 0) return;
  const config = await telegramConfig(tx);
  for (const { payload } of pending) {
    const message = messageSchema.safeParse((payload as { message?: unknown }).message);
    if (message.success) await applyMessage(tx, config, botId, message.data);
  }
  await tx
    .update(telegramUpdates)
    .set({ processedAt: new Date() })
    .where(
      inArray(
        telegramUpdates.id,
        pending.map((p) => p.id),
      ),
    );
}

const startCommand = /^\/start(?:@\w+)?(?:\s|$)/;

async function applyMessage(tx: Tx, config: TelegramConfig, botId: number, message: InboxMessage) {
  const from = message.from;
  const name = [from?.first_name, from?.last_name].filter(Boolean).join(' ').slice(0, 200) || null;
  const username = from?.username?.slice(0, 64) ?? null;
  // The client's own contact, shared with the «send my number» button (not someone else's card).
  const own = message.contact && (!message.contact.user_id || message.contact.user_id === from?.id);
  const phone = own ? normalizePhone(message.contact!.phone_number.slice(0, 64)) : null;
  const [match] = phone ? await identifyCaller(tx, phone) : [];
  const identified = match ? { partnerId: match.partnerId, contactId: match.contactId } : {};
  const [chat] = await tx
    .insert(telegramChats)
    .values({ botId, chatId: message.chat.id, name, username, phone, ...identified })
    .onConflictDoUpdate({
      target: [telegramChats.botId, telegramChats.chatId],
      // Writing again reopens a chat closed when they blocked the bot.
      set: {
        name,
        username,
        closedAt: null,
        updatedAt: new Date(),
        ...(phone ? { phone } : {}),
        ...identified,
      },
    })
    .returning();
  const text = (message.text ?? message.caption ?? '').slice(0, 20_000);
  if (startCommand.test(text) && !message.contact) {
    if (config.askPhone && !chat!.partnerId)
      await enqueueJob(tx, ASK_CONTACT_JOB, `telegram-ask:${botId}:${message.chat.id}`, {
        botId,
        chatId: message.chat.id,
      });
    return;
  }
  const files = config.botId === botId && config.token ? await fetchFiles(config.token, message) : [];
  const body =
    text ||
    (message.contact ? phone || message.contact.phone_number.slice(0, 64) : '') ||
    message.document?.file_name?.slice(0, 255) ||
    message.sticker?.emoji ||
    (message.photo ? '📷' : '…');
  const partnerId = chat!.partnerId;
  const interestId = partnerId ? await openInterestOf(tx, partnerId) : null;
  const logged = await logInteraction(
    tx,
    {
      kind: 'message',
      direction: 'incoming',
      at: new Date(message.date * 1000),
      partnerId,
      contactId: chat!.contactId,
      interestId,
      body,
      fromAddress: (username ? `@${username}` : name) ?? String(message.chat.id),
    },
    null,
    files,
  );
  if (!logged.ok) throw new Error(`a Telegram message could not be logged: ${JSON.stringify(logged)}`);
  await tx.insert(telegramMessages).values({
    interactionId: logged.id,
    botId,
    chatId: message.chat.id,
    messageId: message.message_id,
    status: 'received',
  });
}

/** Photos (the largest size) and documents up to the attachment limit; larger ones are left in Telegram. */
async function fetchFiles(token: string, message: InboxMessage): Promise<NewAttachment[]> {
  const wanted: { fileId: string; name: string; type: string; size?: number }[] = [];
  const photo = message.photo?.at(-1);
  if (photo)
    wanted.push({
      fileId: photo.file_id,
      name: `photo-${photo.file_unique_id}.jpg`,
      type: 'image/jpeg',
      size: photo.file_size,
    });
  const doc = message.document;
  if (doc)
    wanted.push({
      fileId: doc.file_id,
      name: doc.file_name ?? `file-${doc.file_unique_id}`,
      type: doc.mime_type ?? 'application/octet-stream',
      size: doc.file_size,
    });
  const api = botApi(token);
  const files: NewAttachment[] = [];
  for (const file of wanted.slice(0, MAX_ATTACHMENTS)) {
    if ((file.size ?? 0) > MAX_ATTACHMENT_BYTES) continue;
    const found = await api.getFile(file.fileId).catch((error) => {
      // A file Telegram no longer has (or never had) is left out; a network error or 5xx is retried.
      if (error instanceof GrammyError && error.error_code < 500) return null;
      throw error;
    });
    if (!found) continue;
    const { file_path: path, file_size: size } = found;
    if (!path || (size ?? 0) > MAX_ATTACHMENT_BYTES) continue;
    const content = await download(fileUrl(token, path));
    if (content)
      files.push({ fileName: safeFileName(file.name), contentType: file.type.slice(0, 100), content });
  }
  return files;
}

/** A file's bytes, or null past the attachment limit (read no further). */
async function download(url: string): Promise<Uint8Array | null> {
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok || !response.body) throw new Error(`Telegram file download: ${response.status}`);
  return readCapped(response.body, MAX_ATTACHMENT_BYTES);
}

/** /start from someone not known yet: the bot asks for their number with a «share contact» button. */
export async function askForContact(tx: Tx, botId: number, chatId: number): Promise<void> {
  const config = await telegramConfig(tx);
  if (!config.token || config.botId !== botId) return;
  // The client sees the company's language (Russian), not a manager's.
  const t = translator('ru');
  await botApi(config.token).sendMessage(chatId, t('telegram.askPhone'), {
    reply_markup: {
      keyboard: [[{ text: t('telegram.askPhone.button'), request_contact: true }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    },
  });
}
