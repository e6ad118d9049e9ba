import Link from 'next/link';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { outgoingEmail } from '@/lib/email/outbox';
import { idFrom } from '@/lib/validation/fields';

/**
 * What became of the email just sent (`?email=<id>` after the send form): sent, kept in the outbox, or
 * failed with the error and a link to retry. For the document page and the interest card.
 */
export async function EmailNotice({ emailId }: { emailId: string | undefined }) {
  const id = idFrom(emailId);
  const email = id ? await outgoingEmail(getDb(), id) : null;
  if (!email) return null;
  const { t } = await getTranslator();
  if (email.status === 'failed') {
    return (
      <p className="form-error" role="alert">
        {t('email.notice.failed', { error: email.error ?? '' })}{' '}
        <Link href={`/outbox/${email.id}`}>{t('outbox.retry')}</Link>
      </p>
    );
  }
  return (
    <p className="notice" role="status">
      {t(`email.notice.${email.status}`)} <Link href={`/outbox/${email.id}`}>{email.subject}</Link>
    </p>
  );
}
