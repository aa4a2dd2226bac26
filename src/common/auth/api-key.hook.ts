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
 * Bearer API-key check, run on every request before routing. Keys are kept only as SHA-256
 * digests: the presented key is hashed, looked up by digest, and the digests compared in constant
 * time, so neither the keys nor which one matched leak through timing.
 */
export function apiKeyHook(keys: readonly ApiKeyConfig[]) {
  const digests = keys.map((k) => ({ ...k, digest: Buffer.from(k.sha256, 'hex') }));
  // Keys already seen, by digest: a hash lookup on a SHA-256 digest reveals nothing about a key.
  const known = new Map(digests.map((k) => [k.sha256, k]));
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const path = request.url.split('?')[0];
    if (request.method === 'OPTIONS' || PUBLIC.test(path)) return;
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    let found: (typeof digests)[number] | undefined;
    if (match) {
      const presented = createHash('sha256').update(match[1]).digest();
      const candidate = known.get(presented.toString('hex'));
      if (candidate && timingSafeEqual(presented, candidate.digest)) found = candidate;
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
