import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { LogController, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import type { PonteConfig } from './config/config.types';
import { AppModule } from './app.module';
import { bodyTypeNotAccepted, declaredBodyTooLarge, JSON_BODY_LIMIT, routeBodyLimit } from './common/transport/body-limits';
import { registerMultipart } from './common/transport/multipart-plugin';
import { registerJsonParser } from './common/transport/json-body';
import { corsStep } from './common/transport/cors';
import { decodePathColons, RouteMethods } from './common/transport/route-methods';
import { ApiKeyRing, apiKeyCheck, type AuthenticatedRequest } from './common/auth/api-key.hook';
import { PonteError } from './common/errors/ponte-error';
import { sendGraphqlProblem, sendProblem } from './common/errors/problem';
import { requestIdFromHeaders } from './common/context/request-id';
import { ProblemFilter } from './common/errors/problem.filter';
import { accessLogger, type Logger } from './common/logging/logger';
import { NestPinoLogger } from './common/logging/nest-logger';
import { lazyChildLogger } from './common/logging/request-logger';
import { registerGraphiql } from './common/openapi/graphiql';
import { registerRoot } from './common/openapi/root';
import { installNestFastPaths } from './common/runtime/nest-fast-paths';
import { Lifecycle, shuttingDown } from './common/runtime/lifecycle';
import { collectProcessMetrics, Metrics } from './common/metrics/metrics';
import { toInstanceApplies } from './common/validation/to-instance';
import { rememberApolloMimeTypes } from './common/graphql/mime-type-memo';
import { jitExecutorPlugin } from './common/graphql/jit-executor.plugin';
import type { ApolloFastifyHandler } from './common/graphql/graphql-fast-path';
import { graphqlErrorFormatter } from './common/graphql/graphql-errors';
import { GRAPHQL_PATH } from './app.module';
import { idempotencyHooks, IdempotencyStore, takesIdempotencyKey } from './common/http/idempotency';
import { graphqlConnectionHeader } from './common/graphql/graphql-connections';
import { streamOpenedAt } from './common/http/stream-start';
import { buildOpenApiDocument } from './common/openapi/openapi';
import { PonteValidationPipe } from './common/validation/validation.pipe';

export function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    dir = dirname(dir);
  }
  return '0.0.0';
}

export interface PonteApp {
  app: NestFastifyApplication;
  openapi: OpenAPIObject;
  /** What main.ts's shutdown moves along (readiness, refusals while closing). */
  lifecycle: Lifecycle;
}

/**
 * Builds the gateway: Fastify + Nest, auth before routing, problem+json for every error, one
 * validation pipe for REST and GraphQL, Swagger UI at /docs and GraphiQL at /graphiql (both
 * served from local packages, no CDN).
 */
export async function createApp(config: PonteConfig, logger: Logger): Promise<PonteApp> {
  // Before any route or resolver is set up (see nest-fast-paths.ts).
  const fastPaths = installNestFastPaths();
  const missing = Object.keys(fastPaths).filter((k) => !fastPaths[k as keyof typeof fastPaths]);
  if (missing.length) logger.warn({ missing }, 'Nest internals changed: these run through Nest as they are (nest-fast-paths.ts)');
  if (!toInstanceApplies) {
    logger.warn('class-transformer internals changed: every input goes through plainToInstance as before (to-instance.ts)');
  }
  if (!rememberApolloMimeTypes().installed) {
    logger.warn('whatwg-mimetype internals changed: Apollo parses each Content-Type as before (mime-type-memo.ts)');
  }
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // One log line per request comes from the onResponse hook below, not Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    // request.log is created on first use only (Ponte logs requests and errors itself).
    childLoggerFactory: lazyChildLogger,
    // Ponte has no Nest middleware: without @fastify/middie no request runs its (empty) chain. Adding
    // a middleware (app.use / consumer.apply) means registering @fastify/middie here first.
    skipMiddie: true,
    // Ponte registers @fastify/multipart itself (registerMultipart), with its per-request hooks
    // limited to multipart requests.
    multipart: false,
    // Every route reads at most 1 MiB, counted as it arrives when no Content-Length says it first
    // (a chunked body was buffered up to the largest route's 22 MB before its route's limit applied,
    // on routes that need no key too); a route configured for more gets it (routeBodyLimit).
    bodyLimit: JSON_BODY_LIMIT,
    genReqId: (req: IncomingMessage) => requestIdFromHeaders(req.headers),
    // Fastify's own 503 for a request arriving while the server closes is not a problem document and
    // is not logged: Ponte refuses it in its onRequest hook instead (Lifecycle, `shutting_down`).
    return503OnClosing: false,
    // A request (headers and body) must arrive within 2 minutes — 16 MiB at ~1 Mbit/s — or it is
    // answered 408 and its socket closed: Fastify's default 0 let a client trickling a body hold a
    // connection, and its buffers, forever (on the key-less webhook route too).
    requestTimeout: 120_000,
    // Fastify's own answers to a malformed URL or header echoed the URL, query (a webhook secret) and
    // all, outside the problem format.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const field = error.code === 'FST_ERR_BAD_URL' ? 'url' : 'headers';
      reply.header('x-request-id', request.id);
      sendProblem(reply, request, PonteError.validation([{ field, message: `is not valid (${error.code})` }]));
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 256 },
    // `POST /v1/contacts%3AbatchDelete`: some HTTP clients and code generators percent-encode the colon of
    // a custom method, which the router matches literally. Only the path's `%3A` is decoded.
    rewriteUrl: (req: IncomingMessage) => decodePathColons(req.url ?? '/'),
  });
  // GRAPHQL_VERIFY_LEAVES=1 (the e2e suite): every result's leaves checked against GraphQL's
  // serializers, and its JSON against JSON.stringify's.
  // One registry for the process: the GraphQL executor counts into it too (built before Nest is).
  const metrics = new Metrics();
  const jit = jitExecutorPlugin(graphqlErrorFormatter(logger), { verifyLeaves: process.env.GRAPHQL_VERIFY_LEAVES === '1', metrics });
  // Apollo registers /graphql when the app initializes; its handler gets the fast path in front
  // (graphql-fast-path.ts).
  const routeMethods = new RouteMethods();
  // One store for both transports: a key is the API key's, whichever way the write came.
  const idempotencyStore = new IdempotencyStore();
  const idempotency = idempotencyHooks(idempotencyStore, sendProblem);
  const graphqlIdempotency = idempotencyHooks(idempotencyStore, sendGraphqlProblem);
  adapter.getInstance().addHook('onRoute', (route) => {
    routeMethods.add(route.method, route.url);
    // Writes take an Idempotency-Key (idempotency.ts): hooks on those routes only, so reads run none.
    if (takesIdempotencyKey(route.method, route.url)) {
      route.preHandler = [...[route.preHandler ?? []].flat(), idempotency.preHandler];
      route.onSend = [...[route.onSend ?? []].flat(), idempotency.onSend];
    }
    route.bodyLimit = routeBodyLimit(route) ?? route.bodyLimit ?? JSON_BODY_LIMIT;
    if (route.url === GRAPHQL_PATH && route.handler.name !== 'graphqlHandler') {
      route.handler = jit.wrapHandler(route.handler as ApolloFastifyHandler);
      // Which connections the fields used, in one header (graphql-connections.ts); on this route only.
      // The Idempotency-Key hooks after it, so a kept answer has that header too.
      route.onSend = [...[route.onSend ?? []].flat(), graphqlConnectionHeader, graphqlIdempotency.onSend];
      route.preHandler = [...[route.preHandler ?? []].flat(), graphqlIdempotency.preHandler];
    }
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger, jit, metrics), adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const lifecycle = app.get(Lifecycle);
  // First of the preClose hooks (the event streams' and WebSockets' come at init), whoever closes.
  fastify.addHook('preClose', (done) => {
    lifecycle.close();
    done();
  });
  registerMultipart(fastify);
  registerJsonParser(app);
  const checkApiKey = config.authDisabled ? undefined : apiKeyCheck(app.get(ApiKeyRing));
  const cors = config.cors
    ? corsStep(config.cors, (reply, request, origin) => {
        const detail = `origin ${origin} is not in CORS_ORIGINS, so browsers may not call the gateway from it`;
        sendProblem(reply, request, new PonteError('origin_not_allowed', detail));
      })
    : undefined;
  // One synchronous hook before routing: the request id on every answer (even an early 401 or
  // 413), a declared body over the route's limit or of a type it does not take, and the API key.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    // First: a preflight carries no API key, and every answer below (a 401 too) needs the CORS headers.
    if (cors?.(request, reply)) return;
    // A request on a connection that was busy when the close began (the listener is closed).
    if (lifecycle.closing) {
      (request.routeOptions.url === GRAPHQL_PATH ? sendGraphqlProblem : sendProblem)(reply, request, shuttingDown());
      return;
    }
    // GraphQL's content types are Apollo's to judge (its CSRF check answers the simple ones).
    // (routeOptions is built on each access: only read when a body is refused.)
    let wrongType = bodyTypeNotAccepted(request);
    if (wrongType && request.routeOptions.url === GRAPHQL_PATH) wrongType = undefined;
    const problem = declaredBodyTooLarge(request) ?? wrongType ?? checkApiKey?.(request);
    if (problem) {
      // (routeOptions again: only on this refusal path.)
      (request.routeOptions.url === GRAPHQL_PATH ? sendGraphqlProblem : sendProblem)(reply, request, problem);
      return;
    }
    done();
  });
  const access = accessLogger(logger);
  const accessLine = (request: FastifyRequest, status: number, ms: number | null, cutAtShutdown?: true) => {
    const template = request.routeOptions.url;
    metrics.httpRequest(request.method, template, status, ms === null ? null : ms / 1000);
    access({
      requestId: request.id,
      method: request.method,
      route: template ?? request.url.split('?')[0],
      routeIsTemplate: template !== undefined,
      status,
      ms,
      apiKey: (request as AuthenticatedRequest).ponteApiKey?.name,
      cutAtShutdown,
    });
  };
  fastify.addHook('onResponse', (request, reply, done) => {
    accessLine(request, reply.statusCode, Math.round(reply.elapsedTime * 10) / 10);
    done();
  });
  // A client that hangs up before its answer gets no onResponse: its line has nginx's 499, "client
  // closed request", and no duration (Fastify gives this hook the request only). An event stream's
  // reader hanging up is how a stream ends: its line has the 200 it was sent and how long it was open.
  fastify.addHook('onRequestAbort', (request, done) => {
    const opened = streamOpenedAt(request);
    // (Cut by the shutdown, SHUTDOWN_TIMEOUT_SECONDS: the client did not hang up, the gateway did.)
    if (opened === undefined) accessLine(request, 499, null, lifecycle.cutting || undefined);
    else accessLine(request, 200, Math.round((performance.now() - opened) * 10) / 10);
    done();
  });
  app.useGlobalFilters(new ProblemFilter(logger, routeMethods));
  app.useGlobalPipes(new PonteValidationPipe());
  // No enableShutdownHooks(): main.ts owns SIGTERM/SIGINT and calls app.close(), which runs the shutdown
  // hooks; Nest's own signal handler would re-raise the signal and kill the process mid-shutdown.
  registerGraphiql(fastify);
  const version = packageVersion();
  collectProcessMetrics(metrics, version);
  metrics.collect('ponte_idempotency_keys', 'Idempotency-Key answers kept (at most 10,000, 24 h each).', 'gauge', () => [
    { value: idempotencyStore.size },
  ]);
  registerRoot(fastify, { version, sandbox: config.sandbox });
  const openapi = buildOpenApiDocument(app, version);
  SwaggerModule.setup('docs', app, openapi, {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'Ponte API',
    swaggerOptions: {
      // Swagger UI keeps an entered API key in the browser's localStorage: handy in the sandbox (which
      // needs no key anyway), not something to do with a real one.
      persistAuthorization: config.sandbox === true,
      displayOperationId: true,
      validatorUrl: null,
      tryItOutEnabled: true,
    },
  });
  await app.init();
  return { app, openapi, lifecycle };
}
