import { PLATFORMS, PLATFORM_NAMES, type ConnectionConfig, type Platform, type PonteConfig } from '../config/config.types';
import type { CallContext } from '../common/context/call-context';
import { PonteError } from '../common/errors/ponte-error';
import { MediaFetcher } from '../common/http/safe-fetch';
import type { UpstreamHttp } from '../common/http/upstream-http';
import type { Logger } from '../common/logging/logger';
import type { PlatformAdapter, WebhookExample } from './adapter';
import { ADAPTERS } from './adapters';
import { OPERATIONS, type OperationName, type Ports } from './operations';

/** Operations a platform's adapter implements (static: read off the adapter class). */
export function platformOperations(platform: Platform): OperationName[] {
  const adapter = ADAPTERS[platform];
  if (!adapter) return [];
  return OPERATIONS.filter((op) => typeof (adapter.prototype as Record<string, unknown>)[op] === 'function');
}

/** Platforms able to do `op`: the `x-ponte-platforms` list in the docs. */
export function platformsSupporting(op: OperationName): Platform[] {
  return PLATFORMS.filter((p) => platformOperations(p).includes(op));
}

/** The documented webhook payloads of every platform that has webhooks (OpenAPI examples). */
export function webhookExamples(): Record<string, WebhookExample> {
  return Object.assign({}, ...PLATFORMS.map((p) => ADAPTERS[p]?.webhookExamples ?? {})) as Record<string, WebhookExample>;
}

export interface ResolvedOperation<O extends OperationName> {
  connection: ConnectionConfig;
  adapter: Required<Pick<Ports, O>>;
}

interface Entry {
  connection: ConnectionConfig;
  adapter: PlatformAdapter;
  operations: ReadonlySet<OperationName>;
  /** What resolve() hands out for this connection (one frozen object, not one per call). */
  resolved: ResolvedOperation<OperationName>;
}

/**
 * The one answer to "which connection can do operation X". Built at startup from the configured
 * connections and the adapter classes; every 501, the /v1/connections listing and the
 * capabilities in the docs come from here.
 */
export class PlatformRegistry {
  private entries: Entry[] = [];
  private byId = new Map<string, Entry>();
  private unnamedNoKey = new Map<OperationName, Entry>();
  private unnamedByKey = new WeakMap<NonNullable<CallContext['apiKey']>, Map<OperationName, Entry>>();

  constructor(
    config: PonteConfig,
    private readonly http: UpstreamHttp,
    private readonly logger: Logger,
    private readonly media = new MediaFetcher(config.mediaFetchAllowList),
  ) {
    this.replace(config.connections);
  }

  /**
   * Puts these connections in place of the ones held (at startup, and on a configuration reload).
   * A connection whose configuration is unchanged keeps its adapter, and with it its state (OkeyBot's
   * rate limiter); a call already under way goes on with the adapter it resolved. Answers which ids
   * were added, removed and changed.
   */
  replace(connections: readonly ConnectionConfig[]): { added: string[]; removed: string[]; changed: string[] } {
    const before = this.byId;
    const same = (a: ConnectionConfig, b: ConnectionConfig) => JSON.stringify(a) === JSON.stringify(b);
    this.entries = connections.map((connection) => {
      const old = before.get(connection.id);
      return old && same(old.connection, connection) ? old : this.entry(connection);
    });
    this.byId = new Map(this.entries.map((e) => [e.connection.id, e]));
    // The default connection per (key, operation) is chosen again.
    this.unnamedNoKey = new Map();
    this.unnamedByKey = new WeakMap();
    const ids = connections.map((c) => c.id);
    return {
      added: ids.filter((id) => !before.has(id)),
      removed: [...before.keys()].filter((id) => !this.byId.has(id)),
      changed: ids.filter((id) => before.has(id) && before.get(id) !== this.byId.get(id)),
    };
  }

  private entry(connection: ConnectionConfig): Entry {
    const AdapterClass = ADAPTERS[connection.provider];
    const adapter = AdapterClass
      ? new AdapterClass(connection as never, {
          http: this.http,
          logger: this.logger.child({ connection: connection.id }),
          media: this.media,
        })
      : ({ connection } as PlatformAdapter);
    const resolved = Object.freeze({ connection, adapter: adapter as unknown as ResolvedOperation<OperationName>['adapter'] });
    return { connection, adapter, operations: new Set(platformOperations(connection.provider)), resolved };
  }

  connections(): readonly ConnectionConfig[] {
    return this.entries.map((e) => e.connection);
  }

  operationsOf(connectionId: string): OperationName[] {
    const entry = this.byId.get(connectionId);
    return entry ? OPERATIONS.filter((op) => entry.operations.has(op)) : [];
  }

  adapterOf(connectionId: string): PlatformAdapter | undefined {
    return this.byId.get(connectionId)?.adapter;
  }

  /** Connections (allowed for this caller) that can do `op`. */
  connectionsFor(op: OperationName, ctx?: CallContext): string[] {
    return this.allowed(ctx)
      .filter((e) => e.operations.has(op))
      .map((e) => e.connection.id);
  }

  /** Picks the connection for a call: the named one, else the default, else the first able. */
  resolve<O extends OperationName>(op: O, ctx: CallContext): ResolvedOperation<O> {
    const resolved = ctx.connectionId !== undefined ? this.namedFor(op, ctx, ctx.connectionId) : this.unnamed(op, ctx);
    // REST answers name the connection that served them (see CallContext.reply).
    ctx.reply?.header('x-connection', resolved.connection.id);
    return resolved as unknown as ResolvedOperation<O>;
  }

  /** A connection the caller names: 400 when it is not configured, 403 when the API key may not use it. */
  named(ctx: CallContext, connectionId: string): ConnectionConfig {
    return this.usable(ctx, connectionId).connection;
  }

  private usable(ctx: CallContext, connectionId: string): Entry {
    const entry = this.byId.get(connectionId);
    if (!entry) {
      // Only the connections this key may use: a restricted key learns nothing about the others.
      const allowed = ctx.apiKey?.connections;
      const ids = this.entries.map((e) => e.connection.id).filter((id) => !allowed || allowed.includes(id));
      const listed = allowed ? `connections this API key may use: ${ids.join(', ') || 'none'}` : `configured: ${ids.join(', ')}`;
      throw PonteError.validation(
        [{ field: 'connection', message: `"${connectionId}" is not a configured connection (${listed})` }],
        `Unknown connection "${connectionId}" (X-Connection header or connection argument)`,
      );
    }
    if (ctx.apiKey?.connections && !ctx.apiKey.connections.includes(entry.connection.id)) {
      throw new PonteError('forbidden', `API key "${ctx.apiKey.name}" may not use connection "${entry.connection.id}"`, {
        connection: entry.connection.id,
      });
    }
    return entry;
  }

  private namedFor(op: OperationName, ctx: CallContext, connectionId: string): ResolvedOperation<OperationName> {
    const entry = this.usable(ctx, connectionId);
    if (!entry.operations.has(op)) {
      const able = this.connectionsFor(op, ctx);
      const instead = ADAPTERS[entry.connection.provider]?.instead?.[op];
      throw new PonteError(
        'unsupported_operation',
        `${PLATFORM_NAMES[entry.connection.provider]} (connection "${entry.connection.id}") cannot do ${op}` +
          (able.length
            ? `; connections that can: ${able.join(', ')}`
            : ctx.apiKey?.connections
              ? '; no connection this API key may use can'
              : '; no configured connection can') +
          (instead ? `. To ${instead}` : ''),
        { connection: entry.connection.id, provider: entry.connection.provider, operation: op, connections: able },
      );
    }
    return entry.resolved;
  }

  /**
   * No connection named: the default among those the key may use and that can do `op`, else the
   * first of them. The choice is made once per (API key, operation) — on every call it is one map
   * lookup — and again after a configuration reload.
   */
  private unnamed(op: OperationName, ctx: CallContext): ResolvedOperation<OperationName> {
    const key = ctx.apiKey;
    let byOp = key ? this.unnamedByKey.get(key) : this.unnamedNoKey;
    if (!byOp) {
      byOp = new Map();
      this.unnamedByKey.set(key!, byOp);
    }
    let chosen = byOp.get(op);
    if (!chosen) {
      const candidates = this.allowed(ctx).filter((e) => e.operations.has(op));
      chosen = candidates.find((e) => e.connection.default) ?? candidates[0];
      if (!chosen) {
        // Configured, but not for this key: the key's limit is what stands in the way (403), not the platforms.
        const elsewhere = this.entries.filter((e) => e.operations.has(op)).map((e) => e.connection.id);
        if (key?.connections && elsewhere.length > 0) {
          throw new PonteError(
            'forbidden',
            `API key "${key.name}" may not use a connection that can do ${op} (its connections: ${key.connections.join(', ')})`,
            { operation: op },
          );
        }
        throw new PonteError('unsupported_operation', `No configured connection can do ${op}`, {
          operation: op,
          connections: [],
          platforms: platformsSupporting(op),
        });
      }
      byOp.set(op, chosen);
    }
    return chosen.resolved;
  }

  private allowed(ctx?: CallContext): Entry[] {
    const only = ctx?.apiKey?.connections;
    return only ? this.entries.filter((e) => only.includes(e.connection.id)) : this.entries;
  }
}
