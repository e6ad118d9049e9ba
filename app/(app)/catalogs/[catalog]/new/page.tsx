import { CatalogItemPage } from '@/app/_catalogs/CatalogItemPage';

export default async function NewCatalogItem({
  params,
  searchParams,
}: {
  params: Promise<{ catalog: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  return <CatalogItemPage slug={(await params).catalog} id={null} search={await searchParams} />;
}
