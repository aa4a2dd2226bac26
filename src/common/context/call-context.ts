/** What a single gateway call carries from the transport (REST or GraphQL) down to the adapter. */
export interface CallContext {
  /** Correlates logs, problems and upstream calls. */
  requestId: string;
  /** Connection named by the caller (`X-Connection` or the GraphQL `connection` argument). */
  connectionId?: string;
  /** `Prefer: dry-run`: describe the upstream request(s) instead of sending them. */
  dryRun: boolean;
  /** The API key that authenticated the call (absent when auth is disabled). */
  apiKey?: { name: string; connections?: string[] };
  /**
   * REST only: the HTTP answer, which says in its `X-Connection` header which connection served the
   * call (set when the connection is chosen, so platform errors carry it too). GraphQL answers many
   * fields at once, each maybe on another connection, and leaves it out.
   */
  reply?: { header(name: string, value: string): unknown };
}

export function internalContext(requestId = 'internal'): CallContext {
  return { requestId, dryRun: false };
}
