import { kindName, kindRules } from '@/lib/documents/kinds';
import type { DocumentView } from '@/lib/documents/queries';
import { formatDateTime } from '@/lib/i18n/formats';
import type { Translate } from '@/lib/i18n/translate';
import type { Locale } from '@/lib/users/users';

export function StatusBadge({ status, t }: { status: DocumentView['status']; t: Translate }) {
  return <span className={`badge status-${status}`}>{t(`documents.status.${status}`)}</span>;
}

/** "Приобретение товаров и услуг № 000001 от 04.05.2026, 10:30" with the status beside it. */
export function DocumentHeading({ doc, t, locale }: { doc: DocumentView; t: Translate; locale: Locale }) {
  return (
    <>
      {t('documents.heading', {
        kind: kindName(doc.kind, locale),
        number: doc.number,
        date: formatDateTime(locale, doc.date),
      })}
      {/* An offer is never posted: only its deletion mark is worth a badge. */}
      {(kindRules[doc.kind].posts || doc.status === 'deleted') && <StatusBadge status={doc.status} t={t} />}
    </>
  );
}
