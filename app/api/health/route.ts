import { sql } from 'drizzle-orm';
import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';

/** For load balancers and the start-up test: answers only when the database does. */
export async function GET() {
  await getDb().execute(sql`select 1`);
  return NextResponse.json({ ok: true });
}
