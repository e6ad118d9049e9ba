import { Dashboard, type DashboardSearch } from '@/app/_dashboard/Dashboard';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('dashboard.title') };
}

/** «Монитор руководителя» for leaders and admins: the company, or one manager (?manager=ID). */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<DashboardSearch> }) {
  const user = await requireUser('leader', 'admin');
  return <Dashboard user={user} search={await searchParams} path="/dashboard" />;
}
