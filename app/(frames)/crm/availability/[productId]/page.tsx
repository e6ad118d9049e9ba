import { notFound } from 'next/navigation';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { formatQuantity } from '@/lib/i18n/translate';
import { stockAvailability } from '@/lib/reports/stock-availability';
import { idFrom } from '@/lib/validation/fields';

/** A product's stock per warehouse, for the interest lines editor's per-line frame. */
export default async function AvailabilityFrame({ params }: { params: Promise<{ productId: string }> }) {
  await requireUser();
  const { t, locale } = await getTranslator();
  const productId = idFrom((await params).productId) ?? notFound();
  const rows = await stockAvailability(getDb(), { productId });
  return (
    <turbo-frame id={`availability-${productId}`}>
      {rows.length === 0 ? (
        <span className="muted">{t('crmCard.noStock')}</span>
      ) : (
        <ul className="stock-by-warehouse">
          {rows.map((r) => (
            <li key={r.warehouseId}>
              {t('crmCard.stockLine', {
                warehouse: r.warehouse,
                available: formatQuantity(locale, r.available),
                onHand: formatQuantity(locale, r.onHand),
              })}
            </li>
          ))}
        </ul>
      )}
    </turbo-frame>
  );
}
