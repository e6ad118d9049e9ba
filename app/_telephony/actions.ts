'use server';

import { forbidden, redirect } from 'next/navigation';
import { z } from 'zod';
import { param, serverAction } from '@/app/_server/action';
import { formValues } from '@/app/_server/forms';
import { getDb } from '@/db/client';
import { dismissPop } from '@/lib/telephony/pops';
import { roles } from '@/lib/users/users';
import { requiredId } from '@/lib/validation/fields';

const dismissForm = z.object({ popId: requiredId });

/**
 * «Закрыть» on a screen-pop. The pop lives in a Turbo Frame React does not hydrate, so the form posts
 * without JavaScript's help; the redirect sends the frame its content again (without the pop), and the
 * published `calls:<user>` closes it in the user's other tabs.
 */
export const dismissCallPop = serverAction(roles, [param.form], async (user, data): Promise<void> => {
  const parsed = dismissForm.safeParse(formValues(data));
  if (!parsed.success) redirect('/telephony/pops?error=invalid');
  const result = await dismissPop(getDb(), parsed.data.popId, user);
  if (result === 'forbidden') forbidden();
  redirect(result === 'ok' ? '/telephony/pops' : '/telephony/pops?error=not_found');
});
