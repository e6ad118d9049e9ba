import { formatDate, formatMoney, type Translate } from '@/lib/i18n/translate';
import type { FormFacts } from '@/lib/sales/form-facts';
import type { Locale } from '@/lib/users/users';
import type { FormFactsView } from './types';

/** The form facts as the client shows them: contacts and orders as labelled choices, money formatted here. */
export function factsView(facts: FormFacts, t: Translate, locale: Locale): FormFactsView {
  return {
    contacts: facts.contacts.map((c) => ({ value: String(c.id), label: c.name })),
    orders: facts.orders.map((o) => ({
      value: String(o.id),
      label: t('sales.orderChoice', {
        number: o.number,
        date: formatDate(locale, o.date),
        toPay: formatMoney(locale, o.toPay),
      }),
      toPay: o.toPay,
    })),
    lines: facts.lines,
    totals: facts.totals,
  };
}
