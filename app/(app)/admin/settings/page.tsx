import { EntityForm } from '@/app/_components/EntityForm';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { getSetting } from '@/lib/settings/settings';
import { saveStockSettings } from './actions';

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireUser('admin');
  const { t } = await getTranslator();
  const negativeStockAllowed = await getSetting(getDb(), 'negative_stock_allowed');
  return (
    <>
      <header className="page-header">
        <h1>{t('nav.settings')}</h1>
      </header>
      {(await searchParams).saved && (
        <p className="notice" role="status">
          {t('common.saved')}
        </p>
      )}
      <section>
        <h2>{t('settings.stock')}</h2>
        <EntityForm
          action={saveStockSettings}
          fields={[
            {
              name: 'negative_stock_allowed',
              label: t('settings.negativeStockAllowed'),
              type: 'checkbox',
              wide: true,
            },
          ]}
          values={{ negative_stock_allowed: negativeStockAllowed }}
          submitLabel={t('common.save')}
          chooseLabel=""
          lookupHint=""
        />
        <p className="muted settings-hint">{t('settings.negativeStockHint')}</p>
      </section>
    </>
  );
}
