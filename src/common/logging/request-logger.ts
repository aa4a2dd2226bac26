import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LogFn } from 'pino';

/**
 * `request.log` for Fastify, created only when something logs through it.
 *
 * Fastify gives every request a child logger bound to its request id (pino's `child()`: a new
 * object and the bindings serialized to JSON — about 1 % of a read's instructions). Ponte writes
 * its access line and its error lines itself, with the request id, so `request.log` is used only on
 * Fastify's own rare paths (a reply sent twice, a client error). This stands in for the child and
 * creates it, with the same bindings, the first time one of its methods is called.
 */
class LazyRequestLogger implements FastifyBaseLogger {
  private created?: FastifyBaseLogger;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get real(): FastifyBaseLogger {
    return (this.created ??= this.parent.child(this.bindings, this.options));
  }

  get level(): string {
    return this.created?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.real.level = level;
  }

  declare fatal: LogFn;
  declare error: LogFn;
  declare warn: LogFn;
  declare info: LogFn;
  declare debug: LogFn;
  declare trace: LogFn;
  declare silent: LogFn;

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.real.child(bindings, options);
  }
}

// The level methods live on the prototype (no closures per request) and forward to the real child.
for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const) {
  Object.defineProperty(LazyRequestLogger.prototype, level, {
    value(this: LazyRequestLogger, ...args: Parameters<LogFn>): void {
      this.real[level](...args);
    },
  });
}

/** Fastify's `childLoggerFactory` option. */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new LazyRequestLogger(logger, bindings, options);
}
