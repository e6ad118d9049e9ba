import { canEditOwned } from '@/lib/access/rules';
import { manualStates } from '@/lib/crm/interest-state';
import type { KanbanColumn } from '@/lib/crm/kanban';
import { formatDateTime } from '@/lib/i18n/formats';
import { formatMoney, type Translate } from '@/lib/i18n/translate';
import type { Locale, SessionUser } from '@/lib/users/users';
import { Command } from './Command';
import { errorMessage } from './frames';
import { OpenTasksChoice } from './OpenTasksChoice';

/**
 * The board inside the kanban frame. Plain HTML, no client React: links leave the frame
 * (data-turbo="false": a real page load, so React hydrates it), forms post to the commands route and the frame reloads with the answer.
 */
export function KanbanBoard({
  columns,
  lossReasons,
  user,
  back,
  error,
  t,
  locale,
}: {
  columns: KanbanColumn[];
  lossReasons: { id: number; name: string }[];
  user: SessionUser;
  back: string;
  error?: { code?: string; for?: number };
  t: Translate;
  locale: Locale;
}) {
  // Refused for want of a reason: the card's form opens again with "lost" chosen and says so at the reason.
  const refusedLost = (id: number) => error?.for === id && error.code === 'loss_reason';
  return (
    <div className="kanban">
      {columns.map((column) => (
        <section key={column.state} className="kanban-column" data-state={column.state}>
          <header>
            <h3>{t(`workplace.state.${column.state}`)}</h3>
            <span className="kanban-total">
              <span className="badge">{column.count}</span> {formatMoney(locale, column.sum)}
            </span>
          </header>
          {column.cards.length === 0 && <p className="muted">{t('workplace.column.empty')}</p>}
          {column.cards.map((card) => (
            <article
              key={card.id}
              className={`kanban-card colour-${card.colour}`}
              data-colour={card.colour}
              data-interest={card.id}
            >
              <a href={`/crm/interests/${card.id}`} data-turbo="false" className="kanban-title">
                {card.title}
              </a>
              <div className="kanban-partner">{card.partner}</div>
              {card.responsibleId !== user.id && <div className="muted">{card.responsible}</div>}
              <div className="kanban-meta">
                <strong>{formatMoney(locale, card.amount)}</strong>
                <span title={t('workplace.card.state')}>
                  {t('workplace.card.days', { days: card.daysInState })}
                </span>
              </div>
              <div className="kanban-meta muted">
                <span>
                  <i className={`dot colour-${card.colour}`} />
                  {card.nextDueAt
                    ? t('workplace.card.nextTask', { due: formatDateTime(locale, card.nextDueAt) })
                    : t('workplace.card.noTask')}
                </span>
              </div>
              {error?.for === card.id && error.code && !refusedLost(card.id) && (
                <p className="form-error" role="alert">
                  {errorMessage(t, error.code)}
                </p>
              )}
              {canEditOwned(user, card) && (
                <details className="kanban-move" open={error?.for === card.id}>
                  <summary>{t('workplace.card.move')}</summary>
                  <Command intent="move" back={back} fields={{ interestId: card.id }}>
                    <select
                      name="state"
                      defaultValue={refusedLost(card.id) ? 'lost' : column.state}
                      aria-label={t('workplace.card.state')}
                    >
                      {manualStates(column.state).map((state) => (
                        <option key={state} value={state}>
                          {state !== column.state && state === 'new'
                            ? t('crmCard.reopen')
                            : t(`workplace.state.${state}`)}
                        </option>
                      ))}
                    </select>
                    {/* Shown by CSS only while "lost" is chosen; the server refuses "lost" without a reason. */}
                    <div className="kanban-lost">
                      <select
                        name="lossReasonId"
                        defaultValue=""
                        aria-label={t('workplace.card.lossReason')}
                        aria-invalid={refusedLost(card.id) || undefined}
                        aria-describedby={refusedLost(card.id) ? `loss-reason-${card.id}` : undefined}
                      >
                        <option value="">
                          {t('workplace.card.lossReason')}: {t('workplace.card.chooseReason')}
                        </option>
                        {lossReasons.map((reason) => (
                          <option key={reason.id} value={reason.id}>
                            {reason.name}
                          </option>
                        ))}
                      </select>
                      {refusedLost(card.id) && (
                        <span id={`loss-reason-${card.id}`} className="field-error" role="alert">
                          {t('error.loss_reason')}
                        </span>
                      )}
                      {card.openTasks > 0 && (
                        <OpenTasksChoice
                          legend={t('workplace.lost.openTasks', { count: card.openTasks })}
                          close={t('workplace.lost.close')}
                          keep={t('workplace.lost.keep')}
                        />
                      )}
                    </div>
                    <button type="submit">{t('workplace.card.move')}</button>
                  </Command>
                </details>
              )}
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}
