'use client';

import { useActionState } from 'react';
import { Field } from '@/app/_components/EntityForm';
import type { FieldSpec, FormState, FormValues } from '@/app/_components/types';

type Props = {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  /** To, subject and body. */
  fields: FieldSpec[];
  /** One checkbox per print form and format, named `attach:<form>:<format>`. */
  attachments: { name: string; label: string }[];
  values: FormValues;
  labels: { attachments: string; submit: string };
};

/** The send form: errors at the fields, and after a refusal everything the user typed and ticked stays. */
export function SendEmailForm({ action, fields, attachments, values, labels }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const current = state.values ?? values;
  const errors = state.errors ?? {};
  return (
    <form action={formAction} className="entity-form send-email" noValidate>
      {errors._form && (
        <p className="form-error" role="alert">
          {errors._form}
        </p>
      )}
      <fieldset disabled={pending} key={JSON.stringify(current)}>
        <input type="hidden" name="template" value={String(current.template ?? '')} />
        <div className="form-grid">
          {fields.map((field) => (
            <Field
              key={field.name}
              field={field}
              value={current[field.name]}
              error={errors[field.name]}
              chooseLabel=""
              lookupHint=""
            />
          ))}
        </div>
        <fieldset className={`send-email-attachments${errors.attachments ? ' has-error' : ''}`}>
          <legend>{labels.attachments}</legend>
          {attachments.map((a) => (
            <label key={a.name}>
              <input type="checkbox" name={a.name} defaultChecked={current[a.name] === 'on'} /> {a.label}
            </label>
          ))}
          {errors.attachments && <span className="field-error">{errors.attachments}</span>}
        </fieldset>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending}>
          {labels.submit}
        </button>
      </div>
    </form>
  );
}
