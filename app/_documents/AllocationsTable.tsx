'use client';

import { DecimalInput } from '@/app/_components/DecimalInput';
import { fillTemplate } from '@/app/_components/typed-text';
import type { AllocationValues, DocumentFormLabels, FormFactsView } from './types';

export type AllocationRow = AllocationValues & { key: number };

type Props = {
  rows: AllocationRow[];
  orders: FormFactsView['orders'];
  errors: Record<string, string>;
  readOnly: boolean;
  numberLocale: string;
  labels: DocumentFormLabels;
  onChange: (key: number, patch: Partial<AllocationValues>) => void;
  onRemove: (key: number) => void;
  onAdd: () => void;
};

/** Расшифровка платежа: which of the client's orders a receipt pays, and how much of each. */
export function AllocationsTable({
  rows,
  orders,
  errors,
  readOnly,
  numberLocale,
  labels,
  onChange,
  onRemove,
  onAdd,
}: Props) {
  const field = (index: number, name: keyof AllocationValues, label: string) => {
    const fieldName = `allocations.${index}.${name}`;
    const id = `allocation-${index}-${name}`;
    const error = errors[fieldName];
    return {
      id,
      name: fieldName,
      'aria-label': fillTemplate(labels.allocationField, { field: label, n: index + 1 }),
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${id}-error` : undefined,
      error,
    };
  };
  const message = (f: { id: string; error?: string }) =>
    f.error && (
      <span className="field-error" id={`${f.id}-error`}>
        {f.error}
      </span>
    );
  return (
    <>
      <h2 className="lines-title">{labels.allocations}</h2>
      {rows.length === 0 ? (
        <p className="muted">{labels.noAllocations}</p>
      ) : (
        <table className="data-table lines-table allocations-table">
          <thead>
            <tr>
              <th className="num line-no">{labels.lineNo}</th>
              <th>{labels.allocationOrder}</th>
              <th className="num">{labels.allocationAmount}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const { error: orderError, ...order } = field(index, 'orderId', labels.allocationOrder);
              const { error: amountError, ...amount } = field(index, 'amount', labels.allocationAmount);
              return (
                <tr key={row.key}>
                  <td className="num">{index + 1}</td>
                  <td className={orderError ? 'has-error' : undefined}>
                    <select
                      {...order}
                      value={row.orderId}
                      onChange={(e) => {
                        const chosen = orders.find((o) => o.value === e.target.value);
                        onChange(row.key, {
                          orderId: e.target.value,
                          ...(row.amount.trim() === '' && chosen ? { amount: chosen.toPay } : {}),
                        });
                      }}
                    >
                      <option value="">{labels.chooseLabel}</option>
                      {orders.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    {message({ id: order.id, error: orderError })}
                  </td>
                  <td className={`line-number${amountError ? ' has-error' : ''}`}>
                    <DecimalInput
                      {...amount}
                      locale={numberLocale}
                      format="money"
                      value={row.amount}
                      onChange={(value) => onChange(row.key, { amount: value })}
                    />
                    {message({ id: amount.id, error: amountError })}
                  </td>
                  <td className="line-remove">
                    <button
                      type="button"
                      aria-label={fillTemplate(labels.removeAllocation, { n: index + 1 })}
                      title={fillTemplate(labels.removeAllocation, { n: index + 1 })}
                      onClick={() => onRemove(row.key)}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {errors.allocations && <p className="field-error">{errors.allocations}</p>}
      {!readOnly && (
        <button type="button" className="add-line" onClick={onAdd}>
          + {labels.addAllocation}
        </button>
      )}
    </>
  );
}
