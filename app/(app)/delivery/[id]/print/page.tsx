import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PrintButton } from '@/app/_components/PrintButton';
import { requireDocumentUser } from '@/app/_documents/guard';
import { FormSheetView } from '@/app/_print/PrintFormView';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { deliveryForms, deliverySheet } from '@/lib/print/delivery-forms';
import { idFrom } from '@/lib/validation/fields';

/** A delivery task's route sheet or loading list (`?form=`), to print or download as PDF or XLSX. */
export default async function DeliveryPrintPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireDocumentUser();
  const { t } = await getTranslator();
  const id = idFrom((await params).id) ?? notFound();
  const requested = (await searchParams).form;
  const form = deliveryForms.find((f) => f === requested) ?? 'route';
  const printed = (await deliverySheet(getDb(), id, form)) ?? notFound();
  const href = `/delivery/${id}/print`;
  return (
    <div className="print-page">
      <div className="print-toolbar no-print">
        <Link href={`/delivery/${id}`}>← {printed.task.number}</Link>
        {deliveryForms.map((f) => (
          <Link key={f} href={`${href}?form=${f}`} aria-current={f === form ? 'page' : undefined}>
            {t(`delivery.print.${f}`)}
          </Link>
        ))}
        <a href={`${href}/${form}?format=pdf`}>PDF</a>
        <a href={`${href}/${form}?format=xlsx`}>XLSX</a>
        <PrintButton label={t('common.print')} />
      </div>
      <FormSheetView sheet={printed.sheet} />
    </div>
  );
}
