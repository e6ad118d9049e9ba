import { notFound } from 'next/navigation';
import { idFrom } from '@/lib/validation/fields';
import { DeliveryPage } from '../DeliveryPage';

export default async function DeliveryItem({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const id = idFrom((await params).id) ?? notFound();
  return <DeliveryPage id={id} search={await searchParams} />;
}
