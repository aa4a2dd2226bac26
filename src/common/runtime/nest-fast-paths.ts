import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { ExternalContextCreator } from '@nestjs/core/helpers/external-context-creator.js';
import { ObjectTypeDefinitionFactory } from '@nestjs/graphql/dist/schema-builder/factories/object-type-definition.factory.js';
import { ParamsTokenFactory } from '@nestjs/core/pipes/params-token-factory.js';
import { STATIC_CONTEXT } from '@nestjs/core/injector/constants.js';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { markRejectedByPipes } from '@nestjs/core/router/rejected-by-pipes.js';
import { RouterProxy } from '@nestjs/core/router/router-proxy.js';
import { RouterExecutionContext } from '@nestjs/core/router/router-execution-context.js';
import { isStreamingBody } from '@nestjs/core/router/streaming-body.js';
import { isObservable } from 'rxjs';

/**
 * Two places where Nest does per-request work whose result Ponte's requests never need, replaced
 * by code that gives the same answers without it. Both depend on Nest internals, so
 * `installNestFastPaths()` checks them first and leaves Nest as it is where they are not as
 * expected (and says so); `test/e2e/nest-fast-paths.e2e.spec.ts` runs Nest's own and the
 * replacements on the same inputs and fails if they differ or no longer apply.
 *
 * 1. Parameter pipes (`syncPipes`). Nest runs the pipes of a handler's parameters (`@Query()`,
 *    `@Body()`, `@Param()`, custom decorators such as `@Call()`) through several async functions
 *    per parameter and a `Promise.all` per call, even when every pipe answers synchronously — as
 *    Ponte's all do (validation is synchronous by design, see validation.pipe.ts). On a read that
 *    is ~10 promises, their microtask hops and ~4 KB of garbage per request, on every REST route
 *    and every GraphQL resolver. The `createPipesFn` of Nest's two context creators (REST routes;
 *    GraphQL resolvers) is replaced by one that runs the same pipes, in the same order, with the
 *    same arguments, synchronously for as long as they answer synchronously. A pipe that returns a
 *    promise (or a custom decorator that yields one) switches that parameter — and every later one
 *    — to the async path, so async pipes keep working. Nest's callers get what they already
 *    handle: REST accepts `undefined` for "nothing pending" (its own path for non-pipeable
 *    parameters), GraphQL awaits whatever comes back. A sync throw is caught by the same
 *    try/catch as a rejection (REST: marked as rejected by pipes, then the exception filters;
 *    GraphQL: a rejection of the resolver). Differences, none observable for Ponte: when an
 *    extractor throws (Nest's built-in ones do not), the other parameters' pipes are not started;
 *    when a pipe throws synchronously, later parameters' pipes are not run (Nest starts them and
 *    reports the first failure in parameter order, as here); pipes of different parameters do not
 *    interleave (each parameter's run in order, as in Nest).
 *
 * 2. The streaming-body check (`streamingBodyCheck`). Before sending a handler's result, Nest's
 *    `pickStreamingBody` asks `isPlainObject(result)` — two `Function.prototype.toString` calls,
 *    ~5,000 instructions, ~1 % of a read — and only then whether the handler produced any stream,
 *    which it almost never does. With no stream from the handler its answer can only be the
 *    result itself if that is a stream, else nothing; that is answered directly, and Nest's own
 *    method runs in every other case.
 *
 * 3. Routes without guards, interceptors or SSE (`leanRoutes`: all of Ponte's but the uploads).
 *    Nest's route handler passes every call through its interceptor machinery even when there is
 *    no interceptor: two more async functions, each returning a promise from a promise (two
 *    microtask hops apiece) and a closure per request. For such routes the handler here does what
 *    Nest's does in that case, in the same order — status and `@Header()`s set, the pipes (a
 *    failure marks the request as rejected by pipes, as Nest does, and is rethrown), the method
 *    called and its result awaited, then the reply: a plain result (not a stream, not an
 *    Observable) on a route without `@Res()` (passthrough allowed), redirect or render goes to the adapter's `reply()`,
 *    which is all Nest's response function does with it after three more async steps; anything
 *    else goes to Nest's own response function (the same one Nest would call). Any route
 *    with a guard, an interceptor, SSE, or a request-scoped controller gets Nest's handler as is.
 *    Nest then wraps the handler in its router proxy, one more async function whose only work is
 *    to catch what the handler throws and hand it to the exception filters; for a lean handler the
 *    proxy is the same handler with that catch inside it (`RouterProxy.createProxy`, same filters,
 *    same `ExecutionContextHost`, same `return res`). And the adapter's `reply()` answers the
 *    Fastify reply, a thenable that resolves at once when the response has been written and
 *    otherwise when it finishes: it is awaited only when the response has not been written yet.
 *
 * 4. Plain GraphQL fields (`plainFields`). Nest gives every field of a code-first object type a
 *    resolver, `root => root[property] ?? defaultValue` (strictly: `undefined` → the field's
 *    `defaultValue`). A field with a resolver cannot be read inline by graphql-jit: it calls it
 *    through a resolve-info object, a closure and an error wrapper per field per object — a
 *    50-field contact cost ~12 KB of garbage and most of a GraphQL read's execution. Where that
 *    resolver can only return what GraphQL's own default would (no `defaultValue`, no field
 *    middleware, the property named as the field), the field gets no resolver. Fields with a
 *    `defaultValue`, middleware or another name, and `@ResolveField()`s, keep theirs. (GraphQL's
 *    default resolver would call a property that is a function; Ponte's output objects are data.)
 */

interface ParamOptions {
  index: number;
  type: number | string;
  data: ArgumentMetadata['data'];
  metatype: ArgumentMetadata['metatype'];
  schema?: unknown;
  pipes: PipeTransform[];
  extractValue: (...args: unknown[]) => unknown;
}

type PipeMetadata = ArgumentMetadata;

interface Param {
  index: number;
  extractValue: (...args: unknown[]) => unknown;
  /** False for what Nest never runs pipes on (request, response, headers, …). */
  pipeable: boolean;
  pipes: PipeTransform[];
  type: ArgumentMetadata['type'];
  metatype: ArgumentMetadata['metatype'];
  data: ArgumentMetadata['data'];
  schema?: unknown;
}

type CreatePipesFn = (pipes: PipeTransform[], paramsOptions: ParamOptions[]) => unknown;

const tokens = new ParamsTokenFactory();

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';

function metadataOf(param: Param): PipeMetadata {
  return { metatype: param.metatype, type: param.type, data: param.data, schema: param.schema } as PipeMetadata;
}

/** The rest of one parameter's pipes, from `from` on, once one of them (or its value) was a promise. */
async function finishAsync(args: unknown[], param: Param, pending: unknown, from: number, metadata: PipeMetadata): Promise<void> {
  let value = await pending;
  for (let i = from; i < param.pipes.length; i++) value = await param.pipes[i].transform(value, metadata);
  args[param.index] = value;
}

/**
 * Extracts every parameter (in order, as Nest does), then runs the pipes parameter by parameter.
 * Returns undefined when all ran synchronously, else a promise for the ones still running.
 */
function runParams(params: Param[], args: unknown[], sources: unknown[]): Promise<unknown> | undefined {
  for (let p = 0; p < params.length; p++) args[params[p].index] = params[p].extractValue(...sources);
  let pending: Promise<void>[] | undefined;
  for (let p = 0; p < params.length; p++) {
    const param = params[p];
    if (!param.pipeable) continue;
    let value = args[param.index];
    if (param.pipes.length === 0 && !isThenable(value)) continue;
    const metadata = metadataOf(param);
    if (pending || isThenable(value)) {
      (pending ??= []).push(finishAsync(args, param, value, 0, metadata));
      continue;
    }
    let i = 0;
    while (i < param.pipes.length && !isThenable(value)) value = param.pipes[i++].transform(value, metadata);
    if (isThenable(value)) (pending ??= []).push(finishAsync(args, param, value, i, metadata));
    else args[param.index] = value;
  }
  return pending && Promise.all(pending);
}

function routerCreatePipesFn(this: { isPipeable(type: unknown): boolean }, pipes: PipeTransform[], paramsOptions: ParamOptions[]) {
  if (!paramsOptions.length) return null;
  const params = paramsOptions.map((o) => {
    const pipeable = this.isPipeable(o.type);
    return toParam(o, pipeable ? pipes.concat(o.pipes) : [], pipeable);
  });
  return (args: unknown[], req: unknown, res: unknown, next: unknown) => runParams(params, args, [req, res, next]);
}

/** GraphQL resolvers: every parameter goes through the pipes (Nest's external context has no isPipeable). */
function externalCreatePipesFn(pipes: PipeTransform[], paramsOptions: ParamOptions[]) {
  if (!paramsOptions.length) return null;
  const params = paramsOptions.map((o) => toParam(o, pipes.concat(o.pipes), true));
  return (args: unknown[], ...sources: unknown[]) => runParams(params, args, sources);
}

function toParam(o: ParamOptions, pipes: PipeTransform[], pipeable: boolean): Param {
  return {
    index: o.index,
    extractValue: o.extractValue,
    pipeable,
    pipes,
    type: tokens.exchangeEnumForString(o.type as never),
    metatype: o.metatype,
    data: o.data,
    schema: o.schema,
  };
}

type PickStreamingBody = (this: unknown, result: unknown, handlerStreams: unknown[]) => unknown;

function fastPickStreamingBody(nest: PickStreamingBody): PickStreamingBody {
  return function (result, handlerStreams) {
    if (handlerStreams.length === 0) return isStreamingBody(result) ? result : undefined;
    return nest.call(this, result, handlerStreams);
  };
}

interface HandlerMetadata {
  argsLength: number;
  fnHandleResponse: (
    result: unknown,
    res: unknown,
    req: unknown,
    handlerObservable: undefined,
    handlerStreams: unknown[],
  ) => Promise<unknown>;
  isSseHandler: boolean;
  paramtypes: unknown[] | undefined;
  getParamsMetadata: (moduleKey: string, contextId: unknown, inquirerId: unknown) => ParamOptions[];
  httpStatusCode: number;
  hasCustomHeaders: boolean;
  responseHeaders: unknown[];
}

/** The parts of Nest's RouterExecutionContext the lean handler uses (checked before installing). */
interface RouterContext {
  getMetadata(instance: object, callback: unknown, methodName: string, moduleKey: string, method: unknown, type: 'http'): HandlerMetadata;
  guardsContextCreator: { create(...a: unknown[]): unknown[] };
  interceptorsContextCreator: { create(...a: unknown[]): unknown[] };
  pipesContextCreator: { create(...a: unknown[]): PipeTransform[] };
  contextUtils: {
    mergeParamsMetatypes(params: ParamOptions[], paramtypes: unknown[] | undefined): ParamOptions[];
    warnOnMissingParamtypes(instance: object, methodName: string, paramtypes: unknown, pipes: unknown, params: unknown): void;
  };
  isPipeable(type: unknown): boolean;
  createPipesFn(pipes: PipeTransform[], params: ParamOptions[]): ((...a: unknown[]) => Promise<unknown> | undefined) | null;
  responseController: { setStatus(res: unknown, code: number): void; setHeaders(res: unknown, headers: unknown[]): void };
  isResponseHandled(instance: object, methodName: string, params: ParamOptions[]): boolean;
  reflectRedirect(callback: unknown): unknown;
  reflectRenderTemplate(callback: unknown): unknown;
  applicationRef: { reply(res: unknown, body: unknown, statusCode: number | undefined): unknown };
}

type RouteHandler = (req: unknown, res: unknown, next: unknown) => Promise<unknown>;
type Create = (
  this: RouterContext,
  instance: object,
  callback: (...args: unknown[]) => unknown,
  methodName: string,
  moduleKey: string,
  requestMethod: unknown,
  contextId?: unknown,
  inquirerId?: unknown,
) => RouteHandler;

/** How many route handlers each way (set up at startup; the equivalence probe reads it). */
export const routeHandlers = { lean: 0, nest: 0, proxied: 0 };

interface ExceptionsHandler {
  next(exception: unknown, host: ExecutionContextHost): void;
}

/** A lean handler → the same handler with Nest's router-proxy catch inside (see 3. above). */
const leanProxies = new WeakMap<RouteHandler, (exceptions: ExceptionsHandler) => RouteHandler>();

/** Fastify's reply once the response is written (awaiting it would only resolve, a few microtasks later). */
const isWrittenReply = (value: unknown): boolean => isThenable(value) && (value as { sent?: unknown }).sent === true;

function leanCreate(nest: Create): Create {
  return function (instance, callback, methodName, moduleKey, requestMethod, contextId = STATIC_CONTEXT, inquirerId) {
    const args: Parameters<Create> = [instance, callback, methodName, moduleKey, requestMethod, contextId, inquirerId];
    const asNest = () => {
      routeHandlers.nest++;
      return nest.apply(this, args);
    };
    if (contextId !== STATIC_CONTEXT) return asNest();
    const meta = this.getMetadata(instance, callback, methodName, moduleKey, requestMethod, 'http');
    const guards = this.guardsContextCreator.create(instance, callback, moduleKey, contextId, inquirerId);
    const interceptors = this.interceptorsContextCreator.create(instance, callback, moduleKey, contextId, inquirerId);
    if (guards.length > 0 || interceptors.length > 0 || meta.isSseHandler) return asNest();
    const params = this.contextUtils.mergeParamsMetatypes(meta.getParamsMetadata(moduleKey, contextId, inquirerId), meta.paramtypes);
    const pipes = this.pipesContextCreator.create(instance, callback, moduleKey, contextId, inquirerId);
    const pipeable = params.filter(({ type }) => this.isPipeable(type));
    this.contextUtils.warnOnMissingParamtypes(instance, methodName, meta.paramtypes, pipes, pipeable);
    const applyPipes = this.createPipesFn(pipes, params);
    const { argsLength, fnHandleResponse, httpStatusCode, hasCustomHeaders, responseHeaders } = meta;
    const response = this.responseController;
    // Nest's response function, for a result that is neither a stream nor an Observable on a route
    // that neither hands the response to the method (@Res) nor redirects or renders, ends in the
    // adapter's reply(res, result) and nothing else: that call is made directly.
    const replies =
      !this.isResponseHandled(instance, methodName, params) && !this.reflectRedirect(callback) && !this.reflectRenderTemplate(callback);
    const adapter = this.applicationRef;
    routeHandlers.lean++;
    // Without `exceptions`, the handler Nest's router proxy wraps; with them, that proxy itself
    // (RouterProxy.createProxy's catch in the same async function: same filters, same host, same `return res`).
    const make =
      (exceptions?: ExceptionsHandler): RouteHandler =>
      async (req, res, next) => {
        try {
          const args: unknown[] = new Array<unknown>(argsLength).fill(undefined);
          response.setStatus(res, httpStatusCode);
          if (hasCustomHeaders) response.setHeaders(res, responseHeaders);
          try {
            const pending = applyPipes && applyPipes(args, req, res, next);
            if (pending) await pending;
          } catch (err) {
            markRejectedByPipes(req);
            throw err;
          }
          const result: unknown = await callback.apply(instance, args);
          // No status here, as in Nest's own call: it was set before the method ran, which may have changed it (@Res passthrough).
          if (replies && !isObservable(result) && !isStreamingBody(result)) {
            const reply = adapter.reply(res, result, undefined);
            if (!isWrittenReply(reply)) await reply;
          } else await fnHandleResponse(result, res, req, undefined, []);
        } catch (e) {
          if (!exceptions) throw e;
          exceptions.next(e, new ExecutionContextHost([req, res, next]));
          return res;
        }
      };
    const handle = make();
    leanProxies.set(handle, make);
    return handle;
  };
}

type CreateProxy = (this: unknown, target: RouteHandler, exceptions: ExceptionsHandler) => RouteHandler;

function leanProxy(nest: CreateProxy): CreateProxy {
  return function (target, exceptions) {
    const merged = leanProxies.get(target);
    if (!merged) return nest.call(this, target, exceptions);
    routeHandlers.proxied++;
    return merged(exceptions);
  };
}

interface FieldMetadata {
  name: string;
  schemaName: string;
  options?: { defaultValue?: unknown };
  middleware?: unknown[];
}
type CreateFieldResolver = (this: unknown, field: FieldMetadata, options: { fieldMiddleware?: unknown[] }) => unknown;

function plainFieldResolver(nest: CreateFieldResolver): CreateFieldResolver {
  return function (field, options) {
    const middleware = (options.fieldMiddleware?.length ?? 0) + (field.middleware?.length ?? 0);
    if (middleware === 0 && field.options?.defaultValue === undefined && field.name === field.schemaName) return undefined;
    return nest.call(this, field, options);
  };
}

export interface NestFastPaths {
  syncPipes: boolean;
  streamingBodyCheck: boolean;
  leanRoutes: boolean;
  /** The router proxy around a lean handler merged into it (only with leanRoutes). */
  leanProxy: boolean;
  plainFields: boolean;
}

let installed: NestFastPaths | undefined;

/** Installs the replacements once; each is false (and that part of Nest untouched) if Nest's internals are not as expected. */
export function installNestFastPaths(): NestFastPaths {
  if (installed) return installed;
  const router = RouterExecutionContext.prototype as unknown as Record<string, unknown>;
  const external = ExternalContextCreator.prototype as unknown as Record<string, unknown>;
  const fits = (fn: unknown, arity: number) => typeof fn === 'function' && fn.length === arity;
  installed = {
    syncPipes: fits(router.createPipesFn, 2) && fits(router.isPipeable, 1) && fits(external.createPipesFn, 2),
    streamingBodyCheck: fits(router.pickStreamingBody, 2) && typeof isStreamingBody === 'function',
    leanRoutes:
      fits(router.create, 5) &&
      fits(router.getMetadata, 6) &&
      fits(router.createPipesFn, 2) &&
      fits(router.isResponseHandled, 3) &&
      fits(router.reflectRedirect, 1) &&
      fits(router.reflectRenderTemplate, 1) &&
      typeof markRejectedByPipes === 'function' &&
      typeof STATIC_CONTEXT === 'object',
    leanProxy: false,
    plainFields: fits((ObjectTypeDefinitionFactory.prototype as unknown as Record<string, unknown>).createFieldResolver, 2),
  };
  if (installed.syncPipes) {
    router.createPipesFn = routerCreatePipesFn as CreatePipesFn;
    external.createPipesFn = externalCreatePipesFn as CreatePipesFn;
  }
  if (installed.streamingBodyCheck) router.pickStreamingBody = fastPickStreamingBody(router.pickStreamingBody as PickStreamingBody);
  if (installed.leanRoutes) router.create = leanCreate(router.create as Create);
  const proxy = RouterProxy.prototype as unknown as Record<string, unknown>;
  installed.leanProxy = installed.leanRoutes && fits(proxy.createProxy, 2) && typeof ExecutionContextHost === 'function';
  if (installed.leanProxy) proxy.createProxy = leanProxy(proxy.createProxy as CreateProxy);
  if (installed.plainFields) {
    const objectTypes = ObjectTypeDefinitionFactory.prototype as unknown as Record<string, unknown>;
    objectTypes.createFieldResolver = plainFieldResolver(objectTypes.createFieldResolver as CreateFieldResolver);
  }
  return installed;
}
