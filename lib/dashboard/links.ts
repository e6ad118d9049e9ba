import { type DashboardQuery, twelveMonths } from './query';
import type { WidgetKey } from './widgets';

/**
 * Each widget's report with the widget's own filters (the reports' parameters: from, to as
 * YYYY-MM-DD, manager, variant): the period, or the 12 months a monthly widget shows, and the manager
 * when the dashboard shows one.
 */
export function reportLink(widget: WidgetKey, q: DashboardQuery): string {
  const manager: Record<string, string> = q.managerId ? { manager: String(q.managerId) } : {};
  const period = { from: q.period.from, to: q.period.to };
  const link = (path: string, params: Record<string, string>) => {
    const query = new URLSearchParams(params).toString();
    return query ? `/reports/${path}?${query}` : `/reports/${path}`;
  };
  switch (widget) {
    case 'plan':
      return link('plan-fulfilment', { ...period, ...manager });
    case 'funnel':
    case 'discipline':
      return link('manager-control', manager);
    case 'outcomes':
      return link('interest-sources', { ...twelveMonths(q.period), ...manager });
    case 'sources':
      return link('interest-sources', { ...period, ...manager });
    case 'losses':
      return link('loss-reasons', { ...period, ...manager });
    case 'debts':
      return link('client-settlements', period);
    case 'profit':
      return link('gross-profit', { variant: 'month', ...twelveMonths(q.period), ...manager });
  }
}
