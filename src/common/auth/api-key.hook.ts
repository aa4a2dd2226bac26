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
 * matched leak through timing. Answers the key's identity, or the problem to send.
 *
 * An Authorization header that passed once is remembered (header → key identity), so the next
 * request with it skips the regex and the hash (~1 % of a read's instructions). Only headers that
 * passed enter the map, so it holds at most one entry per configured key and a failed guess never
 * changes it. What the faster path reveals — that a header is valid — the status code says anyway;
 * the lookup itself compares the presented string with a stored one only after a full match of
 * V8's per-process randomly seeded string hash.
 */
export function apiKeyAuthenticator(keys: readonly ApiKeyConfig[]) {
  const digests = keys.map((k) => ({ ...k, digest: Buffer.from(k.sha256, 'hex') }));
  // A hash lookup on a SHA-256 digest reveals nothing about a key.
  const known = new Map(digests.map((k) => [k.sha256, k]));
  const passed = new Map<string, ApiKeyIdentity>();
  return (header: unknown): ApiKeyIdentity | PonteError => {
    if (typeof header === 'string') {
      const identity = passed.get(header);
      if (identity) return identity;
    }
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (match) {
      // One-shot hash: no Hash object per request (about a tenth of createHash's cost).
      const presented = hash('sha256', match[1], 'hex');
      const found = known.get(presented);
      if (found && timingSafeEqual(Buffer.from(presented, 'hex'), found.digest)) {
        const identity = Object.freeze({ name: found.name, ...(found.connections ? { connections: found.connections } : {}) });
        // One entry per key and header spelling ("Bearer" / "bearer", spacing): bounded all the same.
        if (passed.size < 16 * digests.length) passed.set(header as string, identity);
        return identity;
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
export function apiKeyCheck(keys: readonly ApiKeyConfig[]) {
  const authenticate = apiKeyAuthenticator(keys);
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
