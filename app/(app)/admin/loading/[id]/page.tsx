import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DataTable, withParams } from '@/app/_components/DataTable';
import { DateInput } from '@/app/_components/DateInput';
import { LiveFrame } from '@/app/_components/LiveFrame';
import { LiveUpdates } from '@/app/_components/LiveUpdates';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { companyClock } from '@/lib/crm/workplace';
import { errorText } from '@/lib/i18n/translate';
import { openingKinds, requiredFields } from '@/lib/loading/targets';
import { loadPreview, mappingChoices, priceTypeChoices } from '@/lib/loading/uploads';
import { idFrom } from '@/lib/validation/fields';
import { loadRows, mapColumns } from '../actions';
import { fieldLabel } from '../field-label';
import { LOADERS } from '../roles';

/** One load: its column mapping, the stored check of every row (its errors paged), the load and its progress. */
export default async function LoadPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireUser(...LOADERS);
  const id = idFrom((await params).id);
  if (!id) notFound();
  const { t, locale } = await getTranslator();
  const query = await searchParams;
  const { error } = query;
  const db = getDb();
  const load = await loadPreview(db, id, Number(query.page) || 1);
  if (!load) notFound();
  const types = load.kind === 'products' ? await priceTypeChoices(db) : [];
  const label = (field: string) => fieldLabel(t, field, types);
  const progress = (
    <LiveFrame id="load-progress" src={`/admin/loading/${id}/progress`} topics={[`load:${id}`]} />
  );
  const header = (
    <header className="page-header">
      <h1>
        {t(`loading.kind.${load.kind}`)}: {load.fileName}
      </h1>
      <Link href="/admin/loading">{t('nav.loading')}</Link>
    </header>
  );
  if (load.status !== 'uploaded')
    return (
      <>
        <LiveUpdates topics={[`load:${id}`]} />
        {header}
        {progress}
      </>
    );
  const choices = await mappingChoices(db, load.kind);
  const { check: checked } = load;
  // Opening balances and prices take effect on a day; partners need none.
  const opening = openingKinds.includes(load.kind) || load.kind === 'products';
  const today = companyClock(new Date()).day;
  return (
    <>
      <LiveUpdates topics={[`load:${id}`]} />
      {header}
      {error && (
        <p className="form-error" role="alert">
          {errorText(t, error, locale)}
        </p>
      )}
      <section>
        <h2>{t('loading.mapping')}</h2>
        <p className="muted">{t('loading.mappingHint')}</p>
        <form action={mapColumns.bind(null, id)} className="panel">
          <table className="data-table load-mapping">
            <thead>
              <tr>
                <th>{t('loading.col.column')}</th>
                <th>{t('loading.col.sample')}</th>
                <th>{t('loading.col.field')}</th>
              </tr>
            </thead>
            <tbody>
              {load.headers.map((h, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a file's columns are known by their position
                <tr key={i}>
                  <td>{h}</td>
                  <td>{load.samples[i]}</td>
                  <td>
                    <select name={`column.${i}`} defaultValue={load.mapping[i] ?? ''} aria-label={h}>
                      <option value="">{t('loading.skipColumn')}</option>
                      {choices.map((field) => (
                        <option key={field} value={field}>
                          {label(field)}
                          {requiredFields[load.kind].includes(field) ? ' *' : ''}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="toolbar">
            <button type="submit">{t('loading.check')}</button>
          </div>
        </form>
      </section>
      <section>
        <h2>{t('loading.preview')}</h2>
        {checked.unmapped.length > 0 ? (
          <p className="form-error" role="alert">
            {t('loading.unmapped', { fields: checked.unmapped.map(label).join(', ') })}
          </p>
        ) : (
          <>
            <p className="notice" role="status">
              {t('loading.previewSummary', {
                total: checked.total,
                valid: checked.total - checked.bad,
                bad: checked.bad,
              })}{' '}
              {checked.bad === 0 && t('loading.allValid')}
            </p>
            {checked.missingGroups.length > 0 && (
              <p className="muted">
                {t('loading.missingGroups', { groups: checked.missingGroups.join(', ') })}
              </p>
            )}
            {checked.bad > 0 && (
              <div className="load-errors">
                <DataTable
                  page={load.errors}
                  t={t}
                  href={(page) => withParams(`/admin/loading/${id}`, {}, { page: String(page) })}
                  columns={[
                    { label: t('loading.col.line'), cell: (r) => r.line, numeric: true },
                    {
                      label: t('loading.col.error'),
                      cell: (r) =>
                        Object.entries(r.errors)
                          .map(([field, code]) => `${label(field)}: ${errorText(t, code, locale)}`)
                          .join('; '),
                    },
                  ]}
                />
              </div>
            )}
            <form action={loadRows.bind(null, id)} className="panel inline-form">
              <fieldset>
                <legend>{t('loading.mode')}</legend>
                <label className="check">
                  <input type="radio" name="mode" value="valid" defaultChecked />
                  {t('loading.mode.valid')}
                </label>
                <label className="check">
                  <input type="radio" name="mode" value="all" />
                  {t('loading.mode.all')}
                </label>
              </fieldset>
              {checked.missingGroups.length > 0 && (
                <label className="check">
                  <input type="checkbox" name="createGroups" value="on" />
                  {t('loading.createGroups')}
                </label>
              )}
              {opening ? (
                <label>
                  {t('loading.onDate')}
                  <DateInput kind="date" name="onDate" defaultValue={today} required />
                </label>
              ) : (
                <input type="hidden" name="onDate" value={today} />
              )}
              <div className="toolbar">
                <button type="submit" className="primary">
                  {t('loading.load')}
                </button>
              </div>
            </form>
          </>
        )}
      </section>
      {progress}
    </>
  );
}
