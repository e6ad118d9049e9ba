import { notFound } from 'next/navigation';
import { CatalogItemPage } from '@/app/_catalogs/CatalogItemPage';

export default async function CatalogItem({
  params,
  searchParams,
}: {
  params: Promise<{ catalog: string; id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { catalog, id } = await params;
  const numericId = Number(id);
  if (!Number.isInteger(numericId) || numericId <= 0) notFound();
  return <CatalogItemPage slug={catalog} id={numericId} search={await searchParams} />;
}
