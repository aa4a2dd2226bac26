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
   * Where the answer names the connection that served the call, set when the connection is chosen
   * (so platform errors carry it too): REST, the HTTP reply's `X-Connection` header; GraphQL, the
   * request's record of connections, which the GraphQL route writes as one `X-Connection` listing
   * them all (graphql-connections.ts). Absent for the gateway's own calls (status checks).
   */
  reply?: { header(name: string, value: string): unknown };
}

export function internalContext(requestId = 'internal'): CallContext {
  return { requestId, dryRun: false };
}
