import { Pool, errors as undiciErrors, type Dispatcher } from 'undici';
import { PonteError } from '../errors/ponte-error';
import { scrubSecrets } from '../errors/secrets';
import type { CallContext } from '../context/call-context';
import type { Logger } from '../logging/logger';
import type { Metrics } from '../metrics/metrics';
import type { ReplyReader } from './json-list-window';
import { encodeMultipart, isFile } from './multipart';
import { DryRunInterrupt, type DescribedRequest, type UpstreamRequest, type UpstreamResponse, type UpstreamTarget } from './upstream.types';

/** Replies bigger than this are refused rather than buffered (unless the UpstreamHttp is given another cap). */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

const RETRYABLE_SOCKET_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const DEADLINE_EXCEEDED = 'PONTE_DEADLINE_EXCEEDED';
const TIMEOUT_ERRORS = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
  DEADLINE_EXCEEDED,
]);

function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return scrubSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets)]));
  }
  return value;
}

interface SplitUrl {
  origin: string;
  path: string;
}

const SPLIT_URL_CACHE_SIZE = 512;
const splitUrls = new Map<string, SplitUrl | null>();

/**
 * Origin (the pool key) and path+query of an upstream URL, or null when it does not parse.
 * Most adapters call one fixed endpoint per connection, so parsed URLs are kept (bounded: a
 * platform taking its parameters in the query string just cycles the cache).
 */
function splitUrl(url: string): SplitUrl | null {
  let split = splitUrls.get(url);
  if (split === undefined) {
    // URL's own error message would quote the URL, and with it any credential in the query string.
    const parsed = URL.canParse(url) ? new URL(url) : null;
    split = parsed && { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    if (splitUrls.size >= SPLIT_URL_CACHE_SIZE) splitUrls.clear();
    splitUrls.set(url, split);
  }
  return split;
}

/** The request as a dry run shows it, with every credential value redacted. */
export function describeRequest(req: UpstreamRequest, secrets: readonly string[]): DescribedRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = scrubSecrets(v, secrets);
  if (req.body?.type === 'json') headers['content-type'] ??= 'application/json';
  if (req.body?.type === 'multipart') headers['content-type'] ??= 'multipart/form-data';
  const described: DescribedRequest = { method: req.method, url: scrubSecrets(req.url, secrets), headers };
  if (req.body?.type === 'json') described.body = redactDeep(req.body.value, secrets);
  if (req.body?.type === 'multipart') {
    described.form = req.body.parts.map((p) =>
      isFile(p)
        ? { name: p.name, filename: p.filename, contentType: p.contentType, size: p.data.length }
        : { name: p.name, value: scrubSecrets(p.value, secrets) },
    );
  }
  return described;
}

/**
 * The one HTTP client every adapter uses toward the platforms: a keep-alive undici pool per
 * connection, the connection's `timeoutMs` as the budget of a whole call (waiting for a socket,
 * connecting and reading the reply, and undici's per-phase timeouts too), one retry for reads that
 * hit a dead pooled socket, and transport failures mapped to Ponte problems. HTTP error statuses
 * are returned, not thrown: what a 401 or a 429 means is each platform's business.
 */
export class UpstreamHttp {
  private readonly pools = new Map<string, Pool>();
  private poolsByTarget = new WeakMap<UpstreamTarget, Map<string, Pool>>();
  private readonly counters = { requests: 0, connects: 0 };

  constructor(
    private readonly logger: Logger,
    private readonly maxReplyBytes = MAX_RESPONSE_BYTES,
    private readonly metrics?: Metrics,
  ) {}

  /** Requests sent and sockets opened since start: the keep-alive reuse ratio. */
  stats(): { requests: number; connects: number } {
    return { ...this.counters };
  }

  /**
   * Lets go of the pools of these connections (removed or changed by a configuration reload): new
   * calls get a fresh pool, with the connection's new settings; the old pool closes once the calls
   * it has in flight end.
   */
  retire(connectionIds: readonly string[]): void {
    for (const [key, pool] of this.pools) {
      if (!connectionIds.includes(key.slice(0, key.indexOf('|')))) continue;
      this.pools.delete(key);
      void pool.close().catch(() => undefined);
    }
  }

  /** Per connection: calls in flight (sent or waiting for a socket) and sockets opened since start. */
  poolStats(): Array<{ connection: string; inFlight: number; connects: number }> {
    const byConnection = new Map<string, { connection: string; inFlight: number; connects: number }>();
    for (const [key, pool] of this.pools) {
      const connection = key.slice(0, key.indexOf('|'));
      const row = byConnection.get(connection) ?? { connection, inFlight: 0, connects: 0 };
      row.inFlight += (pool as CountedPool)[IN_FLIGHT];
      row.connects += (pool as CountedPool)[CONNECTS];
      byConnection.set(connection, row);
    }
    return [...byConnection.values()];
  }

  private pool(target: UpstreamTarget, origin: string): Pool {
    // Per target object first: no key string built (and hashed) on every call.
    let byOrigin = this.poolsByTarget.get(target);
    if (!byOrigin) this.poolsByTarget.set(target, (byOrigin = new Map<string, Pool>()));
    let pool = byOrigin.get(origin);
    // (Closed: retired by a reload while a call of the old adapter was still under way.)
    if (!pool || pool.closed) {
      pool = this.sharedPool(target, origin);
      byOrigin.set(origin, pool);
    }
    return pool;
  }

  /** The pool of a (connection, origin): one per pair, whichever target object asks. */
  private sharedPool(target: UpstreamTarget, origin: string): Pool {
    const key = `${target.connectionId}|${origin}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new Pool(origin, {
        connections: target.maxSockets,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        keepAliveMaxTimeout: 600_000,
        // Off: the per-call deadline in collect() bounds the whole call, headers and body included.
        // undici's own would arm a 1-second-resolution "fast timer" per request that sits in its
        // timer list until the next sweep, so every one outlived two young-generation collections
        // and was promoted: about half of what a read left in the old generation (BENCHMARKS.md).
        headersTimeout: 0,
        bodyTimeout: 0,
        connect: { timeout: Math.min(target.timeoutMs, 10_000) },
      });
      const counted = pool as CountedPool;
      counted[IN_FLIGHT] = 0;
      counted[CONNECTS] = 0;
      pool.on('connect', () => {
        this.counters.connects++;
        counted[CONNECTS]++;
      });
      this.pools.set(key, pool);
    }
    return pool;
  }

  /** Sends one request (or, in a dry run, rejects with {@link DryRunInterrupt} describing it). */
  send(ctx: CallContext, target: UpstreamTarget, req: UpstreamRequest): Promise<UpstreamResponse> {
    if (ctx.dryRun) {
      return Promise.reject(new DryRunInterrupt(target.connectionId, target.provider, [describeRequest(req, target.secrets)]));
    }
    return this.exchange(ctx, target, req);
  }

  /**
   * Sends requests one after another, stopping at the first transport failure. In a dry run all of
   * them are described together, so a caller sees the whole plan (e.g. chunked tag updates).
   */
  async sendAll(ctx: CallContext, target: UpstreamTarget, reqs: UpstreamRequest[]): Promise<UpstreamResponse[]> {
    if (ctx.dryRun) {
      throw new DryRunInterrupt(
        target.connectionId,
        target.provider,
        reqs.map((r) => describeRequest(r, target.secrets)),
      );
    }
    const out: UpstreamResponse[] = [];
    for (const req of reqs) out.push(await this.exchange(ctx, target, req));
    return out;
  }

  private async exchange(ctx: CallContext, target: UpstreamTarget, req: UpstreamRequest): Promise<UpstreamResponse> {
    const url = splitUrl(req.url);
    if (!url) {
      throw new PonteError('internal_error', `${target.provider} ${req.operation}: the adapter built an invalid upstream URL`, {
        provider: target.provider,
        connection: target.connectionId,
      });
    }
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    let body: Buffer | string | undefined;
    if (req.body?.type === 'json') {
      body = JSON.stringify(req.body.value);
      headers['content-type'] = 'application/json';
    } else if (req.body?.type === 'multipart') {
      const encoded = encodeMultipart(req.body.parts);
      body = encoded.body;
      headers['content-type'] = encoded.contentType;
    }
    const started = performance.now();
    // One budget for the whole call, its retry on a dead pooled socket included.
    const deadline = started + target.timeoutMs;
    for (let attempt = 1; ; attempt++) {
      try {
        this.counters.requests++;
        const res = await collect(
          this.pool(target, url.origin),
          { method: req.method, path: url.path, headers, body },
          req.reader,
          target,
          this.maxReplyBytes,
          deadline,
        );
        this.metrics?.upstreamCall(target.connectionId, target.provider, req.operation, res.status, (performance.now() - started) / 1000);
        if (this.logger.isLevelEnabled('debug')) {
          this.logger.debug(
            {
              requestId: ctx.requestId,
              connection: target.connectionId,
              operation: req.operation,
              status: res.status,
              ms: Math.round(performance.now() - started),
              ...(res.streamed ? { streamed: true } : {}),
            },
            'upstream call',
          );
        }
        return res;
      } catch (err) {
        const code = err instanceof PonteError ? err.code : errorCode(err);
        if (!(err instanceof PonteError) && req.idempotent && attempt === 1 && RETRYABLE_SOCKET_ERRORS.has(code)) continue;
        const elapsedMs = performance.now() - started;
        const outcome = TIMEOUT_ERRORS.has(code) || code === 'provider_timeout' ? 'timeout' : 'error';
        this.metrics?.upstreamCall(target.connectionId, target.provider, req.operation, outcome, elapsedMs / 1000);
        if (err instanceof PonteError) throw err;
        throw this.transportFailure(ctx, target, req, err, code, elapsedMs);
      }
    }
  }

  private transportFailure(
    ctx: CallContext,
    target: UpstreamTarget,
    req: UpstreamRequest,
    err: unknown,
    code: string,
    elapsedMs: number,
  ): PonteError {
    const where = { provider: target.provider, connection: target.connectionId };
    this.logger.warn(
      { requestId: ctx.requestId, ...where, operation: req.operation, error: code, ms: Math.round(elapsedMs) },
      'upstream call failed',
    );
    if (TIMEOUT_ERRORS.has(code)) {
      return new PonteError(
        'provider_timeout',
        `${target.provider} did not answer within ${target.timeoutMs} ms (${req.operation})`,
        where,
      );
    }
    return new PonteError('provider_unavailable', `${target.provider} could not be reached (${code}) during ${req.operation}`, where);
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
    this.pools.clear();
    this.poolsByTarget = new WeakMap();
  }
}

const EMPTY = Buffer.alloc(0);

/** Calls a pool has in flight, sent or waiting for one of its sockets. */
const IN_FLIGHT = Symbol('calls in flight');
/** Sockets a pool has opened. */
const CONNECTS = Symbol('sockets opened');
type CountedPool = Pool & { [IN_FLIGHT]: number; [CONNECTS]: number };

function tooBig(target: UpstreamTarget, maxBytes: number): PonteError {
  return new PonteError('provider_unavailable', `The platform's reply exceeded ${maxBytes} bytes`, {
    provider: target.provider,
    connection: target.connectionId,
  });
}

/**
 * The whole of a platform call ran out of `timeoutMs`: waiting for a socket, connecting, and reading
 * the reply included. undici's own timeouts are per phase (the body's restarts with every chunk), so
 * a platform trickling its reply could otherwise hold a caller, and a pooled socket, indefinitely.
 */
class DeadlineExceeded extends Error {
  readonly code = DEADLINE_EXCEEDED;
}

/**
 * Sends one request on `pool` and answers its reply whole: status, headers (as undici's `request()`
 * parses them) and body, capped at `maxBytes` (a declared length over the cap is refused before
 * reading; an undeclared or understated one as soon as the chunks pass it, and the socket is
 * dropped). A dispatch handler collecting the chunks rather than `request()`: every reply is read
 * whole anyway, and `request()` would stream it through a Readable first (the stream, its events and
 * a second promise: about 5 % of a read's instructions). A reply that arrived in one chunk is
 * returned as that chunk, uncopied. A large successful reply to a request with a `reader` goes to
 * the reader chunk by chunk instead, whatever its size: the reader keeps what it needs, and the
 * deadline still bounds the call.
 *
 * It must be over by `deadline` (a `performance.now()` instant): then a call still waiting for a
 * socket is answered `queueTimeout` and dropped unsent when one frees up (under load a caller had
 * waited 35 s with timeoutMs 3000), and a call already sent is aborted, its socket dropped.
 */
function collect(
  pool: Pool,
  options: { method: UpstreamRequest['method']; path: string; headers: Record<string, string>; body: Buffer | string | undefined },
  reader: ReplyReader | undefined,
  target: UpstreamTarget,
  maxBytes: number,
  deadline: number,
): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let headers: UpstreamResponse['headers'] = {};
    let chunks: Buffer[] = [];
    let size = 0;
    let streamed = false;
    const counted = pool as CountedPool;
    const queued = counted[IN_FLIGHT] >= target.maxSockets;
    let controller: Dispatcher.DispatchController | undefined;
    let givenUp = false;
    // A timer per call: about 0.5 % of a REST read's instructions (callgrind).
    const timer = setTimeout(
      () => {
        // Sent: the abort reaches onResponseError, which settles. Not sent yet: settled here, and
        // the call is aborted when undici starts it.
        if (controller) return controller.abort(new DeadlineExceeded());
        givenUp = true;
        reject(queued ? queueTimeout(target) : new DeadlineExceeded());
      },
      Math.max(0, deadline - performance.now()),
    );
    counted[IN_FLIGHT]++;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      counted[IN_FLIGHT]--;
      clearTimeout(timer);
    };
    const handler: Dispatcher.DispatchHandler = {
      // Also called again when undici resends the request on a new socket: start over.
      onRequestStart(started) {
        if (givenUp) {
          started.abort(new DeadlineExceeded());
          return;
        }
        controller = started;
        chunks = [];
        size = 0;
        streamed = false;
        reader?.reset();
      },
      onResponseStart(started, statusCode, responseHeaders) {
        if (statusCode < 200) return; // 1xx informational, as request() skips them
        const declared = responseHeaders['content-length'];
        const length = typeof declared === 'string' ? Number(declared) : undefined;
        streamed = reader !== undefined && statusCode < 300 && !(length !== undefined && length <= reader.minBytes);
        if (!streamed && length !== undefined && length > maxBytes) {
          started.abort(tooBig(target, maxBytes));
          return;
        }
        status = statusCode;
        headers = responseHeaders;
      },
      onResponseData(started, chunk) {
        // A reader keeps what it needs of the reply, not the reply: the cap is for buffering.
        if (streamed) return void reader?.write(chunk);
        size += chunk.length;
        if (size > maxBytes) {
          started.abort(tooBig(target, maxBytes));
          return;
        }
        chunks.push(chunk);
      },
      onResponseEnd() {
        finish();
        if (streamed) resolve({ status, headers, body: EMPTY, streamed });
        else resolve({ status, headers, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) });
      },
      onResponseError(_controller, err) {
        finish();
        reject(err);
      },
    };
    try {
      pool.dispatch(options, handler);
    } catch (err) {
      finish();
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

function queueTimeout(target: UpstreamTarget): PonteError {
  return new PonteError(
    'provider_timeout',
    `${target.provider} did not answer within ${target.timeoutMs} ms: all ${target.maxSockets} connections stayed busy`,
    { provider: target.provider, connection: target.connectionId },
  );
}

function errorCode(err: unknown): string {
  if (err instanceof undiciErrors.HeadersTimeoutError) return 'UND_ERR_HEADERS_TIMEOUT';
  if (err instanceof undiciErrors.BodyTimeoutError) return 'UND_ERR_BODY_TIMEOUT';
  if (err instanceof undiciErrors.ConnectTimeoutError) return 'UND_ERR_CONNECT_TIMEOUT';
  const e = err as { code?: string; name?: string; cause?: { code?: string } };
  return e.code ?? e.cause?.code ?? e.name ?? 'unknown';
}
