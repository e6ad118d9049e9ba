import Link from 'next/link';
import { DataTable } from '@/app/_components/DataTable';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { changesEverything } from '@/lib/access/rules';
import { formatDate, formatMoney } from '@/lib/i18n/translate';
import { listPlans } from '@/lib/planning/sales-plans';

/** Планы продаж: leaders and admins plan; a manager sees the plans with a line of theirs. */
export default async function SalesPlansPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; archived?: string }>;
}) {
  const user = await requireUser();
  const { t, locale } = await getTranslator();
  const search = await searchParams;
  const page = await listPlans(
    getDb(),
    { page: Number(search.page) || 1, archived: search.archived === '1' },
    user,
  );
  return (
    <>
      <header className="page-header">
        <h1>{t('plans.title')}</h1>
        {changesEverything(user) && (
          <Link className="button primary" href="/planning/sales-plans/new">
            {t('common.create')}
          </Link>
        )}
      </header>
      <DataTable
        page={page}
        t={t}
        href={(p) => `/planning/sales-plans?page=${p}`}
        columns={[
          { label: '№', cell: (r) => <Link href={`/planning/sales-plans/${r.id}`}>{r.number}</Link> },
          { label: t('plans.periodKind'), cell: (r) => t(`plans.periodKind.${r.periodKind}`) },
          { label: t('plans.period'), cell: (r) => formatDate(locale, r.periodStart) },
          { label: t('plans.total'), cell: (r) => formatMoney(locale, r.total), numeric: true },
          { label: t('plans.lines'), cell: (r) => r.lines, numeric: true },
          { label: t('documents.field.status'), cell: (r) => t(`documents.status.${r.status}`) },
          { label: t('field.comment'), cell: (r) => r.comment },
        ]}
      />
    </>
  );
}
