import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `X-Request-Id` when it is sane, else a fresh UUID. */
export function requestIdFromHeaders(headers: IncomingHttpHeaders): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && VALID.test(given) ? given : randomUUID();
}

/** Fastify assigns `request.id` through `genReqId` (see app.factory.ts). */
export function requestIdOf(request: { id: string }): string {
  return request.id;
}
