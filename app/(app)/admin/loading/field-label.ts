import type { MessageKey } from '@/lib/i18n/messages';
import type { Translate } from '@/lib/i18n/translate';

/**
 * A load field's name in the user's language: a price column by its price type, a contact person's
 * field (`contactPhones`) as such, anything else (`_form`, a column) by its key.
 */
export function fieldLabel(t: Translate, field: string, priceTypes: readonly { id: number; name: string }[]) {
  if (field.startsWith('price:'))
    return t('loading.field.price', { name: priceTypes.find((p) => `price:${p.id}` === field)?.name ?? '' });
  const key = `loading.field.${field}` as MessageKey;
  return t(key) === key ? field : t(key);
}
