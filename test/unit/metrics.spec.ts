import { Metrics } from '../../src/common/metrics/metrics';

/** Every sample line of a rendering, as name{labels} → value. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{.*\})?) (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    out.set(match[1], Number(match[2]));
  }
  return out;
}

describe('Metrics', () => {
  it('counts requests by method, route and status; a request that matched no route is "unmatched", never its path', () => {
    const m = new Metrics();
    m.httpRequest('GET', '/v1/contacts', 200, 0.004);
    m.httpRequest('GET', '/v1/contacts', 200, 0.02);
    m.httpRequest('GET', '/v1/contacts', 400, 0.001);
    m.httpRequest('GET', undefined, 404, 0.001);
    m.httpRequest('POST', '/v1/contacts', 499, null);
    const s = samples(m.render());
    expect(s.get('ponte_http_requests_total{method="GET",route="/v1/contacts",status="200"}')).toBe(2);
    expect(s.get('ponte_http_requests_total{method="GET",route="/v1/contacts",status="400"}')).toBe(1);
    expect(s.get('ponte_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(s.get('ponte_http_requests_total{method="POST",route="/v1/contacts",status="499"}')).toBe(1);
    // A hung-up request has no duration: counted, not timed.
    expect(s.has('ponte_http_request_duration_seconds_count{method="POST",route="/v1/contacts"}')).toBe(false);
  });

  it('histogram buckets are cumulative, bounds inclusive (le), +Inf equal to the count, the sum in seconds', () => {
    const m = new Metrics();
    for (const seconds of [0.0005, 0.001, 0.004, 0.005, 0.3, 12]) m.httpRequest('GET', '/r', 200, seconds);
    const s = samples(m.render());
    const bucket = (le: string) => s.get(`ponte_http_request_duration_seconds_bucket{method="GET",route="/r",le="${le}"}`);
    expect(bucket('0.001')).toBe(2);
    expect(bucket('0.0025')).toBe(2);
    expect(bucket('0.005')).toBe(4);
    expect(bucket('0.25')).toBe(4);
    expect(bucket('0.5')).toBe(5);
    expect(bucket('10')).toBe(5);
    expect(bucket('+Inf')).toBe(6);
    expect(s.get('ponte_http_request_duration_seconds_count{method="GET",route="/r"}')).toBe(6);
    expect(s.get('ponte_http_request_duration_seconds_sum{method="GET",route="/r"}')).toBeCloseTo(12.3105, 6);
  });

  it('escapes label values and reads collected gauges when rendered', () => {
    const m = new Metrics();
    let open = 1;
    m.collect('ponte_test_open', 'Open things.', 'gauge', () => [{ labels: { name: 'a "quoted"\\name\nnext' }, value: open }]);
    m.count('ponte_test_total', 'Things counted.', { kind: 'x' });
    m.count('ponte_test_total', 'Things counted.', { kind: 'x' });
    open = 3;
    const text = m.render();
    expect(text).toContain('# HELP ponte_test_open Open things.\n# TYPE ponte_test_open gauge\n');
    expect(text).toContain('ponte_test_open{name="a \\"quoted\\"\\\\name\\nnext"} 3\n');
    expect(text).toContain('# TYPE ponte_test_total counter\nponte_test_total{kind="x"} 2\n');
    expect(text.endsWith('\n')).toBe(true);
  });
});
