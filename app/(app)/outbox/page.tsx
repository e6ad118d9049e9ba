import Link from 'next/link';
import { DataTable, type TableColumn, withParams } from '@/app/_components/DataTable';
import { EmailStatusBadge } from '@/app/_email/EmailStatusBadge';
import { requireOutboxUser } from '@/app/_email/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { emailStatus } from '@/db/schema';
import { kindName, kindSlugs } from '@/lib/documents/kinds';
import { listOutgoingEmails, type OutboxRow } from '@/lib/email/outbox';
import { formatDateTime } from '@/lib/i18n/formats';
import '@/app/_email/email.css';

type Search = Record<string, string | undefined>;

/** Исходящие письма: every email sent from documents, newest first, with its delivery status and error. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireOutboxUser();
  const { t, locale } = await getTranslator();
  const search = await searchParams;
  const status = emailStatus.enumValues.find((s) => s === search.status);
  const page = await listOutgoingEmails(getDb(), { page: Number(search.page) || 1, status });
  const columns: TableColumn<OutboxRow>[] = [
    { label: t('outbox.field.date'), cell: (r) => formatDateTime(locale, r.createdAt) },
    { label: t('outbox.field.to'), cell: (r) => r.to.join(', ') },
    { label: t('outbox.field.subject'), cell: (r) => <Link href={`/outbox/${r.id}`}>{r.subject}</Link> },
    {
      label: t('outbox.field.document'),
      cell: (r) =>
        r.documentId &&
        r.documentKind && (
          <Link href={`/documents/${kindSlugs[r.documentKind]}/${r.documentId}`}>
            {kindName(r.documentKind, locale)} № {r.documentNumber}
          </Link>
        ),
    },
    {
      label: t('outbox.field.status'),
      cell: (r) => (
        <span className="email-status">
          <EmailStatusBadge status={r.status} t={t} />
          {r.status === 'failed' && r.error && <span className="outbox-error">{r.error}</span>}
        </span>
      ),
    },
    { label: t('outbox.field.author'), cell: (r) => r.author },
  ];
  return (
    <>
      <header className="page-header">
        <h1>{t('nav.outbox')}</h1>
      </header>
      <nav className="outbox-filter" aria-label={t('outbox.field.status')}>
        {[undefined, ...emailStatus.enumValues].map((s) => (
          <Link
            key={s ?? 'all'}
            href={withParams('/outbox', {}, { status: s })}
            aria-current={s === status ? 'page' : undefined}
          >
            {s ? t(`outbox.status.${s}`) : t('outbox.all')}
          </Link>
        ))}
      </nav>
      <DataTable
        page={page}
        columns={columns}
        t={t}
        href={(p) => withParams('/outbox', search, { page: String(p) })}
      />
    </>
  );
}
