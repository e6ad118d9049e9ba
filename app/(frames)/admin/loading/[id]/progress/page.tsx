import { eq } from 'drizzle-orm';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { LOADERS } from '@/app/(app)/admin/loading/roles';
import { getDb } from '@/db/client';
import { dataLoads } from '@/db/schema';
import { kindSlugs } from '@/lib/documents/kinds';
import { errorText, formatQuantity } from '@/lib/i18n/translate';
import { idFrom } from '@/lib/validation/fields';

/** Where the loaded rows are found, per kind of load. */
const resultLinks = {
  partners: ['/catalogs/partners', 'loading.see.partners'],
  products: ['/catalogs/products', 'loading.see.products'],
  opening_stock: [`/documents/${kindSlugs.opening_stock}`, 'loading.see.documents'],
  client_debts: [`/documents/${kindSlugs.opening_client_debt}`, 'loading.see.documents'],
  supplier_debts: [`/documents/${kindSlugs.opening_supplier_debt}`, 'loading.see.documents'],
  cash: [`/documents/${kindSlugs.opening_cash}`, 'loading.see.documents'],
} as const;

/** A load's progress while it runs (reloaded on `load:<id>`), then its result or refusal. */
export default async function LoadProgressFrame({ params }: { params: Promise<{ id: string }> }) {
  await requireUser(...LOADERS);
  const id = idFrom((await params).id);
  if (!id) notFound();
  const { t, locale } = await getTranslator();
  const [load] = await getDb()
    .select({
      kind: dataLoads.kind,
      status: dataLoads.status,
      total: dataLoads.total,
      processed: dataLoads.processed,
      loaded: dataLoads.loaded,
      skipped: dataLoads.skipped,
      failure: dataLoads.failure,
    })
    .from(dataLoads)
    .where(eq(dataLoads.id, id));
  if (!load) notFound();
  const [href, label] = resultLinks[load.kind];
  return (
    <turbo-frame id="load-progress">
      {load.status === 'loading' && (
        <div className="panel" role="status" data-status="loading">
          <progress max={load.total} value={load.processed} />{' '}
          {t('loading.progress', {
            processed: formatQuantity(locale, String(load.processed)),
            total: formatQuantity(locale, String(load.total)),
          })}
        </div>
      )}
      {load.status === 'loaded' && (
        <div className="notice" role="status" data-status="loaded">
          {t('loading.result', { loaded: load.loaded, skipped: load.skipped })}{' '}
          <Link href={href} target="_top">
            {t(label)}
          </Link>
        </div>
      )}
      {load.status === 'uploaded' && load.failure && (
        <p className="form-error" role="alert" data-status="refused">
          {t('loading.refused', { reason: errorText(t, load.failure, locale) })}
        </p>
      )}
    </turbo-frame>
  );
}
