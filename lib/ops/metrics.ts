/**
 * Prometheus metrics of one process: request latency by route and jobs run by kind, kept here as the
 * process counts them; what the database knows (jobs pending and failed, documents posted) and the
 * open live streams are read when /api/metrics is asked (app/api/metrics).
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Distinct route labels kept; a scan of random addresses must not grow the process without bound. */
const MAX_SERIES = 500;

type Histogram = { buckets: number[]; sum: number; count: number };
type Registry = { requests: Map<string, Histogram>; jobs: Map<string, number> };

const global = globalThis as unknown as { torgMetrics?: Registry };
global.torgMetrics ??= { requests: new Map(), jobs: new Map() };
const registry = global.torgMetrics;

/** The route of a path for a label: ids and tokens become `:id`, at most four segments. */
export function routeOf(pathname: string): string {
  if (pathname.startsWith('/_next/')) return '/_next';
  const segments = pathname
    .split('/')
    .filter(Boolean)
    .slice(0, 4)
    .map((s) => (/^\d+$/.test(s) || /^[\w-]{16,}$/.test(s) ? ':id' : s.slice(0, 40)));
  return `/${segments.join('/')}`;
}

const labels = (values: Record<string, string>) =>
  Object.entries(values)
    .map(([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`)
    .join(',');

export function observeRequest(method: string, pathname: string, status: number, seconds: number) {
  let key = labels({ method, route: routeOf(pathname), status: String(status) });
  if (!registry.requests.has(key) && registry.requests.size >= MAX_SERIES)
    key = labels({ method, route: 'other', status: String(status) });
  let histogram = registry.requests.get(key);
  if (!histogram) {
    histogram = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
    registry.requests.set(key, histogram);
  }
  for (const [i, bound] of BUCKETS.entries()) if (seconds <= bound) histogram.buckets[i]!++;
  histogram.sum += seconds;
  histogram.count++;
}

export function countJob(kind: string, result: 'done' | 'failed') {
  const key = labels({ kind, result });
  registry.jobs.set(key, (registry.jobs.get(key) ?? 0) + 1);
}

export type Gauge = {
  name: string;
  help: string;
  values: { labels?: Record<string, string>; value: number }[];
};

/** The exposition text: this process's histograms and counters, then the gauges given. */
export function renderMetrics(gauges: Gauge[]): string {
  const lines = [
    '# HELP torg_http_request_duration_seconds Time to answer a request, by method, route and status.',
    '# TYPE torg_http_request_duration_seconds histogram',
  ];
  for (const [key, h] of registry.requests) {
    for (const [i, bound] of BUCKETS.entries())
      lines.push(`torg_http_request_duration_seconds_bucket{${key},le="${bound}"} ${h.buckets[i]}`);
    lines.push(`torg_http_request_duration_seconds_bucket{${key},le="+Inf"} ${h.count}`);
    lines.push(`torg_http_request_duration_seconds_sum{${key}} ${h.sum}`);
    lines.push(`torg_http_request_duration_seconds_count{${key}} ${h.count}`);
  }
  lines.push(
    '# HELP torg_jobs_run_total Jobs this process ran, by kind and result.',
    '# TYPE torg_jobs_run_total counter',
  );
  for (const [key, n] of registry.jobs) lines.push(`torg_jobs_run_total{${key}} ${n}`);
  for (const gauge of gauges) {
    lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
    for (const v of gauge.values)
      lines.push(`${gauge.name}${v.labels ? `{${labels(v.labels)}}` : ''} ${v.value}`);
  }
  return `${lines.join('\n')}\n`;
}
