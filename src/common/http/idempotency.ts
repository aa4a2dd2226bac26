import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { AuthenticatedRequest } from '../auth/api-key.hook';
import { PonteError } from '../errors/ponte-error';
import { declaresMultipart } from '../transport/multipart-plugin';
import { isDryRun } from './request-values';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** How long an answer is kept for its key. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Keys kept per instance; the oldest go first. */
export const IDEMPOTENCY_MAX_KEYS = 10_000;
/** An answer larger than this is not kept (the key is let go: a retry runs again). Writes answer a few KB. */
export const IDEMPOTENCY_MAX_ANSWER_BYTES = 256 * 1024;
/** What the kept answers may weigh together; the oldest go first. */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
/** A request still running after this long is taken as lost (its answer never came): its key is free again. */
const IN_FLIGHT_MS = 5 * 60 * 1000;
/** Visible ASCII, as a UUID or any token a client makes: 1 to 255 characters. */
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;
/** The answer headers a replay repeats (the rest are per request: X-Request-Id, CORS). */
const KEPT_HEADERS = ['content-type', 'location', 'x-connection', 'preference-applied'];

interface KeptAnswer {
  status: number;
  headers: Record<string, string>;
  payload: string | Buffer;
}

interface Entry {
  fingerprint: string;
  startedAt: number;
  answer?: KeptAnswer;
  bytes: number;
}

type Begun = { kind: 'started'; token: object } | { kind: 'replay'; answer: KeptAnswer } | { kind: 'in_use' } | { kind: 'reused' };

/**
 * The answers to writes sent with an `Idempotency-Key`, per API key, in memory (per instance). The
 * first request with a key runs and its answer is kept for IDEMPOTENCY_TTL_MS; the same key again,
 * for the same request, gets that answer back instead of running again; while the first still runs,
 * 409; for another request (method, path, query, connection or body differ), 422.
 */
export class IdempotencyStore {
  /** In insertion order, which is age order: the oldest are at the front. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.entries.size;
  }

  begin(key: string, fingerprint: string): Begun {
    const now = this.now();
    this.expire(now);
    const entry = this.entries.get(key);
    if (entry && (entry.answer || now - entry.startedAt < IN_FLIGHT_MS)) {
      if (entry.fingerprint !== fingerprint) return { kind: 'reused' };
      return entry.answer ? { kind: 'replay', answer: entry.answer } : { kind: 'in_use' };
    }
    if (entry) this.remove(key, entry);
    while (this.entries.size >= IDEMPOTENCY_MAX_KEYS) this.removeOldest();
    const started: Entry = { fingerprint, startedAt: now, bytes: 0 };
    this.entries.set(key, started);
    return { kind: 'started', token: started };
  }

  /**
   * The request's answer, kept for its key; or, with none, the key let go (a retry runs again).
   * `token` is what `begin` gave it: a request whose key was since taken over (it ran past
   * IN_FLIGHT_MS) keeps nothing.
   */
  finish(key: string, token: object, answer: KeptAnswer | undefined): void {
    const entry = this.entries.get(key);
    if (entry !== token || entry.answer) return;
    if (!answer) {
      this.remove(key, entry);
      return;
    }
    entry.answer = answer;
    entry.bytes = Buffer.byteLength(answer.payload);
    this.bytes += entry.bytes;
    while (this.bytes > MAX_TOTAL_BYTES && this.entries.size > 1) this.removeOldest();
  }

  private expire(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.startedAt < IDEMPOTENCY_TTL_MS) return;
      this.remove(key, entry);
    }
  }

  private removeOldest(): void {
    const [key, entry] = this.entries.entries().next().value as [string, Entry];
    this.remove(key, entry);
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The REST routes that take the header: the API's writes. Not the platforms' webhooks (no platform
 * sends it; they dedupe by content). (POST /graphql takes it too: app.factory.ts puts it there.)
 */
export function takesIdempotencyKey(method: string | string[], url: string): boolean {
  const methods = Array.isArray(method) ? method : [method];
  return methods.some((m) => WRITES.has(m)) && url.startsWith('/v1/') && !url.startsWith('/v1/webhooks/');
}

const PENDING = Symbol('ponte.idempotencyKey');
type Marked = FastifyRequest & { [PENDING]?: { key: string; token: object } };

/** What identifies "the same request": method, path and query, connection, and the body. */
function fingerprintOf(request: FastifyRequest): string {
  const hash = createHash('sha256').update(`${request.method} ${request.url}\n${String(request.headers['x-connection'] ?? '')}\n`);
  // A multipart body is read by the route itself, after this: its size stands for it.
  if (declaresMultipart(request)) hash.update(`multipart ${String(request.headers['content-length'] ?? '')}`);
  else hash.update(JSON.stringify(request.body ?? null));
  return hash.digest('base64url');
}

/**
 * The two hooks put on each write route (POST, PUT, PATCH, DELETE) and on POST /graphql:
 * `preHandler`, which answers a replay, a 409 or a 422 before the route runs (refusals sent by
 * `refuse`: a problem document, or GraphQL's error shape), and `onSend`, which keeps the route's
 * answer. Requests without the header, GET (GraphQL queries) and dry runs, which send nothing,
 * pass through untouched.
 */
export function idempotencyHooks(
  store: IdempotencyStore,
  refuse: (reply: FastifyReply, request: FastifyRequest, error: PonteError) => unknown,
) {
  const preHandler = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const key = request.headers['idempotency-key'];
    if (key === undefined || request.method === 'GET' || isDryRun(request)) return done();
    if (typeof key !== 'string' || !VALID_KEY.test(key)) {
      refuse(
        reply,
        request,
        PonteError.validation([{ field: IDEMPOTENCY_KEY_HEADER, message: 'must be 1 to 255 visible ASCII characters (a UUID, say)' }]),
      );
      return;
    }
    const scoped = `${(request as AuthenticatedRequest).ponteApiKey?.name ?? ''}\n${key}`;
    const begun = store.begin(scoped, fingerprintOf(request));
    switch (begun.kind) {
      case 'started':
        (request as Marked)[PENDING] = { key: scoped, token: begun.token };
        return done();
      case 'replay':
        void reply
          .code(begun.answer.status)
          .headers(begun.answer.headers)
          .header(IDEMPOTENT_REPLAYED_HEADER, 'true')
          .send(begun.answer.payload);
        return;
      case 'in_use':
        refuse(
          reply,
          request,
          new PonteError('idempotency_key_in_use', 'A request with this Idempotency-Key is still running; retry once it has answered'),
        );
        return;
      case 'reused':
        refuse(
          reply,
          request,
          new PonteError(
            'idempotency_key_reused',
            'This Idempotency-Key was used for another request (method, path, query, connection or body differ); use a new key for a new request',
          ),
        );
        return;
    }
  };

  const onSend = (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void): void => {
    const pending = (request as Marked)[PENDING];
    if (pending === undefined) return done(null, payload);
    (request as Marked)[PENDING] = undefined;
    const status = reply.statusCode;
    // 429 and 503: nothing was done, and retrying later is the point. A stream or an oversize answer is not kept.
    const keep =
      status !== 429 &&
      status !== 503 &&
      (typeof payload === 'string' || Buffer.isBuffer(payload)) &&
      Buffer.byteLength(payload) <= IDEMPOTENCY_MAX_ANSWER_BYTES;
    if (!keep) {
      store.finish(pending.key, pending.token, undefined);
      return done(null, payload);
    }
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    store.finish(pending.key, pending.token, { status, headers, payload });
    done(null, payload);
  };

  return { preHandler, onSend };
}
