import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { errorMessage, errorParam, frameSrc, type Search } from '@/app/_workplace/frames';
import { InboxList } from '@/app/_workplace/InboxList';
import { getDb } from '@/db/client';
import { changesEverything } from '@/lib/access/rules';
import { inbox, inboxChannels } from '@/lib/crm/interactions';
import { openInterests } from '@/lib/crm/workplace';

export default async function InboxFrame({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const { t, locale } = await getTranslator();
  const db = getDb();
  const search = await searchParams;
  const channel = inboxChannels.find((c) => c === search.channel);
  const items = await inbox(db, { channel });
  const partnerIds = [...new Set(items.flatMap((i) => (i.partnerId ? [i.partnerId] : [])))];
  const { error } = errorParam.parse(search);
  return (
    <turbo-frame id="inbox">
      <InboxList
        items={items}
        channel={channel}
        openInterests={await openInterests(db, { partnerIds })}
        unlinkedTargets={
          items.some((i) => !i.partnerId)
            ? await openInterests(db, {
                responsibleId: changesEverything(user) ? undefined : user.id,
                limit: 200,
              })
            : []
        }
        back={frameSrc('inbox', { channel })}
        error={error ? errorMessage(t, error) : undefined}
        t={t}
        locale={locale}
      />
    </turbo-frame>
  );
}
