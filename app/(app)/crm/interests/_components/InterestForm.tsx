'use client';

import { useActionState, useRef, useState } from 'react';
import { DecimalInput } from '@/app/_components/DecimalInput';
import { Field } from '@/app/_components/EntityForm';
import { LookupInput } from '@/app/_components/LookupInput';
import { ProductCardLink } from '@/app/_components/ProductCardLink';
import { fillTemplate, typedNumber } from '@/app/_components/typed-text';
import type { FieldSpec, FormState, FormValues } from '@/app/_components/types';

export type InterestLine = { productId: string; productLabel: string; quantity: string; price: string };

type Props = {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  /** Shown for editing; the rest of the interest travels along in hidden inputs, as it was shown. */
  fields: FieldSpec[];
  hidden: FormValues;
  /** The lines editor, or null when this form does not show lines (they are sent as they were). */
  lines: InterestLine[] | null;
  hiddenLines: InterestLine[];
  readOnly: boolean;
  numberLocale: string;
  labels: Record<
    | 'save'
    | 'choose'
    | 'lookupHint'
    | 'lines'
    | 'lineNo'
    | 'product'
    | 'quantity'
    | 'price'
    | 'priceFromList'
    | 'amount'
    | 'available'
    | 'addLine'
    | 'removeLine'
    | 'lineField'
    | 'productCard'
    | 'total',
    string
  >;
};

type Row = InterestLine & { key: number };

/**
 * The interest form: header, terms and the product lines in any combination — the card shows one part
 * per tab, the new-interest page all of them. Each line shows the product's stock per warehouse in a
 * Turbo Frame island that React creates per chosen product and never touches again.
 */
export function InterestForm({
  action,
  fields,
  hidden,
  lines,
  hiddenLines,
  readOnly,
  numberLocale,
  labels,
}: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const lastKey = useRef(0);
  const blank = (): Row => ({
    key: ++lastKey.current,
    productId: '',
    productLabel: '',
    quantity: '1',
    price: '',
  });
  const [rows, setRows] = useState<Row[]>(() => (lines ?? []).map((l) => ({ ...l, key: ++lastKey.current })));
  const errors = state.errors ?? {};
  const current = { ...hidden, ...state.values };
  const money = new Intl.NumberFormat(numberLocale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const amountOf = (row: Row) => Math.round(typedNumber(row.quantity) * typedNumber(row.price) * 100) / 100;
  const total = rows.reduce((sum, row) => sum + (Number.isFinite(amountOf(row)) ? amountOf(row) : 0), 0);
  const change = (key: number, patch: Partial<InterestLine>) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const shown = new Set(fields.map((f) => f.name));

  return (
    <form action={formAction} className="entity-form interest-form" noValidate>
      {errors._form && (
        <p className="form-error" role="alert">
          {errors._form}
        </p>
      )}
      {Object.entries(hidden)
        .filter(([name]) => !shown.has(name))
        .map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={typeof value === 'string' ? value : ''} />
        ))}
      {lines === null &&
        hiddenLines
          .flatMap((line, i) =>
            (['productId', 'quantity', 'price'] as const).map((f) => [`lines.${i}.${f}`, line[f]] as const),
          )
          .map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <fieldset disabled={readOnly || pending} key={JSON.stringify(state.values ?? null)}>
        {fields.length > 0 && (
          <div className="form-grid">
            {fields.map((field) => (
              <Field
                key={field.name}
                field={field}
                value={current[field.name]}
                error={errors[field.name]}
                chooseLabel={labels.choose}
                lookupHint={labels.lookupHint}
                numberLocale={numberLocale}
              />
            ))}
          </div>
        )}
        {lines !== null && (
          <>
            <h2 className="lines-title">{labels.lines}</h2>
            <table className="data-table lines-table interest-lines">
              <thead>
                <tr>
                  <th className="num line-no">{labels.lineNo}</th>
                  <th>{labels.product}</th>
                  <th className="num">{labels.quantity}</th>
                  <th className="num">{labels.price}</th>
                  <th className="num">{labels.amount}</th>
                  <th>{labels.available}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => {
                  const name = (f: string) => `lines.${index}.${f}`;
                  const error = (f: string) =>
                    errors[name(f)] && <span className="field-error">{errors[name(f)]}</span>;
                  const amount = amountOf(row);
                  return (
                    <tr key={row.key}>
                      <td className="num">{index + 1}</td>
                      <td className={errors[name('productId')] ? 'has-error' : undefined}>
                        <label className="sr-only" htmlFor={`line-${index}-product`}>
                          {fillTemplate(labels.lineField, { field: labels.product, n: index + 1 })}
                        </label>
                        <LookupInput
                          id={`line-${index}-product`}
                          name={name('productId')}
                          lookup="products"
                          defaultValue={row.productId}
                          defaultLabel={row.productLabel}
                          placeholder={labels.lookupHint}
                          onChange={(productId, productLabel) => change(row.key, { productId, productLabel })}
                        />
                        <ProductCardLink productId={row.productId} label={labels.productCard} />
                        {error('productId')}
                      </td>
                      <td className="line-number">
                        <DecimalInput
                          name={name('quantity')}
                          locale={numberLocale}
                          format="quantity"
                          aria-label={fillTemplate(labels.lineField, {
                            field: labels.quantity,
                            n: index + 1,
                          })}
                          value={row.quantity}
                          onChange={(quantity) => change(row.key, { quantity })}
                        />
                        {error('quantity')}
                      </td>
                      <td className="line-number">
                        <DecimalInput
                          name={name('price')}
                          locale={numberLocale}
                          format="money"
                          placeholder={labels.priceFromList}
                          aria-label={fillTemplate(labels.lineField, { field: labels.price, n: index + 1 })}
                          value={row.price}
                          onChange={(price) => change(row.key, { price })}
                        />
                        {error('price')}
                      </td>
                      <td
                        className="num line-amount"
                        aria-label={fillTemplate(labels.lineField, { field: labels.amount, n: index + 1 })}
                      >
                        {Number.isFinite(amount) ? money.format(amount) : ''}
                      </td>
                      <td className="line-stock">
                        {row.productId && (
                          <turbo-frame
                            key={row.productId}
                            id={`availability-${row.productId}`}
                            src={`/crm/availability/${row.productId}`}
                            loading="eager"
                          />
                        )}
                      </td>
                      <td className="line-remove">
                        <button
                          type="button"
                          aria-label={fillTemplate(labels.removeLine, { n: index + 1 })}
                          title={fillTemplate(labels.removeLine, { n: index + 1 })}
                          onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                        >
                          ×
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th colSpan={4} className="num">
                    {labels.total}
                  </th>
                  <th className="num">{money.format(total)}</th>
                  <th colSpan={2} />
                </tr>
              </tfoot>
            </table>
            {errors.lines && <p className="field-error">{errors.lines}</p>}
            {!readOnly && (
              <button type="button" className="add-line" onClick={() => setRows((all) => [...all, blank()])}>
                + {labels.addLine}
              </button>
            )}
          </>
        )}
      </fieldset>
      {!readOnly && (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={pending}>
            {labels.save}
          </button>
        </div>
      )}
    </form>
  );
}
