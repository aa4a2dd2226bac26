import type { ConnectionConfig, Platform } from '../config/config.types';
import type { MediaFetcher } from '../common/http/safe-fetch';
import type { UpstreamHttp } from '../common/http/upstream-http';
import type { Logger } from '../common/logging/logger';
import type { OperationName, Ports } from './operations';

/** An adapter instance serves one connection; the methods it defines are its capabilities. */
export interface PlatformAdapter extends Ports {
  readonly connection: ConnectionConfig;
}

export interface AdapterDeps {
  http: UpstreamHttp;
  logger: Logger;
  /** Fetches caller-given media URLs safely, for platforms that take uploads only. */
  media: MediaFetcher;
}

/** A documented webhook payload of a platform, shown as an OpenAPI example. */
export interface WebhookExample {
  summary: string;
  value: unknown;
}

export interface AdapterClass {
  readonly platform: Platform;
  /** Platforms that receive webhooks: their documented payloads, by example name. */
  readonly webhookExamples?: Record<string, WebhookExample>;
  /**
   * For operations the platform lacks but can get at another way: what to do instead, said in the
   * 501 `unsupported_operation` answer after "To " (Maxbot reads no single contact, but filters the list).
   */
  readonly instead?: Partial<Record<OperationName, string>>;
  new (connection: never, deps: AdapterDeps): PlatformAdapter;
  readonly prototype: object;
}
