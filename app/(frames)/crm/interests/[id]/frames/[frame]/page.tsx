import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { FactList } from '@/app/_components/FactList';
import { LetterFrame } from '@/app/_components/LetterFrame';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { CallSummary } from '@/app/_telephony/CallSummary';
import { getDb } from '@/db/client';
import { canEditOwned } from '@/lib/access/rules';
import { type FeedItem, type FeedType, feedTypes, interestFeed, parseFeedTypes } from '@/lib/crm/feed';
import { interestCard, interestDocuments, interestTasks } from '@/lib/crm/interest-card';
import { stateCauseText } from '@/lib/crm/state-cause';
import type { DeliveryStatus, StopResult } from '@/lib/delivery/deliveries';
import { type DocumentKind, kindName, kindSlugs } from '@/lib/documents/kinds';
import { formatDateTime } from '@/lib/i18n/formats';
import type { MessageKey } from '@/lib/i18n/messages';
import { formatDate, formatMoney, type Translate } from '@/lib/i18n/translate';
import type { Locale, SessionUser } from '@/lib/users/users';
import { idFrom } from '@/lib/validation/fields';

type Card = NonNullable<Awaited<ReturnType<typeof interestCard>>>;
type Context = { id: number; card: Card; user: SessionUser; t: Translate; locale: Locale; types: FeedType[] };

/**
 * The interest card's Turbo Frames: each renders `<turbo-frame id="interest-<frame>">` with its part,
 * and Turbo swaps it into the card (on load and whenever `interest:<id>` is published). No app shell:
 * this page lives outside (app), so only the frame is sent along with the root layout.
 */
export default async function InterestFramePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; frame: string }>;
  searchParams: Promise<{ types?: string }>;
}) {
  const user = await requireUser();
  const { t, locale } = await getTranslator();
  const { id: rawId, frame } = await params;
  const id = idFrom(rawId);
  const render = Object.hasOwn(frames, frame) ? frames[frame] : undefined;
  if (!render || !id) notFound();
  const card = await interestCard(getDb(), id);
  if (!card) notFound();
  const types = parseFeedTypes((await searchParams).types);
  return (
    <turbo-frame id={`interest-${frame}`}>{await render({ id, card, user, t, locale, types })}</turbo-frame>
  );
}

const frames: Record<string, (c: Context) => Promise<ReactNode>> = {
  async header({ card, t, locale }) {
    const { interest } = card;
    const facts: [string, ReactNode][] = [
      [
        t('field.partner'),
        <Link key="p" href={`/catalogs/partners/${interest.partnerId}`} target="_top" data-turbo="false">
          {card.partner}
        </Link>,
      ],
      [t('crmCard.field.contact'), card.contact],
      [t('field.responsible'), card.responsible],
      [t('crmCard.field.source'), card.source],
      [
        t('crmCard.field.expectedAmount'),
        interest.expectedAmount && formatMoney(locale, interest.expectedAmount),
      ],
      [t('crmCard.field.documentsAmount'), card.documentsAmount && formatMoney(locale, card.documentsAmount)],
      [
        t('crmCard.field.expectedCloseDate'),
        interest.expectedCloseDate && formatDate(locale, interest.expectedCloseDate),
      ],
      [t('field.priceType'), card.priceType],
      [t('crmCard.field.lossReason'), card.lossReason],
    ];
    return (
      <section className="card interest-header">
        <FactList facts={facts} />
        {interest.description && <p className="interest-description">{interest.description}</p>}
      </section>
    );
  },

  async tasks({ id, card, user, t, locale }) {
    const { pending, done } = await interestTasks(getDb(), id);
    const editable = canEditOwned(user, card.interest);
    const now = Date.now();
    const row = (task: (typeof pending)[number], isDone: boolean) => (
      <tr key={task.id} className={!isDone && task.dueAt.getTime() < now ? 'overdue' : undefined}>
        <td>{task.title}</td>
        <td>
          {formatDateTime(locale, task.dueAt)}
          {!isDone && task.dueAt.getTime() < now && (
            <span className="badge overdue">{t('crmCard.tasks.overdue')}</span>
          )}
        </td>
        <td>{task.responsible}</td>
        <td className="num">
          {editable && (
            <button type="button" data-task={task.id} data-done={isDone ? '0' : '1'}>
              {t(isDone ? 'crmCard.tasks.reopen' : 'crmCard.tasks.markDone')}
            </button>
          )}
        </td>
      </tr>
    );
    const table = (caption: MessageKey, rows: typeof pending, isDone: boolean) =>
      rows.length === 0 ? (
        <p className="muted">
          {t(caption)}: {t('crmCard.tasks.none').toLowerCase()}
        </p>
      ) : (
        <table className="data-table interest-tasks">
          <caption>{t(caption)}</caption>
          <thead>
            <tr>
              <th>{t('crmCard.tasks.title')}</th>
              <th>{t('crmCard.tasks.due')}</th>
              <th>{t('field.responsible')}</th>
              <th />
            </tr>
          </thead>
          <tbody>{rows.map((task) => row(task, isDone))}</tbody>
        </table>
      );
    if (pending.length + done.length === 0) return <p className="muted">{t('crmCard.tasks.none')}</p>;
    return (
      <>
        {table('crmCard.tasks.open', pending, false)}
        {done.length > 0 && table('crmCard.tasks.done', done, true)}
      </>
    );
  },

  async documents({ id, t, locale }) {
    const rows = await interestDocuments(getDb(), id);
    if (rows.length === 0) return <p className="muted">{t('crmCard.documents.none')}</p>;
    const numbers = new Map(rows.map((d) => [d.id, d.number]));
    return (
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('crmCard.documents.kind')}</th>
            <th>{t('crmCard.documents.number')}</th>
            <th>{t('crmCard.documents.date')}</th>
            <th>{t('field.partner')}</th>
            <th className="num">{t('crmCard.field.amount')}</th>
            <th>{t('crmCard.documents.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <td>
                {kindName(d.kind as DocumentKind, locale)}
                {d.basedOnId && numbers.has(d.basedOnId) && (
                  <span className="muted">
                    {' '}
                    ({t('crmCard.documents.basedOn')} № {numbers.get(d.basedOnId)})
                  </span>
                )}
              </td>
              <td>
                <Link
                  href={`/documents/${kindSlugs[d.kind as DocumentKind]}/${d.id}`}
                  target="_top"
                  data-turbo="false"
                >
                  {d.number}
                </Link>
              </td>
              <td>{formatDate(locale, new Date(d.date))}</td>
              <td>{d.partner}</td>
              <td className="num">{formatMoney(locale, d.amount)}</td>
              <td>{documentStatusText(t, d.status, d.offerStatus)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  },

  async feed({ id, t, locale, types }) {
    const items = await interestFeed(getDb(), id, types.length ? types : feedTypes);
    if (items.length === 0) return <p className="muted">{t('crmCard.feed.none')}</p>;
    return (
      <ol className="feed">
        {items.map((item) => (
          <li key={item.key} className={`feed-item feed-${item.type}`}>
            <div className="feed-meta">
              <span className="feed-kind">{feedKind(item, t, locale)}</span>
              <span>{item.userName ?? t('crmCard.feed.system')}</span>
              <time dateTime={new Date(item.at).toISOString()}>
                {formatDateTime(locale, new Date(item.at))}
              </time>
            </div>
            <div className="feed-body">{feedText(item, t, locale)}</div>
          </li>
        ))}
      </ol>
    );
  },
};

/** A document's posting status; an offer's status with the client instead, as offers are never posted. */
function documentStatusText(t: Translate, status: string, offerStatus: string | null): string {
  return offerStatus && status !== 'deleted'
    ? t(`sales.offerStatus.${offerStatus}` as MessageKey)
    : t(`crmCard.status.${status}` as MessageKey);
}

function feedKind(item: FeedItem, t: Translate, locale: Locale): string {
  if (item.type === 'document') return kindName(item.detail!.split(':')[0] as DocumentKind, locale);
  if (item.type === 'event') return t('crmCard.feed.type.event');
  if (item.type === 'delivery') return t('delivery.task');
  return `${t(`crmCard.kind.${item.type}`)} · ${t(`crmCard.direction.${item.detail as 'incoming' | 'outgoing'}`)}`;
}

function feedText(item: FeedItem, t: Translate, locale: Locale): ReactNode {
  if (item.type === 'document') {
    const [kind, status, offerStatus] = item.detail!.split(':') as [DocumentKind, string, string];
    return (
      <>
        <Link href={`/documents/${kindSlugs[kind]}/${item.refId}`} target="_top" data-turbo="false">
          № {item.title}
        </Link>{' '}
        <span className="muted">{documentStatusText(t, status, offerStatus || null)}</span>
        {item.body && <p>{item.body}</p>}
      </>
    );
  }
  if (item.type === 'delivery') {
    const [status, result] = item.detail!.split(':') as [DeliveryStatus, StopResult];
    return (
      <>
        <Link href={`/delivery/${item.refId}`} target="_top" data-turbo="false">
          № {item.title}
        </Link>{' '}
        <span className="muted">{t(`delivery.status.${status}`)}</span>
        {result !== 'pending' && <span> · {t(`delivery.result.${result}`)}</span>}
        {item.body && <p>{item.body}</p>}
      </>
    );
  }
  if (item.type === 'event') {
    const [from = '', to = ''] = (item.title ?? '').split(' → ');
    const stateName = (s: string) => t(`crmCard.state.${s}` as MessageKey);
    return (
      <>
        {item.detail === 'state'
          ? t('crmCard.feed.stateChange', { from: stateName(from), to: stateName(to) })
          : t('crmCard.feed.reassigned', { from, to })}
        {item.cause && <span className="muted"> — {stateCauseText(t, locale, item.cause)}</span>}
      </>
    );
  }
  if (item.call) return <CallSummary call={item.call} t={t} />;
  return (
    <>
      {item.title && <strong>{item.title}</strong>}
      {item.body && <p className="feed-text">{item.body}</p>}
      {item.telegramStatus && item.telegramStatus !== 'received' && (
        <span className={`badge telegram-${item.telegramStatus}`}>
          {t(`telegram.status.${item.telegramStatus}`)}
        </span>
      )}
      {item.letter && <LetterNotes letter={item.letter} id={item.refId} t={t} />}
      {item.attachments && (
        <ul className="feed-attachments">
          {item.attachments.map((a) => (
            <li key={a.id}>
              <a href={`/api/attachments/${a.id}`} data-turbo="false" download>
                📎 {a.name}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** An incoming letter's HTML (in a sandboxed frame) and what of it was not kept. */
function LetterNotes({
  letter,
  id,
  t,
}: {
  letter: NonNullable<FeedItem['letter']>;
  id: number;
  t: Translate;
}) {
  return (
    <>
      {letter.html && <LetterFrame interactionId={id} label={t('mail.html')} />}
      {letter.tooLarge && <p className="muted">{t('mail.tooLarge')}</p>}
      {letter.unreadable && <p className="muted">{t('mail.unreadable')}</p>}
      {letter.skipped && letter.skipped.length > 0 && (
        <p className="muted">{t('mail.skipped', { files: letter.skipped.map((f) => f.name).join(', ') })}</p>
      )}
    </>
  );
}
