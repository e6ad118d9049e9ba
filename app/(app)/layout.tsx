import Link from 'next/link';
import type { ReactNode } from 'react';
import { DemoBanner } from '@/app/_components/DemoBanner';
import { LiveFrame } from '@/app/_components/LiveFrame';
import { LiveUpdates } from '@/app/_components/LiveUpdates';
import { MenuToggle } from '@/app/_components/MenuToggle';
import { Turbo } from '@/app/_components/Turbo';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { switchLocale } from '@/app/_server/locale-action';
import { navigation } from '@/app/_server/navigation';
import { getDb } from '@/db/client';
import { getSetting } from '@/lib/settings/settings';
import { locales } from '@/lib/users/users';
import '@/app/_telephony/telephony.css';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const { t, locale } = await getTranslator();
  const demo = await getSetting(getDb(), 'demo_accounts');
  return (
    <div className="shell">
      <Turbo />
      <aside className="sidebar" id="app-menu">
        <Link href="/" className="brand">
          {t('app.name')}
          <small>{t('app.tagline')}</small>
        </Link>
        <nav aria-label="main">
          {navigation(user.role, t, locale).map((block) => (
            <details key={block.key} open>
              <summary>{t(block.key)}</summary>
              <ul>
                {block.links.map((link) => (
                  <li key={link.href}>
                    <Link href={link.href}>{link.label}</Link>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </nav>
      </aside>
      <div className="main">
        <header className="topbar">
          <MenuToggle label={t('shell.menu')} menuId="app-menu" />
          <span className="user">
            {user.name} <span className="role">{t(`role.${user.role}`)}</span>
          </span>
          <form action={switchLocale} className="locale-switch">
            <label>
              <span className="sr-only">{t('locale.label')}</span>
              <select name="locale" defaultValue={locale} aria-label={t('locale.label')}>
                {locales.map((l) => (
                  <option key={l} value={l}>
                    {t(`locale.${l}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">OK</button>
          </form>
          <Link href="/logout">{t('auth.logout')}</Link>
        </header>
        {demo && <DemoBanner t={t} />}
        <main className="content">{children}</main>
      </div>
      {/* Screen-pops of phone calls, on every page and in every tab, until dismissed (lib/telephony). */}
      <aside className="call-pops" aria-live="polite">
        <LiveFrame id="call-pops" src="/telephony/pops" topics={[`calls:${user.id}`]} />
        <LiveUpdates topics={[`calls:${user.id}`]} />
      </aside>
    </div>
  );
}
