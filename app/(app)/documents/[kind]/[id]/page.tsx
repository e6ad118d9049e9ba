import { notFound } from 'next/navigation';
import { DocumentPage } from '@/app/_documents/DocumentPage';

export default async function DocumentItem({
  params,
  searchParams,
}: {
  params: Promise<{ kind: string; id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { kind, id } = await params;
  const numericId = Number(id);
  if (!Number.isInteger(numericId) || numericId <= 0) notFound();
  return <DocumentPage slug={kind} id={numericId} search={await searchParams} />;
}
