import { EntityForm } from '@/app/_components/EntityForm';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { formatDateTime } from '@/lib/i18n/formats';
import { mailboxState } from '@/lib/mail/settings';
import { getSetting } from '@/lib/settings/settings';
import { saveMailSettingsAction } from './actions';

/** Administration → «Почта»: the IMAP mailbox read into the inbox, and where its import stands. */
export default async function MailSettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireUser('admin');
  const { t, locale } = await getTranslator();
  const db = getDb();
  const [host, port, tls, user, password, mailbox, pollSeconds, state] = await Promise.all([
    getSetting(db, 'imap_host'),
    getSetting(db, 'imap_port'),
    getSetting(db, 'imap_tls'),
    getSetting(db, 'imap_user'),
    getSetting(db, 'imap_password'),
    getSetting(db, 'imap_mailbox'),
    getSetting(db, 'imap_poll_seconds'),
    mailboxState(db),
  ]);
  return (
    <>
      <header className="page-header">
        <h1>{t('nav.mail')}</h1>
      </header>
      {(await searchParams).saved && (
        <p className="notice" role="status">
          {t('common.saved')}
        </p>
      )}
      {state && (
        <section>
          <h2>{t('mail.settings.state')}</h2>
          <p>
            <code>{state.key}</code>
            {state.fromEnv && <> ({t('telephony.settings.fromEnv', { name: 'TORG_IMAP_URL' })})</>}
          </p>
          <p className={state.error ? 'form-error' : 'muted'} role={state.error ? 'alert' : undefined}>
            {state.error ??
              (state.checkedAt
                ? t('mail.settings.lastUid', {
                    uid: state.lastUid ?? '0',
                    at: formatDateTime(locale, new Date(state.checkedAt)),
                  })
                : t('mail.settings.never'))}
          </p>
        </section>
      )}
      <section>
        <h2>IMAP</h2>
        <EntityForm
          action={saveMailSettingsAction}
          fields={[
            { name: 'imap_host', label: t('mail.settings.host'), type: 'text' },
            { name: 'imap_port', label: t('mail.settings.port'), type: 'text', required: true },
            { name: 'imap_tls', label: t('mail.settings.tls'), type: 'checkbox' },
            { name: 'imap_user', label: t('mail.settings.user'), type: 'text' },
            {
              name: 'imap_password',
              label: `${t('mail.settings.password')} (${t(password ? 'telephony.settings.set' : 'telephony.settings.notSet')})`,
              type: 'password',
            },
            { name: 'imap_password_clear', label: t('telephony.settings.clear'), type: 'checkbox' },
            { name: 'imap_mailbox', label: t('mail.settings.mailbox'), type: 'text' },
            {
              name: 'imap_poll_seconds',
              label: t('mail.settings.pollSeconds'),
              type: 'text',
              required: true,
            },
          ]}
          values={{
            imap_host: host ?? '',
            imap_port: String(port),
            imap_tls: tls,
            imap_user: user ?? '',
            imap_mailbox: mailbox,
            imap_poll_seconds: String(pollSeconds),
          }}
          submitLabel={t('common.save')}
          chooseLabel=""
          lookupHint=""
        />
        <p className="muted settings-hint">{t('mail.settings.hint')}</p>
      </section>
    </>
  );
}
