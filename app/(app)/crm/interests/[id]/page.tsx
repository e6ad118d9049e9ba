import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EntityForm } from '@/app/_components/EntityForm';
import { LiveFrame } from '@/app/_components/LiveFrame';
import { LiveRefresh } from '@/app/_components/LiveRefresh';
import { LiveUpdates } from '@/app/_components/LiveUpdates';
import { EmailNotice } from '@/app/_email/EmailNotice';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { canEditOwned } from '@/lib/access/rules';
import { feedTypes, parseFeedTypes } from '@/lib/crm/feed';
import { interactionKinds, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '@/lib/crm/interactions';
import { interestCard, interestFormOptions, interestLinesOf } from '@/lib/crm/interest-card';
import { manualStates } from '@/lib/crm/interest-state';
import { kindName, kindSlugs } from '@/lib/documents/kinds';
import { intlLocale } from '@/lib/i18n/translate';
import { interestHasChat } from '@/lib/telegram/reply';
import {
  type CardTab,
  cardTabs,
  interestFields,
  interestFormLabels,
  interestValues,
} from '../_components/form-spec';
import { InterestForm } from '../_components/InterestForm';
import { StateControl } from '../_components/StateControl';
import { TaskClicks } from '../_components/TaskClicks';
import {
  addTaskAction,
  changeStateAction,
  logInteractionAction,
  replyInTelegramAction,
  saveInterestAction,
  setTaskDoneAction,
} from '../actions';
import '@/app/_components/report.css';
import '../crm-card.css';
import { idFrom } from '@/lib/validation/fields';

const DAY_MS = 86_400_000;
const daysIn = (since: Date) => Math.floor((Date.now() - since.getTime()) / DAY_MS);

export default async function InterestCardPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string; types?: string; email?: string }>;
}) {
  const user = await requireUser();
  const { t, locale } = await getTranslator();
  const id = idFrom((await params).id) ?? notFound();
  const query = await searchParams;
  const tab: CardTab = cardTabs.find((x) => x === query.tab) ?? 'feed';
  const types = parseFeedTypes(query.types);
  const db = getDb();
  const card = await interestCard(db, id);
  if (!card) notFound();
  const { interest } = card;
  const [lines, options, telegramChat] = await Promise.all([
    interestLinesOf(db, id),
    interestFormOptions(db, interest.partnerId),
    interestHasChat(db, id),
  ]);
  const editable = canEditOwned(user, interest);
  const fields = interestFields(t, options, card.partner);
  const values = interestValues(interest);
  const formLines = lines.map((l) => ({
    productId: String(l.productId),
    productLabel: `${l.product} · ${l.sku}`,
    quantity: l.quantity.replace(/\.?0+$/, ''),
    price: l.price,
  }));
  const labels = interestFormLabels(t);
  const frame = (name: string, search = '') => (
    <LiveFrame
      id={`interest-${name}`}
      src={`/crm/interests/${id}/frames/${name}${search}`}
      topics={[`interest:${id}`]}
      key={search}
    />
  );
  const form = (part: 'header' | 'products' | 'terms') => (
    <InterestForm
      action={saveInterestAction.bind(null, id, part === 'header' ? tab : part)}
      fields={part === 'header' ? fields.header : part === 'terms' ? fields.terms : []}
      hidden={values}
      lines={part === 'products' ? formLines : null}
      hiddenLines={formLines}
      readOnly={!editable}
      numberLocale={intlLocale[locale]}
      labels={labels}
    />
  );

  return (
    <>
      <LiveUpdates topics={[`interest:${id}`]} />
      {/* The header's state control is React's: it follows the state through the router. */}
      <LiveRefresh topics={[`interest:${id}`]} interval={1000} />
      <EmailNotice emailId={query.email} />
      <div className="page-header">
        <div>
          <div className="breadcrumb">{t('crmCard.interest')}</div>
          {/* The state on the title's line; LiveRefresh renders it again when the state changes. */}
          <div className="title-line">
            <h1>{interest.title}</h1>
            <span className="interest-state">
              <span className={`badge state-${interest.state}`}>{t(`crmCard.state.${interest.state}`)}</span>{' '}
              <span className="muted">
                {t('crmCard.daysInState', { days: daysIn(interest.stateChangedAt) })}
              </span>
            </span>
          </div>
        </div>
        {editable && (
          <div className="toolbar">
            <details className="menu">
              <summary className="button">{t('sales.createBasedOn')}</summary>
              <ul>
                {(['commercial_offer', 'customer_order'] as const).map((kind) => (
                  <li key={kind}>
                    <Link href={`/documents/${kindSlugs[kind]}/new?interest=${id}`}>
                      {kindName(kind, locale)}
                    </Link>
                  </li>
                ))}
              </ul>
            </details>
            <StateControl
              key={interest.state}
              action={changeStateAction.bind(null, id)}
              state={interest.state}
              states={manualStates(interest.state).map((s) => ({
                value: s,
                label: s !== interest.state && s === 'new' ? t('crmCard.reopen') : t(`crmCard.state.${s}`),
              }))}
              lossReasons={options.lossReasons.map((r) => ({ value: String(r.id), label: r.name }))}
              openTasks={card.openTasks}
              labels={{
                state: t('crmCard.field.state'),
                apply: t('crmCard.apply'),
                lossDialog: t('crmCard.lossDialog'),
                lossReason: t('crmCard.field.lossReason'),
                lossReasonRequired: t('error.loss_reason'),
                choose: t('common.choose'),
                cancel: t('common.cancel'),
                openTasks: t('workplace.lost.openTasks', { count: card.openTasks }),
                closeTasks: t('workplace.lost.close'),
                keepTasks: t('workplace.lost.keep'),
              }}
            />
          </div>
        )}
      </div>
      {!editable && <p className="notice">{t('crmCard.readOnly', { name: card.responsible })}</p>}
      {frame('header')}
      {editable && (
        <details className="interest-edit">
          <summary>{t('common.edit')}</summary>
          {form('header')}
        </details>
      )}
      <nav className="tabs" aria-label={t('crmCard.interest')}>
        {cardTabs.map((x) => (
          <Link key={x} href={`?tab=${x}`} aria-current={x === tab ? 'page' : undefined} scroll={false}>
            {t(`crmCard.tab.${x}`)}
          </Link>
        ))}
      </nav>
      <section className="tab-panel">
        {tab === 'products' && form('products')}
        {tab === 'terms' && form('terms')}
        {tab === 'tasks' && (
          <>
            <TaskClicks setDone={setTaskDoneAction}>{frame('tasks')}</TaskClicks>
            {editable && (
              <details className="interest-add" open>
                <summary>{t('crmCard.tasks.add')}</summary>
                <EntityForm
                  action={addTaskAction.bind(null, id)}
                  fields={[
                    {
                      name: 'task',
                      label: t('crmCard.tasks.title'),
                      type: 'text',
                      required: true,
                      wide: true,
                    },
                    { name: 'dueAt', label: t('crmCard.tasks.due'), type: 'datetime-local', required: true },
                  ]}
                  values={{}}
                  submitLabel={t('crmCard.tasks.add')}
                  chooseLabel={t('common.choose')}
                  lookupHint={t('common.lookupHint')}
                />
              </details>
            )}
          </>
        )}
        {tab === 'documents' && frame('documents')}
        {tab === 'feed' && (
          <div className="feed-layout">
            <div>
              <nav className="feed-filter" aria-label={t('crmCard.tab.feed')}>
                <Link href="?tab=feed" aria-current={types.length === 0 ? 'true' : undefined} scroll={false}>
                  {t('crmCard.feed.all')}
                </Link>
                {feedTypes.map((type) => (
                  <Link
                    key={type}
                    href={`?tab=feed&types=${type}`}
                    aria-current={types.length === 1 && types[0] === type ? 'true' : undefined}
                    scroll={false}
                  >
                    {t(`crmCard.feed.type.${type}`)}
                  </Link>
                ))}
              </nav>
              {frame('feed', types.length ? `?types=${types.join(',')}` : '')}
            </div>
            {editable && (
              <aside className="interest-log">
                <h2>{t('crmCard.log.title')}</h2>
                <EntityForm
                  action={logInteractionAction.bind(null, id)}
                  fields={[
                    {
                      name: 'kind',
                      label: t('crmCard.log.kind'),
                      type: 'select',
                      required: true,
                      options: interactionKinds.map((k) => ({ value: k, label: t(`crmCard.kind.${k}`) })),
                    },
                    {
                      name: 'direction',
                      label: t('crmCard.log.direction'),
                      type: 'select',
                      options: (['incoming', 'outgoing'] as const).map((d) => ({
                        value: d,
                        label: t(`crmCard.direction.${d}`),
                      })),
                    },
                    {
                      name: 'body',
                      label: t('crmCard.log.text'),
                      type: 'textarea',
                      required: true,
                      wide: true,
                    },
                    {
                      name: 'attachments',
                      label: t('crmCard.log.attachments'),
                      type: 'files',
                      files: {
                        max: MAX_ATTACHMENTS,
                        maxBytes: MAX_ATTACHMENT_BYTES,
                        tooMany: t('error.too_many_files'),
                        tooLarge: t('error.file_too_large'),
                      },
                    },
                  ]}
                  values={{ kind: 'note', direction: 'outgoing' }}
                  submitLabel={t('crmCard.log.submit')}
                  chooseLabel={t('common.choose')}
                  lookupHint={t('common.lookupHint')}
                />
                {telegramChat && (
                  <>
                    <h2>{t('telegram.reply')}</h2>
                    <EntityForm
                      action={replyInTelegramAction.bind(null, id)}
                      fields={[
                        {
                          name: 'text',
                          label: t('telegram.replyText'),
                          type: 'textarea',
                          required: true,
                          wide: true,
                        },
                      ]}
                      values={{}}
                      submitLabel={t('telegram.send')}
                      chooseLabel={t('common.choose')}
                      lookupHint={t('common.lookupHint')}
                    />
                  </>
                )}
              </aside>
            )}
          </div>
        )}
      </section>
    </>
  );
}
