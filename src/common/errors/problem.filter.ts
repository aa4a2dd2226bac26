import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { Logger } from '../logging/logger';
import { DryRunInterrupt } from '../http/upstream.types';
import { PROBLEM_CONTENT_TYPE, problemFromError, toPonteError } from './problem';
import { requestIdOf } from '../context/request-id';

/** The dry-run answer: the upstream request(s) the call would have made, secrets redacted. */
export function dryRunBody(interrupt: DryRunInterrupt) {
  return { dryRun: true, connection: interrupt.connection, provider: interrupt.provider, requests: interrupt.requests };
}

/**
 * The one exception mapper, for both transports: REST gets RFC 9457 problem+json, GraphQL gets a
 * GraphQLError whose `extensions` carry the same `code` (and the rest of the problem members).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

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
    const { error, unexpected } = toPonteError(exception);
    const request = isGraphql ? undefined : host.switchToHttp().getRequest<FastifyRequest>();
    const requestId = request ? requestIdOf(request) : undefined;
    if (unexpected) {
      this.logger.error({ err: exception, errorId: error.extras.errorId, requestId }, 'unexpected error');
    }
    if (isGraphql) {
      const { type: _type, ...problem } = problemFromError(error);
      return new GraphQLError(error.detail, { extensions: problem });
    }
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = problemFromError(error, request?.url.split('?')[0], requestId);
    if (error.code === 'unauthorized') reply.header('www-authenticate', 'Bearer realm="ponte"');
    if (error.code === 'rate_limited' && typeof error.extras.retryAfter === 'number') {
      reply.header('retry-after', String(Math.ceil(error.extras.retryAfter)));
    }
    return reply.status(error.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
