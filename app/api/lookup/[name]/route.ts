import { NextResponse } from 'next/server';
import { currentUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { isLookupName, lookupCreateHref, lookups } from '@/lib/catalogs/lookup';

/**
 * A lookup's options for the typed text, and (when it finds nothing) where to create the item with the
 * text filled in — «Создать клиента «…»», «Создать товар «…»» — if the user may.
 */
export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }) {
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: 'sign in first' }, { status: 401 });
  const { name } = await params;
  if (!isLookupName(name)) return NextResponse.json({ error: `unknown lookup ${name}` }, { status: 404 });
  const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100);
  const options = await lookups[name].search(getDb(), q);
  const href = options.length === 0 ? lookupCreateHref(name, q, user.role) : null;
  const { t } = await getTranslator();
  return NextResponse.json({
    options,
    create: href && { href, label: t(`lookup.create.${name}`, { text: q.trim() }) },
  });
}
