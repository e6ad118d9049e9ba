'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import type { FormState } from '@/app/_components/types';
import { kindParam } from '@/app/_documents/guard';
import { withEmailNotice } from '@/app/_email/links';
import { param, serverAction } from '@/app/_server/action';
import { failed, formValues } from '@/app/_server/forms';
import { getDb } from '@/db/client';
import { kindSlugs } from '@/lib/documents/kinds';
import { queueDocumentEmail } from '@/lib/email/send-email';
import { roles } from '@/lib/users/users';

/** «Отправить»: the letter is queued (a worker sends it); back to the document or the page it came from. */
export const sendDocumentEmailAction = serverAction(
  roles,
  [kindParam, param.id, param.localPath, param.state, param.form],
  async (user, kind, documentId, back, _state, data): Promise<FormState> => {
    const values = formValues(data);
    // Ticked print forms come as `attach:<form>:<format>` checkboxes; lib checks they fit the document.
    const attachments = Object.keys(values).flatMap((name) => {
      const [prefix, form, format] = name.split(':');
      return prefix === 'attach' && values[name] === 'on' ? [{ form, format }] : [];
    });
    const result = await queueDocumentEmail(
      getDb(),
      {
        documentId,
        template: values.template,
        to: values.to,
        subject: values.subject,
        body: values.body,
        attachments,
      },
      user,
    );
    if (!result.ok) {
      if (result.errors.documentId) notFound();
      return failed(result.errors, values);
    }
    const documentPath = `/documents/${kindSlugs[kind]}/${documentId}`;
    revalidatePath(documentPath);
    revalidatePath('/outbox');
    redirect(withEmailNotice(back ?? documentPath, result.emailId));
  },
);
