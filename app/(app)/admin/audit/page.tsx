import Link from 'next/link';
import { DateInput } from '@/app/_components/DateInput';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { auditEntities, auditJournal, parseJournalQuery } from '@/lib/audit/journal';
import { formatDateTime } from '@/lib/i18n/formats';
import { type SearchParams, toSearchParams } from '@/lib/reports/filters';
import { listStaff } from '@/lib/users/users';

/** Administration → «Журнал изменений»: the audit rows, by user, object and period, newest first. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser('admin');
  const { t, locale } = await getTranslator();
  const db = getDb();
  const params = toSearchParams(await searchParams);
  const q = parseJournalQuery(params);
  const [journal, staff, entities] = await Promise.all([
    auditJournal(db, q),
    listStaff(db),
    auditEntities(db),
  ]);
  const older = new URLSearchParams(params);
  older.set('before', String(journal.rows.at(-1)?.id ?? 0));
  return (
    <>
      <header className="page-header">
        <h1>{t('nav.audit')}</h1>
      </header>
      <p className="muted">{t('audit.intro')}</p>
      <form className="report-filters" action="/admin/audit">
        <label>
          <span>{t('report.from')}</span>
          <DateInput kind="date" name="from" defaultValue={q.from} required />
        </label>
        <label>
          <span>{t('report.to')}</span>
          <DateInput kind="date" name="to" defaultValue={q.to} required />
        </label>
        <label>
          <span>{t('audit.user')}</span>
          <select name="user" defaultValue={q.userId ?? ''}>
            <option value="">{t('audit.anyUser')}</option>
            {staff.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('audit.entity')}</span>
          <select name="entity" defaultValue={q.entity ?? ''}>
            <option value="">{t('audit.anyEntity')}</option>
            {entities.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('audit.entityId')}</span>
          <input type="number" name="id" min={1} defaultValue={q.entityId ?? ''} />
        </label>
        <button type="submit">{t('audit.show')}</button>
      </form>
      {journal.rows.length === 0 ? (
        <p className="notice">{t('audit.empty')}</p>
      ) : (
        <table className="data-table audit-journal">
          <thead>
            <tr>
              <th>{t('audit.col.at')}</th>
              <th>{t('audit.col.user')}</th>
              <th>{t('audit.col.action')}</th>
              <th>{t('audit.col.object')}</th>
              <th>{t('audit.col.data')}</th>
            </tr>
          </thead>
          <tbody>
            {journal.rows.map((row) => (
              <tr key={row.id}>
                <td>{formatDateTime(locale, row.at)}</td>
                <td>{row.userName ?? t('audit.system')}</td>
                <td>{row.action}</td>
                <td>
                  {row.entity}
                  {row.entityId ? ` № ${row.entityId}` : ''}
                </td>
                <td className="audit-data">{row.data}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {journal.more && (
        <nav className="pager">
          <Link href={`/admin/audit?${older}`}>{t('audit.older')}</Link>
        </nav>
      )}
    </>
  );
}
