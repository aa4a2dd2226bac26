import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from '../logging/logger';
import type { Lifecycle } from './lifecycle';

export interface ShutdownTiming {
  /** From the signal, how long readiness fails while everything is still served. */
  delayMs: number;
  /** Once the listener is closed, how long the requests in flight get before their connections are cut. */
  timeoutMs: number;
}

/**
 * The gateway's shutdown, from the first SIGTERM/SIGINT:
 * 1. draining, for `delayMs`: `/health/ready` answers 503 and everything else is served as usual, so
 *    a load balancer that polls readiness stops sending before the port closes;
 * 2. closing: the listener and the idle keep-alive connections close, event streams end and WebSockets
 *    close (1001), and the requests in flight finish, for up to `timeoutMs`; then their connections
 *    are cut, and the log says how many;
 * 3. the rest of Nest's shutdown: webhook deliveries, the event store, the platforms' connection pools
 *    (whose calls still in flight end by their own deadline, the connection's timeoutMs).
 *
 * A second signal skips what is left of the delay and cuts the open requests at once; the rest of the
 * shutdown (the event store's flush) still runs. Apollo's drain plugin, which Nest's GraphQL module
 * adds, closes the server too, with its own 10 s cut: it finds the server already closed.
 */
export class GracefulShutdown {
  private started = false;
  private hurried = false;
  private endDelay?: () => void;
  private server?: Server;

  constructor(
    private readonly app: NestFastifyApplication,
    private readonly lifecycle: Lifecycle,
    private readonly logger: Logger,
    private readonly timing: ShutdownTiming,
  ) {}

  /** The signal handler: the first call runs the shutdown (resolving when it is done), later ones hurry it. */
  async onSignal(signal: string): Promise<boolean> {
    if (this.started) {
      this.hurry(signal);
      return false;
    }
    this.started = true;
    const { delayMs, timeoutMs } = this.timing;
    this.logger.info({ signal, delaySeconds: delayMs / 1000, timeoutSeconds: timeoutMs / 1000 }, 'shutting down');
    this.lifecycle.drain();
    if (delayMs > 0 && !this.hurried) {
      await new Promise<void>((done) => {
        const timer = setTimeout(done, delayMs);
        this.endDelay = () => {
          clearTimeout(timer);
          done();
        };
      });
    }
    this.endDelay = undefined;
    this.server = this.app.getHttpServer();
    const cut = setTimeout(() => this.cutOpenRequests(`still running ${timeoutMs / 1000} s after the close began`), timeoutMs);
    const closed = this.app.getHttpAdapter().getInstance().close();
    if (this.hurried) this.cutOpenRequests('a second signal');
    try {
      await closed;
    } finally {
      clearTimeout(cut);
    }
    await this.app.close();
    return true;
  }

  private hurry(signal: string): void {
    if (this.hurried) return;
    this.hurried = true;
    this.logger.warn({ signal }, 'second shutdown signal: closing now');
    if (this.endDelay) this.endDelay();
    else if (this.server) this.cutOpenRequests('a second signal');
  }

  /** Cuts the connections of the requests still in flight (the idle ones are closed already). */
  private cutOpenRequests(why: string): void {
    const server = this.server;
    if (!server) return;
    this.lifecycle.cut();
    server.getConnections((err, count) => {
      if (!err && count > 0) {
        this.logger.warn({ connections: count, why }, 'shutdown: cutting the connections of requests still in flight');
      }
      server.closeAllConnections();
    });
  }
}
