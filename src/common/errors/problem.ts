import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CODES, PonteError, type ProblemCode } from './ponte-error';

/** RFC 9457 problem details, with Ponte's stable `code` and context members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  instance?: string;
  requestId?: string;
  [extra: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: ProblemCode): string {
  return `urn:ponte:problem:${code}`;
}

export function problemFromError(err: PonteError, instance?: string, requestId?: string): Problem {
  const extras = Object.fromEntries(Object.entries(err.extras).filter(([, v]) => v !== undefined));
  return {
    type: problemType(err.code),
    title: PROBLEM_CODES[err.code].title,
    status: err.status,
    detail: err.detail,
    code: err.code,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...extras,
  };
}

/** A 401 says which scheme to use (RFC 9110 §11.6.1), whatever the body's shape. */
export function challengeIfUnauthorized(reply: FastifyReply, error: PonteError): void {
  if (error.code === 'unauthorized') reply.header('www-authenticate', 'Bearer realm="ponte"');
}

/** Sends a problem from a Fastify hook (before Nest's exception filter is in play). */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: PonteError): FastifyReply {
  challengeIfUnauthorized(reply, error);
  return reply
    .status(error.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(problemFromError(error, request.url.split('?')[0], request.id));
}

/**
 * The same, shaped as a GraphQL response, for what the gateway refuses on /graphql before the
 * operation runs (a missing or wrong API key, a body over the limit): GraphQL clients look for
 * `errors[].extensions.code`, as they get it from every other GraphQL error, not for a problem
 * document. The HTTP status stays (401 with WWW-Authenticate, 413), as GraphQL over HTTP allows for
 * requests refused before execution.
 */
export function sendGraphqlProblem(reply: FastifyReply, request: FastifyRequest, error: PonteError): FastifyReply {
  challengeIfUnauthorized(reply, error);
  const problem = problemFromError(error, request.url.split('?')[0], request.id);
  return reply
    .status(error.status)
    .header('content-type', 'application/json; charset=utf-8')
    .send({ errors: [{ message: error.detail, extensions: problem }] });
}

/** Framework and parser errors (Nest HttpException, Fastify FST_ERR_*) carry an HTTP status. */
interface StatusBearing {
  status?: number;
  statusCode?: number;
  code?: string;
  message?: string;
  getStatus?: () => number;
  getResponse?: () => unknown;
}

const clip = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max)}…` : text);

function httpStatusOf(err: unknown): number | undefined {
  const e = err as StatusBearing;
  if (typeof e?.getStatus === 'function') return e.getStatus();
  if (typeof e?.statusCode === 'number') return e.statusCode;
  return undefined;
}

/**
 * Any thrown value → a PonteError. Errors the gateway did not anticipate become
 * `internal_error` with an `errorId` the log line also carries; the caller never sees internals.
 */
export function toPonteError(err: unknown): { error: PonteError; unexpected: boolean; errorId?: string } {
  if (err instanceof PonteError) return { error: err, unexpected: false };
  const status = httpStatusOf(err);
  const message = String((err as StatusBearing)?.message ?? '');
  switch (status) {
    case 400:
      // (Ponte's JSON parser, json-body.ts, refuses an empty or malformed body in its own words: what
      // comes here is from the other readers.)
      // The multipart reader's limits, in the API's words: one part `file` per upload route.
      if (/^Too many files/.test(message)) {
        return {
          error: PonteError.validation([{ field: 'file', message: 'is given more than once: send one file part' }]),
          unexpected: false,
        };
      }
      if (/^Unexpected file field - /.test(message)) {
        const field = clip(message.slice('Unexpected file field - '.length), 100);
        return {
          error: PonteError.validation([{ field, message: 'is not where a file goes: send it as the part "file"' }]),
          unexpected: false,
        };
      }
      if (/json/i.test(message)) {
        return { error: PonteError.validation([{ field: 'body', message: 'is not valid JSON' }]), unexpected: false };
      }
      // A parser's message may quote the input (a multipart field name of 9 KB): the start is enough.
      return { error: PonteError.validation([{ field: 'body', message: clip(message) || 'is not valid' }]), unexpected: false };
    case 403:
      // The static file server refusing a path outside its root (`/docs/../x`): there is no such file.
      return { error: new PonteError('not_found', 'No such file'), unexpected: false };
    case 404:
      // "Cannot GET /path?query": the query is dropped, it may carry a secret (a webhook URL's).
      return { error: new PonteError('not_found', message.replace(/\?\S*/g, '') || 'No such route'), unexpected: false };
    case 405:
      return { error: new PonteError('method_not_allowed', message || 'Method not allowed'), unexpected: false };
    case 413:
      return { error: new PonteError('payload_too_large', 'The request body exceeds the size limit for this route'), unexpected: false };
    case 415:
      return {
        error: new PonteError('unsupported_media_type', `Content type not accepted here${message ? `: ${message}` : ''}`),
        unexpected: false,
      };
    default: {
      const errorId = randomUUID();
      return {
        error: new PonteError('internal_error', `Unexpected error; quote errorId ${errorId} when reporting it`, { errorId }),
        unexpected: true,
        errorId,
      };
    }
  }
}
