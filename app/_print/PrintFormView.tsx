import localFont from 'next/font/local';
import type { FormSheet } from '@/lib/print/form-sheet';
import {
  cellText,
  hasBankBox,
  hasLetterhead,
  type PrintForm,
  partyRows,
  partyText,
  printColumns,
  printMoney,
  printSummary,
  printTitle,
  totalRows,
} from '@/lib/print/print-form';
import { formSheet } from '@/lib/print/unified-forms';
import './print-form.css';

/** The PDF's font, so the page on screen and on paper reads like the PDF sent by email. */
const ptSans = localFont({
  src: [
    { path: '../../lib/print/fonts/PTSans-Regular.ttf', weight: '400' },
    { path: '../../lib/print/fonts/PTSans-Bold.ttf', weight: '700' },
  ],
  display: 'swap',
});

/** The bank details box that opens a Russian invoice. */
function BankBox({ form }: { form: PrintForm }) {
  const bank = form.sellerBank!;
  return (
    <table className="pf-bank">
      <tbody>
        <tr>
          <td colSpan={2} rowSpan={2}>
            {bank.bankName}
            <small>Банк получателя</small>
          </td>
          <td className="pf-bank-label">БИК</td>
          <td className="pf-bank-value">{bank.bik}</td>
        </tr>
        <tr>
          <td className="pf-bank-label">Сч. №</td>
          <td className="pf-bank-value">{bank.corrAccount}</td>
        </tr>
        <tr>
          <td>ИНН {form.seller.inn}</td>
          <td>КПП {form.seller.kpp}</td>
          <td className="pf-bank-label" rowSpan={2}>
            Сч. №
          </td>
          <td className="pf-bank-value" rowSpan={2}>
            {bank.account}
          </td>
        </tr>
        <tr>
          <td colSpan={2}>
            {form.seller.name}
            <small>Получатель</small>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** A fixed-layout form (УПД, ТОРГ-12, a route sheet): its grid as one table, spans and borders as in the PDF. */
export function FormSheetView({ sheet }: { sheet: FormSheet }) {
  const total = sheet.columns.reduce((a, b) => a + b, 0);
  return (
    // A fixed layout does not reflow: on a narrow screen the sheet keeps its width and scrolls.
    <div className="pf-scroll">
      <article className={`pf-sheet pf-landscape ${ptSans.className}`} aria-label={sheet.title}>
        <table className="pf-grid">
          <colgroup>
            {sheet.columns.map((width, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed by the form
              <col key={i} style={{ width: `${((width / total) * 100).toFixed(2)}%` }} />
            ))}
          </colgroup>
          <tbody>
            {sheet.rows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the rows are fixed by the form
              <tr key={r} className={row.head ? 'pf-grid-head' : undefined}>
                {row.cells.map((cell, c) => (
                  <td
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                    key={c}
                    colSpan={cell.colSpan}
                    rowSpan={cell.rowSpan}
                    className={[
                      cell.border && `pf-${cell.border}`,
                      cell.size && `pf-${cell.size}`,
                      cell.bold && 'pf-bold',
                      cell.align && `pf-${cell.align}`,
                    ]
                      .filter(Boolean)
                      .join(' ')}
                    style={row.gapBefore ? { paddingTop: `${row.gapBefore}pt` } : undefined}
                  >
                    {cell.text}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </article>
    </div>
  );
}

/** A print form as HTML for the on-screen print page: the same content as its PDF and XLSX. */
export function PrintFormView({ form }: { form: PrintForm }) {
  const sheet = formSheet(form);
  if (sheet) return <FormSheetView sheet={sheet} />;
  const columns = printColumns(form);
  const { count, words } = printSummary(form);
  return (
    <article className={`pf-sheet ${ptSans.className}`}>
      {hasBankBox(form) && <BankBox form={form} />}
      {hasLetterhead(form) && (
        <header className="pf-letterhead">
          <strong>{form.seller.name}</strong>
          <span>{partyText({ ...form.seller, name: '' }).replace(/^, /, '')}</span>
        </header>
      )}
      <h1 className="pf-title">{printTitle(form)}</h1>
      <table className="pf-parties">
        <tbody>
          {partyRows(form).map(([label, text]) => (
            <tr key={label}>
              <th>{label}:</th>
              <td>{text}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="pf-lines">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={`pf-${c.key}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {form.lines.map((line) => (
            <tr key={line.no}>
              {columns.map((c) => (
                <td key={c.key} className={`pf-${c.key}`}>
                  {cellText(c, line)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <table className="pf-totals">
        <tbody>
          {totalRows(form).map((row) => (
            <tr key={row.label}>
              <th>{row.label}:</th>
              <td>{row.amount === null ? '—' : printMoney(row.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="pf-summary">
        {count}
        <br />
        <strong>{words}</strong>
      </p>
      {form.notes.map((note) => (
        <p key={note} className="pf-note">
          {note}
        </p>
      ))}
      {form.signatures.length > 0 && (
        <div className="pf-signatures">
          {form.signatures.map((signature) => (
            <div key={signature.role} className="pf-signature">
              <strong>{signature.role}</strong>
              <span className="pf-blank">
                <span>подпись</span>
              </span>
              <span className="pf-blank pf-name">
                {signature.name}
                <span>расшифровка подписи</span>
              </span>
            </div>
          ))}
        </div>
      )}
    </article>
  );
}
