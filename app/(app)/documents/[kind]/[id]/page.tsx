import { notFound } from 'next/navigation';
import { DocumentPage } from '@/app/_documents/DocumentPage';
import { idFrom } from '@/lib/validation/fields';

export default async function DocumentItem({
  params,
  searchParams,
}: {
  params: Promise<{ kind: string; id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { kind, id } = await params;
  const numericId = idFrom(id) ?? notFound();
  return <DocumentPage slug={kind} id={numericId} search={await searchParams} />;
}
