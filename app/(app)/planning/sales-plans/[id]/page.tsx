import { notFound } from 'next/navigation';
import { idFrom } from '@/lib/validation/fields';
import { PlanPage } from '../PlanPage';

export default async function SalesPlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const id = idFrom((await params).id) ?? notFound();
  return <PlanPage id={id} saved={(await searchParams).saved === '1'} />;
}
