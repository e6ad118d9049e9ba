import { NextResponse } from 'next/server';
import { currentUser } from '@/app/_server/guard';
import { getDb } from '@/db/client';
import { MAX_SEARCH_LENGTH } from '@/lib/search/query';
import { searchEverything } from '@/lib/search/search';

/** The top bar's search as the user types (lib/search): the hits grouped by kind. */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: 'sign in first' }, { status: 401 });
  const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, MAX_SEARCH_LENGTH);
  return NextResponse.json(await searchEverything(getDb(), user, q));
}
