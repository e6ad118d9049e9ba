import { headers } from 'next/headers';
import { EntityForm } from '@/app/_components/EntityForm';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import type { MessageKey } from '@/lib/i18n/messages';
import { getSetting } from '@/lib/settings/settings';
import { type SecretKey, secretVariables } from '@/lib/telephony/config';
import { secretSources } from '@/lib/telephony/settings';
import { saveTelephonySettingsAction } from './actions';

const secretLabels: Record<SecretKey, MessageKey> = {
  telephony_zadarma_secret: 'telephony.settings.zadarmaSecret',
  telephony_mango_api_key: 'telephony.settings.mangoApiKey',
  telephony_mango_api_salt: 'telephony.settings.mangoApiSalt',
  telephony_token: 'telephony.settings.token',
};

/** Administration → «Телефония»: the addresses to give the PBX, its secrets (write-only) and call handling. */
export default async function TelephonySettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireUser('admin');
  const { t } = await getTranslator();
  const db = getDb();
  const [sources, routeToManager, missedCallMinutes] = await Promise.all([
    secretSources(db),
    getSetting(db, 'telephony_route_to_manager'),
    getSetting(db, 'telephony_missed_call_minutes'),
  ]);
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const origin = `${h.get('x-forwarded-proto') ?? 'http'}://${host.split(',')[0]!.trim()}`;
  const status = (key: SecretKey) =>
    sources[key] === 'env'
      ? t('telephony.settings.fromEnv', { name: secretVariables[key] })
      : t(sources[key] === 'set' ? 'telephony.settings.set' : 'telephony.settings.notSet');
  const urls: [string, string][] = [
    ['Zadarma / Novofon', `${origin}/api/telephony/zadarma`],
    ['Mango Office', `${origin}/api/telephony/mango`],
    ['Asterisk, FreePBX…', `${origin}/api/telephony/webhook/<${t('telephony.settings.tokenPlaceholder')}>`],
  ];
  return (
    <>
      <header className="page-header">
        <h1>{t('nav.telephony')}</h1>
      </header>
      {(await searchParams).saved && (
        <p className="notice" role="status">
          {t('common.saved')}
        </p>
      )}
      <section>
        <h2>{t('telephony.settings.urls')}</h2>
        <table className="data-table telephony-urls">
          <tbody>
            {urls.map(([name, url]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>
                  <code>{url}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted settings-hint">{t('telephony.settings.urlsHint')}</p>
      </section>
      <section>
        <h2>{t('telephony.settings.providers')}</h2>
        <EntityForm
          action={saveTelephonySettingsAction}
          fields={[
            ...(Object.keys(secretLabels) as SecretKey[]).flatMap((key) => [
              {
                name: key,
                label: `${t(secretLabels[key])} (${status(key)})`,
                type: 'password' as const,
              },
              { name: `${key}_clear`, label: t('telephony.settings.clear'), type: 'checkbox' as const },
            ]),
            {
              name: 'telephony_route_to_manager',
              label: t('telephony.settings.routeToManager'),
              type: 'checkbox',
              wide: true,
            },
            {
              name: 'telephony_missed_call_minutes',
              label: t('telephony.settings.missedCallMinutes'),
              type: 'text',
              required: true,
            },
          ]}
          values={{
            telephony_route_to_manager: routeToManager,
            telephony_missed_call_minutes: String(missedCallMinutes),
          }}
          submitLabel={t('common.save')}
          chooseLabel=""
          lookupHint=""
        />
        <p className="muted settings-hint">{t('telephony.settings.hint')}</p>
      </section>
    </>
  );
}
