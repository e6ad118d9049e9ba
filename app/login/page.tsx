import type { Metadata } from 'next';
import { DemoBanner } from '@/app/_components/DemoBanner';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { DEMO_PASSWORD, demoUsers } from '@/db/demo-accounts';
import { getSetting } from '@/lib/settings/settings';
import { setupNeeded } from '@/lib/users/setup';
import { LoginForm } from './LoginForm';

export const metadata: Metadata = { title: 'Вход' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { t } = await getTranslator();
  const search = await searchParams;
  const db = getDb();
  const [showDemoAccounts, needsSetup] = await Promise.all([
    getSetting(db, 'demo_accounts'),
    setupNeeded(db),
  ]);
  return (
    <main className="login">
      <section className="login-card">
        <h1>
          {t('app.name')} <small>{t('app.tagline')}</small>
        </h1>
        <h2>{t('auth.title')}</h2>
        {showDemoAccounts && <DemoBanner t={t} />}
        {search.expired && <p className="notice">{t('auth.expired')}</p>}
        {search.setup === 'done' && (
          <p className="notice" role="status">
            {t('auth.setupDone')}
          </p>
        )}
        {needsSetup ? (
          <p className="notice" role="status">
            {t('auth.setupNeeded')}
          </p>
        ) : (
          <LoginForm
            next={search.next ?? '/'}
            labels={{ email: t('auth.email'), password: t('auth.password'), submit: t('auth.submit') }}
          />
        )}
        {showDemoAccounts && (
          <aside className="demo-accounts">
            <h3>{t('auth.demo', { password: DEMO_PASSWORD })}</h3>
            <table>
              <tbody>
                {demoUsers.map((u) => (
                  <tr key={u.email}>
                    <td>{u.email}</td>
                    <td>{t(`role.${u.role}`)}</td>
                    <td>{u.name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </aside>
        )}
      </section>
    </main>
  );
}
