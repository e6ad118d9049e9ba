import Decimal from 'decimal.js';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LiveRefresh } from '@/app/_components/LiveRefresh';
import { requireDocumentUser } from '@/app/_documents/guard';
import { getTranslator } from '@/app/_server/locale';
import { PlanStatusForm } from '@/app/(app)/planning/sales-plans/PlanStatusForm';
import { getDb } from '@/db/client';
import { canEditDocument } from '@/lib/access/rules';
import { listDrivers, listVehicles } from '@/lib/catalogs/simple';
import { companyClock } from '@/lib/crm/workplace';
import { nextStatuses } from '@/lib/delivery/deliveries';
import { type DeliveryView, getDelivery, stopCandidates } from '@/lib/delivery/queries';
import { kindName, kindSlugs } from '@/lib/documents/kinds';
import { formatDate, formatMoney, formatQuantity, type Translate } from '@/lib/i18n/translate';
import type { Locale } from '@/lib/users/users';
import { changeDeliveryStatusAction, saveDeliveryAction, setStopResultAction } from './actions';
import { DeliveryForm, type StopValues } from './DeliveryForm';
import { StopResultForm } from './StopResultForm';
import '@/app/_delivery/delivery.css';

const documentLabel = (
  locale: Locale,
  d: { kind: 'sales' | 'customer_order'; number: string; date: Date; partner: string | null },
) => `${kindName(d.kind, locale)} № ${d.number} ${formatDate(locale, d.date)} · ${d.partner ?? ''}`;

/** Whether the trip's load is over what its vehicle carries (by weight or volume). */
function overCapacity(task: DeliveryView): boolean {
  const over = (load: string, capacity: string | null) => capacity !== null && new Decimal(load).gt(capacity);
  return over(task.totals.weight, task.capacityKg) || over(task.totals.volume, task.capacityM3);
}

/**
 * A delivery task to make (`?document=ID` starts it with that document as its first stop) or to
 * follow: its stops and their load, the status buttons, and each stop's result while on the road.
 */
export async function DeliveryPage({
  id,
  search,
}: {
  id: number | null;
  search: Record<string, string | undefined>;
}) {
  const user = await requireDocumentUser();
  const { t, locale } = await getTranslator();
  const db = getDb();
  const [task, drivers, vehicles] = await Promise.all([
    id === null ? null : getDelivery(db, id),
    listDrivers(db, {}),
    listVehicles(db, {}),
  ]);
  if (id !== null && !task) notFound();
  const editable = task === null || canEditDocument(user, { ...task, interestResponsibleId: null });
  const forming = task === null || task.status === 'forming';
  // The documents a stop may be are looked for only while stops can still be added.
  const candidates = forming && editable ? await stopCandidates(db) : [];
  const options = candidates.map((c) => ({
    id: c.id,
    label: documentLabel(locale, c),
    address: c.address,
    contact: c.contact,
  }));
  const first = task === null ? options.find((c) => String(c.id) === search.document) : undefined;
  const stops: StopValues[] = task
    ? task.stops.map((s) => ({
        documentId: String(s.documentId),
        label: documentLabel(locale, {
          kind: s.kind,
          number: s.documentNumber,
          date: s.documentDate,
          partner: s.partner,
        }),
        address: s.address,
        contact: s.contact ?? '',
        windowFrom: s.windowFrom ?? '',
        windowTo: s.windowTo ?? '',
      }))
    : first
      ? [
          {
            documentId: String(first.id),
            label: first.label,
            address: first.address,
            contact: first.contact,
            windowFrom: '',
            windowTo: '',
          },
        ]
      : [];
  return (
    <>
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href="/delivery">{t('nav.deliveries')}</Link>
          </p>
          <h1>
            {task
              ? t('documents.heading', {
                  kind: t('delivery.task'),
                  number: task.number,
                  date: formatDate(locale, task.date),
                })
              : t('delivery.new')}
            {task && (
              <small className={`badge delivery-${task.status}`}>
                {' '}
                {t(`delivery.status.${task.status}`)}
              </small>
            )}
          </h1>
        </div>
        {task && (
          <div className="toolbar">
            <Link href={`/delivery/${task.id}/print?form=route`}>{t('delivery.print.route')}</Link>
            <Link href={`/delivery/${task.id}/print?form=loading`}>{t('delivery.print.loading')}</Link>
          </div>
        )}
      </header>
      {task && <LiveRefresh topics={[`delivery:${task.id}`]} interval={1000} />}
      {search.saved && (
        <p className="notice" role="status">
          {t('common.saved')}
        </p>
      )}
      {task && editable && nextStatuses[task.status].length > 0 && (
        <PlanStatusForm
          action={changeDeliveryStatusAction.bind(null, task.id)}
          buttons={nextStatuses[task.status].map((to) => ({
            intent: to,
            label: t(`delivery.to.${to}`),
            primary: to !== 'forming',
          }))}
        />
      )}
      {task && !forming && <p className="muted">{t('delivery.readOnly')}</p>}
      {forming ? (
        <DeliveryForm
          // A new version (someone else's save, a status, a stop's result) starts the form afresh: kept
          // stops under the new version would overwrite that change unseen.
          key={task ? `${task.version}-${task.status}` : 'new'}
          action={saveDeliveryAction.bind(null, task?.id ?? null)}
          readOnly={!editable}
          values={{
            // Today on the company's clock, not UTC's.
            date: task?.date ?? companyClock(new Date()).day,
            driverId: task?.driverId ? String(task.driverId) : '',
            vehicleId: task?.vehicleId ? String(task.vehicleId) : '',
            comment: task?.comment ?? '',
            version: task ? String(task.version) : undefined,
          }}
          stops={stops}
          candidates={options}
          drivers={drivers.rows}
          vehicles={vehicles.rows}
          labels={{
            date: t('delivery.date'),
            driver: t('delivery.driver'),
            vehicle: t('delivery.vehicle'),
            comment: t('delivery.comment'),
            stops: t('delivery.stops'),
            document: t('delivery.document'),
            address: t('delivery.address'),
            contact: t('delivery.contact'),
            windowFrom: t('delivery.windowFrom'),
            windowTo: t('delivery.windowTo'),
            addStop: t('delivery.addStop'),
            chooseDocument: t('delivery.chooseDocument'),
            removeStop: t('delivery.removeStop'),
            save: t('delivery.save'),
          }}
        />
      ) : (
        task && <TaskFacts task={task} t={t} locale={locale} />
      )}
      {task && <StopsTable task={task} t={t} locale={locale} editable={editable} />}
    </>
  );
}

function TaskFacts({ task, t, locale }: { task: DeliveryView; t: Translate; locale: Locale }) {
  return (
    <dl className="facts delivery-facts">
      <dt>{t('delivery.date')}</dt>
      <dd>{formatDate(locale, task.date)}</dd>
      <dt>{t('delivery.driver')}</dt>
      <dd>{[task.driver, task.driverPhone].filter(Boolean).join(', ')}</dd>
      <dt>{t('delivery.vehicle')}</dt>
      <dd>{[task.vehicle, task.plateNumber].filter(Boolean).join(', ')}</dd>
      {task.comment && (
        <>
          <dt>{t('delivery.comment')}</dt>
          <dd>{task.comment}</dd>
        </>
      )}
    </dl>
  );
}

/** The stops with their load and results; on the road, each stop's result is recorded here. */
function StopsTable({
  task,
  t,
  locale,
  editable,
}: {
  task: DeliveryView;
  t: Translate;
  locale: Locale;
  editable: boolean;
}) {
  const marking = editable && task.status === 'en_route';
  const unmeasured = task.stops.reduce((n, s) => n + s.unmeasured, 0);
  return (
    <section className="delivery-load">
      <div className="delivery-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('delivery.stopNo')}</th>
              <th>{t('delivery.document')}</th>
              <th>{t('delivery.address')}</th>
              <th>{t('delivery.window')}</th>
              <th className="num">{t('delivery.weight')}</th>
              <th className="num">{t('delivery.volume')}</th>
              <th className="num">{t('delivery.amount')}</th>
              <th>{t('delivery.result')}</th>
            </tr>
          </thead>
          <tbody>
            {task.stops.map((s) => (
              <tr key={s.stopNo} data-stop={s.stopNo}>
                <td className="num">{s.stopNo}</td>
                <td>
                  <Link href={`/documents/${kindSlugs[s.kind]}/${s.documentId}`}>
                    {kindName(s.kind, locale)} № {s.documentNumber}
                  </Link>
                  <br />
                  <span className="muted">{s.partner}</span>
                </td>
                <td>
                  {s.address}
                  {s.contact && <span className="muted"> · {s.contact}</span>}
                </td>
                <td>{[s.windowFrom, s.windowTo].filter(Boolean).join('–')}</td>
                <td className="num">{formatQuantity(locale, s.weight)}</td>
                <td className="num">{formatQuantity(locale, s.volume)}</td>
                <td className="num">{formatMoney(locale, s.amount)}</td>
                <td>
                  <span className={`badge stop-${s.result}`}>{t(`delivery.result.${s.result}`)}</span>
                  {s.reason && <span className="muted"> {s.reason}</span>}
                  {marking && (
                    <StopResultForm
                      action={setStopResultAction.bind(null, task.id)}
                      stopNo={s.stopNo}
                      result={s.result}
                      reason={s.reason ?? ''}
                      labels={{
                        result: t('delivery.result'),
                        delivered: t('delivery.result.delivered'),
                        notDelivered: t('delivery.result.not_delivered'),
                        reason: t('delivery.reason'),
                        mark: t('delivery.mark'),
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={4}>{t('delivery.total')}</th>
              <th className="num">{formatQuantity(locale, task.totals.weight)}</th>
              <th className="num">{formatQuantity(locale, task.totals.volume)}</th>
              <th className="num">{formatMoney(locale, task.totals.amount)}</th>
              <th />
            </tr>
          </tfoot>
        </table>
      </div>
      {unmeasured > 0 && <p className="muted">{t('delivery.unmeasured', { count: unmeasured })}</p>}
      {overCapacity(task) && (
        <p className="form-error" role="alert">
          {t('delivery.overCapacity')}
        </p>
      )}
    </section>
  );
}
