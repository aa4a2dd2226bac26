import type { ReplyReader } from './json-list-window';
import type { FormPart } from './multipart';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type UpstreamBody = { type: 'json'; value: unknown } | { type: 'multipart'; parts: FormPart[] };

/** One request to a platform, described before it is sent (so it can also be shown in a dry run). */
export interface UpstreamRequest {
  method: HttpMethod;
  /** Absolute URL, query string included. */
  url: string;
  headers?: Record<string, string>;
  body?: UpstreamBody;
  /** A read: safe to retry once when a pooled keep-alive socket turns out to be dead. Writes never are. */
  idempotent: boolean;
  /** Short label for logs, e.g. `get_contact` or `POST /v1/contact`. */
  operation: string;
  /**
   * Reads a large successful reply (2xx, over the reader's `minBytes` or of undeclared length) as it
   * arrives, instead of buffering it: the response's `body` is then empty and `streamed` is true.
   */
  reader?: ReplyReader;
}

/** Which connection a request belongs to: decides the pool, the timeouts and what to redact. */
export interface UpstreamTarget {
  connectionId: string;
  provider: string;
  timeoutMs: number;
  maxSockets: number;
  /** Credential values: scrubbed from anything shown to callers or logs. */
  secrets: readonly string[];
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The body went to the request's `reader` instead (`body` is empty). */
  streamed?: boolean;
}

/** A request as shown by a dry run: secrets replaced by `[REDACTED]`. */
export interface DescribedRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  form?: Array<{ name: string; value?: string; filename?: string; contentType?: string; size?: number }>;
}

/**
 * Thrown by the HTTP client when the call runs in dry-run mode: carries the request(s) that would
 * have been sent. The transports turn it into the dry-run answer; nothing reached the platform.
 */
export class DryRunInterrupt extends Error {
  constructor(
    readonly connection: string,
    readonly provider: string,
    readonly requests: DescribedRequest[],
  ) {
    super('dry run: nothing was sent');
    this.name = 'DryRunInterrupt';
  }
}
