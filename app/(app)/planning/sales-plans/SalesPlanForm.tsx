'use client';

import { useActionState, useState } from 'react';
import type { FormState } from '@/app/_components/types';

type Option = { id: number; name: string };
export type PlanLineValues = { managerId: string; productGroupId: string; amount: string; quantity: string };
export type PlanFormLabels = Record<
  | 'periodKind'
  | 'month'
  | 'quarter'
  | 'year'
  | 'period'
  | 'comment'
  | 'manager'
  | 'company'
  | 'group'
  | 'allGroups'
  | 'amount'
  | 'quantity'
  | 'addLine'
  | 'removeLine'
  | 'save'
  | 'post',
  string
>;

const emptyLine: PlanLineValues = { managerId: '', productGroupId: '', amount: '', quantity: '' };

/**
 * A sales plan: the period and a line per manager (or the whole company), optionally for one product
 * group with a quantity. The server checks everything and answers at the fields.
 */
export function SalesPlanForm({
  action,
  values,
  lines: initialLines,
  managers,
  groups,
  labels,
  readOnly,
}: {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  values: { periodKind: string; period: string; comment: string; version?: string };
  lines: PlanLineValues[];
  managers: Option[];
  groups: Option[];
  labels: PlanFormLabels;
  readOnly: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [lines, setLines] = useState(initialLines.length ? initialLines : [emptyLine]);
  const errors = state.errors ?? {};
  const error = (name: string) =>
    errors[name] ? (
      <span className="field-error" id={`${name}-error`}>
        {errors[name]}
      </span>
    ) : null;
  const set = (i: number, field: keyof PlanLineValues, value: string) =>
    setLines((all) => all.map((l, j) => (j === i ? { ...l, [field]: value } : l)));
  return (
    <form action={formAction} className="entity-form plan-form" noValidate>
      {errors._form && (
        <p className="form-error" role="alert">
          {errors._form}
        </p>
      )}
      <fieldset disabled={readOnly || pending}>
        {values.version && <input type="hidden" name="version" value={values.version} />}
        <div className="form-grid">
          <div className="field">
            <label htmlFor="periodKind">{labels.periodKind}</label>
            <select id="periodKind" name="periodKind" defaultValue={values.periodKind}>
              <option value="month">{labels.month}</option>
              <option value="quarter">{labels.quarter}</option>
              <option value="year">{labels.year}</option>
            </select>
            {error('periodKind')}
          </div>
          <div className={`field${errors.period ? ' has-error' : ''}`}>
            <label htmlFor="period">{labels.period}</label>
            <input id="period" name="period" type="month" defaultValue={values.period} required />
            {error('period')}
          </div>
          <div className="field wide">
            <label htmlFor="comment">{labels.comment}</label>
            <input id="comment" name="comment" defaultValue={values.comment} />
          </div>
        </div>
        <table className="data-table plan-lines">
          <thead>
            <tr>
              <th>{labels.manager}</th>
              <th>{labels.group}</th>
              <th className="num">{labels.amount}</th>
              <th className="num">{labels.quantity}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((line, i) => (
              // Rows are edited in place and only removed from the end of their own button.
              // biome-ignore lint/suspicious/noArrayIndexKey: the row's position is its name in the form
              <tr key={i}>
                <td>
                  <select
                    name={`lines.${i}.managerId`}
                    aria-label={`${labels.manager}, ${i + 1}`}
                    value={line.managerId}
                    onChange={(e) => set(i, 'managerId', e.target.value)}
                  >
                    <option value="">{labels.company}</option>
                    {managers.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                  </select>
                  {error(`lines.${i}.managerId`)}
                </td>
                <td>
                  <select
                    name={`lines.${i}.productGroupId`}
                    aria-label={`${labels.group}, ${i + 1}`}
                    value={line.productGroupId}
                    onChange={(e) => set(i, 'productGroupId', e.target.value)}
                  >
                    <option value="">{labels.allGroups}</option>
                    {groups.map((g) => (
                      <option key={g.id} value={g.id}>
                        {g.name}
                      </option>
                    ))}
                  </select>
                  {error(`lines.${i}.productGroupId`)}
                </td>
                <td className="num">
                  <input
                    name={`lines.${i}.amount`}
                    inputMode="decimal"
                    aria-label={`${labels.amount}, ${i + 1}`}
                    aria-invalid={errors[`lines.${i}.amount`] ? true : undefined}
                    value={line.amount}
                    onChange={(e) => set(i, 'amount', e.target.value)}
                  />
                  {error(`lines.${i}.amount`)}
                </td>
                <td className="num">
                  <input
                    name={`lines.${i}.quantity`}
                    inputMode="decimal"
                    aria-label={`${labels.quantity}, ${i + 1}`}
                    value={line.quantity}
                    onChange={(e) => set(i, 'quantity', e.target.value)}
                  />
                  {error(`lines.${i}.quantity`)}
                </td>
                <td>
                  {lines.length > 1 && (
                    <button
                      type="button"
                      aria-label={`${labels.removeLine} ${i + 1}`}
                      onClick={() => setLines((all) => all.filter((_, j) => j !== i))}
                    >
                      ×
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {error('lines')}
        <div className="form-actions">
          <button type="button" onClick={() => setLines((all) => [...all, emptyLine])}>
            {labels.addLine}
          </button>
          <button type="submit" name="intent" value="save" disabled={pending}>
            {labels.save}
          </button>
          <button type="submit" name="intent" value="post" className="primary" disabled={pending}>
            {labels.post}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
