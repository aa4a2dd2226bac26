import type { FastifyRequest } from 'fastify';

const OPENED = Symbol('ponte.streamOpenedAt');
type Marked = FastifyRequest & { [OPENED]?: number };

/**
 * Marks a request whose answer is a stream the route writes itself (GET /v1/events/stream): its
 * status was sent when it opened, so the reader hanging up is how it normally ends, not a 499.
 */
export function markStreamOpened(request: FastifyRequest): void {
  (request as Marked)[OPENED] = performance.now();
}

/** When the request's stream opened (performance.now()), or undefined for any other request. */
export function streamOpenedAt(request: FastifyRequest): number | undefined {
  return (request as Marked)[OPENED];
}
