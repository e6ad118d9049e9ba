'use client';

import { useActionState, useState } from 'react';
import { DateInput } from './DateInput';
import { DecimalInput } from './DecimalInput';
import { LookupInput } from './LookupInput';
import type { FieldSpec, FormState, FormValues } from './types';

type Props = {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  fields: FieldSpec[];
  values: FormValues;
  submitLabel: string;
  chooseLabel: string;
  lookupHint: string;
  readOnly?: boolean;
};

/** One form for every catalog: fields come from the catalog's spec, errors show at each field. */
export function EntityForm({
  action,
  fields,
  values,
  submitLabel,
  chooseLabel,
  lookupHint,
  readOnly,
}: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const current = state.values ?? values;
  const errors = state.errors ?? {};
  // A new key after each failed submit re-mounts the inputs with the values the user typed.
  const key = JSON.stringify(current);
  return (
    <form
      action={formAction}
      className="entity-form"
      noValidate
      onSubmit={(e) => {
        // Other fields are checked by the server; files past their limits must not even be sent.
        const files = e.currentTarget.querySelectorAll<HTMLInputElement>('input[type=file]');
        if ([...files].some((f) => f.validationMessage)) e.preventDefault();
      }}
    >
      {state.notice && (
        <p className="notice" role="status">
          {state.notice}
        </p>
      )}
      {errors._form && (
        <p className="form-error" role="alert">
          {errors._form}
        </p>
      )}
      <fieldset disabled={readOnly || pending} key={key}>
        <div className="form-grid">
          {fields.map((field) => (
            <Field
              key={field.name}
              field={field}
              value={current[field.name]}
              error={errors[field.name]}
              chooseLabel={chooseLabel}
              lookupHint={lookupHint}
            />
          ))}
        </div>
      </fieldset>
      {!readOnly && (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={pending}>
            {submitLabel}
          </button>
        </div>
      )}
    </form>
  );
}

/** One labelled input with its error; document forms use it for their header too. */
export function Field({
  field,
  value,
  error,
  chooseLabel,
  lookupHint,
  onLookup,
  numberLocale,
}: {
  field: FieldSpec;
  value: string | boolean | undefined;
  error?: string;
  chooseLabel: string;
  lookupHint: string;
  /** Told the id chosen in a lookup field ('' while typing). */
  onLookup?: (id: string) => void;
  /** Intl locale: money and percent fields then show and accept numbers in it (see DecimalInput). */
  numberLocale?: string;
}) {
  const id = `field-${field.name}`;
  const errorId = `${id}-error`;
  const common = {
    id,
    name: field.name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
  };
  const text = typeof value === 'string' ? value : '';
  let input: React.ReactNode;
  switch (field.type) {
    case 'checkbox':
      return (
        <div className={`field field-checkbox${field.wide ? ' wide' : ''}`}>
          <label htmlFor={id}>
            <input type="checkbox" {...common} defaultChecked={value === true || value === 'on'} />
            {field.label}
          </label>
          {error && (
            <span className="field-error" id={errorId}>
              {error}
            </span>
          )}
        </div>
      );
    case 'textarea':
      input = <textarea {...common} defaultValue={text} rows={3} />;
      break;
    case 'files':
      return <FilesField field={field} common={common} error={error} />;
    case 'select':
      input = (
        <select {...common} defaultValue={text}>
          <option value="">{chooseLabel}</option>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'lookup':
      input = (
        <LookupInput
          {...common}
          lookup={field.lookup!}
          defaultValue={text}
          defaultLabel={field.lookupLabel ?? ''}
          placeholder={lookupHint}
          onChange={onLookup}
        />
      );
      break;
    case 'date':
    case 'datetime-local':
      input = (
        <DateInput
          {...common}
          kind={field.type === 'date' ? 'date' : 'datetime'}
          defaultValue={text}
          required={field.required}
        />
      );
      break;
    case 'money':
    case 'percent':
      input = numberLocale ? (
        <DecimalInput {...common} value={text} locale={numberLocale} format={field.type} />
      ) : (
        <input {...common} type="text" inputMode="decimal" defaultValue={text} autoComplete="off" />
      );
      break;
    default:
      input = (
        <>
          <input
            {...common}
            type={field.type}
            defaultValue={text}
            list={field.suggestions ? `${id}-list` : undefined}
            autoComplete="off"
          />
          {field.suggestions && (
            <datalist id={`${id}-list`}>
              {field.suggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          )}
        </>
      );
  }
  return (
    <div className={`field${field.wide ? ' wide' : ''}${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {field.label}
        {field.required && <span className="required">*</span>}
      </label>
      {input}
      {error && (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}

/** Files with their limits checked as they are chosen; the message shows at the field. */
function FilesField({
  field,
  common,
  error,
}: {
  field: FieldSpec;
  common: { id: string; name: string };
  error?: string;
}) {
  const [refusal, setRefusal] = useState('');
  const shown = refusal || error;
  const errorId = `${common.id}-error`;
  return (
    <div className={`field${field.wide ? ' wide' : ''}${shown ? ' has-error' : ''}`}>
      <label htmlFor={common.id}>{field.label}</label>
      <input
        {...common}
        type="file"
        multiple
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? errorId : undefined}
        onChange={(e) => {
          const limits = field.files;
          const chosen = [...(e.currentTarget.files ?? [])];
          const big = limits && chosen.find((f) => f.size > limits.maxBytes);
          const message = !limits
            ? ''
            : chosen.length > limits.max
              ? limits.tooMany
              : big
                ? `${limits.tooLarge.replace(/\.$/, '')}: ${big.name}`
                : '';
          e.currentTarget.setCustomValidity(message);
          setRefusal(message);
        }}
      />
      {shown && (
        <span className="field-error" id={errorId}>
          {shown}
        </span>
      )}
    </div>
  );
}
