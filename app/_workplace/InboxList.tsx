import type { inbox } from '@/lib/crm/interactions';
import { interactionKinds } from '@/lib/crm/interactions';
import { formatDateTime } from '@/lib/i18n/formats';
import type { MessageKey } from '@/lib/i18n/messages';
import type { Translate } from '@/lib/i18n/translate';
import type { Locale } from '@/lib/users/users';
import { PhoneLink } from '../_components/PhoneLink';
import { Command } from './Command';

type Item = Awaited<ReturnType<typeof inbox>>[number];

/** Partner-card prefill for an unknown sender: an address with @ is an email, anything else a phone. */
const partnerHref = (from: string) =>
  `/catalogs/partners/new?${new URLSearchParams(from.includes('@') ? { email: from } : { phone: from })}`;

/** The inbox frame: unprocessed incoming messages, each turned into work or dismissed from here. */
export function InboxList({
  items,
  openInterests,
  back,
  error,
  t,
  locale,
}: {
  items: Item[];
  openInterests: { id: number; title: string; partnerId: number }[];
  back: string;
  error?: string;
  t: Translate;
  locale: Locale;
}) {
  return (
    <div className="inbox">
      <details className="panel log-form" open={Boolean(error)}>
        <summary>{t('workplace.log.title')}</summary>
        <Command intent="log" back={back} fields={{}} className="inline-form">
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <label>
            {t('workplace.log.kind')}
            <select name="kind" defaultValue="call">
              {interactionKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`workplace.kind.${kind}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('workplace.log.from')}
            <input name="fromAddress" />
          </label>
          <label>
            {t('workplace.log.subject')}
            <input name="subject" />
          </label>
          <label className="grow">
            {t('workplace.log.body')}
            <input name="body" />
          </label>
          <button type="submit" className="primary">
            {t('workplace.log.submit')}
          </button>
        </Command>
      </details>
      {items.length === 0 ? (
        <p className="muted empty-note">{t('workplace.inbox.empty')}</p>
      ) : (
        <table className="data-table inbox-table">
          <tbody>
            {items.map((item) => {
              const interests = openInterests.filter((i) => i.partnerId === item.partnerId);
              return (
                <tr key={item.id} data-interaction={item.id}>
                  <td className="nowrap">
                    <span className={`badge kind-${item.kind}`}>
                      {t(`workplace.kind.${item.kind}` as MessageKey)}
                    </span>
                    {item.callResult && item.callResult !== 'answered' && (
                      <>
                        {' '}
                        <span className={`badge call-result-${item.callResult}`}>
                          {t(`telephony.result.${item.callResult}`)}
                        </span>
                      </>
                    )}
                  </td>
                  <td className="nowrap muted">{formatDateTime(locale, item.at)}</td>
                  <td className="nowrap">
                    {item.partner ??
                      (item.fromAddress ? (
                        <PhoneLink phone={item.fromAddress} />
                      ) : (
                        t('workplace.inbox.unknown')
                      ))}
                    {item.contact && <div className="muted">{item.contact}</div>}
                    {item.partner && item.kind === 'call' && item.fromAddress && (
                      <div>
                        <PhoneLink phone={item.fromAddress} />
                      </div>
                    )}
                  </td>
                  <td>
                    {item.subject && <strong>{item.subject} </strong>}
                    {item.body}
                  </td>
                  <td>
                    <div className="inbox-actions">
                      {item.partnerId ? (
                        <>
                          <a
                            className="button"
                            data-turbo="false"
                            href={`/crm/interests/new?partner=${item.partnerId}&interaction=${item.id}`}
                          >
                            {t('workplace.inbox.createInterest')}
                          </a>
                          {interests.length > 0 && (
                            <Command intent="link" back={back} fields={{ interactionId: item.id }}>
                              <select name="interestId" aria-label={t('workplace.inbox.link')}>
                                {interests.map((interest) => (
                                  <option key={interest.id} value={interest.id}>
                                    {interest.title}
                                  </option>
                                ))}
                              </select>
                              <button type="submit">{t('workplace.inbox.linkButton')}</button>
                            </Command>
                          )}
                        </>
                      ) : (
                        item.fromAddress && (
                          <a className="button" data-turbo="false" href={partnerHref(item.fromAddress)}>
                            {t('workplace.inbox.createPartner')}
                          </a>
                        )
                      )}
                      <Command intent="processed" back={back} fields={{ interactionId: item.id }}>
                        <button type="submit">{t('workplace.inbox.processed')}</button>
                      </Command>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
