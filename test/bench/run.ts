/**
 * `npm run bench`: measures what Ponte adds on top of the platform call, in one run on this
 * machine, as ratios between scenarios run interleaved (A B A B …). Not part of the test suite:
 * it prints a table and writes test/bench/results.json; BENCHMARKS.md quotes the latest run.
 *
 * Layout on a 2-core machine: the simulated upstream and the load generator (autocannon, in this
 * process) share CPU 0; the system under test (floor or Ponte, one at a time) has CPU 1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { request } from 'undici';
import { bigProtocolsReply, WRITE_BODY } from './fixtures';
import { median, percentile, round } from './stats';
import type { openLoop, OpenLoopResult } from './open-loop';

const ROOT = resolve(__dirname, '../../..');
const QUICK = process.argv.includes('--quick');
/**
 * Five interleaved rounds, medians reported: on this VM one 5 s window of the same system varies by
 * ±15-30 % (single-round rest ÷ floor ratios spanned 0.54-0.86 over fifteen rounds), and a median
 * of five moves less with one bad window than a median of three. BENCH_ROUNDS overrides (at least 3).
 */
const ROUNDS = QUICK ? 1 : Math.max(3, Number(process.env.BENCH_ROUNDS ?? 5) || 5);
const WARMUP_S = QUICK ? 1 : 2;
const MEASURE_S = QUICK ? 2 : 5;
const CONNECTIONS = 64;
const TOKEN = 'bench-maxbot-token-0123456789';
const API_KEY = 'bench-api-key-0123456789abcdef';
const canPin = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

interface Proc {
  child: ChildProcess;
  port: number;
  pid: number;
}

/** `node args…` on one CPU where taskset is available: [command, argv]. */
function nodeOn(cpu: number, args: string[]): [string, string[]] {
  return canPin ? ['taskset', ['-c', String(cpu), process.execPath, ...args]] : [process.execPath, args];
}

function startProcess(
  cpu: number,
  args: string[],
  env: Record<string, string>,
  portOf: (line: string) => number | undefined,
): Promise<Proc> {
  const [cmd, argv] = nodeOn(cpu, args);
  const child = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  // Whatever happens to the run, no helper outlives it (a stopped one would not even see SIGTERM).
  process.once('exit', () => {
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  });
  let buffered = '';
  return new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start: ${buffered}`)), 60_000);
    const onData = (d: Buffer) => {
      buffered += d.toString();
      for (const line of buffered.split('\n')) {
        const port = line.startsWith('{') ? portOf(line) : undefined;
        if (port) {
          clearTimeout(timer);
          child.stdout.off('data', onData);
          child.stdout.resume(); // keep draining: a full pipe would block the logger
          resolvePort({ child, port, pid: pidOf(child) });
          return;
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (buffered += d.toString()));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${buffered}`)));
  });
}

/** With taskset the child is taskset, which execs node: same pid. */
function pidOf(child: ChildProcess): number {
  return child.pid!;
}

function rssKb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  p999: number;
  non2xx: number;
  errors: number;
}

async function load(opts: autocannon.Options, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const instance = autocannon({ connections: CONNECTIONS, pipelining: 1, ...opts, duration: seconds });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  return {
    rps: round(result.requests.total / seconds, 1),
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    p999: round(percentile(sorted, 99.9)),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function measured(opts: autocannon.Options): Promise<LoadResult> {
  await load(opts, WARMUP_S);
  return load(opts, MEASURE_S);
}

/**
 * The system under test has CPU 1 to itself: the other one is stopped (SIGSTOP) while it is
 * measured. An idle Node process is not idle to the core it is pinned to: V8 runs its memory
 * reducer (a full, compacting collection) a few seconds after a busy spell, which took 100-250 ms
 * of CPU 1 from whichever of Ponte and the floor was being measured.
 */
function focus(active: Proc | undefined, all: Proc[]): void {
  for (const p of all) p.child.kill(p === active ? 'SIGCONT' : 'SIGSTOP');
}

/**
 * A fixed-rate run (warm-up, then measured) by a fresh generator process on CPU 0: see open-loop.ts.
 * Asynchronous on purpose: this process keeps draining the gateway's log pipe meanwhile.
 */
function openLoopInFreshProcess(target: Parameters<typeof openLoop>[0], rate: number): Promise<OpenLoopResult> {
  const script = join(ROOT, 'dist-bench/test/bench/open-loop.js');
  const job = JSON.stringify({ target, rate, warmupS: WARMUP_S, seconds: MEASURE_S });
  const [cmd, argv] = nodeOn(0, [script, job]);
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: (WARMUP_S + MEASURE_S + 60) * 1000 });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolveResult, reject) => {
    child.once('close', (code) =>
      code === 0 ? resolveResult(JSON.parse(out) as OpenLoopResult) : reject(new Error(`open-loop generator exited ${code}: ${err}`)),
    );
  });
}

async function main() {
  // The load generator (this process: autocannon and the open-loop client) shares CPU 0 with the
  // upstream, like every other helper; unpinned, the scheduler also ran it on the core under test.
  if (canPin) spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'ponte-bench-'));
  const upstream = await startProcess(
    0,
    [join(ROOT, 'dist-bench/test/bench/upstream.js')],
    {},
    (l) => (JSON.parse(l) as { port?: number }).port,
  );
  const up = `http://127.0.0.1:${upstream.port}`;
  const variants = ['fast-1k', 'fast-16k', 'slow-1k', 'mem', 'big'];
  const configFile = join(dir, 'connections.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      connections: variants.map((id, i) => ({
        id,
        provider: 'maxbot',
        baseUrl: `${up}/${id}/api/v1.php`,
        token: TOKEN,
        default: i === 0,
        timeoutMs: 60_000,
      })),
      apiKeys: [{ name: 'bench', key: API_KEY }],
    }),
  );
  const ponteEnv = {
    CONNECTIONS_FILE: configFile,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    NODE_ENV: 'production',
  };
  const listening = (l: string) => {
    const parsed = JSON.parse(l) as { msg?: string; url?: string };
    return parsed.msg === 'Ponte listening' ? Number(new URL(parsed.url!).port) : undefined;
  };
  const ponte = await startProcess(1, [join(ROOT, 'dist/src/main.js')], ponteEnv, listening);
  const floor = await startProcess(
    1,
    [join(ROOT, 'dist-bench/test/bench/floor.js')],
    { UPSTREAM: up, TOKEN },
    (l) => (JSON.parse(l) as { port?: number }).port,
  );
  const systems = [ponte, floor];
  const systemOf = (scenario: string) => (scenario === 'floor' ? floor : scenario === 'direct' ? undefined : ponte);
  const gw = `http://127.0.0.1:${ponte.port}`;
  const auth = { authorization: `Bearer ${API_KEY}` };
  const whatsapp = '%2B5531911112222';
  const gqlQuery = JSON.stringify({
    query:
      '{ contacts(whatsapp: "+5531911112222") { data { id createdAt updatedAt firstName lastName gender genderInfo birthDate age personType cpf cnpj company email whatsapp mobilePhone phone telegramId messengerId instagramId channels { whatsapp telegram messenger instagram } sessions { whatsapp messenger instagram } usernames { platform telegram messenger instagram } country state city profession externalId isClient clientCode avatarUrl notes tags segmentations tagInfo1 tagInfo2 tagInfo3 tagInfo4 tagInfo5 tagInfo6 customFields { name value } inAttendance currentProtocol currentAttendant } pageInfo { nextCursor hasNextPage totalCount } } }',
  });

  const scenarios = (variant: string): Record<string, autocannon.Options> => ({
    direct: {
      url: `${up}/${variant}/api/v1.php`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TOKEN, cmd: 'get_contact', whatsapp: '5531911112222' }),
    },
    floor: { url: `http://127.0.0.1:${floor.port}/v1/contacts?whatsapp=${whatsapp}`, headers: { 'x-connection': variant } },
    rest: { url: `${gw}/v1/contacts?whatsapp=${whatsapp}`, headers: { ...auth, 'x-connection': variant } },
    graphql: {
      url: `${gw}/graphql`,
      method: 'POST',
      headers: { ...auth, 'x-connection': variant, 'content-type': 'application/json' },
      body: gqlQuery,
    },
    ...(variant === 'fast-1k'
      ? {
          write: {
            url: `${gw}/v1/contacts`,
            method: 'POST' as const,
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify(WRITE_BODY),
          },
        }
      : {}),
  });

  const upstreamStats = async () => (await (await request(`${up}/__stats`)).body.json()) as { sockets: number; requests: number };
  const rounds: Record<string, Record<string, LoadResult[]>> = {};
  let gatewayUpstream = { sockets: 0, requests: 0 };
  for (let r = 1; r <= ROUNDS; r++) {
    for (const variant of ['fast-1k', 'fast-16k', 'slow-1k']) {
      for (const [name, opts] of Object.entries(scenarios(variant))) {
        focus(systemOf(name), systems);
        const before = await upstreamStats();
        const result = await measured(opts);
        const after = await upstreamStats();
        if (name === 'rest' || name === 'graphql' || name === 'write') {
          gatewayUpstream = {
            sockets: gatewayUpstream.sockets + (after.sockets - before.sockets),
            requests: gatewayUpstream.requests + (after.requests - before.requests),
          };
        }
        ((rounds[variant] ??= {})[name] ??= []).push(result);
        process.stdout.write(`round ${r} ${variant.padEnd(9)} ${name.padEnd(8)} ${JSON.stringify(result)}\n`);
      }
    }
  }
  const summary: Record<string, Record<string, LoadResult>> = {};
  for (const [variant, byScenario] of Object.entries(rounds)) {
    for (const [name, results] of Object.entries(byScenario)) {
      (summary[variant] ??= {})[name] = {
        rps: median(results.map((x) => x.rps)),
        p50: median(results.map((x) => x.p50)),
        p99: median(results.map((x) => x.p99)),
        p999: median(results.map((x) => x.p999)),
        non2xx: results.reduce((a, x) => a + x.non2xx, 0),
        errors: results.reduce((a, x) => a + x.errors, 0),
      };
    }
  }

  // Added latency at a fixed rate: half the floor's maximum (the target's definition) and, since
  // that rate can exceed what the gateway sustains, also half the gateway's own maximum.
  const addedLatencyAt = async (rate: number) => {
    const fixed: Record<string, OpenLoopResult[]> = {};
    for (let r = 1; r <= ROUNDS; r++) {
      for (const name of ['direct', 'floor', 'rest']) {
        const scenario = scenarios('fast-1k')[name];
        focus(systemOf(name), systems);
        const result = await openLoopInFreshProcess(scenario as never, rate);
        (fixed[name] ??= []).push(result);
        process.stdout.write(`fixed ${rate}/s round ${r} ${name.padEnd(8)} ${JSON.stringify(result)}\n`);
      }
    }
    const fixedMedian = (name: string, key: 'p50' | 'p99') => median(fixed[name].map((x) => x[key]));
    return {
      rate,
      // Latency targets only count when the gateway kept up with the rate in every round.
      sustained: fixed.rest.every((x) => x.achieved >= 0.97 * rate && x.errors === 0),
      achievedByGateway: fixed.rest.map((x) => x.achieved),
      p50: round(fixedMedian('rest', 'p50') - fixedMedian('direct', 'p50')),
      p99: round(fixedMedian('rest', 'p99') - fixedMedian('direct', 'p99')),
      floorP50: round(fixedMedian('floor', 'p50') - fixedMedian('direct', 'p50')),
      floorP99: round(fixedMedian('floor', 'p99') - fixedMedian('direct', 'p99')),
    };
  };
  const addedLatency = await addedLatencyAt(Math.max(100, Math.round(summary['fast-1k'].floor.rps / 2)));
  const addedLatencyAtHalfGateway = await addedLatencyAt(Math.max(100, Math.round(summary['fast-1k'].rest.rps / 2)));
  const rate = addedLatency.rate;
  focus(undefined, systems); // stopped until the end: the fresh processes below get CPU 1 alone

  // Memory: 1,000 requests in flight against a 200 ms upstream, on a fresh gateway process
  // (RSS does not shrink after the throughput runs, so it would hide any growth).
  const memProc = await startProcess(1, [join(ROOT, 'dist/src/main.js')], ponteEnv, listening);
  let memory: Record<string, unknown>;
  try {
    const memUrl = `http://127.0.0.1:${memProc.port}/v1/contacts`;
    await load({ url: memUrl, headers: auth, connections: 16 }, 1);
    const idleKb = rssKb(memProc.pid);
    let peakKb = idleKb;
    const sampler = setInterval(() => (peakKb = Math.max(peakKb, rssKb(memProc.pid))), 50);
    const inflight = await load({ url: memUrl, headers: { ...auth, 'x-connection': 'mem' }, connections: 1000 }, QUICK ? 3 : 6);
    clearInterval(sampler);
    memory = {
      idleMb: round(idleKb / 1024, 1),
      peakMb: round(peakKb / 1024, 1),
      growthPer1kMb: round((peakKb - idleKb) / 1024, 1),
      inflight,
    };
  } finally {
    memProc.child.kill('SIGTERM');
  }
  // The same 1,000 in flight through the floor: what Node's HTTP stack costs without Ponte.
  const floorMem = await startProcess(
    1,
    [join(ROOT, 'dist-bench/test/bench/floor.js')],
    { UPSTREAM: up, TOKEN },
    (l) => (JSON.parse(l) as { port?: number }).port,
  );
  try {
    const floorUrl = `http://127.0.0.1:${floorMem.port}/v1/contacts`;
    await load({ url: floorUrl, connections: 16 }, 1);
    const idleKb = rssKb(floorMem.pid);
    let peakKb = idleKb;
    const sampler = setInterval(() => (peakKb = Math.max(peakKb, rssKb(floorMem.pid))), 50);
    await load({ url: floorUrl, headers: { 'x-connection': 'mem' }, connections: 1000 }, QUICK ? 3 : 6);
    clearInterval(sampler);
    memory.floorGrowthPer1kMb = round((peakKb - idleKb) / 1024, 1);
  } finally {
    floorMem.child.kill('SIGTERM');
  }

  // Large read: a get_prot reply of 5,000 protocols × 10 messages, on a fresh gateway process.
  const bigBytes = bigProtocolsReply().length;
  let largeRead: Record<string, unknown> = { skipped: 'GET /v1/protocols is not available' };
  const fresh = await startProcess(1, [join(ROOT, 'dist/src/main.js')], ponteEnv, listening);
  try {
    const url = `http://127.0.0.1:${fresh.port}/v1/protocols?concludedFrom=2020-08-01&concludedTo=2020-08-31&limit=500`;
    await request(`http://127.0.0.1:${fresh.port}/v1/contacts`, { headers: auth }).then((r) => r.body.dump());
    const baseKb = rssKb(fresh.pid);
    const started = performance.now();
    const res = await request(url, { headers: { ...auth, 'x-connection': 'big' } });
    const ttfb = performance.now() - started;
    const body = await res.body.text();
    const total = performance.now() - started;
    const hwmKb = rssKb(fresh.pid, 'VmHWM');
    if (res.statusCode !== 404) {
      largeRead = {
        status: res.statusCode,
        upstreamReplyMb: round(bigBytes / 1048576, 1),
        responseKb: round(body.length / 1024, 1),
        ttfbMs: round(ttfb, 1),
        totalMs: round(total, 1),
        peakGrowthMb: round((hwmKb - baseKb) / 1024, 1),
        peakOverReply: round(((hwmKb - baseKb) * 1024) / bigBytes, 2),
      };
    }
  } finally {
    fresh.child.kill('SIGTERM');
  }

  const ka = { ...gatewayUpstream, reusedPct: round(100 * (1 - gatewayUpstream.sockets / Math.max(1, gatewayUpstream.requests)), 2) };
  const ratio = (a: number, b: number) => round(a / b, 3);
  const ratios = {
    restOverFloor_0ms: ratio(summary['fast-1k'].rest.rps, summary['fast-1k'].floor.rps),
    restOverFloor_0ms_16k: ratio(summary['fast-16k'].rest.rps, summary['fast-16k'].floor.rps),
    graphqlOverRest_0ms: ratio(summary['fast-1k'].graphql.rps, summary['fast-1k'].rest.rps),
    graphqlOverRest_0ms_16k: ratio(summary['fast-16k'].graphql.rps, summary['fast-16k'].rest.rps),
    graphqlOverRest_20ms: ratio(summary['slow-1k'].graphql.rps, summary['slow-1k'].rest.rps),
    restOverFloor_20ms: ratio(summary['slow-1k'].rest.rps, summary['slow-1k'].floor.rps),
  };
  const targets = {
    'rest/floor ≥ 0.75 (0 ms)': ratios.restOverFloor_0ms >= 0.75,
    'graphql/rest ≥ 0.60 (0 ms)': ratios.graphqlOverRest_0ms >= 0.6,
    'graphql/rest ≥ 0.90 (20 ms)': ratios.graphqlOverRest_20ms >= 0.9,
    'added p50 ≤ 0.5 ms at 50% load': addedLatency.sustained && addedLatency.p50 <= 0.5,
    'added p99 ≤ 2 ms at 50% load': addedLatency.sustained && addedLatency.p99 <= 2,
    'keep-alive reuse ≥ 99%': ka.reusedPct >= 99,
    'RSS growth ≤ 30 MB per 1k in flight': typeof memory.growthPer1kMb === 'number' && memory.growthPer1kMb <= 30,
    'large read peak ≤ 4× reply': typeof largeRead.peakOverReply === 'number' ? largeRead.peakOverReply <= 4 : false,
  };
  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    kernel: release(),
    pinned: canPin,
    rounds: ROUNDS,
    warmupS: WARMUP_S,
    measureS: MEASURE_S,
    connections: CONNECTIONS,
    logLevel: ponteEnv.LOG_LEVEL,
  };
  // Round by round (the same machine minutes for both sides of each ratio): how much the medians hide.
  const perRound = (variant: string, a: string, b: string) => rounds[variant][a].map((x, i) => round(x.rps / rounds[variant][b][i].rps, 3));
  const roundRatios = {
    restOverFloor_0ms: perRound('fast-1k', 'rest', 'floor'),
    graphqlOverRest_0ms: perRound('fast-1k', 'graphql', 'rest'),
    graphqlOverRest_20ms: perRound('slow-1k', 'graphql', 'rest'),
  };
  const results = {
    date: new Date().toISOString(),
    machine,
    summary,
    ratios,
    roundRatios,
    addedLatency,
    addedLatencyAtHalfGateway,
    keepAlive: ka,
    memory,
    largeRead,
    targets,
  };
  writeFileSync(join(ROOT, 'test/bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);

  const rows = Object.entries(summary).flatMap(([variant, byScenario]) =>
    Object.entries(byScenario).map(
      ([name, x]) => `| ${variant} | ${name} | ${x.rps} | ${x.p50} | ${x.p99} | ${x.p999} | ${x.non2xx + x.errors} |`,
    ),
  );
  process.stdout.write(
    [
      '',
      '| upstream | scenario | req/s | p50 ms | p99 ms | p99.9 ms | non-2xx+errors |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      '',
      `ratios: ${JSON.stringify(ratios)}`,
      `ratios round by round: ${JSON.stringify(roundRatios)}`,
      `added latency at ${rate} req/s (50% of floor max): ${JSON.stringify(addedLatency)}`,
      `added latency at ${addedLatencyAtHalfGateway.rate} req/s (50% of gateway max): ${JSON.stringify(addedLatencyAtHalfGateway)}`,
      `keep-alive: ${JSON.stringify(ka)}`,
      `memory: ${JSON.stringify({ ...memory, inflight: undefined })}`,
      `large read: ${JSON.stringify(largeRead)}`,
      ...Object.entries(targets).map(([t, ok]) => `${ok ? 'PASS' : 'MISS'}  ${t}`),
      '',
    ].join('\n'),
  );
  for (const p of [ponte, floor, upstream]) {
    p.child.kill('SIGCONT');
    p.child.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
