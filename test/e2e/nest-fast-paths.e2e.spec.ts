import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/ponte';

/*
 * src/common/runtime/nest-fast-paths.ts replaces Nest's createPipesFn (REST routes and GraphQL
 * resolvers) with one that runs synchronous pipes synchronously, and short-cuts its
 * pickStreamingBody when the handler produced no stream. The probe runs Nest's own and the
 * replacements on the same inputs; here the two must agree on everything a caller can see.
 * (The whole e2e suite runs through the replacements too: every validation problem, every upload,
 * every download.)
 */
interface Run {
  fn?: null;
  outcome?: { args?: unknown[]; error?: string };
  calls?: Record<string, unknown[]>;
  returnedPromise?: boolean;
}
interface Report {
  installed: { syncPipes: boolean; streamingBodyCheck: boolean; leanRoutes: boolean; plainFields: boolean };
  replaced: boolean;
  unhandled: number;
  results: { name: string; variant: 'router' | 'external'; original: Run; patched: Run }[];
  picks: { name: string; original: string; patched: string }[];
}

function probe(): Report {
  const result = spawnSync(process.execPath, [join(__dirname, 'fixtures/nest-fast-paths-probe.cjs')], {
    cwd: ROOT,
    env: { ...process.env, PONTE_ROOT: ROOT },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

const report = probe();

describe("synchronous parameter pipes (Nest's createPipesFn replaced)", () => {
  const byName = (name: string) => report.results.filter((r) => r.name === name);

  it('is installed on both context creators (a Nest upgrade that changes them fails here)', () => {
    expect(report).toMatchObject({
      installed: { syncPipes: true, streamingBodyCheck: true, leanRoutes: true, plainFields: true },
      replaced: true,
    });
    expect(report.results).toHaveLength(22);
  });

  it.each(report.results.map((r) => [r.variant, r.name, r] as const))('%s: %s → same arguments or same error as Nest', (_v, _n, r) => {
    expect(r.patched.outcome).toEqual(r.original.outcome);
    expect(r.patched.fn).toEqual(r.original.fn);
  });

  it('where nothing fails, every pipe sees the same values, metadata and order per parameter', () => {
    const succeeded = report.results.filter((r) => r.original.outcome && !r.original.outcome.error);
    expect(succeeded).toHaveLength(8);
    for (const r of succeeded) expect({ name: r.name, calls: r.patched.calls }).toEqual({ name: r.name, calls: r.original.calls });
  });

  it('all-synchronous pipes return no promise (Nest: a promise per call); async ones still do', () => {
    for (const r of byName('sync pipes on query, body and a custom param; request untouched')) {
      expect([r.original.returnedPromise, r.patched.returnedPromise]).toEqual([true, false]);
    }
    for (const r of byName('a chain sync → async → sync on two params, plus a param-level pipe')) {
      expect(r.patched.returnedPromise).toBe(true);
    }
  });

  it('the first failing parameter’s error is the one reported, as in Nest', () => {
    for (const r of byName('both throw: the first param’s error wins')) expect(r.patched.outcome).toEqual({ error: 'first failed' });
    for (const r of byName('an extractor throws')) expect(r.patched.outcome).toEqual({ error: 'cannot extract' });
    const mixed = byName('the first param’s async pipe rejects after the second’s throws (no unhandled rejection)');
    for (const r of mixed) expect(r.patched.outcome).toEqual({ error: 'second failed' });
  });

  it('no run leaves a rejection unhandled (a param still pending when another fails is awaited with it)', () => {
    expect(report.unhandled).toBe(0);
  });
});

describe("the streaming-body check (Nest's pickStreamingBody short-cut when the handler made no stream)", () => {
  it.each(report.picks.map((p) => [p.name, p] as const))('%s → picks what Nest picks', (_n, p) => {
    expect(p.patched).toBe(p.original);
  });

  it('covers results that are streams, that wrap one, and that are not', () => {
    expect(new Set(report.picks.map((p) => p.original))).toEqual(new Set(['nothing', 'the result', 'the wrapped stream']));
  });
});

interface RoutesReport {
  installed?: Report['installed'];
  routeHandlers?: { lean: number; nest: number; proxied: number };
  answers: { request: string; status: number; headers: Record<string, string>; body: string }[];
  graphql: { status: number; body: { data?: { items: Record<string, unknown>[] }; errors?: unknown[] } };
  withResolvers: string[];
}

/** The probe app (a Nest + Fastify app of its own), with or without Ponte's fast paths. */
function routes(fastPaths: boolean): RoutesReport {
  const result = spawnSync(process.execPath, [join(__dirname, 'fixtures/nest-routes-probe.cjs')], {
    cwd: ROOT,
    env: { ...process.env, PONTE_ROOT: ROOT, FAST_PATHS: fastPaths ? '1' : '0' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as RoutesReport;
}

const nestApp = routes(false);
const fastApp = routes(true);

describe("lean route handlers (routes without guards, interceptors or SSE skip Nest's interceptor machinery)", () => {
  const [nest, fast] = [nestApp, fastApp];

  it('every route but the guarded and the intercepted one gets the lean handler', () => {
    expect(fast.installed).toMatchObject({ leanRoutes: true, leanProxy: true });
    expect(fast.routeHandlers).toEqual({ lean: 20, nest: 2, proxied: 20 });
  });

  it.each(nest.answers.map((a, i) => [a.request, a, i] as const))('%s → the same status, headers and body as Nest', (_r, answer, i) => {
    expect(fast.answers[i]).toEqual(answer);
  });

  it('the probe covers successes, HTTP errors, pipe failures, manual replies and streams', () => {
    const statuses = new Set(nest.answers.map((a) => a.status));
    expect([...statuses].sort()).toEqual([200, 201, 202, 204, 301, 307, 400, 403, 404, 418]);
    expect(nest.answers.find((a) => a.request === 'GET /r/stream')).toMatchObject({ body: 'chunk-1;chunk-2' });
    expect(nest.answers.find((a) => a.request === 'GET /r/int/abc')).toMatchObject({ status: 400 });
    // A status the method set through @Res({ passthrough: true }) wins over the route's default (201 for POST).
    expect(nest.answers.find((a) => a.request === 'POST /r/passthrough-status')).toMatchObject({ status: 202 });
  });
});

describe('plain GraphQL fields (no Nest resolver where it could only return the property)', () => {
  const [nest, fast] = [nestApp, fastApp];

  it('keeps the resolvers of renamed, defaulted, middleware and @ResolveField fields only', () => {
    expect(nest.withResolvers).toEqual(['computed', 'count', 'external', 'plain', 'tags', 'withDefault', 'withMiddleware']);
    expect(fast.withResolvers).toEqual(['computed', 'external', 'withDefault', 'withMiddleware']);
  });

  it('answers the same query identically (executed by graphql-jit, as in Ponte)', () => {
    expect(fast.graphql).toEqual(nest.graphql);
    expect(nest.graphql.body.errors).toBeUndefined();
    expect(nest.graphql.body.data!.items[0]).toEqual({
      plain: 'p',
      external: 'i',
      withDefault: 'default',
      withMiddleware: 'm!',
      count: 0,
      tags: ['a', 'b'],
      computed: 'computed-p',
    });
    expect(nest.graphql.body.data!.items[2]).toMatchObject({ plain: null, withDefault: 'default', count: null, tags: null });
  });
});
