import Decimal from 'decimal.js';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { LiveRefresh } from '@/app/_components/LiveRefresh';
import { getTranslator } from '@/app/_server/locale';
import { getReadDb } from '@/db/client';
import { changesEverything } from '@/lib/access/rules';
import { type DashboardData, dashboardData, dashboardManagers } from '@/lib/dashboard/data';
import { reportLink } from '@/lib/dashboard/links';
import {
  type DashboardQuery,
  dashboardPeriod,
  dashboardPeriodKinds,
  parseDashboardQuery,
  queryString,
  twelveMonths,
} from '@/lib/dashboard/query';
import { savedWidgets, shownWidgets, type WidgetKey, widgetSettings } from '@/lib/dashboard/widgets';
import type { MessageKey } from '@/lib/i18n/messages';
import { formatDate, formatMoney, intlLocale, type Translate } from '@/lib/i18n/translate';
import { addMonths } from '@/lib/reports/period';
import type { Locale, SessionUser } from '@/lib/users/users';
import { saveWidgetsAction } from './actions';
import { Chart, type ChartRow, type Series } from './Chart';
import { WidgetSettings } from './WidgetSettings';
import '@/app/_components/report.css';
import './dashboard.css';

export type DashboardSearch = Record<string, string | string[] | undefined>;

const colors = {
  plan: '#98a2b3',
  fact: '#1f6f43',
  forecast: '#5b8def',
  lost: '#b42318',
  warning: '#f79009',
};

/**
 * «Монитор руководителя»: the period and scope, the widgets the user shows in their order, each a panel
 * with its chart and its figures, titled with a link to its report. Leaders and admins choose the
 * company or a manager; a manager sees their own (lib/dashboard holds them to it). The page follows
 * postings and CRM changes live.
 */
export async function Dashboard({
  user,
  search,
  path,
  day,
}: {
  user: SessionUser;
  search: DashboardSearch;
  path: '/' | '/dashboard';
  /** A manager's home page: their day (tasks, inbox) above their own widgets. */
  day?: ReactNode;
}) {
  const { t, locale } = await getTranslator();
  const db = await getReadDb();
  const now = new Date();
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) if (typeof v === 'string') params.set(k, v);
  const query = parseDashboardQuery(params, user, now.toISOString().slice(0, 10));
  const leader = changesEverything(user);
  const saved = await savedWidgets(db, user.id);
  const shown = shownWidgets(saved);
  const [data, managers] = await Promise.all([
    dashboardData(db, { ...query, viewer: user, widgets: shown }, now),
    leader ? dashboardManagers(db, query.managerId) : Promise.resolve([]),
  ]);
  const scopeName = query.managerId
    ? (managers.find((m) => m.id === query.managerId)?.name ?? user.name)
    : t('dashboard.company');
  const f = formats(locale);
  const { period } = query;
  const step = { month: 1, quarter: 3, year: 12 }[period.kind];
  const shifted = (months: number) =>
    `${path}?${queryString({ ...query, period: dashboardPeriod(period.kind, addMonths(period.start, months)) })}`;
  const widgetTitle = (key: WidgetKey) => t(`dashboard.widget.${key}` as MessageKey);
  return (
    <div className="dashboard">
      <LiveRefresh topics={['dashboard', 'kanban']} />
      <header className="page-header">
        <div>
          <h1>{day ? t('day.title') : leader ? t('dashboard.title') : t('dashboard.mine')}</h1>
          <p className="report-caption">
            {t('report.period', { from: formatDate(locale, period.from), to: formatDate(locale, period.to) })}
            {' · '}
            {scopeName}
          </p>
        </div>
      </header>
      {day}
      <form className="report-filters dashboard-filters" method="get" action={path}>
        <label>
          {t('dashboard.period')}
          <select name="period" defaultValue={period.kind}>
            {dashboardPeriodKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`dashboard.periodKind.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.start')}
          <input type="month" name="start" defaultValue={period.start.slice(0, 7)} required />
        </label>
        {leader && (
          <label>
            {t('dashboard.scope')}
            <select name="manager" defaultValue={query.managerId ? String(query.managerId) : ''}>
              <option value="">{t('dashboard.company')}</option>
              {managers.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="primary">
          {t('dashboard.show')}
        </button>
        <span className="dashboard-steps">
          <Link href={shifted(-step)}>{t('dashboard.previous')}</Link>
          <Link href={shifted(step)}>{t('dashboard.next')}</Link>
        </span>
      </form>
      <WidgetSettings
        action={saveWidgetsAction}
        items={widgetSettings(saved).map((w) => ({ ...w, label: widgetTitle(w.key) }))}
        labels={{
          configure: t('dashboard.configure'),
          show: t('dashboard.visible'),
          up: t('dashboard.up'),
          down: t('dashboard.down'),
          save: t('dashboard.save'),
        }}
      />
      {shown.length === 0 && <p className="notice muted">{t('dashboard.allHidden')}</p>}
      <div className="dashboard-grid">
        {shown.map((key) => (
          <Widget
            key={key}
            widget={key}
            title={widgetTitle(key)}
            href={reportLink(key, query)}
            caption={captionOf(key, query, t, locale)}
          >
            {render(key, data, { t, f, locale, query })}
          </Widget>
        ))}
      </div>
    </div>
  );
}

function Widget({
  widget,
  title,
  href,
  caption,
  children,
}: {
  widget: WidgetKey;
  title: string;
  href: string;
  caption?: string;
  children: ReactNode;
}) {
  return (
    <section className="card widget" data-widget={widget} aria-labelledby={`widget-${widget}`}>
      <header>
        <h2 id={`widget-${widget}`}>
          <Link href={href} prefetch={false}>
            {title}
          </Link>
        </h2>
        {caption && <p className="muted">{caption}</p>}
      </header>
      {children}
    </section>
  );
}

/** The 12-month widgets name their months; the debts are as of today. */
function captionOf(key: WidgetKey, q: DashboardQuery, t: Translate, locale: Locale): string | undefined {
  if (key === 'outcomes' || key === 'profit') {
    const window = twelveMonths(q.period);
    return t('report.period', { from: formatDate(locale, window.from), to: formatDate(locale, window.to) });
  }
  if (key === 'debts' || key === 'funnel' || key === 'discipline') return t('dashboard.now');
  return undefined;
}

type Formats = ReturnType<typeof formats>;

function formats(locale: Locale) {
  const intl = intlLocale[locale];
  const month = new Intl.DateTimeFormat(intl, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const shortMonth = new Intl.DateTimeFormat(intl, { month: 'short', timeZone: 'UTC' });
  const percent = new Intl.NumberFormat(intl, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(intl);
  return {
    intl,
    money: (v: string) => formatMoney(locale, v),
    count: (v: number) => count.format(v),
    percent: (v: string | null) => (v === null ? '—' : `${percent.format(Number(v))} %`),
    month: (day: string) => month.format(new Date(`${day}T00:00:00Z`)),
    /** «нояб. 26» on the charts' axis. */
    shortMonth: (day: string) => `${shortMonth.format(new Date(`${day}T00:00:00Z`))} ${day.slice(2, 4)}`,
  };
}

type Column = { label: string; num?: boolean };

/** A widget's figures: the table a chart draws, readable printed and without scripts. */
function Figures({
  columns,
  rows,
  foot,
  caption,
}: {
  columns: Column[];
  rows: (string | ReactNode)[][];
  foot?: (string | ReactNode)[];
  caption?: string;
}) {
  return (
    <div className="widget-table">
      <table className="data-table">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} className={c.num ? 'num' : undefined} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are figures in a fixed order.
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={columns[c]!.label} className={columns[c]!.num ? 'num' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {foot && (
          <tfoot>
            <tr>
              {foot.map((cell, c) => (
                <td key={columns[c]!.label} className={columns[c]!.num ? 'num' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

type Context = { t: Translate; f: Formats; locale: Locale; query: DashboardQuery };
const num = (v: string) => Number(v);

function render(key: WidgetKey, data: DashboardData, c: Context): ReactNode {
  const { t, f } = c;
  const empty = <p className="muted widget-empty">{t('dashboard.empty')}</p>;
  const chart = (
    rows: ChartRow[],
    category: string,
    series: Series[],
    format: 'money' | 'count',
    names = false,
  ) => (
    <Chart
      data={rows}
      category={category}
      series={series}
      format={format}
      locale={f.intl}
      layout={names ? 'names' : 'columns'}
    />
  );
  switch (key) {
    case 'plan': {
      const rows = data.plan ?? [];
      if (rows.length === 0) return empty;
      const managers = rows.filter((r) => r.managerId !== 0);
      const company = rows.find((r) => r.managerId === 0);
      const drawn = managers.length ? managers : rows;
      return (
        <>
          {chart(
            drawn.map((r) => ({
              name: r.manager || t('plan.company'),
              plan: num(r.plan),
              fact: num(r.fact),
              forecast: num(r.forecast),
            })),
            'name',
            [
              { key: 'plan', label: t('plan.plan'), color: colors.plan },
              { key: 'fact', label: t('plan.fact'), color: colors.fact },
              { key: 'forecast', label: t('plan.forecast'), color: colors.forecast },
            ],
            'money',
          )}
          <Figures
            columns={[
              { label: t('report.manager') },
              { label: t('plan.plan'), num: true },
              { label: t('plan.fact'), num: true },
              { label: t('plan.percent'), num: true },
              { label: t('plan.forecast'), num: true },
              { label: t('plan.forecastPercent'), num: true },
            ]}
            rows={managers.map((r) => [
              r.manager,
              f.money(r.plan),
              f.money(r.fact),
              f.percent(r.percent),
              f.money(r.forecast),
              f.percent(r.forecastPercent),
            ])}
            foot={
              company && [
                t('plan.company'),
                f.money(company.plan),
                f.money(company.fact),
                f.percent(company.percent),
                f.money(company.forecast),
                f.percent(company.forecastPercent),
              ]
            }
          />
        </>
      );
    }
    case 'funnel': {
      const rows = data.funnel ?? [];
      const count = rows.reduce((n, r) => n + r.count, 0);
      if (count === 0) return empty;
      const state = (s: string) => t(`crmCard.state.${s}` as MessageKey);
      return (
        <>
          {chart(
            rows.map((r) => ({ state: state(r.state), amount: num(r.amount) })),
            'state',
            [{ key: 'amount', label: t('dashboard.amount'), color: colors.forecast }],
            'money',
            true,
          )}
          <Figures
            columns={[
              { label: t('dashboard.state') },
              { label: t('dashboard.count'), num: true },
              { label: t('dashboard.amount'), num: true },
            ]}
            rows={rows.map((r) => [state(r.state), f.count(r.count), f.money(r.amount)])}
            foot={[t('report.total'), f.count(count), f.money(sumMoney(rows.map((r) => r.amount)))]}
          />
        </>
      );
    }
    case 'outcomes': {
      const o = data.outcomes;
      if (!o || o.total.won + o.total.lost === 0) return empty;
      return (
        <>
          <p className="widget-figure">
            {t('dashboard.conversion', { percent: f.percent(o.total.conversion).replace(' %', '') })}
          </p>
          {chart(
            o.months.map((m) => ({ month: f.shortMonth(m.month), won: m.won, lost: m.lost })),
            'month',
            [
              { key: 'won', label: t('dashboard.won'), color: colors.fact },
              { key: 'lost', label: t('dashboard.lost'), color: colors.lost },
            ],
            'count',
          )}
          <Figures
            columns={[
              { label: t('grossProfit.variant.month') },
              { label: t('dashboard.won'), num: true },
              { label: t('dashboard.lost'), num: true },
              { label: t('sources.conversion'), num: true },
            ]}
            rows={o.months
              .filter((m) => m.won + m.lost > 0)
              .map((m) => [f.month(m.month), f.count(m.won), f.count(m.lost), f.percent(m.conversion)])}
            foot={[
              t('report.total'),
              f.count(o.total.won),
              f.count(o.total.lost),
              f.percent(o.total.conversion),
            ]}
          />
        </>
      );
    }
    case 'discipline': {
      const rows = data.discipline ?? [];
      if (rows.length === 0) return <p className="muted widget-empty">{t('dashboard.disciplineClean')}</p>;
      return (
        <>
          {chart(
            rows.map((r) => ({ name: r.manager, overdue: r.overdueTasks, noNext: r.noNextTask })),
            'name',
            [
              { key: 'overdue', label: t('dashboard.overdueTasks'), color: colors.lost },
              { key: 'noNext', label: t('dashboard.noNextTask'), color: colors.warning },
            ],
            'count',
          )}
          <Figures
            columns={[
              { label: t('report.manager') },
              { label: t('dashboard.overdueTasks'), num: true },
              { label: t('dashboard.noNextTask'), num: true },
            ]}
            rows={rows.map((r) => [r.manager, f.count(r.overdueTasks), f.count(r.noNextTask)])}
            foot={
              rows.length > 1
                ? [
                    t('report.total'),
                    f.count(rows.reduce((n, r) => n + r.overdueTasks, 0)),
                    f.count(rows.reduce((n, r) => n + r.noNextTask, 0)),
                  ]
                : undefined
            }
          />
        </>
      );
    }
    case 'sources': {
      const rows = data.sources ?? [];
      if (rows.length === 0) return empty;
      const name = (s: string) => s || t('report.none');
      return (
        <>
          {chart(
            rows.map((r) => ({ source: name(r.source), count: r.count })),
            'source',
            [{ key: 'count', label: t('dashboard.count'), color: colors.forecast }],
            'count',
            true,
          )}
          <Figures
            columns={[{ label: t('crmCard.field.source') }, { label: t('dashboard.count'), num: true }]}
            rows={rows.map((r) => [name(r.source), f.count(r.count)])}
            foot={[t('report.total'), f.count(rows.reduce((n, r) => n + r.count, 0))]}
          />
        </>
      );
    }
    case 'losses': {
      const rows = data.losses ?? [];
      if (rows.length === 0) return empty;
      const name = (s: string) => s || t('report.none');
      return (
        <>
          {chart(
            rows.map((r) => ({ reason: name(r.reason), count: r.count })),
            'reason',
            [{ key: 'count', label: t('dashboard.count'), color: colors.lost }],
            'count',
            true,
          )}
          <Figures
            columns={[
              { label: t('dashboard.reason') },
              { label: t('dashboard.count'), num: true },
              { label: t('dashboard.amount'), num: true },
            ]}
            rows={rows.map((r) => [name(r.reason), f.count(r.count), f.money(r.amount)])}
            foot={[
              t('report.total'),
              f.count(rows.reduce((n, r) => n + r.count, 0)),
              f.money(sumMoney(rows.map((r) => r.amount))),
            ]}
          />
        </>
      );
    }
    case 'debts': {
      const d = data.debts;
      if (!d || d.top.length === 0) return empty;
      const age = (a: string) => t(`dashboard.age.${a}` as MessageKey);
      return (
        <>
          {chart(
            d.ages.map((a) => ({ age: age(a.age), amount: num(a.amount) })),
            'age',
            [{ key: 'amount', label: t('dashboard.amount'), color: colors.lost }],
            'money',
          )}
          <Figures
            caption={t('dashboard.overdueDebt')}
            columns={[
              { label: t('dashboard.age') },
              { label: t('dashboard.count'), num: true },
              { label: t('dashboard.amount'), num: true },
            ]}
            rows={d.ages.map((a) => [age(a.age), f.count(a.count), f.money(a.amount)])}
            foot={[t('report.total'), f.count(d.ages.reduce((n, a) => n + a.count, 0)), f.money(d.total)]}
          />
          <Figures
            caption={t('dashboard.topDebtors')}
            columns={[{ label: t('field.partner') }, { label: t('dashboard.debt'), num: true }]}
            rows={d.top.map((p) => [
              <Link key={p.partnerId} href={`/catalogs/partners/${p.partnerId}`} prefetch={false}>
                {p.partner}
              </Link>,
              f.money(p.amount),
            ])}
          />
        </>
      );
    }
    case 'profit': {
      const rows = data.profit ?? [];
      if (rows.every((r) => r.revenue === '0.00' && r.cost === '0.00')) return empty;
      return (
        <>
          {chart(
            rows.map((r) => ({
              month: f.shortMonth(r.month),
              revenue: num(r.revenue),
              profit: num(r.profit),
            })),
            'month',
            [
              { key: 'revenue', label: t('grossProfit.revenue'), color: colors.forecast },
              { key: 'profit', label: t('grossProfit.profit'), color: colors.fact, kind: 'line' },
            ],
            'money',
          )}
          <Figures
            columns={[
              { label: t('grossProfit.variant.month') },
              { label: t('grossProfit.revenue'), num: true },
              { label: t('grossProfit.profit'), num: true },
            ]}
            rows={rows
              .filter((r) => r.revenue !== '0.00' || r.cost !== '0.00')
              .map((r) => [f.month(r.month), f.money(r.revenue), f.money(r.profit)])}
            foot={[
              t('report.total'),
              f.money(sumMoney(rows.map((r) => r.revenue))),
              f.money(sumMoney(rows.map((r) => r.profit))),
            ]}
          />
        </>
      );
    }
  }
}

/** Decimal strings summed exactly. */
const sumMoney = (values: string[]) => Decimal.sum(0, ...values).toFixed(2);
