import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EntityForm } from '@/app/_components/EntityForm';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { setupTokenValid } from '@/lib/users/setup';
import { setUp } from './actions';

export const metadata: Metadata = { title: 'Настройка' };

/**
 * The one-time link printed at a deployment's first start. It lives under /login because the proxy lets
 * anonymous visitors reach only that; without the right token, or once an administrator exists, it is a 404.
 */
export default async function SetupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const token = (await searchParams).token ?? '';
  if (!(await setupTokenValid(getDb(), token))) notFound();
  const { t } = await getTranslator();
  return (
    <main className="login">
      <section className="login-card">
        <h1>
          {t('app.name')} <small>{t('app.tagline')}</small>
        </h1>
        <h2>{t('setup.title')}</h2>
        <p className="muted">{t('setup.intro')}</p>
        <EntityForm
          action={setUp.bind(null, token)}
          fields={[
            { name: 'name', label: t('field.contactName'), type: 'text', required: true, wide: true },
            { name: 'email', label: t('field.email'), type: 'email', required: true, wide: true },
            { name: 'password', label: t('field.password'), type: 'password', required: true, wide: true },
          ]}
          values={{}}
          submitLabel={t('setup.submit')}
          chooseLabel=""
          lookupHint=""
        />
      </section>
    </main>
  );
}
