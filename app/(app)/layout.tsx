import Link from 'next/link';
import type { ReactNode } from 'react';
import { DemoBanner } from '@/app/_components/DemoBanner';
import { GlobalSearch } from '@/app/_components/GlobalSearch';
import { KeyboardHelp } from '@/app/_components/KeyboardHelp';
import { LiveFrame } from '@/app/_components/LiveFrame';
import { LiveUpdates } from '@/app/_components/LiveUpdates';
import { MenuToggle } from '@/app/_components/MenuToggle';
import { Turbo } from '@/app/_components/Turbo';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { switchLocale } from '@/app/_server/locale-action';
import { navigation } from '@/app/_server/navigation';
import { getDb } from '@/db/client';
import { documentKinds } from '@/lib/documents/kinds';
import { documentKindModules } from '@/lib/documents/kinds/registry';
import type { Translate } from '@/lib/i18n/translate';
import { searchKinds } from '@/lib/search/search';
import { getSetting } from '@/lib/settings/settings';
import { type Locale, locales } from '@/lib/users/users';
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
          <GlobalSearch labels={searchLabels(t, locale)} locale={locale} />
          <KeyboardHelp {...keyboardHelp(t)} />
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

function searchLabels(t: Translate, locale: Locale) {
  return {
    label: t('search.label'),
    placeholder: t('search.placeholder'),
    empty: t('search.empty'),
    mine: t('search.mine'),
    groups: Object.fromEntries(searchKinds.map((k) => [k, t(`search.group.${k}`)])) as Record<
      (typeof searchKinds)[number],
      string
    >,
    kinds: Object.fromEntries(
      documentKinds.map((k) => [k, documentKindModules[k].names[locale].abbreviations[0] ?? '']),
    ),
    statuses: Object.fromEntries(
      (['draft', 'posted', 'deleted'] as const).map((s) => [s, t(`documents.status.${s}`)]),
    ),
  };
}

/** The «?» overlay's list: what the keys of GlobalSearch, LookupInput and form-keys.ts do. */
function keyboardHelp(t: Translate) {
  return {
    title: t('keys.title'),
    close: t('keys.close'),
    hint: t('keys.hint'),
    groups: [
      {
        title: t('keys.group.everywhere'),
        keys: [
          { keys: ['Ctrl+K', '⌘K'], what: t('keys.search') },
          { keys: ['?'], what: t('keys.help') },
          { keys: ['Esc'], what: t('keys.escape') },
        ],
      },
      {
        title: t('keys.group.lines'),
        keys: [
          { keys: ['Ins', 'Alt+Insert'], what: t('keys.addLine') },
          { keys: ['Del'], what: t('keys.removeLine') },
          { keys: ['Enter'], what: t('keys.nextField') },
          { keys: ['Ctrl+S'], what: t('keys.save') },
          { keys: ['Ctrl+Enter'], what: t('keys.post') },
        ],
      },
      {
        title: t('keys.group.pickers'),
        keys: [
          { keys: ['F4', 'Alt+↓'], what: t('keys.openPicker') },
          { keys: ['↑', '↓'], what: t('keys.movePicker') },
          { keys: ['Enter'], what: t('keys.choose') },
        ],
      },
    ],
  };
}
