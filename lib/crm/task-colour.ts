import { timeZone as companyTimeZone } from '@/lib/i18n/translate';

/** Kanban card colour for the interest's next open task (docs/domain.md, interest states). */
export type TaskColour = 'red' | 'amber' | 'green' | 'grey';

const dayIn = (timeZone: string) => {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (moment: Date) => format.format(moment);
};

/**
 * Overdue (due before now) red, due later today amber, later green, no open task grey. "Today" is
 * the company's calendar day, not the server's. Overdue is always derived from the due time, never stored.
 */
export function taskColour(nextDueAt: Date | null, now: Date, timeZone = companyTimeZone): TaskColour {
  if (nextDueAt === null) return 'grey';
  if (nextDueAt.getTime() < now.getTime()) return 'red';
  const day = dayIn(timeZone);
  return day(nextDueAt) === day(now) ? 'amber' : 'green';
}
