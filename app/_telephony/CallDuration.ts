import type { Translate } from '@/lib/i18n/translate';

/** A call's length as m:ss. */
export function callDuration(t: Translate, seconds: number | null): string {
  if (seconds === null) return '';
  return t('telephony.duration', {
    minutes: Math.floor(seconds / 60),
    seconds: String(seconds % 60).padStart(2, '0'),
  });
}
