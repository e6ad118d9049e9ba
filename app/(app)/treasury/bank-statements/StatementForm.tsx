'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { fillTemplate } from '@/app/_components/typed-text';
import { checkStatementFile } from '@/lib/bank/statement-file';
import { type StatementState, uploadStatement } from './actions';

type Labels = Record<
  | 'file'
  | 'preview'
  | 'import'
  | 'previewNote'
  | 'number'
  | 'date'
  | 'amount'
  | 'payer'
  | 'purpose'
  | 'partner'
  | 'order'
  | 'result'
  | 'foreignAccounts'
  | 'addAccount'
  | 'fileTooLarge'
  | 'uploadKept',
  string
>;

/** Upload a statement, check it (nothing written) or import it, and see each payment's match. */
export function StatementForm({ labels }: { labels: Labels }) {
  const [state, action, pending] = useActionState<StatementState, FormData>(uploadStatement, {});
  const [tooLarge, setTooLarge] = useState(false);
  const fileError = tooLarge ? labels.fileTooLarge : state.fileError;
  return (
    <>
      <form action={action} className="panel inline-form">
        <label className={`grow${fileError ? ' has-error' : ''}`}>
          {labels.file}
          <input
            type="file"
            name="file"
            accept=".txt,text/plain"
            required={!state.upload}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'statement-file-error' : undefined}
            onChange={(e) => {
              // The browser refuses to submit a file marked invalid: a huge one is never sent.
              const checked = checkStatementFile(e.currentTarget.files?.[0] ?? null);
              const large = !checked.ok && checked.error === 'too_large';
              e.currentTarget.setCustomValidity(large ? labels.fileTooLarge : '');
              setTooLarge(large);
            }}
          />
          {fileError && (
            <span className="field-error" id="statement-file-error">
              {fileError}
            </span>
          )}
        </label>
        {state.upload && (
          <>
            <input type="hidden" name="upload" value={state.upload.id} />
            <p className="muted statement-kept">
              {fillTemplate(labels.uploadKept, { name: state.upload.fileName })}
            </p>
          </>
        )}
        <div className="toolbar">
          <button type="submit" name="mode" value="preview" disabled={pending}>
            {labels.preview}
          </button>
          <button type="submit" name="mode" value="import" className="primary" disabled={pending}>
            {labels.import}
          </button>
        </div>
      </form>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {state.summary && (
        <p className="notice" role="status">
          {state.summary} {state.dryRun && labels.previewNote}
        </p>
      )}
      {state.foreignAccounts && state.foreignAccounts.length > 0 && (
        <div className="form-error" role="alert">
          {labels.foreignAccounts}
          <ul>
            {state.foreignAccounts.map((account) => (
              <li key={account}>
                {account} —{' '}
                <Link href={`/catalogs/bank-accounts/new?${new URLSearchParams({ accountNumber: account })}`}>
                  {labels.addAccount}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.rows && state.rows.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th>{labels.number}</th>
              <th>{labels.date}</th>
              <th className="num">{labels.amount}</th>
              <th>{labels.payer}</th>
              <th>{labels.purpose}</th>
              <th>{labels.partner}</th>
              <th>{labels.order}</th>
              <th>{labels.result}</th>
            </tr>
          </thead>
          <tbody>
            {state.rows.map((r) => (
              <tr key={`${r.number}-${r.date}-${r.amount}`}>
                <td>{r.number}</td>
                <td>{r.date}</td>
                <td className="num">{r.amount}</td>
                <td>{r.payer}</td>
                <td>{r.purpose}</td>
                <td>{r.partner}</td>
                <td>
                  {r.orderId ? <Link href={`/documents/orders/${r.orderId}`}>{r.order}</Link> : r.order}
                </td>
                <td>
                  {r.receiptId ? (
                    <Link href={`/documents/bank-receipts/${r.receiptId}`}>{r.result}</Link>
                  ) : (
                    r.result
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
