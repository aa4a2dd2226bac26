import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Args, GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CallContext } from './call-context';
import type { AuthenticatedRequest } from '../auth/api-key.hook';
import { PonteError } from '../errors/ponte-error';
import { connectionsUsedBy } from '../graphql/graphql-connections';
import { givenText, isDryRun, prefersDryRun } from '../http/request-values';

function context(req: FastifyRequest, connectionId: string | undefined, dryRun: boolean, reply: CallContext['reply']): CallContext {
  return { requestId: req.id, connectionId, dryRun, apiKey: (req as AuthenticatedRequest).ponteApiKey, reply };
}

/**
 * GraphQL's context: the HTTP request (POST/GET /graphql), or for an operation over the WebSocket
 * the call context of its socket (its request id, API key and X-Connection).
 */
export type GraphqlContext = { req: FastifyRequest; socket?: undefined } | { req?: undefined; socket: CallContext };

/**
 * The per-call context for services: request id, chosen connection (`X-Connection` header, or
 * the GraphQL `connection` argument), dry-run preference and the calling API key.
 */
export const Call = createParamDecorator((_data: unknown, ctx: ExecutionContext): CallContext => {
  if (ctx.getType<string>() === 'graphql') {
    // GraphQL: the field's `connection` argument wins over the header; a dry run is asked with the
    // Prefer header or, in the request body, `"extensions": {"dryRun": true}`.
    const gql = GqlExecutionContext.create(ctx);
    const { req, socket } = gql.getContext<GraphqlContext>();
    const argument = givenText(gql.getArgs<{ connection?: unknown }>().connection);
    // A subscription over the WebSocket: the socket's context, set when it was opened (graphql-ws.ts).
    if (!req) return { ...socket, connectionId: argument ?? socket.connectionId };
    const connection = argument ?? givenText(req.headers['x-connection']);
    return context(req, connection, isDryRun(req), connectionsUsedBy(req));
  }
  // REST: the header and a list's `?connection=` are two spellings of one choice; both given and
  // different is the caller's mistake, not something to settle silently.
  const http = ctx.switchToHttp();
  const req = http.getRequest<FastifyRequest>();
  const header = givenText(req.headers['x-connection']);
  const query = givenText((req.query as { connection?: unknown } | undefined)?.connection);
  if (header !== undefined && query !== undefined && header !== query) {
    throw PonteError.validation([
      { field: 'connection', message: `is "${query}" but the X-Connection header says "${header}": give one, or the same in both` },
    ]);
  }
  return context(req, header ?? query, prefersDryRun(req), http.getResponse<FastifyReply>());
});

/** Declares the GraphQL `connection` argument on fields whose other arguments are named (mutations). */
export const ConnectionArg = () =>
  Args('connection', {
    type: () => String,
    nullable: true,
    description:
      'Connection to use; wins over the X-Connection header, which is the default for fields that give none. Default: the default connection able to do the operation.',
  });
