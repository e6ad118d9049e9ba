import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FactList } from '@/app/_components/FactList';
import { EmailStatusBadge } from '@/app/_email/EmailStatusBadge';
import { requireOutboxUser } from '@/app/_email/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { kindName, kindSlugs } from '@/lib/documents/kinds';
import { outgoingEmail } from '@/lib/email/outbox';
import { formatDateTime } from '@/lib/i18n/formats';
import { retryEmailAction } from '../actions';
import '@/app/_components/report.css';
import '@/app/_email/email.css';
import { idFrom } from '@/lib/validation/fields';

/**
 * One letter as the recipient will see it: the HTML in a sandboxed frame (no scripts, no access to the
 * app), its attachments to download, and «Повторить отправку» while it is not delivered.
 */
export default async function OutgoingEmailPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireOutboxUser();
  const id = idFrom((await params).id);
  const email = id ? await outgoingEmail(getDb(), id) : null;
  if (!email) notFound();
  const { t, locale } = await getTranslator();
  const retried = (await searchParams).retried;
  const kb = (size: number) => `${Math.max(1, Math.round(size / 1024))} KB`;
  return (
    <>
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href="/outbox">{t('nav.outbox')}</Link>
          </p>
          <h1>
            {email.subject}
            <EmailStatusBadge status={email.status} t={t} />
          </h1>
        </div>
        {(email.status === 'failed' || email.status === 'queued') && (
          <form action={retryEmailAction.bind(null, email.id)} className="toolbar">
            <button type="submit" className="primary">
              {t('outbox.retry')}
            </button>
          </form>
        )}
      </header>
      {retried && (
        <p className={email.status === 'failed' ? 'form-error' : 'notice'} role="status">
          {t('email.notice.retried', { status: t(`outbox.status.${email.status}`) })}
        </p>
      )}
      <div className="letter-facts">
        <FactList
          facts={[
            [t('outbox.field.from'), email.fromAddress],
            [t('outbox.field.to'), email.to.join(', ')],
            [t('outbox.field.date'), formatDateTime(locale, email.createdAt)],
            [t('outbox.field.sentAt'), email.sentAt && formatDateTime(locale, email.sentAt)],
            [
              t('outbox.field.document'),
              email.documentId && email.documentKind && (
                <Link href={`/documents/${kindSlugs[email.documentKind]}/${email.documentId}`}>
                  {kindName(email.documentKind, locale)} № {email.documentNumber}
                </Link>
              ),
            ],
            [
              t('outbox.field.interest'),
              email.interestId && (
                <Link href={`/crm/interests/${email.interestId}`}>{t('outbox.openInterest')}</Link>
              ),
            ],
            [t('outbox.field.author'), email.author],
            [t('outbox.field.attempts'), email.attempts > 0 && String(email.attempts)],
            [t('outbox.field.error'), email.error && <span className="outbox-error">{email.error}</span>],
          ]}
        />
      </div>
      <h2>{t('outbox.attachments')}</h2>
      {email.attachments.length === 0 ? (
        <p className="muted">{t('outbox.noAttachments')}</p>
      ) : (
        <ul className="letter-attachments">
          {email.attachments.map((a) => (
            <li key={a.id}>
              <a href={`/api/attachments/${a.id}`} data-turbo="false" download>
                {a.fileName}
              </a>{' '}
              <span className="muted">{kb(a.size)}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('outbox.letter')}</h2>
      <iframe className="letter-frame" title={t('outbox.letter')} sandbox="" srcDoc={email.html} />
    </>
  );
}
