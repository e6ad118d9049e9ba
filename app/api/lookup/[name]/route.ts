import { NextResponse } from 'next/server';
import { currentUser } from '@/app/_server/guard';
import { getDb } from '@/db/client';
import { isLookupName, lookups } from '@/lib/catalogs/lookup';

export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }) {
  if (!(await currentUser())) return NextResponse.json({ error: 'sign in first' }, { status: 401 });
  const { name } = await params;
  if (!isLookupName(name)) return NextResponse.json({ error: `unknown lookup ${name}` }, { status: 404 });
  const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100);
  return NextResponse.json(await lookups[name].search(getDb(), q));
}
