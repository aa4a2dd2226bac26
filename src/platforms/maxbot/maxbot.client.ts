import { connectionSecrets, type MaxbotConnection } from '../../config/config.types';
import type { CallContext } from '../../common/context/call-context';
import { PonteError } from '../../common/errors/ponte-error';
import { scrubSecrets } from '../../common/errors/secrets';
import type { UpstreamHttp } from '../../common/http/upstream-http';
import { JsonListWindow, type ReplyReader } from '../../common/http/json-list-window';
import type { UpstreamResponse, UpstreamTarget } from '../../common/http/upstream.types';
import { pageOfWindow, pageWindow, type Page } from '../../common/pagination/page';
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
    const response = this.succeeded(cmd, await this.post(ctx, cmd, params));
    return this.accepted<R>(cmd, parsed(response.body));
  }

  /**
   * One page of a list Maxbot answers whole under `data` (every match at once: it has no paging).
   * The cursor is checked first: a bad one costs no call. A large reply is read as it arrives and
   * only the page's records are kept ({@link JsonListWindow}): a `get_prot` of a busy month, every
   * message of every protocol included, runs to tens of megabytes. A small one is parsed whole,
   * which costs less than the scan. (Adapters `return await` it: returning the promise itself from
   * an async method would cost the hot path two more microtask jobs.)
   */
  async listPage<R, T>(
    ctx: CallContext,
    cmd: MaxbotCommand,
    params: WireParams,
    args: { limit?: number; cursor?: string },
    map: (record: R) => T,
  ): Promise<Page<T>> {
    const page = pageWindow(args);
    const end = page.offset + page.limit;
    const reader = new JsonListWindow('data', page.offset, end);
    const response = this.succeeded(cmd, await this.post(ctx, cmd, params, reader));
    if (!response.streamed) {
      const all = recordsOf<R>(this.accepted<MaxbotReply & { data?: R[] }>(cmd, parsed(response.body)).data, cmd);
      return pageOfWindow(all.slice(page.offset, end), all.length, page, map, args);
    }
    const found = reader.finish();
    const reply = this.accepted<MaxbotReply & { data?: R[] }>(cmd, found?.reply);
    if (found?.allRecords === false) throw notRecords(cmd);
    const records = recordsOf<R>(reply.data, cmd);
    return pageOfWindow(records, found?.total ?? records.length, page, map, args);
  }

  private post(ctx: CallContext, cmd: MaxbotCommand, params: WireParams, reader?: ReplyReader): Promise<UpstreamResponse> {
    return this.http.send(ctx, this.target, {
      method: 'POST',
      url: this.connection.baseUrl,
      body: { type: 'json', value: { token: this.connection.token, cmd, ...params } },
      // Only reads are retried (once, on a dead pooled socket); a write is never sent twice.
      idempotent: cmd.startsWith('get_'),
      operation: cmd,
      reader,
    });
  }

  /** An HTTP error status is the platform failing, whatever the body says. */
  private succeeded(cmd: MaxbotCommand, response: UpstreamResponse): UpstreamResponse {
    if (response.status >= 300) {
      throw new PonteError('provider_unavailable', `Maxbot answered HTTP ${response.status} to ${cmd}`, {
        ...this.where,
        providerStatus: response.status,
      });
    }
    return response;
  }

  private get where() {
    return { provider: 'maxbot', connection: this.connection.id };
  }

  /** The reply when Maxbot said yes (`status: 1`); its no as `provider_rejected`, anything else as `provider_unavailable`. */
  private accepted<R extends MaxbotReply>(cmd: MaxbotCommand, reply: unknown): R {
    if (!reply || typeof reply !== 'object' || Array.isArray(reply) || !('status' in reply)) {
      throw new PonteError('provider_unavailable', `Maxbot answered ${cmd} with something that is not a Maxbot reply`, this.where);
    }
    const { status, msg } = reply as MaxbotReply;
    if (status === 1 || status === '1') return reply as R;
    const message = scrubSecrets(typeof msg === 'string' && msg ? msg : 'no message', this.target.secrets);
    if (status === 0 || status === '0') {
      throw new PonteError('provider_rejected', `Maxbot rejected ${cmd}: ${message}`, { ...this.where, providerMessage: message });
    }
    throw new PonteError('provider_unavailable', `Maxbot answered ${cmd} with an unknown status`, this.where);
  }
}

function parsed(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString());
  } catch {
    return undefined;
  }
}

function notRecords(what: string): PonteError {
  return new PonteError('provider_unavailable', `Maxbot answered ${what} with a list that is not a list of records`, {
    provider: 'maxbot',
  });
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
  if (!list || list.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) throw notRecords(what);
  return list as R[];
}
