import type { NextRequest } from 'next/server';
import { currentUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { exportFormats, exportTable, type ReportTable } from '@/lib/export/table-export';
import { today } from '@/lib/reports/filters';
import { isReportName, reportTable } from '@/lib/reports/report-tables';

/** Downloads the price list or a stock report as XLSX or CSV, with the page's own filters. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ report: string }> }) {
  if (!(await currentUser())) return new Response('Unauthorized', { status: 401 });
  const { report } = await params;
  if (!isReportName(report)) return new Response('Not found', { status: 404 });
  const query = request.nextUrl.searchParams;
  const format = query.get('format') === 'csv' ? 'csv' : 'xlsx';
  const { t, locale } = await getTranslator();
  const table: ReportTable<unknown> = await reportTable(report, getDb(), query, t, locale);
  const file = await exportTable(table, format, locale);
  return new Response(new Uint8Array(file), {
    headers: {
      'content-type': exportFormats[format],
      'content-disposition': `attachment; filename="${report}-${today()}.${format}"`,
      'cache-control': 'no-store',
    },
  });
}
