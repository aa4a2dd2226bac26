import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { leafSerializationMismatches, selectsRenamedEnum } from './leaf-check';

interface Compiled {
  query: CompiledQuery;
  /** Built-in scalars and enums written as the resolvers returned them. */
  rawLeaves: boolean;
}

type Formatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** The part of Apollo's request context the executor reads (typed loosely: Apollo ships two builds). */
interface OperationContext {
  document: DocumentNode;
  schema: import('graphql').GraphQLSchema;
  operation?: { operation: string };
  request: { operationName?: string | null; variables?: Record<string, unknown> };
  contextValue: unknown;
}

/**
 * Executes operations with graphql-jit, which compiles each query once into a function instead of
 * interpreting the selection set field by field (a 50-field contact list is several times faster).
 * Apollo still parses, validates and caches documents; this plugin only answers the execution step
 * (`responseForOperation`), so it formats errors itself with the same formatter Apollo uses.
 * Subscriptions and anything the compiler cannot handle fall back to Apollo's own execution.
 *
 * Leaf values (built-in scalars and enums) are written as the resolvers return them, without
 * graphql-jit's per-field serializer call — whose arguments (the field's source location and
 * response path, built on every call in case of an error) were ~9 KB of garbage per contact. This
 * is only done for operations that select no enum whose values differ from their names (checked
 * per operation when it is compiled: `EventType`, `MessageType`) and relies on Ponte's
 * output models holding values of their declared types (strings in String fields, integers in Int
 * fields), which TypeScript types state and `verifyLeaves` checks: with it on (the e2e suite sets
 * `GRAPHQL_VERIFY_LEAVES=1`), every result is walked and each leaf compared with what GraphQL's
 * serializer makes of it, and a difference is answered as an error naming the field.
 */
export function jitExecutorPlugin(format: Formatter, options: { verifyLeaves?: boolean } = {}) {
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled | null>>();

  function compiledFor(ctx: OperationContext): Compiled | null {
    let byOperation = compiled.get(ctx.document);
    if (!byOperation) compiled.set(ctx.document, (byOperation = new Map<string, Compiled | null>()));
    const name = ctx.request.operationName ?? '';
    let entry = byOperation.get(name);
    if (entry === undefined) {
      const rawLeaves = !selectsRenamedEnum(ctx.schema, ctx.document, name || undefined);
      const result = compileQuery(ctx.schema, ctx.document, name || undefined, {
        disablingCapturingStackErrors: true,
        disableLeafSerialization: rawLeaves,
      });
      entry = isCompiledQuery(result) ? { query: result, rawLeaves } : null;
      byOperation.set(name, entry);
    }
    return entry;
  }

  /** graphql-jit wraps a resolver's GraphQLError; its `extensions` (the Ponte problem) must survive. */
  function formatted(error: GraphQLError, requestError: boolean): GraphQLFormattedError {
    const original = error.originalError instanceof GraphQLError ? error.originalError : undefined;
    const json = error.toJSON();
    const extensions = { ...original?.extensions, ...json.extensions, ...(requestError ? { code: 'BAD_USER_INPUT' } : {}) };
    return format({ ...json, extensions }, original ?? error);
  }

  return {
    requestDidStart() {
      return Promise.resolve({
        async responseForOperation(ctx: OperationContext) {
          if (ctx.operation?.operation === 'subscription') return null;
          const entry = compiledFor(ctx);
          if (!entry) return null;
          const result = (await entry.query.query(undefined, ctx.contextValue, ctx.request.variables ?? {})) as ExecutionResult;
          if (options.verifyLeaves && entry.rawLeaves && result.data) {
            const mismatches = leafSerializationMismatches(ctx.schema, ctx.document, ctx.request.operationName ?? undefined, result.data);
            if (mismatches.length) {
              const message = `leaf values not of their GraphQL type: ${mismatches.join('; ')}`;
              result.errors = [...(result.errors ?? []), new GraphQLError(message, { extensions: { code: 'LEAF_TYPE_MISMATCH' } })];
            }
          }
          // No data at all means the variables were refused before execution: a request error (400).
          const requestError = result.data === undefined && Boolean(result.errors?.length);
          return {
            http: { status: requestError ? 400 : undefined, headers: new Map<string, string>() },
            body: {
              kind: 'single',
              singleResult: {
                ...(result.data !== undefined ? { data: result.data } : {}),
                ...(result.errors?.length ? { errors: result.errors.map((e) => formatted(e, requestError)) } : {}),
              },
            },
          };
        },
      });
    },
  };
}
