import { Dashboard, type DashboardSearch } from '@/app/_dashboard/Dashboard';
import { requireUser } from '@/app/_server/guard';

/**
 * The home page is the dashboard: a leader's or admin's «Монитор руководителя» (the company, or a
 * manager they choose), a manager's own figures (lib/dashboard keeps them to their own).
 */
export default async function HomePage({ searchParams }: { searchParams: Promise<DashboardSearch> }) {
  const user = await requireUser();
  return <Dashboard user={user} search={await searchParams} path="/" />;
}
