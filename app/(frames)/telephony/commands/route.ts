import { z } from 'zod';
import { formValues } from '@/app/_server/forms';
import { requireUser } from '@/app/_server/guard';
import { fromSameOrigin } from '@/app/_server/same-origin';
import { getDb } from '@/db/client';
import { dismissPop } from '@/lib/telephony/pops';
import { requiredId } from '@/lib/validation/fields';

const POPS = '/telephony/pops';
const dismissForm = z.object({ popId: requiredId });

/**
 * «Закрыть» on a screen-pop. The pops are plain HTML in the shell's Turbo Frame (React does not hydrate
 * it, so a server action cannot serve it — see app/(frames)/workplace/commands): the form posts here and
 * the 303 brings the frame back without the pop; `calls:<user>` closes it in the user's other tabs.
 */
export async function POST(request: Request) {
  const user = await requireUser();
  if (!fromSameOrigin(request))
    return new Response('Forbidden: the form did not come from this site', { status: 403 });
  const form = await request.formData().catch(() => null);
  if (!form) return new Response('Bad request: a form was expected', { status: 400 });
  const parsed = dismissForm.safeParse(formValues(form));
  const result = parsed.success ? await dismissPop(getDb(), parsed.data.popId, user) : 'invalid';
  const back = result === 'ok' ? POPS : `${POPS}?error=${result}`;
  return new Response(null, { status: 303, headers: { Location: back } });
}
