'use client';

import { type FormEvent, startTransition, useActionState, useRef, useState } from 'react';
import { Field } from '@/app/_components/EntityForm';
import { LookupInput } from '@/app/_components/LookupInput';
import { fillTemplate, typedNumber } from '@/app/_components/typed-text';
import type { FieldSpec, FormValues } from '@/app/_components/types';
import type { KindRules } from '@/lib/documents/kinds';
import type { DocumentFormLabels, DocumentFormState, LineValues } from './types';

type Action = (state: DocumentFormState, data: FormData) => Promise<DocumentFormState>;

type Props = {
  /** Saves (intent "save") or saves and posts (intent "post"). */
  save: Action;
  /** Post, unpost, mark for deletion, restore; absent while the document is new. */
  changeStatus?: Action;
  status: 'draft' | 'posted' | 'deleted' | null;
  fields: FieldSpec[];
  values: FormValues;
  lines: LineValues[];
  price: KindRules['price'];
  vatOptions: { value: string; label: string }[];
  /** Intl locale for the amounts shown while typing. */
  numberLocale: string;
  labels: DocumentFormLabels;
};

type Row = LineValues & { key: number };

/** The form of every stock document: header fields by the kind, then the lines editor. */
export function DocumentForm({
  save,
  changeStatus,
  status,
  fields,
  values,
  lines,
  price,
  vatOptions,
  numberLocale,
  labels,
}: Props) {
  const [state, dispatch, pending] = useActionState<DocumentFormState, FormData>((previous, data) => {
    const intent = data.get('intent');
    return changeStatus && intent !== 'save' && intent !== 'post'
      ? changeStatus(previous, data)
      : save(previous, data);
  }, {});
  const lastKey = useRef(0);
  const blank = (): Row => ({
    key: ++lastKey.current,
    productId: '',
    productLabel: '',
    quantity: '',
    price: '',
    vatRate: price === 'with_vat' ? '22' : '',
  });
  const [rows, setRows] = useState<Row[]>(() =>
    lines.length ? lines.map((line) => ({ ...line, key: ++lastKey.current })) : [blank()],
  );
  const errors = state.errors ?? {};
  const readOnly = status === 'deleted';
  const money = new Intl.NumberFormat(numberLocale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const amountOf = (row: Row) => Math.round(typedNumber(row.quantity) * typedNumber(row.price) * 100) / 100;
  const total = rows.reduce((sum, row) => sum + (Number.isFinite(amountOf(row)) ? amountOf(row) : 0), 0);

  function change(key: number, patch: Partial<LineValues>) {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Dispatching by hand instead of <form action>: React resets a form after such an action, and the
    // user's input must stay when the server refuses it.
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(data));
  }

  const lineLabel = (field: string, index: number) => fillTemplate(labels.lineField, { field, n: index + 1 });
  const lineInput = (index: number, field: keyof LineValues) => {
    const name = `lines.${index}.${field}`;
    const error = errors[name];
    return {
      id: `line-${index}-${field}`,
      name,
      error,
      aria: {
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? `line-${index}-${field}-error` : undefined,
      },
    };
  };
  const cellError = (index: number, field: keyof LineValues) => {
    const { id, error } = lineInput(index, field);
    return (
      error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )
    );
  };

  return (
    <form onSubmit={submit} className="entity-form document-form" noValidate>
      {errors._form && (
        <div className="form-error" role="alert">
          <p>{errors._form}</p>
          {state.shortages && (
            <ul>
              {state.shortages.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <fieldset disabled={readOnly || pending}>
        <input type="hidden" name="version" value={String(values.version ?? '')} />
        <div className="form-grid">
          {fields.map((field) => (
            <Field
              key={field.name}
              field={field}
              value={values[field.name]}
              error={errors[field.name]}
              chooseLabel={labels.chooseLabel}
              lookupHint={labels.lookupHint}
            />
          ))}
        </div>
        <h2 className="lines-title">{labels.lines}</h2>
        <table className="data-table lines-table">
          <thead>
            <tr>
              <th className="num line-no">{labels.lineNo}</th>
              <th>{labels.product}</th>
              <th className="num">{labels.quantity}</th>
              {price && <th className="num">{labels.price}</th>}
              {price === 'with_vat' && <th>{labels.vatRate}</th>}
              {price && <th className="num">{labels.amount}</th>}
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const product = lineInput(index, 'productId');
              const quantity = lineInput(index, 'quantity');
              const linePrice = lineInput(index, 'price');
              const vat = lineInput(index, 'vatRate');
              const amount = amountOf(row);
              return (
                <tr key={row.key}>
                  <td className="num">{index + 1}</td>
                  <td className={product.error ? 'has-error' : undefined}>
                    <label className="sr-only" htmlFor={product.id}>
                      {lineLabel(labels.product, index)}
                    </label>
                    <LookupInput
                      id={product.id}
                      name={product.name}
                      lookup="products"
                      defaultValue={row.productId}
                      defaultLabel={row.productLabel}
                      placeholder={labels.lookupHint}
                      {...product.aria}
                    />
                    {cellError(index, 'productId')}
                  </td>
                  <td className={`line-number${quantity.error ? ' has-error' : ''}`}>
                    <input
                      id={quantity.id}
                      name={quantity.name}
                      inputMode="decimal"
                      autoComplete="off"
                      aria-label={lineLabel(labels.quantity, index)}
                      value={row.quantity}
                      onChange={(e) => change(row.key, { quantity: e.target.value })}
                      {...quantity.aria}
                    />
                    {cellError(index, 'quantity')}
                  </td>
                  {price && (
                    <td className={`line-number${linePrice.error ? ' has-error' : ''}`}>
                      <input
                        id={linePrice.id}
                        name={linePrice.name}
                        inputMode="decimal"
                        autoComplete="off"
                        aria-label={lineLabel(labels.price, index)}
                        value={row.price}
                        onChange={(e) => change(row.key, { price: e.target.value })}
                        {...linePrice.aria}
                      />
                      {cellError(index, 'price')}
                    </td>
                  )}
                  {price === 'with_vat' && (
                    <td className={`line-vat${vat.error ? ' has-error' : ''}`}>
                      <select
                        id={vat.id}
                        name={vat.name}
                        aria-label={lineLabel(labels.vatRate, index)}
                        value={row.vatRate}
                        onChange={(e) => change(row.key, { vatRate: e.target.value })}
                        {...vat.aria}
                      >
                        {vatOptions.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                      {cellError(index, 'vatRate')}
                    </td>
                  )}
                  {price && (
                    <td className="num line-amount" aria-label={lineLabel(labels.amount, index)}>
                      {Number.isFinite(amount) ? money.format(amount) : ''}
                    </td>
                  )}
                  <td className="line-remove">
                    <button
                      type="button"
                      aria-label={fillTemplate(labels.removeLine, { n: index + 1 })}
                      title={fillTemplate(labels.removeLine, { n: index + 1 })}
                      onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
          {price && (
            <tfoot>
              <tr>
                <th colSpan={price === 'with_vat' ? 5 : 4} className="num">
                  {labels.total}
                </th>
                <th className="num">{money.format(total)}</th>
                <th />
              </tr>
            </tfoot>
          )}
        </table>
        {errors.lines && <p className="field-error">{errors.lines}</p>}
        <button
          type="button"
          className="add-line"
          onClick={() => setRows((current) => [...current, blank()])}
        >
          + {labels.addLine}
        </button>
      </fieldset>
      <div className="form-actions">
        {!readOnly && (
          <>
            <button type="submit" name="intent" value="save" disabled={pending}>
              {labels.save}
            </button>
            <button type="submit" name="intent" value="post" className="primary" disabled={pending}>
              {labels.post}
            </button>
          </>
        )}
        {changeStatus && (
          <span className="form-actions-end">
            {status === 'posted' && (
              <button type="submit" name="intent" value="unpost" disabled={pending}>
                {labels.unpost}
              </button>
            )}
            <button
              type="submit"
              name="intent"
              value={readOnly ? 'restore' : 'mark_deleted'}
              disabled={pending}
            >
              {readOnly ? labels.restore : labels.markDeleted}
            </button>
          </span>
        )}
      </div>
    </form>
  );
}
