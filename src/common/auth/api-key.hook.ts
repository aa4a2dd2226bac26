import { hash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ApiKeyConfig } from '../../config/config.types';
import { PonteError } from '../errors/ponte-error';

export interface AuthenticatedRequest extends FastifyRequest {
  ponteApiKey?: { name: string; connections?: string[] };
}

/**
 * Routes anyone may call: the index at `/`, health probes, the docs and the GraphQL explorer page. Platform webhooks
 * too: the platforms cannot send an API key, so that route checks the connection's webhook secret.
 */
const PUBLIC = /^\/(|health\/(live|ready)\/?|docs(\/.*|-json|-yaml)?|graphiql(\/.*)?|favicon\.ico|v1\/webhooks\/[^/]+\/?)$/;

/** The detail of a 401 for a key given in the right form that matches none. */
export const INVALID_API_KEY = 'The API key is not valid';

export type ApiKeyIdentity = NonNullable<AuthenticatedRequest['ponteApiKey']>;

/**
 * Bearer API-key check. Keys are kept only as SHA-256 digests: the presented key is hashed, looked
 * up by digest, and the digests compared in constant time, so neither the keys nor which one
 * matched leak through timing. `authenticate` answers the key's identity, or the problem to send.
 *
 * An Authorization header that passed once is remembered (header → key identity), so the next
 * request with it skips the regex and the hash (~1 % of a read's instructions). Only headers that
 * passed enter the map, so it holds at most one entry per configured key and a failed guess never
 * changes it. What the faster path reveals — that a header is valid — the status code says anyway;
 * the lookup itself compares the presented string with a stored one only after a full match of
 * V8's per-process randomly seeded string hash.
 *
 * The keys can be replaced while the gateway runs (a configuration reload, SIGHUP). A key that is
 * still there, with the same digest and connections, keeps its identity object; `isCurrent` tells
 * a live stream or socket whether the key it was opened with still stands. A key's `maxStreams` is
 * looked up by name (`streamQuota`), so changing it does not revoke the key: it holds for the
 * readers opened after the reload.
 */
export class ApiKeyRing {
  private known = new Map<string, { digest: Buffer; identity: ApiKeyIdentity }>();
  private passed = new Map<string, ApiKeyIdentity>();
  private current = new Set<ApiKeyIdentity>();
  private quotas = new Map<string, number>();

  constructor(keys: readonly ApiKeyConfig[]) {
    this.replace(keys);
  }

  /** Puts these keys in place of the ones held; answers the names of the keys no longer valid as they were. */
  replace(keys: readonly ApiKeyConfig[]): string[] {
    const before = new Map([...this.known.values()].map((k) => [k.identity.name, k]));
    const known = new Map<string, { digest: Buffer; identity: ApiKeyIdentity }>();
    for (const k of keys) {
      const old = before.get(k.name);
      const same =
        old && old.digest.toString('hex') === k.sha256 && JSON.stringify(old.identity.connections) === JSON.stringify(k.connections);
      const identity = same ? old.identity : Object.freeze({ name: k.name, ...(k.connections ? { connections: k.connections } : {}) });
      known.set(k.sha256, { digest: Buffer.from(k.sha256, 'hex'), identity });
    }
    const current = new Set([...known.values()].map((k) => k.identity));
    const gone = [...this.current].filter((identity) => !current.has(identity)).map((identity) => identity.name);
    // A hash lookup on a SHA-256 digest reveals nothing about a key.
    this.known = known;
    this.current = current;
    this.passed = new Map();
    this.quotas = new Map(keys.flatMap((k) => (k.maxStreams !== undefined ? [[k.name, k.maxStreams] as const] : [])));
    return gone;
  }

  /** How many live event readers the named key may hold at once (its `maxStreams`); undefined: no cap of its own. */
  streamQuota(name: string): number | undefined {
    return this.quotas.get(name);
  }

  /** Whether a key identity handed out earlier is still one of the keys held. */
  isCurrent(identity: ApiKeyIdentity): boolean {
    return this.current.has(identity);
  }

  readonly authenticate = (header: unknown): ApiKeyIdentity | PonteError => {
    if (typeof header === 'string') {
      const identity = this.passed.get(header);
      if (identity) return identity;
    }
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (match) {
      // One-shot hash: no Hash object per request (about a tenth of createHash's cost).
      const presented = hash('sha256', match[1], 'hex');
      const found = this.known.get(presented);
      if (found && timingSafeEqual(Buffer.from(presented, 'hex'), found.digest)) {
        // One entry per key and header spelling ("Bearer" / "bearer", spacing): bounded all the same.
        if (this.passed.size < 16 * this.known.size) this.passed.set(header as string, found.identity);
        return found.identity;
      }
    }
    return new PonteError('unauthorized', match ? INVALID_API_KEY : 'Send an API key as "Authorization: Bearer <key>"');
  };
}

/**
 * The API-key check run on every request before routing (public routes and OPTIONS excepted).
 * Answers the problem to send, or undefined when the request may go on (the key is then on
 * `request.ponteApiKey`).
 */
export function apiKeyCheck(ring: ApiKeyRing) {
  const authenticate = ring.authenticate;
  return (request: FastifyRequest): PonteError | undefined => {
    if (request.method === 'OPTIONS' || PUBLIC.test(pathOf(request.url))) return undefined;
    const outcome = authenticate(request.headers.authorization);
    if (outcome instanceof PonteError) return outcome;
    (request as AuthenticatedRequest).ponteApiKey = outcome;
    return undefined;
  };
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
