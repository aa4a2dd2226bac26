/**
 * GET /metrics, end to end: a gateway against the Maxbot simulator, driven over real HTTP, then
 * scraped as Prometheus would, with the figures checked against what was sent.
 */
import request from 'supertest';
import { NEW_CONTACT } from '../../src/platforms/maxbot/webhooks.examples';
import { QUIET_KEY, startFeedRig, type FeedRig } from '../helpers/event-feed';
import { API_KEY } from '../helpers/rig';

let rig: FeedRig;
beforeAll(async () => {
  rig = await startFeedRig({});
});
afterAll(() => rig?.stop());

const api = () => request(rig.ponte.url);

/** Every sample of a scrape, as name{labels} → value; a line that is not a comment or a sample fails the test. */
async function scrape(): Promise<{ text: string; samples: Map<string, number> }> {
  const res = await api().get('/metrics').set(rig.auth).expect(200);
  expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  const text = res.text;
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || /^# (HELP|TYPE) /.test(line)) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_]\w*="(?:[^"\\\n]|\\.)*",?)*\})?) (-?[0-9.e+-]+|\+Inf|NaN)$/.exec(line);
    if (!match) throw new Error(`not in the exposition format: ${line}`);
    samples.set(match[1], Number(match[2]));
  }
  return { text, samples };
}

describe('GET /metrics', () => {
  it('counts what was served and what was called upstream, with durations, and never shows a key, a token or a secret', async () => {
    for (let i = 0; i < 3; i++) await api().get('/v1/contacts?whatsapp=%2B5531911112222').set(rig.auth).expect(200);
    await api().get('/v1/contacts?limit=0').set(rig.auth).expect(400);
    await api().get('/v1/no/such/route/12345').set(rig.auth).expect(404);
    // The `quiet` connection points where nothing listens: the platform call fails without a status.
    await api().get('/v1/contacts').set(rig.auth).set('X-Connection', 'quiet').expect(502);
    await rig.hook(NEW_CONTACT);
    await rig.hook(NEW_CONTACT);

    const { text, samples } = await scrape();
    const get = (series: string) => samples.get(series);
    expect(get('ponte_http_requests_total{method="GET",route="/v1/contacts",status="200"}')).toBe(3);
    expect(get('ponte_http_requests_total{method="GET",route="/v1/contacts",status="400"}')).toBe(1);
    expect(get('ponte_http_requests_total{method="GET",route="/v1/contacts",status="502"}')).toBe(1);
    expect(get('ponte_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(text).not.toContain('12345');
    expect(get('ponte_http_requests_total{method="POST",route="/v1/webhooks/:connectionId",status="200"}')).toBe(2);
    expect(get('ponte_http_request_duration_seconds_count{method="GET",route="/v1/contacts"}')).toBe(5);
    expect(get('ponte_http_request_duration_seconds_bucket{method="GET",route="/v1/contacts",le="+Inf"}')).toBe(5);
    expect(get('ponte_http_request_duration_seconds_sum{method="GET",route="/v1/contacts"}')).toBeGreaterThan(0);

    expect(rig.sim.requests.filter((r) => r.json && (r.json as { cmd?: string }).cmd === 'get_contact')).toHaveLength(3);
    expect(get('ponte_upstream_requests_total{connection="maxbot",platform="maxbot",operation="get_contact",outcome="200"}')).toBe(3);
    expect(get('ponte_upstream_requests_total{connection="quiet",platform="maxbot",operation="get_contact",outcome="error"}')).toBe(1);
    expect(get('ponte_upstream_request_duration_seconds_count{connection="maxbot",platform="maxbot",operation="get_contact"}')).toBe(3);
    expect(get('ponte_upstream_in_flight{connection="maxbot"}')).toBe(0);
    expect(get('ponte_upstream_connections_opened_total{connection="maxbot"}')).toBeGreaterThanOrEqual(1);

    // The second post of the same new contact is a redelivery.
    expect(get('ponte_webhook_events_total{connection="maxbot",type="contact.created",duplicate="false"}')).toBe(1);
    expect(get('ponte_webhook_events_total{connection="maxbot",type="contact.created",duplicate="true"}')).toBe(1);
    expect(get('ponte_events_held')).toBe(1);
    expect(get('ponte_event_readers_open')).toBe(0);
    expect(get('ponte_graphql_websockets_open')).toBe(0);
    expect(get('process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(get('nodejs_eventloop_active_seconds_total')).toBeGreaterThan(0);
    expect(text).toMatch(/^ponte_build_info\{version="\d+\.\d+\.\d+"\} 1$/m);

    for (const secretValue of [API_KEY, QUIET_KEY, rig.sim.token, 'tests', 'quiet-only']) expect(text).not.toContain(secretValue);
  });

  it('counts the scrapes too, and a platform call in flight while it lasts', async () => {
    rig.sim.inject({ kind: 'delay', ms: 1_000 });
    const slow = api()
      .get('/v1/contacts?whatsapp=%2B5531911112222')
      .set(rig.auth)
      .then((res) => res.status);
    for (let i = 0; rig.sim.requests.length === 0 || !(await scrape()).samples.get('ponte_upstream_in_flight{connection="maxbot"}'); i++) {
      if (i > 40) throw new Error('the call in flight never showed');
      await new Promise((done) => setTimeout(done, 25));
    }
    expect(await slow).toBe(200);
    const { samples } = await scrape();
    expect(samples.get('ponte_upstream_in_flight{connection="maxbot"}')).toBe(0);
    expect(samples.get('ponte_http_requests_total{method="GET",route="/metrics",status="200"}')).toBeGreaterThanOrEqual(2);
  });

  it('counts GraphQL root fields by operation type, field and outcome (the error code), aliases under their field', async () => {
    const query = '{ contacts(whatsapp: "+5531911112222") { data { id } } down: contacts(connection: "quiet") { data { id } } }';
    const res = await api().post('/graphql').set(rig.auth).send({ query }).expect(200);
    expect(res.body.errors[0]).toMatchObject({ path: ['down'], extensions: { code: 'provider_unavailable' } });
    await api().post('/graphql').set(rig.auth).send({ query: '{ segmentations { data { id } } }' }).expect(200);
    // A variable refused before execution: every root field of the operation carries its code.
    await api()
      .post('/graphql')
      .set(rig.auth)
      .send({ query: 'query ($l: Int) { events(limit: $l) { data { id } } }', variables: { l: 'many' } })
      .expect(400);
    const { samples } = await scrape();
    expect(samples.get('ponte_graphql_fields_total{operation="query",field="contacts",outcome="ok"}')).toBe(1);
    expect(samples.get('ponte_graphql_fields_total{operation="query",field="contacts",outcome="provider_unavailable"}')).toBe(1);
    expect(samples.get('ponte_graphql_fields_total{operation="query",field="segmentations",outcome="ok"}')).toBe(1);
    expect(samples.get('ponte_graphql_fields_total{operation="query",field="events",outcome="validation_failed"}')).toBe(1);
    expect(samples.get('ponte_graphql_field_duration_seconds_count{operation="query",field="contacts"}')).toBe(2);
    expect(samples.has('ponte_graphql_fields_total{operation="query",field="down",outcome="provider_unavailable"}')).toBe(false);
  });

  it('needs an API key, one not limited to some connections', async () => {
    const none = await api().get('/metrics').expect(401);
    expect(none.body.code).toBe('unauthorized');
    const limited = await api().get('/metrics').set('Authorization', `Bearer ${QUIET_KEY}`).expect(403);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body).toMatchObject({
      code: 'forbidden',
      detail:
        'The API key "quiet-only" is limited to some connections, and the metrics cover every connection: use a key without a connections list',
    });
  });
});
