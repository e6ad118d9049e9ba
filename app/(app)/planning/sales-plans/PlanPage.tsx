import { forbidden, notFound } from 'next/navigation';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { changesEverything } from '@/lib/access/rules';
import { listProductGroups } from '@/lib/catalogs/simple';
import { getPlan } from '@/lib/planning/sales-plans';
import { listStaff } from '@/lib/users/users';
import { changePlanStatusAction, savePlanAction } from './actions';
import { PlanStatusForm } from './PlanStatusForm';
import { SalesPlanForm } from './SalesPlanForm';

/** A sales plan to make or edit (leaders and admins), or to read (a manager: their own lines). */
export async function PlanPage({ id, saved }: { id: number | null; saved: boolean }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const db = getDb();
  const editable = changesEverything(user);
  if (id === null && !editable) forbidden();
  const [found, staff, groups] = await Promise.all([
    id === null ? null : getPlan(db, id, user),
    listStaff(db),
    listProductGroups(db, {}),
  ]);
  if (id !== null && !found) notFound();
  // A manager reads a plan only for their own lines.
  if (found && found.lines.length === 0) forbidden();
  const plan = found?.plan;
  return (
    <>
      <header className="page-header">
        <h1>
          {plan ? `${t('plans.plan')} № ${plan.number}` : t('plans.new')}
          {plan && <small className="status-badge"> {t(`documents.status.${plan.status}`)}</small>}
        </h1>
        {plan && editable && (
          <PlanStatusForm
            action={changePlanStatusAction.bind(null, plan.id)}
            buttons={
              plan.status === 'deleted'
                ? [{ intent: 'restore', label: t('documents.restore') }]
                : [
                    plan.status === 'posted'
                      ? { intent: 'unpost', label: t('documents.unpost') }
                      : { intent: 'post', label: t('documents.post'), primary: true },
                    { intent: 'mark_deleted', label: t('documents.markDeleted') },
                  ]
            }
          />
        )}
      </header>
      {saved && (
        <p className="notice" role="status">
          {t('common.saved')}
        </p>
      )}
      {!editable && <p className="muted">{t('plans.managerReads')}</p>}
      <SalesPlanForm
        action={savePlanAction.bind(null, plan?.id ?? null)}
        readOnly={!editable}
        values={{
          periodKind: plan?.periodKind ?? 'month',
          period: (plan?.periodStart ?? new Date().toISOString()).slice(0, 7),
          comment: plan?.comment ?? '',
          version: plan ? String(plan.version) : undefined,
        }}
        lines={(found?.lines ?? []).map((l) => ({
          managerId: l.managerId ? String(l.managerId) : '',
          productGroupId: l.productGroupId ? String(l.productGroupId) : '',
          amount: l.amount,
          quantity: l.quantity ?? '',
        }))}
        managers={staff.filter((u) => u.role !== 'admin')}
        groups={groups.rows}
        labels={{
          periodKind: t('plans.periodKind'),
          month: t('plans.periodKind.month'),
          quarter: t('plans.periodKind.quarter'),
          year: t('plans.periodKind.year'),
          period: t('plans.period'),
          comment: t('field.comment'),
          manager: t('plans.line.manager'),
          company: t('plans.line.company'),
          group: t('plans.line.group'),
          allGroups: t('plans.line.allGroups'),
          amount: t('plans.line.amount'),
          quantity: t('plans.line.quantity'),
          addLine: t('plans.addLine'),
          removeLine: t('plans.removeLine'),
          save: t('documents.save'),
          post: t('documents.post'),
        }}
      />
    </>
  );
}
