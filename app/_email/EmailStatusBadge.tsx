import type { EmailStatus } from '@/lib/email/send-email';
import type { Translate } from '@/lib/i18n/translate';

/** в очереди / отправлено / в исходящих / ошибка */
export function EmailStatusBadge({ status, t }: { status: EmailStatus; t: Translate }) {
  return <span className={`badge email-${status}`}>{t(`outbox.status.${status}`)}</span>;
}
