import Link from 'next/link';
import { EntityForm } from '@/app/_components/EntityForm';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { userFields } from '@/app/_server/user-fields';
import { saveUser } from '../actions';

export default async function NewUserPage() {
  await requireUser('admin');
  const { t } = await getTranslator();
  return (
    <>
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href="/admin/users">{t('users.title')}</Link>
          </p>
          <h1>
            {t('users.one')}: {t('common.new')}
          </h1>
        </div>
      </header>
      <EntityForm
        action={saveUser.bind(null, null)}
        fields={userFields(t, true)}
        values={{ role: 'manager', locale: 'ru' }}
        submitLabel={t('common.save')}
        chooseLabel={t('common.choose')}
        lookupHint=""
      />
    </>
  );
}
