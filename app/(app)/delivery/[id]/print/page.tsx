import { notFound } from 'next/navigation';
import { requireDocumentUser } from '@/app/_documents/guard';
import { FormSheetView } from '@/app/_print/PrintFormView';
import { PrintToolbar } from '@/app/_print/PrintToolbar';
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
      <PrintToolbar
        t={t}
        back={{ href: `/delivery/${id}`, label: printed.task.number }}
        forms={deliveryForms.map((f) => ({
          href: `${href}?form=${f}`,
          label: t(`delivery.print.${f}`),
          current: f === form,
        }))}
        files={[
          { href: `${href}/${form}?format=pdf`, label: 'PDF' },
          { href: `${href}/${form}?format=xlsx`, label: 'XLSX' },
        ]}
      />
      <FormSheetView sheet={printed.sheet} />
    </div>
  );
}
