import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Args, GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import type { CallContext } from './call-context';
import type { AuthenticatedRequest } from '../auth/api-key.hook';

function fromRequest(req: FastifyRequest, connection: unknown): CallContext {
  const header = req.headers['x-connection'];
  const named = typeof header === 'string' && header ? header : typeof connection === 'string' && connection ? connection : undefined;
  const prefer = req.headers.prefer;
  return {
    requestId: req.id,
    connectionId: named,
    dryRun: typeof prefer === 'string' && /(^|[\s,;])dry-run($|[\s,;=])/i.test(prefer),
    apiKey: (req as AuthenticatedRequest).ponteApiKey,
  };
}

/**
 * The per-call context for services: request id, chosen connection (`X-Connection` header, or
 * the GraphQL `connection` argument), dry-run preference and the calling API key.
 */
export const Call = createParamDecorator((_data: unknown, ctx: ExecutionContext): CallContext => {
  if (ctx.getType<string>() === 'graphql') {
    const gql = GqlExecutionContext.create(ctx);
    return fromRequest(gql.getContext<{ req: FastifyRequest }>().req, gql.getArgs<{ connection?: unknown }>().connection);
  }
  const req = ctx.switchToHttp().getRequest<FastifyRequest>();
  return fromRequest(req, (req.query as { connection?: unknown } | undefined)?.connection);
});

/** Declares the GraphQL `connection` argument on fields whose other arguments are named (mutations). */
export const ConnectionArg = () =>
  Args('connection', {
    type: () => String,
    nullable: true,
    description: 'Connection to use (same as the X-Connection header); default: the default connection able to do the operation.',
  });
