'use client';

import { useActionState } from 'react';
import type { FormState } from '@/app/_components/types';

/** Delivered or not (with a reason) for one stop; a refusal shows beside it. */
export function StopResultForm({
  action,
  stopNo,
  result,
  reason,
  labels,
}: {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  stopNo: number;
  result: string;
  reason: string;
  labels: { result: string; delivered: string; notDelivered: string; reason: string; mark: string };
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const errors = state.errors ?? {};
  return (
    <form action={formAction} className="stop-result">
      <input type="hidden" name="stopNo" value={stopNo} />
      <select
        name="result"
        aria-label={`${labels.result}, ${stopNo}`}
        defaultValue={result === 'pending' ? 'delivered' : result}
      >
        <option value="delivered">{labels.delivered}</option>
        <option value="not_delivered">{labels.notDelivered}</option>
      </select>
      <input
        name="reason"
        aria-label={`${labels.reason}, ${stopNo}`}
        placeholder={labels.reason}
        defaultValue={reason}
        maxLength={500}
      />
      <button type="submit" disabled={pending}>
        {labels.mark}
      </button>
      {(errors.reason || errors._form) && (
        <span className="field-error" role="alert">
          {errors.reason ?? errors._form}
        </span>
      )}
    </form>
  );
}
