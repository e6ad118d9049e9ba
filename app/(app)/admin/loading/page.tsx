import Link from 'next/link';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { errorText, formatDate } from '@/lib/i18n/translate';
import { MAX_LOAD_COLUMNS, MAX_LOAD_FILE_MB, MAX_LOAD_ROWS, MAX_XLSX_UNPACKED_MB } from '@/lib/loading/parse';
import { dataLoadKinds } from '@/lib/loading/targets';
import { recentLoads } from '@/lib/loading/uploads';
import { uploadFile } from './actions';
import { LOADERS } from './roles';

/** Administration → «Загрузка данных»: choose what a file holds, upload it, and the loads so far. */
export default async function LoadingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireUser(...LOADERS);
  const { t, locale } = await getTranslator();
  const { error, kind } = await searchParams;
  const loads = await recentLoads(getDb());
  const bounds = {
    size: MAX_LOAD_FILE_MB,
    rows: MAX_LOAD_ROWS,
    columns: MAX_LOAD_COLUMNS,
    unpacked: MAX_XLSX_UNPACKED_MB,
  };
  // The code comes back through the address: only the known ones are read, anything else is «invalid».
  const messages: Record<string, string> = {
    required: t('loading.fileRequired'),
    too_large: t('loading.fileTooLarge', bounds),
    kind: t('loading.badFile.kind'),
    unreadable: t('loading.badFile.unreadable'),
    empty: t('loading.badFile.empty'),
    too_many_rows: t('loading.badFile.too_many_rows', bounds),
    too_many_columns: t('loading.badFile.too_many_columns', bounds),
    too_large_unpacked: t('loading.badFile.too_large_unpacked', bounds),
  };
  const errorMessage = !error ? null : (messages[error] ?? t('error.invalid'));
  return (
    <>
      <header className="page-header">
        <h1>{t('nav.loading')}</h1>
      </header>
      <p className="muted">{t('loading.hint')}</p>
      <form action={uploadFile} className="panel inline-form">
        <label>
          {t('loading.kind')}
          <select name="kind" defaultValue={kind ?? 'partners'}>
            {dataLoadKinds.map((k) => (
              <option key={k} value={k}>
                {t(`loading.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className={`grow${errorMessage ? ' has-error' : ''}`}>
          {t('loading.file', bounds)}
          <input
            type="file"
            name="file"
            accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            required
            aria-invalid={errorMessage ? true : undefined}
            aria-describedby={errorMessage ? 'load-file-error' : undefined}
          />
          {errorMessage && (
            <span className="field-error" id="load-file-error">
              {errorMessage}
            </span>
          )}
        </label>
        <div className="toolbar">
          <button type="submit" className="primary">
            {t('loading.upload')}
          </button>
        </div>
      </form>
      <section>
        <h2>{t('loading.recent')}</h2>
        {loads.length === 0 ? (
          <p className="muted">{t('loading.none')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('loading.col.date')}</th>
                <th>{t('loading.col.kind')}</th>
                <th>{t('loading.col.file')}</th>
                <th>{t('loading.col.status')}</th>
                <th className="num">{t('loading.col.rows')}</th>
                <th className="num">{t('loading.col.loaded')}</th>
                <th className="num">{t('loading.col.skipped')}</th>
                <th>{t('loading.col.author')}</th>
              </tr>
            </thead>
            <tbody>
              {loads.map((l) => (
                <tr key={l.id}>
                  <td>{formatDate(locale, l.createdAt)}</td>
                  <td>{t(`loading.kind.${l.kind}`)}</td>
                  <td>
                    <Link href={`/admin/loading/${l.id}`}>{l.fileName}</Link>
                  </td>
                  <td>
                    {t(`loading.status.${l.status}`)}
                    {l.failure && ` — ${errorText(t, l.failure, locale)}`}
                  </td>
                  <td className="num">{l.total}</td>
                  <td className="num">{l.loaded}</td>
                  <td className="num">{l.skipped}</td>
                  <td>{l.author}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
