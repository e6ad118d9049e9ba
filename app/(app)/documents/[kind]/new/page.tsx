import { DocumentPage } from '@/app/_documents/DocumentPage';

export default async function NewDocument({
  params,
  searchParams,
}: {
  params: Promise<{ kind: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  return <DocumentPage slug={(await params).kind} id={null} search={await searchParams} />;
}
