import { eq } from 'drizzle-orm';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { interactions } from '@/db/schema';
import { lookups } from '@/lib/catalogs/lookup';
import { interestFormOptions } from '@/lib/crm/interest-card';
import { intlLocale } from '@/lib/i18n/translate';
import { idFrom } from '@/lib/validation/fields';
import { interestFields, interestFormLabels } from '../_components/form-spec';
import { InterestForm } from '../_components/InterestForm';
import { createInterestAction } from '../actions';
import '../crm-card.css';

/**
 * Новый интерес: from the workplace, from a partner (`?partner=`), or from an incoming interaction
 * (`?interaction=`), which is linked to the interest and leaves the inbox when the interest is created.
 */
export default async function NewInterestPage({
  searchParams,
}: {
  searchParams: Promise<{ partner?: string; interaction?: string }>;
}) {
  const user = await requireUser();
  const { t, locale } = await getTranslator();
  const query = await searchParams;
  const db = getDb();
  const interactionId = idFrom(query.interaction);
  const [interaction] = interactionId
    ? await db.select().from(interactions).where(eq(interactions.id, interactionId))
    : [];
  const partnerId = idFrom(query.partner) ?? interaction?.partnerId ?? null;
  const [options, partnerLabel] = await Promise.all([
    interestFormOptions(db, partnerId),
    partnerId ? lookups.partners.label(db, partnerId) : null,
  ]);
  const fields = interestFields(t, options, partnerLabel ?? '');
  const fromText = interaction ? (interaction.subject ?? interaction.body ?? '') : '';
  return (
    <>
      <div className="page-header">
        <h1>{t('crmCard.newTitle')}</h1>
      </div>
      {interaction && <p className="notice">{t('crmCard.fromInteraction', { text: fromText })}</p>}
      <InterestForm
        action={createInterestAction.bind(null, interaction?.id ?? null)}
        fields={[...fields.header, ...fields.terms]}
        hidden={{
          title: fromText.slice(0, 120),
          partnerId: partnerId ? String(partnerId) : '',
          contactId: interaction?.contactId ? String(interaction.contactId) : '',
          responsibleId: options.responsibles.some((r) => r.id === user.id) ? String(user.id) : '',
        }}
        lines={[]}
        hiddenLines={[]}
        readOnly={false}
        numberLocale={intlLocale[locale]}
        labels={{ ...interestFormLabels(t), save: t('crmCard.create') }}
      />
    </>
  );
}
