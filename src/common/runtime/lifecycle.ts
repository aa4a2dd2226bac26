import { PonteError } from '../errors/ponte-error';

/**
 * Where the process is in its life, for what answers differently while it shuts down:
 * - serving: everything as usual;
 * - draining (from the shutdown signal, for SHUTDOWN_DELAY_SECONDS): `/health/ready` fails, so a
 *   load balancer stops sending, while every request, new connections included, is still served;
 * - closing (from the HTTP server's close): the listener is closed and the requests in flight
 *   finish; a request arriving on a connection that was busy when the close began is refused with
 *   `503 shutting_down` (nothing done, so it may be sent again to another instance), and so is a
 *   GraphQL WebSocket handshake;
 * - cutting (SHUTDOWN_TIMEOUT_SECONDS later, or at a second signal): the connections still open are
 *   cut, and their requests' access lines say so.
 */
export class Lifecycle {
  private phase: 'serving' | 'draining' | 'closing' | 'cutting' = 'serving';

  get serving(): boolean {
    return this.phase === 'serving';
  }

  get closing(): boolean {
    return this.phase === 'closing' || this.phase === 'cutting';
  }

  /** Whether the connections still open are being cut by the shutdown (not hung up by their clients). */
  get cutting(): boolean {
    return this.phase === 'cutting';
  }

  drain(): void {
    if (this.phase === 'serving') this.phase = 'draining';
  }

  close(): void {
    if (this.phase !== 'cutting') this.phase = 'closing';
  }

  cut(): void {
    this.phase = 'cutting';
  }
}

/** The refusal of what arrives once the gateway is closing (by default: a request, which was not run). */
export function shuttingDown(
  detail = 'The gateway is shutting down: this request was not run; send it again on a new connection',
): PonteError {
  return new PonteError('shutting_down', detail);
}
