import type { NextRequest } from 'next/server';
import { currentUser } from '@/app/_server/guard';
import { getDb } from '@/db/client';
import {
  type DeliveryForm,
  deliveryFileName,
  deliveryForms,
  deliverySheet,
} from '@/lib/print/delivery-forms';
import { renderSheetPdf } from '@/lib/print/render-sheet-pdf';
import { renderSheetXlsx } from '@/lib/print/render-sheet-xlsx';
import { idFrom } from '@/lib/validation/fields';

/** A route sheet or loading list as a PDF or XLSX download: /delivery/3/print/route?format=pdf */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ id: string; form: string }> },
) {
  if (!(await currentUser())) return new Response('Unauthorized', { status: 401 });
  const { id, form } = await params;
  const taskId = idFrom(id);
  if (!(deliveryForms as readonly string[]).includes(form) || !taskId)
    return new Response('Not found', { status: 404 });
  const printed = await deliverySheet(getDb(), taskId, form as DeliveryForm);
  if (!printed) return new Response('Not found', { status: 404 });
  const pdf = request.nextUrl.searchParams.get('format') !== 'xlsx';
  const content = pdf ? await renderSheetPdf(printed.sheet, 'Торг') : await renderSheetXlsx(printed.sheet);
  const fileName = deliveryFileName(printed.task, form as DeliveryForm, pdf ? 'pdf' : 'xlsx');
  return new Response(new Uint8Array(content), {
    headers: {
      'content-type': pdf
        ? 'application/pdf'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      // RFC 6266: the Cyrillic name for browsers, an ASCII fallback for the rest.
      'content-disposition': `${pdf ? 'inline' : 'attachment'}; filename="${form}-${printed.task.number}.${pdf ? 'pdf' : 'xlsx'}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'no-store',
    },
  });
}
