import Link from 'next/link';
import { PhoneLink } from '@/app/_components/PhoneLink';
import type { DbOrTx } from '@/db/client';
import { formatDateTime } from '@/lib/i18n/formats';
import type { Translate } from '@/lib/i18n/translate';
import { partnerCalls } from '@/lib/telephony/calls';
import type { Locale } from '@/lib/users/users';
import { callDuration } from './CallDuration';
import { CallRecording } from './CallSummary';

/** «Звонки» on the client card: the partner's calls with their history, newest first. */
export async function PartnerCalls({
  db,
  partnerId,
  t,
  locale,
}: {
  db: DbOrTx;
  partnerId: number;
  t: Translate;
  locale: Locale;
}) {
  const rows = await partnerCalls(db, partnerId);
  return (
    <section className="related partner-calls">
      <header className="page-header">
        <h2>{t('telephony.calls')}</h2>
      </header>
      {rows.length === 0 ? (
        <p className="muted">{t('telephony.calls.none')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('telephony.calls.when')}</th>
              <th>{t('telephony.calls.direction')}</th>
              <th>{t('telephony.calls.phone')}</th>
              <th>{t('telephony.calls.result')}</th>
              <th className="num">{t('telephony.calls.duration')}</th>
              <th>{t('telephony.calls.user')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((call) => (
              <tr key={call.id}>
                <td className="nowrap">
                  {call.interestId ? (
                    <Link href={`/crm/interests/${call.interestId}`}>
                      {formatDateTime(locale, call.startedAt)}
                    </Link>
                  ) : (
                    formatDateTime(locale, call.startedAt)
                  )}
                </td>
                <td>{t(`crmCard.direction.${call.direction}`)}</td>
                <td className="nowrap">
                  <PhoneLink phone={call.phone} />
                </td>
                <td>
                  {call.result ? (
                    <span className={`badge call-result-${call.result}`}>
                      {t(`telephony.result.${call.result}`)}
                    </span>
                  ) : (
                    t(`telephony.state.${call.state}`)
                  )}
                </td>
                <td className="num">{call.result === 'answered' && callDuration(t, call.durationSeconds)}</td>
                <td>{call.user}</td>
                <td>
                  <CallRecording recording={call.recording} t={t} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
