import type { ChatguruConnection } from '../../config/config.types';
import { retryAfterSeconds } from '../../common/http/retry-after';
import type { CallContext } from '../../common/context/call-context';
import { PonteError, type ProblemExtras } from '../../common/errors/ponte-error';
import { scrubSecrets } from '../../common/errors/secrets';
import type { UpstreamHttp } from '../../common/http/upstream-http';
import type { UpstreamResponse, UpstreamTarget } from '../../common/http/upstream.types';
import type { ChatguruAction, ChatguruParams, ChatguruReply } from './chatguru.types';

/** Actions that only read: safe to retry once on a dead pooled socket. Writes never are. */
const READS: ReadonlySet<ChatguruAction> = new Set(['message_status', 'chat_add_status']);

/**
 * One query-string pair. encodeURIComponent, not URLSearchParams: a space is `%20` and a `+` is
 * `%2B`, so a `+` in a text (or a key) can never be read back as a space, and `&`, `=`, `#` and
 * accents all travel as bytes of the value.
 */
export function queryPair(name: string, value: string): string {
  return `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** `"code": 201` or `"code": "201"` → 201; anything else → undefined. */
function numericCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{3}$/.test(value.trim())) return Number(value);
  return undefined;
}

/**
 * The single place a ChatGuru action is sent: `POST {baseUrl}?key=…&account_id=…&phone_id=…&action=…&…`
 * with no body (chatguru.txt puts every parameter in the URL), and the `{code, result,
 * description}` reply turned into data or a problem:
 *
 * - `result: "success"` (and no `code` ≥ 400) → the reply.
 * - `code` (or HTTP status) 401 → `provider_auth_failed` (502): the connection's key, account_id or
 *   phone_id is wrong, which the caller cannot fix; never a 401, which would blame the caller's key.
 * - 404 → `not_found` (an unknown message or registration id).
 * - 429 → `rate_limited` (the doc names no limit; honoured if the platform sends one).
 * - 5xx → `provider_unavailable`, with the description when there is one.
 * - any other refusal (`result` not "success", `code` ≥ 400, 403 included: e.g. "Adicionar Chats"
 *   not enabled on the account) → `provider_rejected` (422) with the description.
 * - a body that is not a ChatGuru JSON reply → `provider_unavailable`; refused and timeouts come
 *   from UpstreamHttp.
 *
 * The key travels in the URL, URL-encoded: both forms are secrets, so dry runs, problems and logs
 * show `key=[REDACTED]`.
 */
export class ChatguruClient {
  private readonly target: UpstreamTarget;
  private readonly where: ProblemExtras;

  constructor(
    private readonly connection: ChatguruConnection,
    private readonly http: UpstreamHttp,
  ) {
    const encoded = encodeURIComponent(connection.key);
    this.target = {
      connectionId: connection.id,
      provider: 'chatguru',
      timeoutMs: connection.timeoutMs,
      maxSockets: connection.maxSockets,
      // The raw key (echoed in a message) and its URL-encoded form (in the URL of a dry run).
      secrets: encoded === connection.key ? [connection.key] : [connection.key, encoded],
    };
    this.where = { provider: 'chatguru', connection: connection.id };
  }

  get timezone(): string {
    return this.connection.timezone;
  }

  async call<R extends ChatguruReply>(ctx: CallContext, action: ChatguruAction, params: ChatguruParams): Promise<R> {
    const query: ChatguruParams = [
      ['key', this.connection.key],
      ['account_id', this.connection.accountId],
      ['phone_id', this.connection.phoneId],
      ['action', action],
      ...params,
    ];
    const base = this.connection.baseUrl;
    const response = await this.http.send(ctx, this.target, {
      method: 'POST',
      url: `${base}${base.includes('?') ? '&' : '?'}${query.map(([k, v]) => queryPair(k, v)).join('&')}`,
      idempotent: READS.has(action),
      operation: action,
    });
    return this.interpret<R>(response, action);
  }

  private interpret<R>(response: UpstreamResponse, action: ChatguruAction): R {
    const { status } = response;
    const reply = parseJson(response.body);
    const isReply = !!reply && typeof reply === 'object' && !Array.isArray(reply) && ('result' in reply || 'code' in reply);
    if (!isReply) {
      const extras = { ...this.where, providerStatus: status };
      if (status === 401) throw this.authFailed(action, ': HTTP 401', extras);
      if (status === 429) throw this.rateLimited(response, action, extras);
      const what = status >= 200 && status < 300 ? 'with something that is not a ChatGuru reply' : `HTTP ${status}`;
      throw new PonteError('provider_unavailable', `ChatGuru answered ${action} ${what}`, extras);
    }
    const { result, description } = reply as ChatguruReply;
    const code = numericCode((reply as ChatguruReply).code);
    if (status >= 200 && status < 300 && result === 'success' && (code === undefined || code < 400)) return reply as R;

    const message =
      typeof description === 'string' && description.trim() !== '' ? scrubSecrets(description, this.target.secrets) : undefined;
    const extras: ProblemExtras = {
      ...this.where,
      providerStatus: status,
      ...(code !== undefined ? { providerCode: code } : {}),
      ...(message ? { providerMessage: message } : {}),
    };
    const said = message ? `: ${message}` : typeof result === 'string' ? ` (result "${result}")` : '';
    // The reply's own code says more than the HTTP status (a platform may answer 200 with code 400).
    const failure = code !== undefined && code >= 400 ? code : status;
    if (failure === 401) throw this.authFailed(action, said, extras);
    if (failure === 404) throw new PonteError('not_found', `ChatGuru found nothing for ${action}${said}`, extras);
    if (failure === 429) throw this.rateLimited(response, action, extras);
    if (failure >= 500) throw new PonteError('provider_unavailable', `ChatGuru failed ${action} (${failure})${said}`, extras);
    throw new PonteError('provider_rejected', `ChatGuru refused ${action}${said}`, extras);
  }

  private authFailed(action: ChatguruAction, said: string, extras: ProblemExtras): PonteError {
    return new PonteError(
      'provider_auth_failed',
      `ChatGuru refused the credentials of connection "${this.connection.id}" (${action}${said}): fix key, accountId or phoneId in the connections file`,
      extras,
    );
  }

  private rateLimited(response: UpstreamResponse, action: ChatguruAction, extras: ProblemExtras): PonteError {
    const retryAfter = retryAfterSeconds(response.headers['retry-after']);
    return new PonteError('rate_limited', `ChatGuru refused ${action}: too many requests on connection "${this.connection.id}"`, {
      ...extras,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }
}
