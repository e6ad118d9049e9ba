import { getDb } from '@/db/client';
import { zadarmaEcho, zadarmaWebhook } from '@/lib/telephony/webhook';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Zadarma checks the address before it sends anything: `?zd_echo=X` answers X. */
export async function GET(request: Request) {
  return zadarmaEcho(request);
}

/** Zadarma / Novofon call notifications (docs/telephony.md). */
export async function POST(request: Request) {
  return zadarmaWebhook(getDb(), request);
}
