/**
 * The gateway's metrics, in Prometheus' text exposition format (version 0.0.4), served at
 * `GET /metrics`. Kept without a client library: the per-request work is two map lookups, one
 * counter and one histogram bucket, and everything else (gauges, process figures) is read only when
 * scraped.
 *
 * Label values are bounded sets: route templates (a request that matched no route is `unmatched`,
 * never its raw path), methods, statuses, connection ids, platform operations, event types and
 * subscription names from the configuration. No API key, token or key name is ever a label.
 */

/** Seconds: from a cached read (~1 ms) to a platform call at its default timeout (10 s). */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

class Histogram {
  readonly counts = new Float64Array(DURATION_BUCKETS.length);
  sum = 0;
  count = 0;

  observe(seconds: number): void {
    let i = 0;
    while (i < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[i]) i++;
    if (i < DURATION_BUCKETS.length) this.counts[i]++;
    this.sum += seconds;
    this.count++;
  }

  lines(name: string, labels: string): string[] {
    const out: string[] = [];
    let cumulative = 0;
    for (let i = 0; i < DURATION_BUCKETS.length; i++) {
      cumulative += this.counts[i];
      out.push(`${name}_bucket{${labels},le="${DURATION_BUCKETS[i]}"} ${cumulative}`);
    }
    out.push(`${name}_bucket{${labels},le="+Inf"} ${this.count}`);
    out.push(`${name}_sum{${labels}} ${roundSeconds(this.sum)}`);
    out.push(`${name}_count{${labels}} ${this.count}`);
    return out;
  }
}

/** A series: counts by an outcome (status code, result) plus one duration histogram. */
class Series {
  readonly outcomes = new Map<string | number, number>();
  readonly durations = new Histogram();

  record(outcome: string | number, seconds: number | null): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
    if (seconds !== null) this.durations.observe(seconds);
  }
}

/** Series by two label values (method → route, connection → operation), created on first use. */
class SeriesTable {
  private readonly rows = new Map<string, Map<string, Series>>();

  get(a: string, b: string): Series {
    let row = this.rows.get(a);
    if (!row) this.rows.set(a, (row = new Map<string, Series>()));
    let series = row.get(b);
    if (!series) row.set(b, (series = new Series()));
    return series;
  }

  *entries(): Iterable<[string, string, Series]> {
    for (const [a, row] of this.rows) for (const [b, series] of row) yield [a, b, series];
  }
}

/** A gauge or counter read when scraped: each sample is its labels (name → value) and its value. */
export interface Sample {
  labels?: Record<string, string>;
  value: number;
}

interface Collected {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  read: () => Sample[];
}

/** A label value as the format wants it: backslash, double quote and newline escaped. */
export function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labelText(labels: Record<string, string> | undefined): string {
  if (!labels) return '';
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${labelValue(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

const roundSeconds = (s: number) => Math.round(s * 1e6) / 1e6;

export class Metrics {
  private readonly http = new SeriesTable();
  private readonly upstream = new SeriesTable();
  private readonly upstreamPlatform = new Map<string, string>();
  private readonly graphql = new SeriesTable();
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>();
  private readonly collected: Collected[] = [];

  /** One answered request (status 499 and `seconds` null: its client hung up first). */
  httpRequest(method: string, route: string | undefined, status: number, seconds: number | null): void {
    this.http.get(method, route ?? 'unmatched').record(status, seconds);
  }

  /** One platform call: its HTTP status, or `timeout` / `error` when none came. */
  upstreamCall(connection: string, platform: string, operation: string, outcome: number | 'timeout' | 'error', seconds: number): void {
    if (!this.upstreamPlatform.has(connection)) this.upstreamPlatform.set(connection, platform);
    this.upstream.get(connection, operation).record(outcome, seconds);
  }

  /**
   * One GraphQL root field answered: `outcome` is `ok`, or the `extensions.code` of its error (a
   * problem code, or GraphQL's own). Fields are the schema's, so the set is bounded.
   */
  graphqlField(operation: string, field: string, outcome: string, seconds: number): void {
    this.graphql.get(operation, field).record(outcome, seconds);
  }

  /** Adds 1 to a counter series; `labels` in a fixed order per counter. */
  count(name: string, help: string, labels: Record<string, string>): void {
    let counter = this.counters.get(name);
    if (!counter) this.counters.set(name, (counter = { help, values: new Map() }));
    const key = labelText(labels);
    counter.values.set(key, (counter.values.get(key) ?? 0) + 1);
  }

  /** A gauge (or a counter kept elsewhere) read when scraped. */
  collect(name: string, help: string, type: 'gauge' | 'counter', read: () => Sample[]): void {
    this.collected.push({ name, help, type, read });
  }

  /** Everything, in the text exposition format. */
  render(): string {
    const out: string[] = [];
    const head = (name: string, help: string, type: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    /** A table's counter (by outcome) and its histogram; `labelsOf` gives a row's labels, `outcome` the outcome's label name. */
    const table = (
      rows: SeriesTable,
      labelsOf: (a: string, b: string) => string,
      counter: [name: string, help: string, outcome: string],
      histogram: [name: string, help: string],
    ) => {
      head(counter[0], counter[1], 'counter');
      for (const [a, b, series] of rows.entries()) {
        for (const [outcome, n] of series.outcomes)
          out.push(`${counter[0]}{${labelsOf(a, b)},${counter[2]}="${labelValue(String(outcome))}"} ${n}`);
      }
      head(histogram[0], histogram[1], 'histogram');
      for (const [a, b, series] of rows.entries()) {
        if (series.durations.count) out.push(...series.durations.lines(histogram[0], labelsOf(a, b)));
      }
    };

    table(
      this.http,
      (method, route) => `method="${method}",route="${labelValue(route)}"`,
      ['ponte_http_requests_total', 'Requests answered, by method, route template and status (499: the client hung up first).', 'status'],
      ['ponte_http_request_duration_seconds', 'Time from the request to its answer, by method and route template.'],
    );
    table(
      this.upstream,
      (connection, operation) => this.upstreamLabels(connection, operation),
      [
        'ponte_upstream_requests_total',
        'Calls to the platforms, by connection, platform, operation and outcome (the HTTP status, or timeout / error when none came).',
        'outcome',
      ],
      ['ponte_upstream_request_duration_seconds', 'Time a platform call took, retry included, by connection and operation.'],
    );
    table(
      this.graphql,
      (operation, field) => `operation="${operation}",field="${field}"`,
      [
        'ponte_graphql_fields_total',
        'GraphQL root fields answered over HTTP, by operation type, field and outcome (ok, or the error code).',
        'outcome',
      ],
      ['ponte_graphql_field_duration_seconds', 'Time the operation carrying the root field took to execute.'],
    );
    for (const [name, counter] of this.counters) {
      head(name, counter.help, 'counter');
      for (const [labels, n] of counter.values) out.push(`${name}${labels} ${n}`);
    }
    for (const c of this.collected) {
      head(c.name, c.help, c.type);
      for (const sample of c.read()) out.push(`${c.name}${labelText(sample.labels)} ${sample.value}`);
    }
    return `${out.join('\n')}\n`;
  }

  private upstreamLabels(connection: string, operation: string): string {
    const platform = this.upstreamPlatform.get(connection) ?? '';
    return `connection="${labelValue(connection)}",platform="${platform}",operation="${labelValue(operation)}"`;
  }
}

/** The process's own figures, under the names Prometheus' Node.js client uses, and the build. */
export function collectProcessMetrics(metrics: Metrics, version: string): void {
  const startSeconds = Math.round((Date.now() - process.uptime() * 1000) / 1000);
  metrics.collect('ponte_build_info', 'The running version.', 'gauge', () => [{ labels: { version }, value: 1 }]);
  metrics.collect('process_start_time_seconds', 'When the process started, in Unix seconds.', 'gauge', () => [{ value: startSeconds }]);
  metrics.collect('process_cpu_user_seconds_total', 'User CPU time spent.', 'counter', () => [{ value: process.cpuUsage().user / 1e6 }]);
  metrics.collect('process_cpu_system_seconds_total', 'System CPU time spent.', 'counter', () => [
    { value: process.cpuUsage().system / 1e6 },
  ]);
  metrics.collect('process_resident_memory_bytes', 'Resident memory.', 'gauge', () => [{ value: process.memoryUsage.rss() }]);
  metrics.collect('nodejs_heap_size_used_bytes', "V8's heap in use.", 'gauge', () => [{ value: process.memoryUsage().heapUsed }]);
  metrics.collect('nodejs_heap_size_total_bytes', "V8's heap, reserved.", 'gauge', () => [{ value: process.memoryUsage().heapTotal }]);
  metrics.collect(
    'nodejs_eventloop_active_seconds_total',
    'Time the event loop spent running code rather than waiting: its rate is the utilization of the one core the gateway runs on.',
    'counter',
    () => [{ value: Math.round(performance.eventLoopUtilization().active) / 1000 }],
  );
}
