'use client';

import { DecimalInput } from '@/app/_components/DecimalInput';
import { LookupInput } from '@/app/_components/LookupInput';
import { ProductCardLink } from '@/app/_components/ProductCardLink';
import { fillTemplate, typedNumber } from '@/app/_components/typed-text';
import type { KindForm } from '@/lib/documents/kinds';
import type { Choice, DocumentFormLabels, FormFactsView, LineValues } from './types';

export type Row = LineValues & {
  key: number;
  /**
   * The user typed this price, so it stays. Any other price (a new line's, one from the price list, a
   * zero) follows the price list: the product's price of the chosen price type on the document's date.
   */
  typedPrice: boolean;
};

/** What the server said about a row, and for which product and values it said it. */
export type RowFacts = FormFactsView['lines'][number] & { productId: string; signature: string };

/** The values pricing depends on: the server's amounts show only while the row still has them. */
export const rowSignature = (row: LineValues) => [row.productId, row.quantity, row.price, row.gift].join('|');

type Props = {
  kind: KindForm;
  rows: Row[];
  facts: Record<number, RowFacts>;
  totals: FormFactsView['totals'];
  errors: Record<string, string>;
  readOnly: boolean;
  numberLocale: string;
  vatOptions: Choice[];
  actionOptions: Choice[];
  labels: DocumentFormLabels;
  onChange: (key: number, patch: Partial<Row>) => void;
  onProduct: (key: number, productId: string, label: string) => void;
  onRemove: (key: number) => void;
  onAdd: () => void;
};

/**
 * The lines of any document kind: product and quantity always; a price with a VAT rate (receipts), a unit
 * cost (surplus), or for sales documents the server's discount, amount and VAT, a gift mark, an order's
 * action and the stock at the warehouse. A shipment takes its prices and gifts from the order, a client
 * return from the sale: shown, not edited.
 */
export function LinesTable({
  kind,
  rows,
  facts,
  totals,
  errors,
  readOnly,
  numberLocale,
  vatOptions,
  actionOptions,
  labels,
  onChange,
  onProduct,
  onRemove,
  onAdd,
}: Props) {
  const { price } = kind.rules;
  const sale = price === 'sale';
  const fromBasis = kind.pricing === 'shipment' || kind.pricing === 'return';
  const order = kind.lineAction;
  const money = new Intl.NumberFormat(numberLocale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const decimal = new Intl.NumberFormat(numberLocale, { maximumFractionDigits: 3 });
  const show = (format: Intl.NumberFormat, value: string | null | undefined) =>
    value === null || value === undefined ? '' : format.format(value as unknown as number);
  // `+ 0` turns the -0 of a negative quantity at a zero price into 0.
  const estimate = (row: Row) =>
    row.gift ? 0 : Math.round(typedNumber(row.quantity) * typedNumber(row.price) * 100) / 100 + 0;
  const pricingOf = (row: Row) => {
    const f = facts[row.key];
    return f && f.signature === rowSignature(row) ? f.pricing : null;
  };
  const stockOf = (row: Row) => {
    const f = facts[row.key];
    return f && f.productId === row.productId ? (fromBasis ? f.onHand : f.available) : null;
  };
  const estimated = rows.reduce((sum, row) => sum + (Number.isFinite(estimate(row)) ? estimate(row) : 0), 0);

  const lineLabel = (field: string, index: number) => fillTemplate(labels.lineField, { field, n: index + 1 });
  const input = (index: number, field: keyof LineValues) => {
    const name = `lines.${index}.${field}`;
    const id = `line-${index}-${field}`;
    const error = errors[name];
    return {
      id,
      name,
      error,
      cell: (extra: string) => [extra, error ? 'has-error' : ''].filter(Boolean).join(' ') || undefined,
      aria: {
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? `${id}-error` : undefined,
      },
      message: error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ),
    };
  };

  // Columns before the amount and after it, for the totals rows to line up under the amounts.
  const before = 3 + (price ? 1 : 0) + (price === 'with_vat' || sale ? 1 : 0);
  const after = 1 + (sale ? 3 + (order ? 1 : 0) : 0);
  const totalRow = (label: string, value: string) => (
    <tr key={label}>
      <th colSpan={before} className="num">
        {label}
      </th>
      <th className="num">{value}</th>
      <th colSpan={after} />
    </tr>
  );

  return (
    <>
      <h2 className="lines-title">{labels.lines}</h2>
      <table className={`data-table lines-table${sale ? ' sales-lines' : ''}`}>
        <thead>
          <tr>
            <th className="num line-no">{labels.lineNo}</th>
            <th>{labels.product}</th>
            <th className="num">{labels.quantity}</th>
            {price && <th className="num">{labels.price}</th>}
            {price === 'with_vat' && <th>{labels.vatRate}</th>}
            {sale && <th className="num">{labels.discount}</th>}
            {price && <th className="num">{labels.amount}</th>}
            {sale && <th className="num">{labels.vat}</th>}
            {sale && <th>{labels.gift}</th>}
            {order && <th>{labels.action}</th>}
            {sale && <th className="num">{fromBasis ? labels.onHand : labels.available}</th>}
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const product = input(index, 'productId');
            const quantity = input(index, 'quantity');
            const linePrice = input(index, 'price');
            const vat = input(index, 'vatRate');
            const gift = input(index, 'gift');
            const action = input(index, 'action');
            const pricing = sale ? pricingOf(row) : null;
            const amount = estimate(row);
            return (
              <tr key={row.key}>
                <td className="num">{index + 1}</td>
                <td className={product.cell('line-product')}>
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
                    onChange={(id, label) => onProduct(row.key, id, label)}
                    {...product.aria}
                  />
                  <ProductCardLink productId={row.productId} label={labels.productCard} />
                  {product.message}
                </td>
                <td className={quantity.cell('line-number')}>
                  <DecimalInput
                    id={quantity.id}
                    name={quantity.name}
                    locale={numberLocale}
                    format="quantity"
                    aria-label={lineLabel(labels.quantity, index)}
                    value={row.quantity}
                    onChange={(value) => onChange(row.key, { quantity: value })}
                    {...quantity.aria}
                  />
                  {quantity.message}
                </td>
                {price &&
                  (fromBasis ? (
                    <td className="num line-amount" aria-label={lineLabel(labels.price, index)}>
                      <input type="hidden" name={linePrice.name} value={row.price} />
                      {show(money, pricing?.price ?? row.price)}
                    </td>
                  ) : (
                    <td className={linePrice.cell('line-number line-price')}>
                      <DecimalInput
                        id={linePrice.id}
                        name={linePrice.name}
                        locale={numberLocale}
                        format="money"
                        aria-label={lineLabel(labels.price, index)}
                        value={sale && row.gift ? '0' : row.price}
                        readOnly={sale && row.gift}
                        onChange={(value) => onChange(row.key, { price: value, typedPrice: value !== '' })}
                        {...linePrice.aria}
                      />
                      {linePrice.message}
                    </td>
                  ))}
                {price === 'with_vat' && (
                  <td className={vat.cell('line-vat')}>
                    <select
                      id={vat.id}
                      name={vat.name}
                      aria-label={lineLabel(labels.vatRate, index)}
                      value={row.vatRate}
                      onChange={(e) => onChange(row.key, { vatRate: e.target.value })}
                      {...vat.aria}
                    >
                      {vatOptions.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    {vat.message}
                  </td>
                )}
                {sale && (
                  <td className="num line-amount line-percent" aria-label={lineLabel(labels.discount, index)}>
                    {show(decimal, pricing?.discountPercent)}
                  </td>
                )}
                {price && (
                  <td className="num line-amount" aria-label={lineLabel(labels.amount, index)}>
                    {pricing
                      ? show(money, pricing.amount)
                      : Number.isFinite(amount)
                        ? money.format(amount)
                        : ''}
                  </td>
                )}
                {sale && (
                  <td className="num line-amount" aria-label={lineLabel(labels.vat, index)}>
                    {show(money, pricing?.vatAmount)}
                  </td>
                )}
                {sale && (
                  <td className={gift.cell('line-check')}>
                    {fromBasis && row.gift && <input type="hidden" name={gift.name} value="on" />}
                    <input
                      type="checkbox"
                      id={gift.id}
                      name={fromBasis ? undefined : gift.name}
                      aria-label={lineLabel(labels.gift, index)}
                      checked={row.gift}
                      disabled={fromBasis}
                      onChange={(e) => onChange(row.key, { gift: e.target.checked })}
                      {...gift.aria}
                    />
                    {gift.message}
                  </td>
                )}
                {order && (
                  <td className={action.cell('line-action')}>
                    <select
                      id={action.id}
                      name={action.name}
                      aria-label={lineLabel(labels.action, index)}
                      value={row.action}
                      onChange={(e) => onChange(row.key, { action: e.target.value })}
                      {...action.aria}
                    >
                      {actionOptions.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    {action.message}
                  </td>
                )}
                {sale && (
                  <td
                    className="num line-amount line-stock"
                    aria-label={lineLabel(fromBasis ? labels.onHand : labels.available, index)}
                  >
                    {show(decimal, stockOf(row))}
                  </td>
                )}
                <td className="line-remove">
                  <button
                    type="button"
                    aria-label={fillTemplate(labels.removeLine, { n: index + 1 })}
                    title={fillTemplate(labels.removeLine, { n: index + 1 })}
                    onClick={() => onRemove(row.key)}
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
            {sale
              ? [
                  totalRow(labels.totalGross, totals ? show(money, totals.gross) : money.format(estimated)),
                  totalRow(labels.totalDiscount, show(money, totals?.discount)),
                  totalRow(labels.total, show(money, totals?.amount)),
                  totalRow(labels.totalVat, show(money, totals?.vat)),
                ]
              : totalRow(labels.total, money.format(estimated))}
          </tfoot>
        )}
      </table>
      {errors.lines && <p className="field-error">{errors.lines}</p>}
      {!readOnly && (
        <button type="button" className="add-line" onClick={onAdd}>
          + {labels.addLine}
        </button>
      )}
    </>
  );
}
