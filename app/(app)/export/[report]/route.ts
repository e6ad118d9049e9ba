import type { NextRequest } from 'next/server';
import { currentUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getReadDb } from '@/db/client';
import { exportFormats, exportTable, type ReportTable } from '@/lib/export/table-export';
import { today } from '@/lib/reports/filters';
import { isReportName, reportHeading, reportTable } from '@/lib/reports/report-tables';

const exportFormatKeys = Object.keys(exportFormats) as (keyof typeof exportFormats)[];

/** Downloads a report as XLSX, CSV or PDF, with the page's own filters. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ report: string }> }) {
  if (!(await currentUser())) return new Response('Unauthorized', { status: 401 });
  const { report } = await params;
  if (!isReportName(report)) return new Response('Not found', { status: 404 });
  const query = request.nextUrl.searchParams;
  const format = exportFormatKeys.find((f) => f === query.get('format')) ?? 'xlsx';
  const { t, locale } = await getTranslator();
  const db = await getReadDb();
  const [table, heading] = await Promise.all([
    reportTable(report, db, query, t, locale) as Promise<ReportTable<unknown>>,
    reportHeading(db, t, locale),
  ]);
  const file = await exportTable(table, format, locale, heading);
  return new Response(new Uint8Array(file), {
    headers: {
      'content-type': exportFormats[format],
      'content-disposition': `attachment; filename="${report}-${today()}.${format}"`,
      'cache-control': 'no-store',
    },
  });
}
