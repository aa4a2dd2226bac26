import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logging/logger';
import { PROBLEM_CODES } from '../errors/ponte-error';

/** Apollo's own request-level codes: all mean the caller sent something invalid. */
const CALLER_ERRORS = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * graphql-js's own errors while coercing a field's or directive's arguments during execution
 * (`Argument "id" of non-null type "String!" must not be null.` — an explicit null for a defaulted
 * variable): the caller's mistake, though they carry no code and no original error.
 */
function isCoercionError(error: unknown): boolean {
  return error instanceof GraphQLError && error.originalError === undefined && /^(Argument|Variable) "/.test(error.message);
}

/**
 * Every GraphQL error leaves with a Ponte `code` in `extensions`: ours pass through (set by the
 * ProblemFilter), Apollo's request errors become `validation_failed`, and anything unforeseen is
 * masked as `internal_error` with an errorId that is also logged.
 */
export function graphqlErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && (code in PROBLEM_CODES || code === 'dry_run')) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const coercion = isCoercionError(error);
    if ((typeof code === 'string' && CALLER_ERRORS.has(code)) || coercion) {
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: 'validation_failed',
          status: 400,
          title: PROBLEM_CODES.validation_failed.title,
          graphqlCode: coercion ? 'BAD_USER_INPUT' : code,
        },
      };
    }
    const errorId = randomUUID();
    logger.error({ err: error, errorId }, 'unexpected GraphQL error');
    return {
      message: `Unexpected error; quote errorId ${errorId} when reporting it`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'internal_error', status: 500, errorId },
    };
  };
}
