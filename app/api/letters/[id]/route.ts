import { currentUser } from '@/app/_server/guard';
import { getDb } from '@/db/client';
import { letterHtml } from '@/lib/mail/letters';
import { idFrom } from '@/lib/validation/fields';

/**
 * An incoming letter's HTML (sanitised when it was imported), for the sandboxed frame of the feed and
 * the inbox. The browser is told to sandbox it as well — no scripts, no forms, no same origin, nothing
 * loaded from elsewhere — in case it is opened on its own.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!(await currentUser())) return new Response('sign in first', { status: 401 });
  const id = idFrom((await params).id);
  const html = id ? await letterHtml(getDb(), id) : null;
  if (html === null) return new Response('no such letter', { status: 404 });
  return new Response(`<!doctype html><meta charset="utf-8"><base target="_blank">${html}`, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "sandbox allow-popups; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  });
}
