import type { FastifyRequest } from 'fastify';

/** `Prefer: dry-run` (RFC 7240 preference): describe the upstream request(s) instead of sending them. */
export function prefersDryRun(request: FastifyRequest): boolean {
  const prefer = request.headers.prefer;
  return typeof prefer === 'string' && /(^|[\s,;])dry-run($|[\s,;=])/i.test(prefer);
}
