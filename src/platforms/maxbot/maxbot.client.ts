import { connectionSecrets, type MaxbotConnection } from '../../config/config.types';
import type { CallContext } from '../../common/context/call-context';
import { PonteError } from '../../common/errors/ponte-error';
import { scrubSecrets } from '../../common/errors/secrets';
import type { UpstreamHttp } from '../../common/http/upstream-http';
import type { UpstreamTarget } from '../../common/http/upstream.types';
import type { MaxbotCommand, MaxbotReply, WireParams } from './maxbot.types';

/**
 * The single place a Maxbot `cmd` is sent: injects the token, posts JSON to the connection's one
 * endpoint, and turns the reply into data or a problem. `status: 0` is the platform saying no:
 * `provider_rejected` with its `msg`. Anything that is not a JSON object with a status is the
 * platform failing: `provider_unavailable`.
 */
export class MaxbotClient {
  private readonly target: UpstreamTarget;

  constructor(
    private readonly connection: MaxbotConnection,
    private readonly http: UpstreamHttp,
  ) {
    this.target = {
      connectionId: connection.id,
      provider: 'maxbot',
      timeoutMs: connection.timeoutMs,
      maxSockets: connection.maxSockets,
      secrets: connectionSecrets(connection),
    };
  }

  get timezone(): string {
    return this.connection.timezone;
  }

  async call<R extends MaxbotReply = MaxbotReply>(ctx: CallContext, cmd: MaxbotCommand, params: WireParams = {}): Promise<R> {
    const response = await this.http.send(ctx, this.target, {
      method: 'POST',
      url: this.connection.baseUrl,
      body: { type: 'json', value: { token: this.connection.token, cmd, ...params } },
      // Only reads are retried (once, on a dead pooled socket); a write is never sent twice.
      idempotent: cmd.startsWith('get_'),
      operation: cmd,
    });
    const where = { provider: 'maxbot', connection: this.connection.id };
    if (response.status >= 300) {
      throw new PonteError('provider_unavailable', `Maxbot answered HTTP ${response.status} to ${cmd}`, {
        ...where,
        providerStatus: response.status,
      });
    }
    let reply: unknown;
    try {
      reply = JSON.parse(response.body.toString());
    } catch {
      reply = undefined;
    }
    if (!reply || typeof reply !== 'object' || Array.isArray(reply) || !('status' in reply)) {
      throw new PonteError('provider_unavailable', `Maxbot answered ${cmd} with something that is not a Maxbot reply`, where);
    }
    const { status, msg } = reply as MaxbotReply;
    if (status === 1 || status === '1') return reply as R;
    const message = scrubSecrets(typeof msg === 'string' && msg ? msg : 'no message', this.target.secrets);
    if (status === 0 || status === '0') {
      throw new PonteError('provider_rejected', `Maxbot rejected ${cmd}: ${message}`, { ...where, providerMessage: message });
    }
    throw new PonteError('provider_unavailable', `Maxbot answered ${cmd} with an unknown status`, where);
  }
}

/**
 * A reply's list (`data`, or a record's `notes`): absent or empty is no records; an object of
 * records is read as its values (PHP's json_encode writes an array with gaps in its keys so); anything
 * else — a scalar, a null record — is the platform failing (502), not the gateway (it was a 500).
 */
export function recordsOf<R>(data: R[] | null | undefined, what: string): R[] {
  // Typed as the documented list, but it is whatever the platform sent.
  const value: unknown = data;
  if (value === undefined || value === null || value === '') return [];
  const list: unknown[] | undefined = Array.isArray(value) ? value : typeof value === 'object' ? Object.values(value) : undefined;
  if (!list || list.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) {
    throw new PonteError('provider_unavailable', `Maxbot answered ${what} with a list that is not a list of records`, {
      provider: 'maxbot',
    });
  }
  return list as R[];
}
