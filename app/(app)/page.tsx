import { Dashboard, type DashboardSearch } from '@/app/_dashboard/Dashboard';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { MyDay } from '@/app/_workplace/MyDay';
import { changesEverything } from '@/lib/access/rules';

/**
 * The home page is the dashboard: a leader's or admin's «Монитор руководителя» (the company, or a
 * manager they choose); a manager's own day — today's tasks and the new inbox items above their own
 * figures (lib/dashboard keeps them to their own).
 */
export default async function HomePage({ searchParams }: { searchParams: Promise<DashboardSearch> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const day = changesEverything(user) ? undefined : <MyDay user={user} t={t} />;
  return <Dashboard user={user} search={await searchParams} path="/" day={day} />;
}
