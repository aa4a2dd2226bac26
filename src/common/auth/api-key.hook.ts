import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyConfig } from '../../config/config.types';
import { PonteError } from '../errors/ponte-error';
import { PROBLEM_CONTENT_TYPE, problemFromError } from '../errors/problem';

export interface AuthenticatedRequest extends FastifyRequest {
  ponteApiKey?: { name: string; connections?: string[] };
}

/** Routes anyone may call: health probes, the docs and the GraphQL explorer page. */
const PUBLIC = /^\/(health\/(live|ready)|docs(\/.*|-json|-yaml)?|graphiql(\/.*)?|favicon\.ico)$/;

/**
 * Bearer API-key check, run on every request before routing. Keys are kept as SHA-256 digests and
 * the presented key's digest is compared with every configured one in constant time, so neither
 * the key nor which key matched leaks through timing.
 */
export function apiKeyHook(keys: readonly ApiKeyConfig[]) {
  const digests = keys.map((k) => ({ ...k, digest: Buffer.from(k.sha256, 'hex') }));
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const path = request.url.split('?')[0];
    if (request.method === 'OPTIONS' || PUBLIC.test(path)) return;
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    let found: (typeof digests)[number] | undefined;
    if (match) {
      const presented = createHash('sha256').update(match[1]).digest();
      for (const k of digests) {
        if (timingSafeEqual(presented, k.digest) && !found) found = k;
      }
    }
    if (!found) {
      const error = new PonteError('unauthorized', match ? 'The API key is not valid' : 'Send an API key as "Authorization: Bearer <key>"');
      await reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="ponte"')
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(problemFromError(error, path, request.id));
      return reply;
    }
    (request as AuthenticatedRequest).ponteApiKey = {
      name: found.name,
      ...(found.connections ? { connections: found.connections } : {}),
    };
  };
}
