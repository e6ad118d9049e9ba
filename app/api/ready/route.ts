import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { readiness } from '@/lib/ops/status';

export const dynamic = 'force-dynamic';

/** For load balancers and orchestrators: 200 when this process can do its work, else 503 with what is missing. */
export async function GET() {
  const status = await readiness(getDb());
  return NextResponse.json(status, {
    status: status.ready ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
