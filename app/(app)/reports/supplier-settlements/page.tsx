import type { SearchParams } from '@/lib/reports/filters';
import { SettlementsPage } from '../_settlements/SettlementsPage';

/** Ведомость расчетов с поставщиками: per supplier; a supplier's row opens its supplier orders. */
export default function SupplierSettlementsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <SettlementsPage side="supplier" searchParams={searchParams} />;
}
