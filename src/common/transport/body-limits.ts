import { RouteConfig, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { PonteError } from '../errors/ponte-error';
import { declaresMultipart } from './multipart-plugin';
import { JSON_BODY_LIMIT, UPLOAD_JSON_BODY_LIMIT } from './upload-limits';

export { JSON_BODY_LIMIT, MAX_UPLOAD_BYTES, UPLOAD_JSON_BODY_LIMIT } from './upload-limits';

interface LimitedRouteConfig {
  bodyLimit?: number;
}

function limitFor(request: { routeOptions?: { config?: unknown } }): number {
  return (request.routeOptions?.config as LimitedRouteConfig | undefined)?.bodyLimit ?? JSON_BODY_LIMIT;
}

/** Lets one route accept JSON bodies up to `bytes` (base64 uploads); every other route keeps 1 MiB. */
export const LargeJsonBody = (bytes = UPLOAD_JSON_BODY_LIMIT) => RouteConfig({ bodyLimit: bytes } satisfies LimitedRouteConfig);

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

/** JSON parsing with a per-route size limit: a body that turns out larger than declared is refused once read. */
export function installBodyLimits(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: UPLOAD_JSON_BODY_LIMIT }, (request, body, done) => {
    const limit = limitFor(request);
    if (body.length > limit) {
      done(Object.assign(tooLarge(limit), { statusCode: 413 }), undefined);
      return;
    }
    void parseJson(request as FastifyRequest, body.toString('utf8'), done);
  });
}
