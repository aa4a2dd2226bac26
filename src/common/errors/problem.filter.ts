import { Catch, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { Logger } from '../logging/logger';
import { DryRunInterrupt } from '../http/upstream.types';
import { challengeIfUnauthorized, PROBLEM_CONTENT_TYPE, problemFromError, toPonteError } from './problem';
import { requestIdOf } from '../context/request-id';
import type { RouteMethods } from '../transport/route-methods';
import { PonteError } from './ponte-error';

/** The dry-run answer: the upstream request(s) the call would have made, secrets redacted. */
export function dryRunBody(interrupt: DryRunInterrupt) {
  return { dryRun: true, connection: interrupt.connection, provider: interrupt.provider, requests: interrupt.requests };
}

/** A Ponte error as GraphQL carries it: the problem's members (`code` first of all) in `extensions`. */
export function graphqlErrorOf(error: PonteError): GraphQLError {
  const { type: _type, ...problem } = problemFromError(error);
  return new GraphQLError(error.detail, { extensions: problem });
}

/**
 * The one exception mapper, for both transports: REST gets RFC 9457 problem+json, GraphQL gets a
 * GraphQLError whose `extensions` carry the same `code` (and the rest of the problem members).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly routes?: RouteMethods,
  ) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const isGraphql = host.getType<string>() === 'graphql';
    if (exception instanceof DryRunInterrupt) {
      if (isGraphql) {
        return new GraphQLError('Dry run: nothing was sent to the platform', {
          extensions: { code: 'dry_run', status: 200, ...dryRunBody(exception) },
        });
      }
      const reply = host.switchToHttp().getResponse<FastifyReply>();
      return reply.status(200).header('preference-applied', 'dry-run').send(dryRunBody(exception));
    }
    let { error, unexpected } = toPonteError(exception);
    const request = isGraphql ? undefined : host.switchToHttp().getRequest<FastifyRequest>();
    const allowed = request && this.isRoutingMiss(exception) ? this.routes?.allowed(request.url.split('?')[0]) : undefined;
    if (request && allowed?.length) {
      const reply = host.switchToHttp().getResponse<FastifyReply>();
      // OPTIONS (not a CORS preflight, which cors.ts answers earlier) asks what the path takes: that is the answer.
      if (request.method === 'OPTIONS')
        return reply
          .status(204)
          .header('allow', [...allowed, 'OPTIONS'].join(', '))
          .send();
      reply.header('allow', allowed.join(', '));
      error = new PonteError('method_not_allowed', `${request.method} is not allowed here; this path takes ${allowed.join(', ')}`);
      unexpected = false;
    }
    const requestId = request ? requestIdOf(request) : undefined;
    if (unexpected) {
      this.logger.error({ err: exception, errorId: error.extras.errorId, requestId }, 'unexpected error');
    }
    if (isGraphql) return graphqlErrorOf(error);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = problemFromError(error, request?.url.split('?')[0], requestId);
    challengeIfUnauthorized(reply, error);
    if (typeof error.extras.retryAfter === 'number') {
      reply.header('retry-after', String(Math.ceil(error.extras.retryAfter)));
    }
    return reply.status(error.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  /** Nest's not-found handler: no route for this method and path ("Cannot PUT /v1/contacts"). */
  private isRoutingMiss(exception: unknown): boolean {
    return exception instanceof NotFoundException && /^Cannot [A-Z]+ /.test(exception.message);
  }
}
