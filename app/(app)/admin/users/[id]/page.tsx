import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EntityForm } from '@/app/_components/EntityForm';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { userFields } from '@/app/_server/user-fields';
import { getDb } from '@/db/client';
import { getUser } from '@/lib/users/users';
import { idFrom } from '@/lib/validation/fields';
import { changePassword, saveUser } from '../actions';

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireUser('admin');
  const { t } = await getTranslator();
  const id = idFrom((await params).id) ?? notFound();
  const user = (await getUser(getDb(), id)) ?? notFound();
  const saved = (await searchParams).saved;
  return (
    <>
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href="/admin/users">{t('users.title')}</Link>
          </p>
          <h1>
            {t('users.one')}: {user.name} <small className="muted">{user.email}</small>
          </h1>
        </div>
      </header>
      {saved && (
        <p className="notice" role="status">
          {t('common.saved')}
        </p>
      )}
      <EntityForm
        action={saveUser.bind(null, id)}
        fields={userFields(t, false)}
        values={{
          name: user.name,
          role: user.role,
          locale: user.locale,
          extension: user.extension ?? '',
          active: user.active,
        }}
        submitLabel={t('common.save')}
        chooseLabel={t('common.choose')}
        lookupHint=""
      />
      <section className="related">
        <h2>{t('users.resetPassword')}</h2>
        <EntityForm
          action={changePassword.bind(null, id)}
          fields={[{ name: 'password', label: t('field.newPassword'), type: 'password', required: true }]}
          values={{}}
          submitLabel={t('users.resetPassword')}
          chooseLabel=""
          lookupHint=""
        />
      </section>
    </>
  );
}
