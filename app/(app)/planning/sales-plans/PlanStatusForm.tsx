'use client';

import { useActionState } from 'react';
import type { FormState } from '@/app/_components/types';

/** Post, unpost, mark for deletion or restore a saved plan; a refusal shows above the buttons. */
export function PlanStatusForm({
  action,
  buttons,
}: {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  buttons: { intent: string; label: string; primary?: boolean }[];
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="toolbar">
      {state.errors?._form && (
        <p className="form-error" role="alert">
          {state.errors._form}
        </p>
      )}
      {buttons.map((b) => (
        <button
          key={b.intent}
          type="submit"
          name="intent"
          value={b.intent}
          className={b.primary ? 'primary' : undefined}
          disabled={pending}
        >
          {b.label}
        </button>
      ))}
    </form>
  );
}
