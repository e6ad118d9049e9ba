import Link from 'next/link';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { navigation } from '@/app/_server/navigation';

export default async function HomePage() {
  const user = await requireUser();
  const { t } = await getTranslator();
  return (
    <>
      <header className="page-header">
        <h1>{t('home.welcome', { name: user.name })}</h1>
      </header>
      <div className="home-blocks">
        {navigation(user.role).map((block) => (
          <section key={block.key} className="card">
            <h2>{t(block.key)}</h2>
            <ul>
              {block.links.map((link) => (
                <li key={link.href}>
                  <Link href={link.href}>{t(link.label)}</Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
