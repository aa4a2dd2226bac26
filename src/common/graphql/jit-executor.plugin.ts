import {
  execute,
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { leafSerializationMismatches, selectsOnlyPlainTypes, selectsRenamedEnum } from './leaf-check';
import { KnownOperations, withFastPath, type ApolloFastifyHandler, type KnownOperation, type OperationAnswer } from './graphql-fast-path';

type Stringify = (result: { data: unknown }) => string;

export interface Compiled {
  query: CompiledQuery;
  /** Built-in scalars and enums written as the resolvers returned them. */
  rawLeaves: boolean;
  /** The operation's own JSON writer (graphql-jit's, from its result shape), when it has one. */
  stringify?: Stringify;
  /** Variables written as a field of an input-object literal (`input: {amount: $a}`), without a default. */
  fieldVariables: string[];
}

/**
 * The variables an operation writes as fields of input-object literals and gives no default. GraphQL
 * says such a field is absent when its variable is not given (graphql-js leaves it out), but
 * graphql-jit 0.8 passes it as `null` — which an update reads as "clear this field". An operation
 * run without one of these variables is therefore executed by graphql-js instead.
 */
export function inputFieldVariables(document: DocumentNode, operationName: string | undefined): string[] {
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || d.name?.value === operationName),
  );
  const defaults = new Set<string>();
  if (operation?.kind === Kind.OPERATION_DEFINITION) {
    for (const v of operation.variableDefinitions ?? []) if (v.defaultValue) defaults.add(v.variable.name.value);
  }
  const names = new Set<string>();
  // The whole document: fragments may carry arguments too; a name of another operation only costs
  // that operation's requests the graphql-js path when they omit it.
  visit(document, {
    ObjectField(node) {
      if (node.value.kind === Kind.VARIABLE && !defaults.has(node.value.name.value)) names.add(node.value.name.value);
    },
  });
  return [...names];
}

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

type Formatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** The part of Apollo's request context the executor reads (typed loosely: Apollo ships two builds). */
export interface OperationContext {
  document: DocumentNode;
  schema: import('graphql').GraphQLSchema;
  operation?: { operation: string };
  request: { query?: string; operationName?: string | null; variables?: Record<string, unknown> };
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
 *
 * Results are written to JSON by the operation's own writer where it has one: graphql-jit builds it
 * (fast-json-stringify) from the operation's result shape, for operations that select only object
 * types, built-in scalars and enums (`selectsOnlyPlainTypes`; it would merge an abstract type's
 * possible types and knows no custom scalar). It writes the same text as `JSON.stringify` for ~70 %
 * of its instructions (net of flattening the rope it returns, BENCHMARKS.md step 31); with
 * `verifyLeaves` every such result is written both ways and compared. Apollo calls it through
 * `stringifyResult`, which must be given to Apollo together with `plugin`.
 */
export function jitExecutorPlugin(format: Formatter, options: { verifyLeaves?: boolean } = {}) {
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled | null>>();

  function compiledFor(ctx: OperationContext): Compiled | null {
    let byOperation = compiled.get(ctx.document);
    if (!byOperation) compiled.set(ctx.document, (byOperation = new Map<string, Compiled | null>()));
    const name = ctx.request.operationName ?? '';
    let entry = byOperation.get(name);
    if (entry === undefined) {
      const operationName = name || undefined;
      const rawLeaves = !selectsRenamedEnum(ctx.schema, ctx.document, operationName);
      const compile = (customJSONSerializer: boolean) =>
        compileQuery(ctx.schema, ctx.document, operationName, {
          disablingCapturingStackErrors: true,
          disableLeafSerialization: rawLeaves,
          customJSONSerializer,
        });
      let ownWriter = selectsOnlyPlainTypes(ctx.schema, ctx.document, operationName);
      let result = compile(ownWriter);
      if (ownWriter && !isCompiledQuery(result)) {
        ownWriter = false;
        result = compile(false);
      }
      entry = isCompiledQuery(result)
        ? {
            query: result,
            rawLeaves,
            stringify: ownWriter ? (result.stringify as Stringify) : undefined,
            fieldVariables: inputFieldVariables(ctx.document, operationName),
          }
        : null;
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

  /** Results of operations with their own JSON writer, by their `data` object (what Apollo hands back). */
  const writers = new WeakMap<object, Stringify>();

  /**
   * Apollo's `stringifyResult`: `JSON.stringify(result) + '\n'` as Apollo's default, except that a
   * result this executor produced for an operation with its own writer (no errors, no extensions)
   * is written by that writer; with `verifyLeaves`, both are compared and a difference is answered
   * as an error naming it.
   */
  function stringifyResult(value: FormattedExecutionResult): string {
    const data = value.data;
    const writer = data && value.errors === undefined && value.extensions === undefined ? writers.get(data) : undefined;
    if (writer) {
      let text: string | undefined;
      try {
        text = writer({ data });
      } catch {
        // A value the writer refuses (outside its declared types): JSON.stringify writes it as before.
      }
      if (text !== undefined && options.verifyLeaves && text !== JSON.stringify(value)) {
        const message = `the operation's JSON writer wrote ${text}, JSON.stringify ${JSON.stringify(value)}`;
        return `${JSON.stringify({ errors: [{ message, extensions: { code: 'JSON_WRITER_MISMATCH' } }], data })}\n`;
      }
      if (text !== undefined) return `${text}\n`;
    }
    return `${JSON.stringify(value)}\n`;
  }

  /**
   * Runs a compiled operation: the answer Apollo would send for it, before its `willSendResponse`
   * hooks. No data at all means the variables were refused before execution: a request error (400).
   */
  async function run(op: KnownOperation, contextValue: unknown, variables: Record<string, unknown>): Promise<OperationAnswer> {
    const { compiled: entry, schema, document, operationName } = op;
    if (entry.fieldVariables.some((name) => !hasOwn(variables, name))) {
      const result = await execute({ schema, document, operationName, contextValue, variableValues: variables });
      return answer(result);
    }
    const result = (await entry.query.query(undefined, contextValue, variables)) as ExecutionResult;
    if (options.verifyLeaves && entry.rawLeaves && result.data) {
      const mismatches = leafSerializationMismatches(schema, document, operationName, result.data);
      if (mismatches.length) {
        const message = `leaf values not of their GraphQL type: ${mismatches.join('; ')}`;
        result.errors = [...(result.errors ?? []), new GraphQLError(message, { extensions: { code: 'LEAF_TYPE_MISMATCH' } })];
      }
    }
    if (entry.stringify && result.data && !result.errors?.length) writers.set(result.data, entry.stringify);
    return answer(result);
  }

  function answer(result: ExecutionResult): OperationAnswer {
    const requestError = result.data === undefined && Boolean(result.errors?.length);
    return {
      status: requestError ? 400 : undefined,
      result: {
        ...(result.data !== undefined ? { data: result.data } : {}),
        ...(result.errors?.length ? { errors: result.errors.map((e) => formatted(e, requestError)) } : {}),
      },
    };
  }

  const known = new KnownOperations();

  const plugin = {
    requestDidStart() {
      return Promise.resolve({
        async responseForOperation(ctx: OperationContext) {
          if (ctx.operation?.operation === 'subscription') return null;
          const compiled = compiledFor(ctx);
          if (!compiled) return null;
          const op: KnownOperation = {
            compiled,
            schema: ctx.schema,
            document: ctx.document,
            operationName: ctx.request.operationName ?? undefined,
          };
          known.remember(ctx, op);
          const answer = await run(op, ctx.contextValue, ctx.request.variables ?? {});
          return {
            http: { status: answer.status, headers: new Map<string, string>() },
            body: { kind: 'single', singleResult: answer.result },
          };
        },
      });
    },
  };

  /**
   * Wraps Apollo's Fastify handler for `/graphql` with the fast path (graphql-fast-path.ts): an
   * operation Apollo has already accepted is answered without its request pipeline.
   */
  const wrapHandler = <H extends ApolloFastifyHandler>(apollo: H): H =>
    withFastPath(apollo, { known, run, stringifyResult, format: (err) => formatted(err, false) });
  return { plugin, stringifyResult, wrapHandler };
}

export type JitExecutor = ReturnType<typeof jitExecutorPlugin>;
