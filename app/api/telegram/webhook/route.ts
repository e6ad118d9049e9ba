import { getDb } from '@/db/client';
import { telegramWebhook } from '@/lib/telegram/webhook';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The Telegram bot's updates (docs/inbox.md); the secret header is checked in lib/telegram/webhook.ts. */
export async function POST(request: Request) {
  return telegramWebhook(getDb(), request);
}
