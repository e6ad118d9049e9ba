import Link from 'next/link';
import { DataTable, withParams } from '@/app/_components/DataTable';
import { EntityForm } from '@/app/_components/EntityForm';
import { ListToolbar } from '@/app/_components/ListToolbar';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { DEMO_PASSWORD } from '@/db/demo-accounts';
import { getSetting } from '@/lib/settings/settings';
import { listUsers } from '@/lib/users/users';
import { removeDemo } from './actions';

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireUser('admin');
  const { t } = await getTranslator();
  const search = await searchParams;
  const db = getDb();
  const [page, demo] = await Promise.all([
    listUsers(db, { q: search.q, page: Number(search.page) || 1 }),
    getSetting(db, 'demo_accounts'),
  ]);
  const rows = page.rows.map((r) => ({ ...r, archivedAt: r.active ? null : new Date(0) }));
  return (
    <>
      <header className="page-header">
        <h1>{t('users.title')}</h1>
        <ListToolbar path="/admin/users" search={search} t={t} createHref="/admin/users/new" />
      </header>
      {search.demoRemoved && (
        <p className="notice" role="status">
          {t('users.demoRemoved')}
        </p>
      )}
      {demo && (
        <section className="panel">
          <h2>{t('users.demoTitle')}</h2>
          <p className="muted">{t('users.demoHint', { password: DEMO_PASSWORD })}</p>
          <EntityForm
            action={removeDemo}
            fields={[]}
            values={{}}
            submitLabel={t('users.demoRemove')}
            chooseLabel=""
            lookupHint=""
          />
        </section>
      )}
      <DataTable
        page={{ ...page, rows }}
        t={t}
        href={(p) => withParams('/admin/users', search, { page: String(p) })}
        columns={[
          { label: t('field.contactName'), cell: (r) => <Link href={`/admin/users/${r.id}`}>{r.name}</Link> },
          { label: t('field.email'), cell: (r) => r.email },
          { label: t('field.role'), cell: (r) => t(`role.${r.role}`) },
          { label: t('field.active'), cell: (r) => (r.active ? t('common.yes') : t('users.inactive')) },
        ]}
      />
    </>
  );
}
