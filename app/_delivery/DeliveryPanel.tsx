import Link from 'next/link';
import { getDb } from '@/db/client';
import { deliverable } from '@/lib/delivery/deliveries';
import { deliveriesOfDocument } from '@/lib/delivery/queries';
import type { DocumentView } from '@/lib/documents/queries';
import { formatDate, type Translate } from '@/lib/i18n/translate';
import type { Locale } from '@/lib/users/users';
import './delivery.css';

/**
 * «Доставка» on a sales document's or customer order's page: the trips carrying it (an order: itself
 * or its sales documents), each with its status and the stop's result, and a new task from it. The
 * page follows `document:<id>`, which every delivery command publishes, so it changes live.
 */
export async function DeliveryPanel({ doc, t, locale }: { doc: DocumentView; t: Translate; locale: Locale }) {
  if (doc.kind !== 'sales' && doc.kind !== 'customer_order') return null;
  const trips = await deliveriesOfDocument(getDb(), doc.id);
  // Once a trip carries it, another is made only after it was not delivered there.
  const onTrip = trips.some((d) => d.documentId === doc.id && d.result !== 'not_delivered');
  const canStart = deliverable(doc) && !onTrip;
  if (trips.length === 0 && !canStart) return null;
  return (
    <section className="card sales-panel delivery-panel" aria-label={t('delivery.ofDocument')}>
      <h2>{t('delivery.ofDocument')}</h2>
      {trips.length > 0 && (
        <ul>
          {trips.map((d) => (
            <li key={`${d.id}-${d.documentId}`}>
              <Link href={`/delivery/${d.id}`}>
                {t('delivery.inTask', { number: d.number, date: formatDate(locale, d.date) })}
              </Link>{' '}
              <span className={`badge delivery-${d.status}`}>{t(`delivery.status.${d.status}`)}</span>
              {d.result !== 'pending' && (
                <span className={`badge stop-${d.result}`}>{t(`delivery.result.${d.result}`)}</span>
              )}
              {d.reason && <span className="muted"> {d.reason}</span>}
            </li>
          ))}
        </ul>
      )}
      {canStart && (
        <Link className="button" href={`/delivery/new?document=${doc.id}`}>
          {t('delivery.createFor')}
        </Link>
      )}
    </section>
  );
}
