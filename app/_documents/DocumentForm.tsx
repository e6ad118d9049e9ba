'use client';

import { type FormEvent, startTransition, useActionState, useEffect, useRef, useState } from 'react';
import { Field } from '@/app/_components/EntityForm';
import { lineEditorKeys } from '@/app/_components/form-keys';
import type { FieldSpec, FormValues } from '@/app/_components/types';
import type { KindForm } from '@/lib/documents/kinds';
import { type AllocationRow, AllocationsTable } from './AllocationsTable';
import { LinesTable, type Row, type RowFacts, rowSignature } from './LinesTable';
import type {
  AllocationValues,
  Choice,
  DocumentFormLabels,
  DocumentFormState,
  FormFactsView,
  LineValues,
} from './types';

/** A price that came from the price list (or none yet) rather than from the user: it keeps following the list. */
const fromPriceList = (price: string, listPrice: string | null) =>
  price === '' || Number(price) === 0 || (listPrice !== null && Number(price) === Number(listPrice));

type Action = (state: DocumentFormState, data: FormData) => Promise<DocumentFormState>;

/** The inputs the server's answer depends on (lookups tell their choice apart); a comment asks nothing. */
const asksServer =
  /^(date|priceTypeId|warehouseId|manualDiscountPercent|basedOnId|paymentKind|lines\.\d+\.\w+|allocations\.\d+\.orderId)$/;

type Props = {
  kind: KindForm;
  /** Saves (intent "save") or saves and posts (intent "post"). */
  save: Action;
  /** Post, unpost, mark for deletion, restore; absent while the document is new. */
  changeStatus?: Action;
  /** What the server shows beside the input (sales documents, bank receipts), asked again as the user types. */
  facts?: (data: FormData) => Promise<FormFactsView>;
  status: 'draft' | 'posted' | 'deleted' | null;
  fields: FieldSpec[];
  /** Sent back as they are: the version, and the chain the document belongs to. */
  hidden: Record<string, string>;
  values: FormValues;
  lines: LineValues[];
  allocations: AllocationValues[];
  initialFacts: FormFactsView | null;
  vatOptions: Choice[];
  actionOptions: Choice[];
  /** Intl locale for the amounts shown while typing. */
  numberLocale: string;
  labels: DocumentFormLabels;
};

/**
 * The form of every document kind: header fields by the kind, then its lines or, for a bank receipt,
 * the payment's allocation to orders. Sales documents ask the server (debounced) for list prices,
 * stock, the client's contacts and orders and the priced amounts as the user types: one pricing, the
 * server's, before and after saving.
 */
export function DocumentForm({
  kind,
  save,
  changeStatus,
  facts,
  status,
  fields,
  hidden,
  values,
  lines,
  allocations,
  initialFacts,
  vatOptions,
  actionOptions,
  numberLocale,
  labels,
}: Props) {
  const { rules } = kind;
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
    quantity: '1',
    price: '',
    vatRate: rules.price === 'with_vat' ? '22' : '',
    gift: false,
    action: kind.lineAction ? 'reserve' : '',
    typedPrice: false,
  });
  const [initial] = useState(() => {
    const first: Row[] = lines.length
      ? lines.map((line, i) => ({
          ...line,
          key: ++lastKey.current,
          typedPrice: !fromPriceList(line.price, initialFacts?.lines[i]?.listPrice ?? null),
        }))
      : rules.lines
        ? [blank()]
        : [];
    const known = first.flatMap((row, i) => {
      const f = initialFacts?.lines[i];
      return f ? [[row.key, { ...f, productId: row.productId, signature: rowSignature(row) }] as const] : [];
    });
    return { rows: first, facts: Object.fromEntries(known) as Record<number, RowFacts> };
  });
  const [rows, setRows] = useState<Row[]>(initial.rows);
  const [lineFacts, setLineFacts] = useState(initial.facts);
  const [totals, setTotals] = useState(initialFacts?.totals ?? null);
  const [choices, setChoices] = useState({
    contacts: initialFacts?.contacts ?? [],
    orders: initialFacts?.orders ?? [],
  });
  const [allocationRows, setAllocationRows] = useState<AllocationRow[]>(() =>
    allocations.map((a) => ({ ...a, key: ++lastKey.current })),
  );
  const errors = state.errors ?? {};
  const readOnly = status === 'deleted';

  // A shipment's prices are its order's, a return's its sale's, not the price list's.
  const followsPriceList = rules.price === 'sale' && kind.pricing === 'sale';
  const formRef = useRef<HTMLFormElement>(null);
  const rowsNow = useRef(rows);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(0);
  useEffect(() => {
    rowsNow.current = rows;
  }, [rows]);
  useEffect(() => () => clearTimeout(timer.current), []);

  /** Asks the server about the form as it is now, once the user pauses; only the latest answer counts. */
  function refresh() {
    if (!facts) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      if (!formRef.current) return;
      const sent = rowsNow.current;
      const request = ++latest.current;
      let answer: FormFactsView;
      try {
        answer = await facts(new FormData(formRef.current));
      } catch {
        return; // The page is leaving or the network failed: the next change asks again.
      }
      if (request !== latest.current) return;
      setChoices({ contacts: answer.contacts, orders: answer.orders });
      setTotals(answer.totals);
      setLineFacts(
        Object.fromEntries(
          sent.map((row, i) => [
            row.key,
            { ...answer.lines[i]!, productId: row.productId, signature: rowSignature(row) },
          ]),
        ),
      );
      if (!followsPriceList) return;
      // Prices the user did not type follow the list (nothing when the price type has no price for the
      // product), unless the row's product changed since the question was sent.
      const listPrices = new Map(
        sent.map((row, i) => [
          row.key,
          { productId: row.productId, price: answer.lines[i]?.listPrice ?? '' },
        ]),
      );
      const follows = (row: Row) => {
        const list = listPrices.get(row.key);
        return !row.typedPrice && list?.productId === row.productId && list.price !== row.price;
      };
      if (rowsNow.current.some(follows)) {
        setRows((current) =>
          current.map((row) => (follows(row) ? { ...row, price: listPrices.get(row.key)!.price } : row)),
        );
        refresh(); // The new prices change the amounts.
      }
    }, 300);
  }

  function changeRow(key: number, patch: Partial<Row>) {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  }

  function changed(event: FormEvent<HTMLFormElement>) {
    const target = event.target as HTMLInputElement;
    // A number field sends its value from a hidden input and names itself in data-name (DecimalInput).
    if (asksServer.test(target.name || target.dataset.name || '')) refresh();
  }

  const addLine = () => setRows((current) => [...current, blank()]);
  const removeLine = (key: number) => {
    setRows((current) => current.filter((row) => row.key !== key));
    refresh();
  };
  const lineKeys =
    rules.lines && !readOnly
      ? {
          addLine,
          removeLine,
          isEmpty: (key: number) => rows.some((r) => r.key === key && !r.productId && !r.productLabel),
        }
      : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Dispatching by hand instead of <form action>: React resets a form after such an action, and the
    // user's input must stay when the server refuses it.
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(data));
  }

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      onChange={changed}
      onKeyDown={(e) => lineEditorKeys(e, lineKeys)}
      className="entity-form document-form"
      noValidate
    >
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
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="form-grid">
          {fields.map((field) => (
            <Field
              key={field.name}
              field={field.optionsFrom ? { ...field, options: choices[field.optionsFrom] } : field}
              value={values[field.name]}
              error={errors[field.name]}
              chooseLabel={labels.chooseLabel}
              lookupHint={labels.lookupHint}
              numberLocale={numberLocale}
              onLookup={field.name === 'partnerId' ? (id) => id && refresh() : undefined}
            />
          ))}
        </div>
        {rules.lines ? (
          <LinesTable
            kind={kind}
            rows={rows}
            facts={lineFacts}
            totals={totals}
            errors={errors}
            readOnly={readOnly}
            numberLocale={numberLocale}
            vatOptions={vatOptions}
            actionOptions={actionOptions}
            labels={labels}
            onChange={changeRow}
            onProduct={(key, productId, productLabel) => {
              changeRow(key, { productId, productLabel });
              if (productId) refresh();
            }}
            onRemove={removeLine}
            onAdd={addLine}
          />
        ) : (
          kind.allocations && (
            <AllocationsTable
              rows={allocationRows}
              orders={choices.orders}
              errors={errors}
              readOnly={readOnly}
              numberLocale={numberLocale}
              labels={labels}
              onChange={(key, patch) =>
                setAllocationRows((current) =>
                  current.map((row) => (row.key === key ? { ...row, ...patch } : row)),
                )
              }
              onRemove={(key) => setAllocationRows((current) => current.filter((row) => row.key !== key))}
              onAdd={() =>
                setAllocationRows((current) => [
                  ...current,
                  { key: ++lastKey.current, orderId: '', amount: '' },
                ])
              }
            />
          )
        )}
      </fieldset>
      <div className="form-actions">
        {!readOnly && (
          <>
            <button
              type="submit"
              name="intent"
              value="save"
              className={rules.posts ? undefined : 'primary'}
              disabled={pending}
            >
              {labels.save}
            </button>
            {rules.posts && (
              <button type="submit" name="intent" value="post" className="primary" disabled={pending}>
                {labels.post}
              </button>
            )}
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
