import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { FastifyInstance } from 'fastify';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode, GRAPHQL_TRANSPORT_WS_PROTOCOL, makeServer, type SubscribePayload } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { Lifecycle, shuttingDown } from '../runtime/lifecycle';
import { Metrics } from '../metrics/metrics';
import { DEFAULT_EVENT_STREAM_HEARTBEAT_SECONDS, DEFAULT_EVENT_STREAMS_MAX } from '../../config/config.loader';
import type { PonteConfig } from '../../config/config.types';
import { LOGGER, PONTE_CONFIG } from '../../core/tokens';
import { ApiKeyRing, INVALID_API_KEY, type ApiKeyIdentity } from '../auth/api-key.hook';
import type { CallContext } from '../context/call-context';
import { requestIdFromHeaders } from '../context/request-id';
import { PonteError } from '../errors/ponte-error';
import { problemFromError, PROBLEM_CONTENT_TYPE } from '../errors/problem';
import type { Logger } from '../logging/logger';
import { givenText } from '../http/request-values';
import { JSON_BODY_LIMIT } from '../transport/upload-limits';
import { socketOriginAllowed } from '../transport/cors';
import { graphqlErrorFormatter } from './graphql-errors';
import { operationLimits } from './operation-limits';

/** Where GraphQL is served, over HTTP and over the WebSocket. */
export const GRAPHQL_PATH = '/graphql';
/** How long a socket told to close at shutdown may take to answer before it is cut. */
const CLOSE_GRACE_MS = 2_000;
const RULES = [...specifiedRules, operationLimits];

/** What Ponte keeps about one socket (graphql-ws's `ctx.extra`). */
interface SocketState {
  socket: WebSocket;
  requestId: string;
  openedAt: number;
  /** The API key, from the handshake's Authorization header or, at `connection_init`, its params. */
  apiKey?: ApiKeyIdentity;
  /** X-Connection: the handshake's header, or the params' (which win). */
  connectionId?: string;
  /** The upgrade request's header, until `connection_init` settles the connection. */
  headerConnection?: string;
}

/** A connectionParams member, its name compared as HTTP compares header names (GraphiQL sends its Headers tab as is). */
function param(params: Readonly<Record<string, unknown>> | undefined, name: string): unknown {
  if (!params) return undefined;
  const key = Object.keys(params).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : params[key];
}

/** graphql-js's own parse and validation errors, with the code Apollo gives them over HTTP. */
function coded(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

/**
 * GraphQL subscriptions over a WebSocket at /graphql, in the graphql-ws protocol
 * (`graphql-transport-ws`, what graphql-ws's client, Apollo Client's GraphQLWsLink, urql and
 * GraphiQL speak). HTTP stays the way for queries and mutations: this socket runs subscriptions
 * only, so there is one place where keys, limits and the access log apply to each of those.
 *
 * - The handshake: the path is /graphql and the client offers `graphql-transport-ws`; a browser page
 *   must be the gateway's own or allowed by CORS_ORIGINS (browsers apply no CORS to WebSockets);
 *   at most EVENT_STREAMS_MAX sockets. Each refusal is an HTTP problem document, as on any route.
 * - The API key: the handshake's `Authorization` header (servers), or `connection_init`'s params
 *   `{"Authorization": "Bearer <key>"}` (browsers cannot set a handshake header). Without a valid
 *   key the socket closes with 4401 and the reason. `X-Connection` may come either way too.
 * - Errors carry the same `extensions.code` as over HTTP (the same formatter).
 * - A ping every EVENT_STREAM_HEARTBEAT_SECONDS; a socket whose pong has not come by the next ping is
 *   cut, and its subscriptions end.
 * - One access-log line per socket when it closes: status 101, how long it was open, the key.
 * - At shutdown (Fastify's preClose) every socket is closed with 1001 "going away".
 */
@Injectable()
export class GraphqlWsServer implements OnModuleInit, OnApplicationBootstrap {
  private readonly wss = new WebSocketServer({
    noServer: true,
    // What a client sends is a subscribe message: a query, as HTTP takes up to JSON_BODY_LIMIT.
    maxPayload: JSON_BODY_LIMIT,
    // The protocol is checked before the upgrade (a problem document says what to offer).
    handleProtocols: () => GRAPHQL_TRANSPORT_WS_PROTOCOL,
    // Compressing per message costs memory per socket (zlib contexts) for messages of ~1 KB.
    perMessageDeflate: false,
  });
  private readonly authenticate?: (header: unknown) => ApiKeyIdentity | PonteError;
  private readonly format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  private readonly keepAliveMs: number;
  private readonly maxSockets: number;
  private schema?: GraphQLSchema;
  /** Each accepted handshake's request id, for the 101's header. */
  private readonly requestIds = new WeakMap<IncomingMessage, string>();
  /** The open sockets' states. */
  private readonly states = new Set<SocketState>();

  constructor(
    @Inject(PONTE_CONFIG) private readonly config: PonteConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(HttpAdapterHost) private readonly http: HttpAdapterHost,
    @Inject(GraphQLSchemaHost) private readonly schemaHost: GraphQLSchemaHost,
    @Inject(Metrics) metrics: Metrics,
    @Inject(ApiKeyRing) ring: ApiKeyRing,
    @Inject(Lifecycle) private readonly lifecycle: Lifecycle,
  ) {
    metrics.collect('ponte_graphql_websockets_open', 'GraphQL WebSockets open (at most EVENT_STREAMS_MAX).', 'gauge', () => [
      { value: this.wss.clients.size },
    ]);
    this.authenticate = config.authDisabled ? undefined : ring.authenticate;
    this.format = graphqlErrorFormatter(logger);
    this.keepAliveMs = (config.eventStreamHeartbeatSeconds ?? DEFAULT_EVENT_STREAM_HEARTBEAT_SECONDS) * 1000;
    this.maxSockets = config.eventStreamsMax ?? DEFAULT_EVENT_STREAMS_MAX;
  }

  /** Sockets end as the server starts closing: an open one would hold the close (see EventsService). */
  onModuleInit(): void {
    const fastify = this.http.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('preClose', (done) => {
      this.close();
      done();
    });
  }

  /** The schema is built by now (GraphQLModule's init); upgrades are taken from here on. */
  onApplicationBootstrap(): void {
    this.schema = this.schemaHost.schema;
    const server = this.http.httpAdapter.getHttpServer() as Server;
    const protocol = this.protocol();
    this.wss.on('wsClientError', (error: Error, socket: Duplex, request: IncomingMessage) => {
      const status = request.method === 'GET' ? 400 : 405;
      const problem = new PonteError(status === 400 ? 'validation_failed' : 'method_not_allowed', `WebSocket handshake: ${error.message}`);
      this.refuse(socket, request, requestIdFromHeaders(request.headers), problem);
    });
    // The 101 names the request id too, as every HTTP answer does.
    this.wss.on('headers', (headers: string[], request: IncomingMessage) => {
      const requestId = this.requestIds.get(request);
      if (requestId !== undefined) headers.push(`X-Request-Id: ${requestId}`);
    });
    this.wss.on('connection', (socket: WebSocket, request: IncomingMessage, state: SocketState) =>
      this.opened(socket, request, state, protocol),
    );
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
  }

  /** Closes (4401) the sockets opened with an API key that no longer stands (a configuration reload); answers how many. */
  revoke(stillValid: (apiKey: ApiKeyIdentity) => boolean): number {
    let closed = 0;
    for (const state of this.states) {
      if (state.apiKey && !stillValid(state.apiKey)) {
        state.socket.close(CloseCode.Unauthorized, 'The API key was revoked');
        closed++;
      }
    }
    return closed;
  }

  /** Closes every socket (1001); the Lifecycle, closing by then, has the handshakes refused. */
  close(): void {
    for (const socket of this.wss.clients) {
      socket.close(1001, 'The gateway is shutting down');
      setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
    }
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const requestId = requestIdFromHeaders(request.headers);
    // A socket error before the handshake ends (the client going away) must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    const url = request.url ?? '/';
    const path = url.split('?')[0].replace(/\/$/, '') || '/';
    let refusal: PonteError | undefined;
    let apiKey: ApiKeyIdentity | undefined;
    const origin = request.headers.origin;
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (path !== GRAPHQL_PATH) {
      refusal = new PonteError('not_found', `No WebSocket endpoint at ${path}: GraphQL subscriptions are at ${GRAPHQL_PATH}`);
    } else if (this.lifecycle.closing || !this.schema) {
      refusal = shuttingDown('The gateway is shutting down: open the WebSocket again on a new connection');
    } else if (origin !== undefined && !socketOriginAllowed(this.config.cors, origin, request.headers.host)) {
      refusal = new PonteError(
        'origin_not_allowed',
        `origin ${origin} is not in CORS_ORIGINS, so browsers may not call the gateway from it`,
      );
    } else if (!offered.includes(GRAPHQL_TRANSPORT_WS_PROTOCOL)) {
      refusal = PonteError.validation([
        {
          field: 'Sec-WebSocket-Protocol',
          message: `must offer "${GRAPHQL_TRANSPORT_WS_PROTOCOL}" (the graphql-ws protocol; the older subscriptions-transport-ws is not spoken)`,
        },
      ]);
    } else if (this.wss.clients.size >= this.maxSockets) {
      refusal = new PonteError(
        'stream_limit_reached',
        `The gateway has ${this.wss.clients.size} GraphQL WebSockets open, as many as it takes (EVENT_STREAMS_MAX); retry later`,
        { retryAfter: 30 },
      );
    } else if (this.authenticate && request.headers.authorization !== undefined) {
      const outcome = this.authenticate(request.headers.authorization);
      if (outcome instanceof PonteError) refusal = outcome;
      else apiKey = outcome;
    }
    if (refusal) {
      this.refuse(socket, request, requestId, refusal);
      return;
    }
    const openedAt = performance.now();
    this.requestIds.set(request, requestId);
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const state: SocketState = { socket: ws, requestId, openedAt, apiKey, headerConnection: givenText(request.headers['x-connection']) };
      this.wss.emit('connection', ws, request, state);
    });
  }

  /** An HTTP problem on the raw socket of a refused handshake, which gets no Fastify reply. */
  private refuse(socket: Duplex, request: IncomingMessage, requestId: string, error: PonteError): void {
    const body = JSON.stringify(problemFromError(error, (request.url ?? '/').split('?')[0], requestId));
    const retryAfter = error.extras.retryAfter;
    const head = [
      `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}`,
      `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      `X-Request-Id: ${requestId}`,
      ...(error.code === 'unauthorized' ? ['WWW-Authenticate: Bearer realm="ponte"'] : []),
      ...(retryAfter !== undefined ? [`Retry-After: ${String(retryAfter)}`] : []),
      'Connection: close',
    ];
    if (socket.writable) socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
    else socket.destroy();
    this.access(requestId, request, error.status, null);
  }

  private opened(socket: WebSocket, request: IncomingMessage, state: SocketState, protocol: ReturnType<GraphqlWsServer['protocol']>): void {
    socket.on('error', (err) => {
      // ws has closed the socket already (a frame over maxPayload: 1009); the log says why.
      this.logger.warn({ requestId: state.requestId, err: { message: err.message } }, 'GraphQL WebSocket error');
    });
    let awaitingPong = false;
    const ping = setInterval(() => {
      if (awaitingPong) {
        this.logger.warn({ requestId: state.requestId }, 'GraphQL WebSocket cut: no pong since the last ping');
        socket.terminate();
        return;
      }
      awaitingPong = true;
      socket.ping();
    }, this.keepAliveMs);
    socket.on('pong', () => (awaitingPong = false));
    const closed = protocol.opened(
      {
        protocol: socket.protocol,
        // Resolves when the message is handed to the kernel: a subscription takes its next event only
        // once the previous one is on its way, so a reader that stops reading stops the taking.
        send: (data) =>
          new Promise<void>((resolve) => (socket.readyState === socket.OPEN ? socket.send(data, () => resolve()) : resolve())),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data: Buffer, isBinary: boolean) => {
            handle(isBinary ? '' : data.toString('utf8')).catch((err: unknown) => {
              this.logger.error({ requestId: state.requestId, err }, 'GraphQL WebSocket message failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      state,
    );
    this.states.add(state);
    socket.once('close', (code: number) => {
      this.states.delete(state);
      clearInterval(ping);
      this.access(state.requestId, request, 101, Math.round((performance.now() - state.openedAt) * 10) / 10, state.apiKey?.name, code);
      void closed(code, '');
    });
  }

  /** graphql-ws's protocol, with Ponte's authentication, validation and error format. */
  private protocol() {
    const withFormattedErrors = (result: ExecutionResult) =>
      result.errors?.length ? { ...result, errors: result.errors.map((e) => this.format(e.toJSON(), e)) } : undefined;
    return makeServer<Record<string, unknown> | undefined, SocketState>({
      connectionInitWaitTimeout: 5_000,
      onConnect: (ctx) => {
        const state = ctx.extra;
        state.connectionId = givenText(param(ctx.connectionParams, 'x-connection')) ?? state.headerConnection;
        if (!this.authenticate || state.apiKey) return true;
        const outcome = this.authenticate(param(ctx.connectionParams, 'authorization'));
        if (outcome instanceof PonteError) {
          // A close reason holds 123 bytes: the HTTP detail, or how to send a key when none came in a form it reads.
          const reason =
            outcome.detail === INVALID_API_KEY ? outcome.detail : 'Send an API key: connectionParams {"Authorization": "Bearer <key>"}';
          state.socket.close(CloseCode.Unauthorized, reason);
          return false;
        }
        state.apiKey = outcome;
        return true;
      },
      onSubscribe: (ctx, _id, payload: SubscribePayload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [coded(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        const schema = this.schema!;
        const invalid = validate(schema, document, RULES);
        if (invalid.length) return invalid.map((e) => coded(e, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          return [
            new GraphQLError('Name the operation to run (operationName): the document has several, or none', {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ];
        }
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [
            new GraphQLError(`Only subscriptions go over the WebSocket: send queries and mutations to POST ${GRAPHQL_PATH}`, {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ];
        }
        // Coerced here, as Apollo does over HTTP: a bad variable is the caller's mistake, with its code.
        const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, { maxErrors: 20 });
        if (variables.errors) return variables.errors.map((e) => coded(e, 'BAD_USER_INPUT'));
        const { requestId, apiKey, connectionId } = ctx.extra;
        const socket: CallContext = { requestId, apiKey, connectionId, dryRun: false };
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: { socket },
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => withFormattedErrors(result),
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => this.format(e.toJSON(), e)),
    });
  }

  private access(
    requestId: string,
    request: IncomingMessage,
    status: number,
    ms: number | null,
    apiKey?: string,
    closeCode?: number,
  ): void {
    this.logger.info(
      {
        requestId,
        method: request.method,
        route: (request.url ?? '/').split('?')[0],
        status,
        ms,
        ...(apiKey !== undefined ? { apiKey } : {}),
        ...(closeCode !== undefined ? { closeCode } : {}),
        transport: 'websocket',
      },
      'request',
    );
  }
}
