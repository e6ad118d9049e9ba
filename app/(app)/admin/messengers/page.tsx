import { EntityForm } from '@/app/_components/EntityForm';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { errorText } from '@/lib/i18n/translate';
import { getSetting } from '@/lib/settings/settings';
import { telegramConfig } from '@/lib/telegram/config';
import { saveTelegramSettingsAction, setTelegramWebhookAction } from './actions';
import { webhookUrl } from './webhook-url';

/** Administration → «Мессенджеры»: the Telegram bot — its token (write-only), /start asking for the phone, the webhook. */
export default async function MessengersSettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireUser('admin');
  const { t } = await getTranslator();
  const db = getDb();
  const [config, storedToken] = await Promise.all([telegramConfig(db), getSetting(db, 'telegram_bot_token')]);
  const search = await searchParams;
  const url = await webhookUrl();
  const tokenState = process.env.TORG_TELEGRAM_BOT_TOKEN
    ? t('telephony.settings.fromEnv', { name: 'TORG_TELEGRAM_BOT_TOKEN' })
    : t(storedToken ? 'telephony.settings.set' : 'telephony.settings.notSet');
  const failure = search.failed === 'no_token' ? errorText(t, 'no_token') : search.failed;
  return (
    <>
      <header className="page-header">
        <h1>{t('nav.messengers')}</h1>
      </header>
      {search.saved && (
        <p className="notice" role="status">
          {t('common.saved')}
        </p>
      )}
      {search.webhook === 'set' && (
        <p className="notice" role="status">
          {t('telegram.settings.webhookSet', { url })}
        </p>
      )}
      {failure && (
        <p className="form-error" role="alert">
          {t('telegram.settings.webhookFailed', { reason: failure })}
        </p>
      )}
      <section>
        <h2>Telegram</h2>
        <EntityForm
          action={saveTelegramSettingsAction}
          fields={[
            {
              name: 'telegram_bot_token',
              label: `${t('telegram.settings.token')} (${tokenState})`,
              type: 'password',
            },
            { name: 'telegram_bot_token_clear', label: t('telephony.settings.clear'), type: 'checkbox' },
            {
              name: 'telegram_ask_phone',
              label: t('telegram.settings.askPhone'),
              type: 'checkbox',
              wide: true,
            },
          ]}
          values={{ telegram_ask_phone: config.askPhone }}
          submitLabel={t('common.save')}
          chooseLabel=""
          lookupHint=""
        />
        <p className="muted settings-hint">{t('telegram.settings.hint')}</p>
      </section>
      <section>
        <h2>{t('telegram.settings.webhook')}</h2>
        <p>
          <code>{url}</code>
        </p>
        <form action={setTelegramWebhookAction}>
          <button type="submit" disabled={!config.token}>
            {t('telegram.settings.setWebhook')}
          </button>
        </form>
      </section>
    </>
  );
}
