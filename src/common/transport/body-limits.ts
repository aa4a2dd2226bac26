import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { PonteError } from '../errors/ponte-error';
import { declaresMultipart } from './multipart-plugin';
import { JSON_BODY_LIMIT } from './upload-limits';

export { JSON_BODY_LIMIT, MAX_UPLOAD_BYTES, UPLOAD_JSON_BODY_LIMIT } from './upload-limits';

interface BodyRouteConfig {
  bodyLimit?: number;
  multipart?: boolean;
}

type Routed = { routeOptions?: { config?: unknown } };

const configOf = (request: Routed) => request.routeOptions?.config as BodyRouteConfig | undefined;

/** A route's own body limit from its `TakesBody` config, for Fastify's route option (set when the route is added). */
export function routeBodyLimit(route: { config?: unknown }): number | undefined {
  return (route.config as BodyRouteConfig | undefined)?.bodyLimit;
}

function limitFor(request: Routed): number {
  return configOf(request)?.bodyLimit ?? JSON_BODY_LIMIT;
}

/**
 * What a route's body may be, beyond JSON up to 1 MiB: `jsonLimit` lets it take JSON up to that many
 * bytes (base64 uploads), `multipart` lets it take `multipart/form-data` (the routes with an upload
 * interceptor). One decorator, since a route has one Fastify config.
 */
export const TakesBody = (options: { jsonLimit?: number; multipart?: boolean }) =>
  RouteConfig({ bodyLimit: options.jsonLimit, multipart: options.multipart } satisfies BodyRouteConfig);

const JSON_TYPE = /^application\/json\s*(?:;|$)/i;

/**
 * A body of a type the route does not read, refused before it is read: JSON everywhere, and
 * `multipart/form-data` only on the routes configured for uploads (`TakesBody({ multipart })`).
 * Fastify and Nest register parsers for text/plain and urlencoded forms, and @fastify/multipart parses
 * multipart for every route: a JSON route then saw a string, a form read as fields, or an empty
 * body ("to: is required" when `to` was sent). Requests without a body (no Content-Length above 0,
 * no Transfer-Encoding) are not looked at.
 */
export function bodyTypeNotAccepted(request: FastifyRequest): PonteError | undefined {
  const headers = request.headers;
  const type = headers['content-type'];
  if (type === undefined || JSON_TYPE.test(type)) return undefined;
  if (headers['transfer-encoding'] === undefined && !(Number(headers['content-length']) > 0)) return undefined;
  if (declaresMultipart(request)) {
    if (configOf(request)?.multipart === true) return undefined;
    return new PonteError(
      'unsupported_media_type',
      'Content type not accepted here: multipart/form-data is taken only by the upload routes; send application/json',
    );
  }
  return new PonteError('unsupported_media_type', `Content type not accepted here: ${type.split(';')[0].trim()}; send application/json`);
}

function tooLarge(limit: number): PonteError {
  return new PonteError('payload_too_large', `The request body exceeds ${limit} bytes, the limit of this route`, { limit });
}

/** A declared Content-Length over the route's limit: refused before the body is read. */
export function declaredBodyTooLarge(request: FastifyRequest): PonteError | undefined {
  const header = request.headers['content-length'];
  if (header === undefined) return undefined; // most GETs: no need for the route's limit
  const declared = Number(header);
  const limit = limitFor(request);
  return Number.isFinite(declared) && declared > limit && !declaresMultipart(request) ? tooLarge(limit) : undefined;
}
