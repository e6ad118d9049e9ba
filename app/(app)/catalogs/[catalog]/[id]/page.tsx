import { notFound } from 'next/navigation';
import { CatalogItemPage } from '@/app/_catalogs/CatalogItemPage';
import { idFrom } from '@/lib/validation/fields';

export default async function CatalogItem({
  params,
  searchParams,
}: {
  params: Promise<{ catalog: string; id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { catalog, id } = await params;
  const numericId = idFrom(id) ?? notFound();
  return <CatalogItemPage slug={catalog} id={numericId} search={await searchParams} />;
}
