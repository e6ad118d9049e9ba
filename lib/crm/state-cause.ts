import type { MessageKey } from '@/lib/i18n/messages';
import { formatMoney, type Translate } from '@/lib/i18n/translate';
import type { Locale } from '@/lib/users/users';

/** Why an interest's state changed, as stored in interest_events (cause_code, cause_params). */
export const stateCauseCodes = [
  'undone_won',
  'undone_shipment_control',
  'undone_awaiting_payment',
  'undone_offer_sent',
  'undone_consultation',
  'facts_changed',
  'order_done',
  'payment_received',
  'order_paid',
  'order_posted',
  'offer_sent',
  'products_chosen',
  'no_products',
  /** A sentence written before causes had codes that matched none of them (kept as it was). */
  'text',
] as const;
export type StateCauseCode = (typeof stateCauseCodes)[number];
export type StateCause = { code: StateCauseCode; params?: Record<string, string | number> | null };

/** The cause in the reader's language; money in their format. */
export function stateCauseText(t: Translate, locale: Locale, cause: StateCause): string {
  const params = { ...cause.params };
  if (typeof params.amount === 'string') params.amount = formatMoney(locale, params.amount);
  if (cause.code === 'text') return String(params.text ?? '');
  const key = `crmCard.cause.${cause.code}` as MessageKey;
  return t(key, params);
}
