import { currentUser } from '@/app/_server/guard';
import { getDb } from '@/db/client';
import { interactionAttachment } from '@/lib/crm/interactions';
import { idFrom } from '@/lib/validation/fields';

/** Downloads an interaction's attachment; every signed-in user may read interactions (the feed is visible to all). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!(await currentUser())) return new Response('sign in first', { status: 401 });
  const id = idFrom((await params).id);
  const file = id ? await interactionAttachment(getDb(), id) : null;
  if (!file) return new Response('no such attachment', { status: 404 });
  return new Response(new Uint8Array(file.content), {
    headers: {
      'content-type': file.contentType,
      'content-length': String(file.size),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    },
  });
}
