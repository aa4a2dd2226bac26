import { hash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ApiKeyConfig } from '../../config/config.types';
import { PonteError } from '../errors/ponte-error';

export interface AuthenticatedRequest extends FastifyRequest {
  ponteApiKey?: { name: string; connections?: string[] };
}

/**
 * Routes anyone may call: health probes, the docs and the GraphQL explorer page. Platform webhooks
 * too: the platforms cannot send an API key, so that route checks the connection's webhook secret.
 */
const PUBLIC = /^\/(health\/(live|ready)|docs(\/.*|-json|-yaml)?|graphiql(\/.*)?|favicon\.ico|v1\/webhooks\/[^/]+\/?)$/;

/**
 * Bearer API-key check, run on every request before routing. Keys are kept only as SHA-256
 * digests: the presented key is hashed, looked up by digest, and the digests compared in constant
 * time, so neither the keys nor which one matched leak through timing. Answers the problem to
 * send, or undefined when the request may go on (the key is then on `request.ponteApiKey`).
 */
export function apiKeyCheck(keys: readonly ApiKeyConfig[]) {
  const digests = keys.map((k) => ({ ...k, digest: Buffer.from(k.sha256, 'hex') }));
  // A hash lookup on a SHA-256 digest reveals nothing about a key.
  const known = new Map(digests.map((k) => [k.sha256, k]));
  return (request: FastifyRequest): PonteError | undefined => {
    if (request.method === 'OPTIONS' || PUBLIC.test(request.url.split('?')[0])) return undefined;
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (match) {
      // One-shot hash: no Hash object per request (about a tenth of createHash's cost).
      const presented = hash('sha256', match[1], 'hex');
      const found = known.get(presented);
      if (found && timingSafeEqual(Buffer.from(presented, 'hex'), found.digest)) {
        (request as AuthenticatedRequest).ponteApiKey = {
          name: found.name,
          ...(found.connections ? { connections: found.connections } : {}),
        };
        return undefined;
      }
    }
    return new PonteError('unauthorized', match ? 'The API key is not valid' : 'Send an API key as "Authorization: Bearer <key>"');
  };
}
