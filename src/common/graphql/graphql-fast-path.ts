import type { DocumentNode, FormattedExecutionResult, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { GraphQLError } from 'graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Compiled, OperationContext } from './jit-executor.plugin';

/** An operation Apollo parsed, validated and resolved, compiled by graphql-jit. */
export interface KnownOperation {
  compiled: Compiled;
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | undefined;
}

/** What Apollo answers for an operation before its `willSendResponse` hooks. */
export interface OperationAnswer {
  status: number | undefined;
  result: FormattedExecutionResult;
}

export type ApolloFastifyHandler = (this: unknown, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Query texts remembered; a longer text always goes through Apollo. */
const MAX_TEXTS = 500;
const MAX_QUERY_CHARS = 20_000;

/**
 * Operations Apollo has run through the jit executor, by query text and operation name. The text
 * is the key on purpose: Apollo's own document cache is keyed by a hash of it, and the same text
 * always parses to the same document, which the schema (fixed at startup) validates the same way.
 *
 * Only operations run with Nest's default GraphQL context (`{ req }`, the Fastify request) are
 * remembered: the fast path builds that context itself, so a context with anything more in it (a
 * `context` option added to GraphQLModule) turns the fast path off for good.
 */
export class KnownOperations {
  private readonly byText = new Map<string, Map<string | null, KnownOperation>>();
  private contextIsDefault = true;

  remember(ctx: OperationContext, op: KnownOperation): void {
    const text = ctx.request.query;
    if (typeof text !== 'string' || text.length > MAX_QUERY_CHARS || !this.contextIsDefault) return;
    if (ctx.operation?.operation !== 'query' && ctx.operation?.operation !== 'mutation') return;
    if (!isDefaultContext(ctx.contextValue)) {
      this.contextIsDefault = false;
      this.byText.clear();
      return;
    }
    let byName = this.byText.get(text);
    if (!byName) {
      // First in, first out: the texts clients send are few and fixed; a client generating texts
      // just cycles the oldest out.
      if (this.byText.size >= MAX_TEXTS) this.byText.delete(this.byText.keys().next().value as string);
      this.byText.set(text, (byName = new Map<string | null, KnownOperation>()));
    }
    byName.set(ctx.request.operationName ?? null, op);
  }

  find(text: string, operationName: string | null): KnownOperation | undefined {
    return this.byText.get(text)?.get(operationName);
  }
}

function isDefaultContext(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'req';
}

/**
 * The Content-Type Apollo answers a single result with, for the Accept values clients commonly send
 * (Apollo's `chooseContentTypeForSingleResultResponse` negotiates; these are its answers). Any other
 * Accept goes through Apollo.
 */
const JSON_UTF8 = 'application/json; charset=utf-8';
const ANSWER_TYPES = new Map<string | undefined, string>([
  [undefined, JSON_UTF8],
  ['*/*', JSON_UTF8],
  ['application/json', JSON_UTF8],
  [JSON_UTF8, JSON_UTF8],
  ['application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
]);

/** Request Content-Types Apollo's CSRF check lets through and Fastify parses as JSON. */
const JSON_REQUEST_TYPES = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

interface GraphqlBody {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

interface FastPathParts {
  known: KnownOperations;
  run: (op: KnownOperation, contextValue: unknown, variables: Record<string, unknown>) => Promise<OperationAnswer>;
  stringifyResult: (value: FormattedExecutionResult) => string;
  format: (error: GraphQLError) => GraphQLFormattedError;
}

/**
 * The GraphQL fast path. Apollo's request pipeline costs more than executing a cached, compiled
 * operation: ~60k instructions of a ~530k GraphQL read (plugin hooks run with a `Promise.all`
 * each, a header map built from the request, the body re-checked, the document looked up by hash,
 * the Accept header negotiated). Once Apollo has accepted an operation — parsed, validated,
 * resolved its operation name, and run it through the jit executor — a later request with the
 * same query text and operation name is answered here, by the same compiled operation, error
 * formatter and JSON writer, with the status and Content-Type Apollo would give it.
 *
 * Only the plain case takes the fast path: POST, a JSON Content-Type, an Accept from
 * `ANSWER_TYPES`, a body with a string `query`, an optional string `operationName` and optional
 * object `variables`, and no `extensions` (persisted queries are Apollo's). Everything else —
 * GET, the first request for a text, batches, anything malformed, subscriptions — goes to
 * Apollo as before, and so do all request errors (parse, validation, unknown operation name).
 * What this skips is Apollo's plugin hooks: Ponte's plugins (the jit executor, the disabled
 * cache-control/tracing/reporting ones) and Nest's (the HTTP-status preservation, applied here;
 * the request-lifecycle hooks, which Ponte does not use) have nothing else to do for these.
 * `GRAPHQL_FAST_PATH=0` turns it off.
 */
export function withFastPath<H extends ApolloFastifyHandler>(apollo: H, parts: FastPathParts): H {
  if (process.env.GRAPHQL_FAST_PATH === '0') return apollo;
  const { known, run, stringifyResult, format } = parts;

  function operationFor(request: FastifyRequest): { op: KnownOperation; variables: Record<string, unknown> } | undefined {
    if (request.method !== 'POST') return undefined;
    const contentType = request.headers['content-type'];
    if (contentType === undefined || !JSON_REQUEST_TYPES.has(contentType.toLowerCase())) return undefined;
    if (!ANSWER_TYPES.has(request.headers.accept)) return undefined;
    const body = request.body as GraphqlBody | null;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
    const { query, operationName, variables } = body;
    if (typeof query !== 'string' || body.extensions !== undefined) return undefined;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
    const op = known.find(query, operationName ?? null);
    return op && { op, variables: (variables ?? {}) as Record<string, unknown> };
  }

  async function answer(
    op: KnownOperation,
    variables: Record<string, unknown>,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<string> {
    let status: number | undefined;
    let result: FormattedExecutionResult;
    try {
      ({ status, result } = await run(op, { req: request }, variables));
    } catch (err) {
      // Where Apollo would answer a failing executor with a 500 and the formatted error.
      const error =
        err instanceof GraphQLError
          ? err
          : new GraphQLError(err instanceof Error ? err.message : String(err), { originalError: err as Error });
      status = 500;
      result = { errors: [format(error)] };
    }
    // Nest's driver resets the status of any answer with `data` to 200 (its preserve-HTTP-status plugin).
    if ('data' in result) status = 200;
    void reply.header('content-type', ANSWER_TYPES.get(request.headers.accept));
    void reply.code(status ?? 200);
    // Apollo writes errors first, then data, then extensions.
    return stringifyResult({ errors: result.errors, data: result.data, extensions: result.extensions });
  }

  const handler = function graphqlHandler(this: unknown, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const found = operationFor(request);
    return found ? answer(found.op, found.variables, request, reply) : apollo.call(this, request, reply);
  };
  return handler as H;
}
