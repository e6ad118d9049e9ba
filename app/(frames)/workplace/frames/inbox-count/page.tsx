import { requireUser } from '@/app/_server/guard';
import { getDb } from '@/db/client';
import { inboxCount } from '@/lib/crm/interactions';

/** The number of unprocessed items on the workplace's «Входящие» tab; reloads with the `inbox` topic. */
export default async function InboxCountFrame() {
  await requireUser();
  const count = await inboxCount(getDb());
  return (
    <turbo-frame id="inbox-count">
      {count > 0 && <span className="badge inbox-count">{count}</span>}
    </turbo-frame>
  );
}
