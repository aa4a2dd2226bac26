/**
 * Domain errors. Every failure Ponte reports carries one of these codes; the HTTP and GraphQL
 * transports map them to RFC 9457 problems and GraphQL `extensions.code` respectively.
 * Kept free of framework imports so mappers, adapters and simulators can use it anywhere.
 */
export const PROBLEM_CODES = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  unauthorized: { status: 401, title: 'Missing or invalid API key' },
  webhook_unauthorized: { status: 401, title: 'Missing or invalid webhook secret' },
  forbidden: { status: 403, title: 'This API key may not use this connection' },
  origin_not_allowed: { status: 403, title: 'This origin may not call the gateway from a browser' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  idempotency_key_in_use: { status: 409, title: 'A request with this Idempotency-Key is still running' },
  payload_too_large: { status: 413, title: 'Request body too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  idempotency_key_reused: { status: 422, title: 'This Idempotency-Key was used for another request' },
  unsupported_field: { status: 422, title: "A field cannot be carried by the connection's platform" },
  provider_rejected: { status: 422, title: 'The platform rejected the request' },
  rate_limited: { status: 429, title: 'Too many requests for this connection' },
  stream_quota_reached: { status: 429, title: 'This API key has as many event streams open as it may' },
  internal_error: { status: 500, title: 'Internal error' },
  unsupported_operation: { status: 501, title: "The connection's platform cannot do this operation" },
  provider_unavailable: { status: 502, title: 'The platform could not be reached or answered badly' },
  provider_auth_failed: { status: 502, title: "The platform refused the gateway's credentials" },
  provider_timeout: { status: 504, title: 'The platform did not answer in time' },
  media_unavailable: { status: 502, title: 'The media URL could not be fetched' },
  stream_limit_reached: { status: 503, title: 'The gateway has as many event streams open as it takes' },
  events_dropped: { status: 410, title: 'The gateway no longer holds events the reader was not given yet' },
  shutting_down: { status: 503, title: 'The gateway is shutting down' },
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** One invalid input: `field` is a dotted path (`to.whatsapp`, `ids[2]`) or a parameter name. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemExtras {
  errors?: FieldError[];
  /** Platform that answered (or failed to), e.g. `maxbot`. */
  provider?: string;
  /** Connection used for the call. */
  connection?: string;
  /** For `unsupported_operation`: the connections that can do the operation. */
  connections?: string[];
  /** The platform's own message, secrets removed. */
  providerMessage?: string;
  /** Seconds, for `rate_limited`. */
  retryAfter?: number;
  [key: string]: unknown;
}

export class PonteError extends Error {
  readonly status: number;

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
    status?: number,
  ) {
    super(detail);
    this.name = 'PonteError';
    this.status = status ?? PROBLEM_CODES[code].status;
  }

  static validation(errors: FieldError[], detail?: string): PonteError {
    const summary = detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return new PonteError('validation_failed', summary, { errors });
  }
}

/**
 * A call whose `id` is a REST path parameter, made for a GraphQL argument of another name
 * (`contactId`, `protocolId`): a validation problem about `id` names that argument instead, so a
 * GraphQL caller reads the name it sent.
 */
export async function namingIdAs<T>(argument: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    const errors = err instanceof PonteError && err.code === 'validation_failed' ? err.extras.errors : undefined;
    if (!errors?.some((e) => e.field === 'id')) throw err;
    const renamed = errors.map((e) => (e.field === 'id' ? { ...e, field: argument } : e));
    const summary = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw PonteError.validation(renamed, (err as PonteError).detail === summary ? undefined : (err as PonteError).detail);
  }
}
