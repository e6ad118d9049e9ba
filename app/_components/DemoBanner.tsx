import type { Translate } from '@/lib/i18n/translate';

/** While the demo accounts work, every page says so: their password is public. */
export function DemoBanner({ t }: { t: Translate }) {
  return (
    <p className="demo-banner" role="note">
      {t('auth.demoBanner')}
    </p>
  );
}
