import type { NextRequest } from 'next/server';
import { currentUser } from '@/app/_server/guard';
import { getDb } from '@/db/client';
import { type PrintFormat, renderPrintForm } from '@/lib/print/document-attachments';
import { documentPrintForm } from '@/lib/print/document-print-form';
import { type PrintKind, printKinds } from '@/lib/print/print-form';
import { idFrom } from '@/lib/validation/fields';

/** A sales document's print form as a PDF or XLSX download: /documents/orders/12/print/invoice?format=pdf */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ id: string; form: string }> },
) {
  if (!(await currentUser())) return new Response('Unauthorized', { status: 401 });
  const { id, form } = await params;
  const documentId = idFrom(id);
  if (!(printKinds as readonly string[]).includes(form) || !documentId)
    return new Response('Not found', { status: 404 });
  const format: PrintFormat = request.nextUrl.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'pdf';
  const printForm = await documentPrintForm(getDb(), documentId, form as PrintKind);
  if (!printForm) return new Response('Not found', { status: 404 });
  const file = await renderPrintForm(printForm, format);
  return new Response(new Uint8Array(file.content), {
    headers: {
      'content-type': file.contentType,
      // RFC 6266: the Cyrillic name for browsers, an ASCII fallback for the rest.
      'content-disposition': `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${form}-${printForm.number}.${format}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'cache-control': 'no-store',
    },
  });
}
