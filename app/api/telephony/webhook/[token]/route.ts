import { getDb } from '@/db/client';
import { genericWebhook } from '@/lib/telephony/webhook';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Any PBX (Asterisk, FreePBX, …) posting JSON in the shape of Zammad's generic CTI (docs/telephony.md). */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  return genericWebhook(getDb(), (await params).token.slice(0, 200), request);
}
