'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import type { FormState } from '@/app/_components/types';
import { OpenTasksChoice } from '@/app/_workplace/OpenTasksChoice';

type Props = {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  state: string;
  states: { value: string; label: string }[];
  lossReasons: { value: string; label: string }[];
  /** The interest's open tasks: marking it lost asks what becomes of them. */
  openTasks: number;
  labels: {
    state: string;
    apply: string;
    lossDialog: string;
    lossReason: string;
    lossReasonRequired: string;
    choose: string;
    cancel: string;
    openTasks: string;
    closeTasks: string;
    keepTasks: string;
  };
};

/**
 * Sets the interest's state by hand; "lost" first asks for the loss reason (and what becomes of the open
 * tasks) in a dialog, which stays open and says so at the field while the reason is missing.
 */
export function StateControl({ action, state, states, lossReasons, openTasks, labels }: Props) {
  const [result, formAction, pending] = useActionState(action, {});
  const [chosen, setChosen] = useState(state);
  const [reasonMissing, setReasonMissing] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const reason = useRef<HTMLSelectElement>(null);
  const errors = result.errors ?? {};
  const reasonError = reasonMissing ? labels.lossReasonRequired : errors.lossReasonId;
  // The server refused for want of a reason (the check here was bypassed): ask again.
  useEffect(() => {
    if (result.errors?.lossReasonId) dialog.current?.showModal();
  }, [result]);
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
          <select
            ref={reason}
            name="lossReasonId"
            defaultValue=""
            onChange={() => setReasonMissing(false)}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? 'loss-reason-error' : undefined}
          >
            <option value="">{labels.choose}</option>
            {lossReasons.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        {reasonError && (
          <span id="loss-reason-error" className="field-error" role="alert">
            {reasonError}
          </span>
        )}
        {openTasks > 0 && (
          <OpenTasksChoice legend={labels.openTasks} close={labels.closeTasks} keep={labels.keepTasks} />
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="primary"
            onClick={(e) => {
              if (!reason.current?.value) {
                e.preventDefault();
                setReasonMissing(true);
                reason.current?.focus();
                return;
              }
              dialog.current?.close();
            }}
          >
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
