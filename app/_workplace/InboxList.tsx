import type { InboxChannel, inbox } from '@/lib/crm/interactions';
import { inboxChannels, interactionKinds } from '@/lib/crm/interactions';
import { formatDateTime } from '@/lib/i18n/formats';
import type { MessageKey } from '@/lib/i18n/messages';
import type { Translate } from '@/lib/i18n/translate';
import type { Locale } from '@/lib/users/users';
import { LetterFrame } from '../_components/LetterFrame';
import { PhoneLink } from '../_components/PhoneLink';
import { Command } from './Command';
import { frameSrc } from './frames';

type Item = Awaited<ReturnType<typeof inbox>>[number];

/**
 * «Создать партнёра» for an unknown sender, the card prefilled: a letter's address, a Telegram user's
 * name and shared phone, a caller's number.
 */
function partnerHref(item: Item): string | null {
  const prefill: Record<string, string> = {};
  if (item.letter?.from) prefill.email = item.letter.from;
  else if (item.telegram) {
    if (item.telegram.name) prefill.name = item.telegram.name;
    if (item.telegram.phone) prefill.phone = item.telegram.phone;
  } else if (item.fromAddress) prefill[item.fromAddress.includes('@') ? 'email' : 'phone'] = item.fromAddress;
  return Object.keys(prefill).length ? `/catalogs/partners/new?${new URLSearchParams(prefill)}` : null;
}

type OpenInterest = { id: number; title: string; partnerId: number; partner: string };

/** «Связать»: the item goes into the chosen interest and is processed. */
function LinkForm({
  item,
  interests,
  back,
  t,
  withPartner,
}: {
  item: Item;
  interests: OpenInterest[];
  back: string;
  t: Translate;
  withPartner?: boolean;
}) {
  if (interests.length === 0) return null;
  return (
    <Command intent="link" back={back} fields={{ interactionId: item.id }}>
      <select name="interestId" aria-label={t('workplace.inbox.link')}>
        {interests.map((interest) => (
          <option key={interest.id} value={interest.id}>
            {withPartner ? `${interest.partner} · ${interest.title}` : interest.title}
          </option>
        ))}
      </select>
      <button type="submit">{t('workplace.inbox.linkButton')}</button>
    </Command>
  );
}

/** Who an item is from when no partner is known yet. */
function Sender({ item, t }: { item: Item; t: Translate }) {
  if (item.telegram)
    return (
      <>
        {item.telegram.name ?? t('workplace.inbox.unknown')}
        {item.telegram.username && <div className="muted">@{item.telegram.username}</div>}
      </>
    );
  if (item.letter?.from) return <>{item.letter.from}</>;
  return item.fromAddress ? <PhoneLink phone={item.fromAddress} /> : t('workplace.inbox.unknown');
}

/** The inbox frame: unprocessed incoming messages, each turned into work or dismissed from here. */
export function InboxList({
  items,
  channel,
  openInterests,
  unlinkedTargets,
  back,
  error,
  t,
  locale,
}: {
  items: Item[];
  channel: InboxChannel | undefined;
  openInterests: OpenInterest[];
  /** Where an item from someone unknown may go: the user's open interests (everyone's for leaders). */
  unlinkedTargets: OpenInterest[];
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
      <nav className="segmented inbox-channels" aria-label={t('workplace.tab.inbox')}>
        {[undefined, ...inboxChannels].map((c) => (
          <a
            key={c ?? 'all'}
            href={frameSrc('inbox', { channel: c })}
            aria-current={c === channel ? 'page' : undefined}
          >
            {c ? t(`workplace.kind.${c}`) : t('inbox.channel.all')}
          </a>
        ))}
      </nav>
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
                    {item.partner ?? <Sender item={item} t={t} />}
                    {item.contact && <div className="muted">{item.contact}</div>}
                    {item.partner && item.kind === 'call' && item.fromAddress && (
                      <div>
                        <PhoneLink phone={item.fromAddress} />
                      </div>
                    )}
                  </td>
                  <td>
                    {item.subject && <strong>{item.subject} </strong>}
                    <span className="inbox-body">{item.body}</span>
                    {item.telegram?.closed && (
                      <div>
                        <span className="badge telegram-closed">{t('telegram.chatClosed')}</span>
                      </div>
                    )}
                    {item.letter?.html && <LetterFrame interactionId={item.id} label={t('mail.html')} />}
                    {((item.telegram && !item.telegram.closed) || item.letter?.from) && (
                      <details className="inbox-reply">
                        <summary>{t('inbox.reply')}</summary>
                        <Command
                          intent="reply"
                          back={back}
                          fields={{ interactionId: item.id }}
                          className="inline-form"
                        >
                          <label className="grow">
                            {t('telegram.replyText')}
                            <textarea
                              name="text"
                              rows={2}
                              maxLength={item.telegram ? 4096 : 20_000}
                              required
                            />
                          </label>
                          <button type="submit" className="primary">
                            {t('telegram.send')}
                          </button>
                        </Command>
                      </details>
                    )}
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
                          <LinkForm item={item} interests={interests} back={back} t={t} />
                        </>
                      ) : (
                        <>
                          {/* From someone unknown: into one of the user's open interests (its client is then known). */}
                          <LinkForm item={item} interests={unlinkedTargets} back={back} t={t} withPartner />
                          {partnerHref(item) && (
                            <a className="button" data-turbo="false" href={partnerHref(item)!}>
                              {t('workplace.inbox.createPartner')}
                            </a>
                          )}
                        </>
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
