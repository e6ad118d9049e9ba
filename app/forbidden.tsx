import Link from 'next/link';
import { getTranslator } from './_server/locale';

export default async function Forbidden() {
  const { t } = await getTranslator();
  return (
    <main className="standalone">
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.text')}</p>
      <Link href="/">{t('forbidden.back')}</Link>
    </main>
  );
}
