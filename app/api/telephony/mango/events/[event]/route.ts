import { getDb } from '@/db/client';
import { mangoEvents } from '@/lib/telephony/events';
import { mangoWebhook } from '@/lib/telephony/webhook';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Mango Office notifications: events/call, events/summary, events/recording (docs/telephony.md). */
export async function POST(request: Request, { params }: { params: Promise<{ event: string }> }) {
  const { event } = await params;
  const kind = mangoEvents.find((e) => e === event);
  if (!kind) return new Response('Not found', { status: 404 });
  return mangoWebhook(getDb(), kind, request);
}
