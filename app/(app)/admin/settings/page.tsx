import { EntityForm } from '@/app/_components/EntityForm';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { forecastStates } from '@/lib/settings/forecast';
import { getSetting } from '@/lib/settings/settings';
import { saveDiscountLimits, saveForecastSettings, saveStockSettings } from './actions';

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireUser('admin');
  const { t } = await getTranslator();
  const db = getDb();
  const [negativeStockAllowed, limits, probabilities] = await Promise.all([
    getSetting(db, 'negative_stock_allowed'),
    getSetting(db, 'manual_discount_limits'),
    getSetting(db, 'forecast_probabilities'),
  ]);
  const roles = ['manager', 'leader', 'admin'] as const;
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
      <section>
        <h2>{t('settings.discounts')}</h2>
        <EntityForm
          action={saveDiscountLimits}
          fields={roles.map((role) => ({
            name: role,
            label: t(`settings.discountLimit.${role}`),
            type: 'money',
            required: true,
          }))}
          values={Object.fromEntries(roles.map((role) => [role, String(limits[role])]))}
          submitLabel={t('common.save')}
          chooseLabel=""
          lookupHint=""
        />
        <p className="muted settings-hint">{t('settings.discountHint')}</p>
      </section>
      <section>
        <h2>{t('settings.forecast')}</h2>
        <EntityForm
          action={saveForecastSettings}
          fields={forecastStates.map((state) => ({
            name: state,
            label: t(`crmCard.state.${state}`),
            type: 'money',
            required: true,
          }))}
          values={Object.fromEntries(
            forecastStates.map((state) => [state, String(probabilities[state] ?? 0)]),
          )}
          submitLabel={t('common.save')}
          chooseLabel=""
          lookupHint=""
        />
        <p className="muted settings-hint">{t('settings.forecastHint')}</p>
      </section>
    </>
  );
}
