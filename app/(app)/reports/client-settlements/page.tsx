import type { SearchParams } from '@/lib/reports/filters';
import { SettlementsPage } from '../_settlements/SettlementsPage';

/** Ведомость расчетов с клиентами: per client; a client's row opens its orders. */
export default function ClientSettlementsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <SettlementsPage side="client" searchParams={searchParams} />;
}
