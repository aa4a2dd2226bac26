import type { FastifyInstance } from 'fastify';

/**
 * `GET /`: where things are, for whoever opens the gateway's bare address. A browser (it asks for
 * HTML) is sent on to Swagger UI; anything else gets a small JSON index. No API key needed: it
 * names only the public pages and the version.
 */
export function registerRoot(fastify: FastifyInstance, info: { version: string; sandbox: boolean }): void {
  const index = JSON.stringify({
    name: 'Ponte',
    version: info.version,
    sandbox: info.sandbox,
    docs: '/docs',
    openapi: '/docs-json',
    graphql: '/graphql',
    graphiql: '/graphiql',
    health: { live: '/health/live', ready: '/health/ready' },
  });
  fastify.get('/', (request, reply) => {
    const accept = request.headers.accept ?? '';
    if (/\btext\/html\b/i.test(accept)) return reply.redirect('/docs', 302);
    return reply.type('application/json; charset=utf-8').send(index);
  });
}
