import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiKeyRing, type ApiKeyIdentity } from '../common/auth/api-key.hook';
import { GraphqlWsServer } from '../common/graphql/graphql-ws';
import { UpstreamHttp } from '../common/http/upstream-http';
import type { Logger } from '../common/logging/logger';
import { EventsService } from '../events/events.service';
import { PlatformRegistry } from '../platforms/registry';
import { ConfigError, loadConfigFile } from './config.loader';
import type { PonteConfig } from './config.types';

/** What a reload cannot change: the running deliveries and the auth switch are set up once. */
const FIXED: ReadonlyArray<[string, (config: PonteConfig) => unknown]> = [
  ['subscriptions', (c) => c.subscriptions ?? []],
  ['auth', (c) => c.authDisabled],
];

/**
 * Reloads CONNECTIONS_FILE while the gateway runs (SIGHUP): API keys and connections, all or
 * nothing.
 * - A file with any problem changes nothing: the problems are logged, the running configuration stays.
 * - `subscriptions` and `auth` are set up once: a file that changes them is refused as a whole
 *   (restart to apply).
 * - Keys: new ones work at once; a removed key, or one whose digest or connections changed, stops
 *   working at once, and the event streams, subscriptions and GraphQL WebSockets opened with it end.
 * - Connections: added, removed and changed ones take effect for the next call; a call under way
 *   finishes with what it started with. An unchanged connection keeps its adapter (OkeyBot's rate
 *   limiter state) and its sockets; a changed or removed one's pool closes once its calls end.
 * `${VAR}` is read from the environment of the running process, which a reload does not change.
 */
export class ConfigReloader {
  private readonly ring: ApiKeyRing;
  private readonly registry: PlatformRegistry;
  private readonly http: UpstreamHttp;
  private readonly events: EventsService;
  private readonly sockets: GraphqlWsServer;

  constructor(
    app: NestFastifyApplication,
    private readonly file: string,
    private current: PonteConfig,
    private readonly logger: Logger,
  ) {
    this.ring = app.get(ApiKeyRing);
    this.registry = app.get(PlatformRegistry);
    this.http = app.get(UpstreamHttp);
    this.events = app.get(EventsService);
    this.sockets = app.get(GraphqlWsServer);
  }

  /** Answers whether the file was applied. */
  reload(): boolean {
    let next: PonteConfig;
    try {
      next = loadConfigFile(this.file);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.logger.error(
        { file: this.file, problems: err.problems },
        `configuration reload refused: the file has ${err.problems.length} problem(s); the running configuration stays`,
      );
      return false;
    }
    const fixed = FIXED.filter(([, of]) => JSON.stringify(of(next)) !== JSON.stringify(of(this.current))).map(([name]) => name);
    if (fixed.length) {
      this.logger.error(
        { file: this.file, changed: fixed },
        `configuration reload refused: ${fixed.join(' and ')} change only with a restart; the running configuration stays`,
      );
      return false;
    }
    const revokedKeys = this.ring.replace(next.apiKeys);
    const connections = this.registry.replace(next.connections);
    this.http.retire([...connections.removed, ...connections.changed]);
    const stillValid = (apiKey: ApiKeyIdentity) => this.ring.isCurrent(apiKey);
    const readersEnded = this.events.revokeReaders(stillValid) + this.sockets.revoke(stillValid);
    this.current = next;
    this.logger.info({ file: this.file, connections, apiKeys: next.apiKeys.length, revokedKeys, readersEnded }, 'configuration reloaded');
    return true;
  }
}
