import type { FormState, FormValues } from '@/app/_components/types';
import { errorText } from '@/lib/i18n/translate';
import { getTranslator } from './locale';

/**
 * A form's text fields by name (files are read where they are expected). NUL characters are dropped:
 * no one types them, and PostgreSQL stores no NUL in text.
 */
export function formValues(data: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of data.entries()) {
    if (!key.startsWith('$ACTION') && typeof value === 'string') values[key] = value.replaceAll('\0', '');
  }
  return values;
}

/** Field error codes → messages in the user's language, plus a summary for the top of the form. */
export async function failed(errors: Record<string, string>, values: FormValues): Promise<FormState> {
  const { t, locale } = await getTranslator();
  const translated = Object.fromEntries(
    Object.entries(errors).map(([field, code]) => [field, errorText(t, code, locale)]),
  );
  translated._form ??= t('error.form');
  return { errors: translated, values };
}
