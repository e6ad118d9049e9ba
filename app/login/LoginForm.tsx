'use client';

import { useActionState } from 'react';
import { login } from './actions';

export function LoginForm({
  next,
  labels,
}: {
  next: string;
  labels: { email: string; password: string; submit: string };
}) {
  const [state, action, pending] = useActionState(login, {});
  return (
    <form action={action} className="login-form">
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      <input type="hidden" name="next" value={next} />
      <div className="field">
        <label htmlFor="email">{labels.email}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          key={state.email}
        />
      </div>
      <div className="field">
        <label htmlFor="password">{labels.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button type="submit" className="primary" disabled={pending}>
        {labels.submit}
      </button>
    </form>
  );
}
