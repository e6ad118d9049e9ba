import Link from 'next/link';
import { getTranslator } from './_server/locale';

export default async function NotFound() {
  const { t } = await getTranslator();
  return (
    <main className="standalone">
      <h1>{t('notFound.title')}</h1>
      <Link href="/">{t('forbidden.back')}</Link>
    </main>
  );
}
