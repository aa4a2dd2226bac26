import type { FastifyReply, FastifyRequest } from 'fastify';

const USED = Symbol('ponte.graphqlConnections');
type Recorded = FastifyRequest & { [USED]?: ConnectionsUsed };

/**
 * The connections that served a GraphQL request's fields, in the order first used. It stands in
 * for the HTTP reply in the call context (CallContext.reply): the registry names each connection
 * it chooses, as it sets REST's `X-Connection`, and the GraphQL route's onSend writes them all.
 */
class ConnectionsUsed {
  readonly ids: string[] = [];

  header(_name: string, id: string): void {
    if (!this.ids.includes(id)) this.ids.push(id);
  }
}

/** The request's record of connections used, made on its first field that calls a platform. */
export function connectionsUsedBy(request: FastifyRequest): ConnectionsUsed {
  const recorded = request as Recorded;
  return (recorded[USED] ??= new ConnectionsUsed());
}

/**
 * onSend of the GraphQL route: `X-Connection` lists the connections the answer's fields were served
 * by, comma-separated (`maxbot, okeybot`); no header when no field called a platform.
 */
export function graphqlConnectionHeader(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (err: Error | null, payload: unknown) => void,
): void {
  const used = (request as Recorded)[USED];
  if (used !== undefined && used.ids.length > 0) void reply.header('x-connection', used.ids.join(', '));
  done(null, payload);
}
