'use client';

import { useActionState, useRef, useState } from 'react';
import type { FormState } from '@/app/_components/types';

type Props = {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  state: string;
  states: { value: string; label: string }[];
  lossReasons: { value: string; label: string }[];
  labels: {
    state: string;
    apply: string;
    lossDialog: string;
    lossReason: string;
    choose: string;
    cancel: string;
  };
};

/** Sets the interest's state by hand; "lost" first asks for the loss reason in a dialog. */
export function StateControl({ action, state, states, lossReasons, labels }: Props) {
  const [result, formAction, pending] = useActionState(action, {});
  const [chosen, setChosen] = useState(state);
  const dialog = useRef<HTMLDialogElement>(null);
  const errors = result.errors ?? {};
  return (
    <form
      action={formAction}
      className="state-control"
      onSubmit={(e) => {
        const submitter = (e.nativeEvent as SubmitEvent).submitter;
        if (chosen === 'lost' && !submitter?.closest('dialog')) {
          e.preventDefault();
          dialog.current?.showModal();
        }
      }}
    >
      <label>
        {labels.state}{' '}
        <select name="state" value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={pending}>
          {states.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending || chosen === state}>
        {labels.apply}
      </button>
      {(errors._form || errors.state) && (
        <span className="field-error" role="alert">
          {errors._form ?? errors.state}
        </span>
      )}
      <dialog ref={dialog} className="loss-dialog" aria-labelledby="loss-dialog-title">
        <h2 id="loss-dialog-title">{labels.lossDialog}</h2>
        <label>
          {labels.lossReason}
          <select name="lossReasonId" defaultValue="">
            <option value="">{labels.choose}</option>
            {lossReasons.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        {errors.lossReasonId && <span className="field-error">{errors.lossReasonId}</span>}
        <div className="form-actions">
          <button type="submit" className="primary" onClick={() => dialog.current?.close()}>
            {labels.apply}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            {labels.cancel}
          </button>
        </div>
      </dialog>
    </form>
  );
}
