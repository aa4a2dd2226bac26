import {
  execute,
  GraphQLError,
  Kind,
  OperationTypeNode,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Metrics } from '../metrics/metrics';
import { leafSerializationMismatches, selectsOnlyPlainTypes, selectsRenamedEnum } from './leaf-check';
import { KnownOperations, withFastPath, type ApolloFastifyHandler, type KnownOperation, type OperationAnswer } from './graphql-fast-path';

type Stringify = (result: { data: unknown }) => string;

export interface Compiled {
  /** graphql-jit's function; none for the operations graphql-js executes (mutations). */
  query?: CompiledQuery;
  /** Built-in scalars and enums written as the resolvers returned them. */
  rawLeaves: boolean;
  /** The operation's own JSON writer (graphql-jit's, from its result shape), when it has one. */
  stringify?: Stringify;
  /** Variables written as a field of an input-object literal (`input: {amount: $a}`), without a default. */
  fieldVariables: string[];
  /** Variables with a default value. */
  defaulted: string[];
  /** The operation's type and root fields (response key → schema field name), for the metrics. */
  operationType: string;
  rootFields: Array<{ key: string; name: string }>;
}

/** The root fields an operation selects, by response key (alias or name); fragments at the root are looked into. */
function rootFieldsOf(operation: OperationDefinitionNode | undefined, document: DocumentNode): Array<{ key: string; name: string }> {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const out: Array<{ key: string; name: string }> = [];
  const visit = (selections: readonly SelectionNode[], seen: Set<string>) => {
    for (const sel of selections) {
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        if (!sel.name.value.startsWith('__') && !out.some((f) => f.key === key)) out.push({ key, name: sel.name.value });
      } else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet.selections, seen);
      else if (!seen.has(sel.name.value)) {
        const fragment = fragments.get(sel.name.value);
        if (fragment) visit(fragment.selectionSet.selections, new Set([...seen, sel.name.value]));
      }
    }
  };
  if (operation) visit(operation.selectionSet.selections, new Set());
  return out;
}

/**
 * The variables an operation writes as fields of input-object literals and gives no default. GraphQL
 * says such a field is absent when its variable is not given (graphql-js leaves it out), but
 * graphql-jit 0.8 passes it as `null` — which an update reads as "clear this field". An operation
 * run without one of these variables is therefore executed by graphql-js instead.
 */
export function inputFieldVariables(document: DocumentNode, operationName: string | undefined): string[] {
  const defaults = new Set(defaultedVariables(document, operationName));
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

function selectedOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | undefined {
  return document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || d.name?.value === operationName),
  );
}

/** The operation's variables that have a default value. */
function defaultedVariables(document: DocumentNode, operationName: string | undefined): string[] {
  const operation = selectedOperation(document, operationName);
  return (operation?.variableDefinitions ?? []).filter((v) => v.defaultValue).map((v) => v.variable.name.value);
}

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/**
 * Whether graphql-js rather than graphql-jit 0.8 runs a request, where they differ:
 * - mutations: jit's serial runner never settles when a later root field's arguments fail to coerce
 *   (the request hung, after the earlier fields had written); a mutation's cost is its platform call;
 * - an input-object field bound to an omitted variable (see `inputFieldVariables`);
 * - a variable with a default, omitted or given as null: jit refuses a non-null one left out (the
 *   spec applies the default), and reads `@include(if: null)` as false where graphql-js says it is wrong.
 */
function needsGraphqlJs(entry: Compiled, variables: Record<string, unknown>): boolean {
  if (!entry.query) return true;
  for (const name of entry.fieldVariables) if (!hasOwn(variables, name)) return true;
  for (const name of entry.defaulted) if (variables[name] == null) return true;
  return false;
}

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
 * Anything the compiler cannot handle falls back to Apollo's own execution; mutations and a few
 * variable forms run on graphql-js here (`needsGraphqlJs`); subscriptions are refused (they run over
 * the WebSocket, graphql-ws.ts).
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
export function jitExecutorPlugin(format: Formatter, options: { verifyLeaves?: boolean; metrics?: Metrics } = {}) {
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled | null>>();

  function compiledFor(ctx: OperationContext): Compiled | null {
    let byOperation = compiled.get(ctx.document);
    if (!byOperation) compiled.set(ctx.document, (byOperation = new Map<string, Compiled | null>()));
    const name = ctx.request.operationName ?? '';
    let entry = byOperation.get(name);
    if (entry === undefined) {
      const operationName = name || undefined;
      const fieldVariables = inputFieldVariables(ctx.document, operationName);
      const defaulted = defaultedVariables(ctx.document, operationName);
      const operation = selectedOperation(ctx.document, operationName);
      const operationType = operation?.operation ?? 'query';
      const rootFields = rootFieldsOf(operation, ctx.document);
      if (operation?.operation === OperationTypeNode.MUTATION) {
        entry = { rawLeaves: false, fieldVariables, defaulted, operationType, rootFields };
        byOperation.set(name, entry);
        return entry;
      }
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
            fieldVariables,
            defaulted,
            operationType,
            rootFields,
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
    const started = performance.now();
    const answered = await executeOperation(op, contextValue, variables);
    if (options.metrics) countFields(options.metrics, op.compiled, answered, (performance.now() - started) / 1000);
    return answered;
  }

  /** Each root field once: `ok`, or the code of the first error on its path (a request error: on every field). */
  function countFields(metrics: Metrics, entry: Compiled, answered: OperationAnswer, seconds: number): void {
    const errors = answered.result.errors;
    for (const { key, name } of entry.rootFields) {
      let outcome = 'ok';
      if (errors) {
        const error = answered.status === 400 ? errors[0] : errors.find((e) => e.path?.[0] === key);
        if (error) outcome = typeof error.extensions?.code === 'string' ? error.extensions.code : 'error';
      }
      metrics.graphqlField(entry.operationType, name, outcome, seconds);
    }
  }

  async function executeOperation(op: KnownOperation, contextValue: unknown, variables: Record<string, unknown>): Promise<OperationAnswer> {
    const { compiled: entry, schema, document, operationName } = op;
    const withGraphqlJs = async () => answer(await execute({ schema, document, operationName, contextValue, variableValues: variables }));
    if (needsGraphqlJs(entry, variables)) return withGraphqlJs();
    const result = (await entry.query!.query(undefined, contextValue, variables)) as ExecutionResult;
    // Refused before anything ran (no data): graphql-js coerces the variables as the spec says and
    // names the variable and path it refuses (jit named `$whatsapp` for `$in.to.whatsapp`).
    if (result.data === undefined && result.errors?.length) return withGraphqlJs();
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
          if (ctx.operation?.operation === 'subscription') {
            // Over HTTP a subscription would answer its first event and end: it runs over the WebSocket (graphql-ws.ts).
            const error = new GraphQLError(
              'Subscriptions run over the WebSocket at /graphql (protocol graphql-transport-ws), not over HTTP',
              {
                extensions: { code: 'BAD_USER_INPUT' },
              },
            );
            return {
              http: { status: 400, headers: new Map<string, string>() },
              body: { kind: 'single', singleResult: { errors: [formatted(error, true)] } },
            };
          }
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
