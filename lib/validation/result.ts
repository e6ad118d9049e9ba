import type { FieldErrors } from './fields';

/**
 * The one shape of a refused command: error codes (`code` or `code:param`, lib/i18n `error.<code>`) at
 * the fields they concern, `_form` for the whole — the access rule's `forbidden`, a `stale` version,
 * a `not_found` row. The UI turns them into messages in the user's language (errorText).
 */
export type Refusal = { ok: false; errors: FieldErrors };

export const refuse = (errors: FieldErrors): Refusal => ({ ok: false, errors });
/** The access rule said no (lib/access/rules). */
export const forbidden = (): Refusal => refuse({ _form: 'forbidden' });
/** Someone else changed it since it was read (a version did not match). */
export const stale = (): Refusal => refuse({ _form: 'stale' });
