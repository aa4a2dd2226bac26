import type { FastifyRequest } from 'fastify';

/** A header, query or connection-params value as the caller gave it: a non-empty string, else undefined. */
export function givenText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `Prefer: dry-run` (RFC 7240 preference): describe the upstream request(s) instead of sending them. */
export function prefersDryRun(request: FastifyRequest): boolean {
  const prefer = request.headers.prefer;
  return typeof prefer === 'string' && /(^|[\s,;])dry-run($|[\s,;=])/i.test(prefer);
}

/** A dry run, which sends nothing: `Prefer: dry-run`, or in a GraphQL request's body `"extensions": {"dryRun": true}`. */
export function isDryRun(request: FastifyRequest): boolean {
  return prefersDryRun(request) || (request.body as { extensions?: { dryRun?: unknown } } | null | undefined)?.extensions?.dryRun === true;
}
