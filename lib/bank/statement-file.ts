/**
 * The largest statement file taken: a year of a busy account is a few megabytes. The upload form
 * checks it before sending (a huge file never leaves the browser), the server action again.
 */
export const MAX_STATEMENT_MB = 20;
const MAX_STATEMENT_BYTES = MAX_STATEMENT_MB * 1024 * 1024;

/** The chosen statement file, or why it is not taken: none chosen (or empty), or too large. */
export function checkStatementFile(
  value: FormDataEntryValue | null,
): { ok: true; file: File } | { ok: false; error: 'required' | 'too_large' } {
  if (!(value instanceof File) || value.size === 0) return { ok: false, error: 'required' };
  if (value.size > MAX_STATEMENT_BYTES) return { ok: false, error: 'too_large' };
  return { ok: true, file: value };
}
