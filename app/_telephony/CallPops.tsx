import { PhoneLink } from '@/app/_components/PhoneLink';
import { formatDateTime } from '@/lib/i18n/formats';
import type { MessageKey } from '@/lib/i18n/messages';
import { formatMoney, type Translate } from '@/lib/i18n/translate';
import type { Pop } from '@/lib/telephony/pops';
import type { Locale } from '@/lib/users/users';
import { callDuration } from './CallDuration';

/**
 * The screen-pops of one user: plain HTML inside the shell's `call-pops` Turbo Frame, reloaded when
 * `calls:<user>` is published. Links leave the frame (`_top`); «Закрыть» posts to /telephony/commands, whose
 * redirect brings the frame back without the pop.
 */
export function CallPops({ pops, t, locale }: { pops: Pop[]; t: Translate; locale: Locale }) {
  return pops.map((pop) => (
    <section
      key={pop.popId}
      className={`call-pop call-${pop.state}${pop.result && pop.result !== 'answered' ? ' call-missed' : ''}`}
      aria-label={t(pop.direction === 'incoming' ? 'telephony.pop.incoming' : 'telephony.pop.outgoing')}
      data-call={pop.callId}
    >
      <header>
        <span className="call-pop-title">
          {t(pop.direction === 'incoming' ? 'telephony.pop.incoming' : 'telephony.pop.outgoing')}{' '}
          <PhoneLink phone={pop.phone} />
        </span>
        <form action="/telephony/commands" method="post">
          <input type="hidden" name="popId" value={pop.popId} />
          <button type="submit" className="call-pop-dismiss" aria-label={t('telephony.pop.dismiss')}>
            ×
          </button>
        </form>
      </header>
      <p className="call-pop-state muted">
        {pop.state === 'ended' && pop.result
          ? `${t(`telephony.result.${pop.result}`)} ${callDuration(t, pop.durationSeconds)}`
          : t(`telephony.state.${pop.state}`)}{' '}
        · {formatDateTime(locale, pop.startedAt)}
      </p>
      {pop.partnerId ? (
        <>
          <p className="call-pop-client">
            <strong>
              <a href={`/catalogs/partners/${pop.partnerId}`} target="_top" data-turbo="false">
                {pop.partner}
              </a>
            </strong>
            {pop.contact && (
              <>
                {' '}
                · {pop.contact}
                {pop.position && <span className="muted"> ({pop.position})</span>}
              </>
            )}
          </p>
          <dl className="call-pop-facts">
            <dt>{t('telephony.pop.interests')}</dt>
            <dd>
              {pop.openInterests.length === 0 ? (
                <span className="muted">{t('telephony.pop.noInterests')}</span>
              ) : (
                <ul>
                  {pop.openInterests.map((i) => (
                    <li key={i.id}>
                      <a href={`/crm/interests/${i.id}`} target="_top" data-turbo="false">
                        {i.title}
                      </a>{' '}
                      <span className={`badge state-${i.state}`}>{t(`crmCard.state.${i.state}`)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>{t('telephony.pop.debt')}</dt>
            <dd className={Number(pop.debt) > 0 ? 'call-pop-debt' : undefined}>
              {formatMoney(locale, pop.debt)}
            </dd>
            {pop.recent.length > 0 && (
              <>
                <dt>{t('telephony.pop.recent')}</dt>
                <dd>
                  <ul>
                    {pop.recent.map((r) => (
                      <li key={r.id}>
                        <span className="muted">
                          {formatDateTime(locale, r.at)} · {t(`crmCard.kind.${r.kind}` as MessageKey)}
                        </span>{' '}
                        {(r.subject ?? r.body ?? '').slice(0, 80)}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
        </>
      ) : (
        <p className="call-pop-client">
          <strong>{t('telephony.pop.unknown')}</strong>
        </p>
      )}
      {pop.others.length > 0 && (
        <p className="muted call-pop-others">
          {t('telephony.pop.alsoThisNumber')}:{' '}
          {pop.others.map((o, i) => (
            <span key={o.partnerId}>
              {i > 0 && ', '}
              <a href={`/catalogs/partners/${o.partnerId}`} target="_top" data-turbo="false">
                {o.partner}
              </a>
            </span>
          ))}
        </p>
      )}
      <div className="call-pop-actions">
        {pop.partnerId ? (
          <>
            <a
              className="button"
              href={`/catalogs/partners/${pop.partnerId}`}
              target="_top"
              data-turbo="false"
            >
              {t('telephony.pop.openCard')}
            </a>
            <a
              className="button primary"
              href={`/crm/interests/new?partner=${pop.partnerId}&interaction=${pop.interactionId}`}
              target="_top"
              data-turbo="false"
            >
              {t('telephony.pop.createInterest')}
            </a>
          </>
        ) : (
          <a
            className="button primary"
            href={`/catalogs/partners/new?${new URLSearchParams({ phone: pop.phone })}`}
            target="_top"
            data-turbo="false"
          >
            {t('telephony.pop.newClient')}
          </a>
        )}
      </div>
    </section>
  ));
}
