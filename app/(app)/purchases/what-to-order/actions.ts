'use server';

import { redirect } from 'next/navigation';
import { param, serverAction } from '@/app/_server/action';
import { getDb } from '@/db/client';
import { draftSupplierOrders } from '@/lib/purchases/what-to-order';
import { parseProductFilters } from '@/lib/reports/filters';

/**
 * «Создать заказы поставщикам»: drafts them for the list as filtered (read again on the server, never
 * taken from the page) and comes back to it with how many were made, or why none were.
 */
export const draftOrdersAction = serverAction(
  ['manager', 'leader', 'admin'],
  [param.form],
  async (user, data): Promise<void> => {
    const filters = new URLSearchParams();
    for (const name of ['warehouse', 'group', 'q']) {
      const value = data.get(name);
      if (typeof value === 'string' && value) filters.set(name, value.slice(0, 200));
    }
    const result = await draftSupplierOrders(getDb(), parseProductFilters(filters), user);
    if (result.ok) filters.set('created', String(result.ids.length));
    else filters.set('refused', Object.values(result.errors)[0] ?? 'invalid');
    redirect(`/purchases/what-to-order?${filters}`);
  },
);
