import type { ConnectionConfig, Platform } from '../config/config.types';
import type { UpstreamHttp } from '../common/http/upstream-http';
import type { Logger } from '../common/logging/logger';
import type { Ports } from './operations';

/** An adapter instance serves one connection; the methods it defines are its capabilities. */
export interface PlatformAdapter extends Ports {
  readonly connection: ConnectionConfig;
}

export interface AdapterDeps {
  http: UpstreamHttp;
  logger: Logger;
}

export interface AdapterClass {
  readonly platform: Platform;
  new (connection: never, deps: AdapterDeps): PlatformAdapter;
  readonly prototype: object;
}
