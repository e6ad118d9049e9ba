import { headers } from 'next/headers';

/** The webhook's address on this site as the browser reached it (behind a proxy: X-Forwarded-*). */
export async function webhookUrl(): Promise<string> {
  const h = await headers();
  const host = (h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000').split(',')[0]!.trim();
  const proto = (h.get('x-forwarded-proto') ?? 'http').split(',')[0]!.trim();
  return `${proto}://${host}/api/telegram/webhook`;
}
