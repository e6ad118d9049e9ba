import { getTranslator } from '@/app/_server/locale';
import { logout } from '../login/actions';

/** Sign-out is a POST (a link alone must not sign anyone out), confirmed on this page. */
export default async function LogoutPage() {
  const { t } = await getTranslator();
  return (
    <main className="login">
      <section className="login-card">
        <h2>{t('auth.logoutConfirm')}</h2>
        <form action={logout}>
          <button type="submit" className="primary">
            {t('auth.logout')}
          </button>
        </form>
      </section>
    </main>
  );
}
