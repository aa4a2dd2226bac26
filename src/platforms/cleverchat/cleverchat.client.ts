import type { CleverchatConnection } from '../../config/config.types';
import { retryAfterSeconds } from '../../common/http/retry-after';
import type { CallContext } from '../../common/context/call-context';
import { PonteError, type ProblemExtras } from '../../common/errors/ponte-error';
import { scrubSecrets } from '../../common/errors/secrets';
import type { UpstreamHttp } from '../../common/http/upstream-http';
import type { UpstreamBody, UpstreamResponse, UpstreamTarget } from '../../common/http/upstream.types';
import { CLEVERCHAT_SEND_PATH, type CleverchatReply } from './cleverchat.types';

const OPERATION = `POST ${CLEVERCHAT_SEND_PATH}`;
/** Seconds to wait after a 429 without Retry-After (the doc states no limit). */
const DEFAULT_RETRY_AFTER = 60;

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

/** The message of a `{"error": ...}` / `{"message": ...}` / `{"mensagem": ...}` reply. */
function messageOf(reply: unknown): string | undefined {
  if (!reply || typeof reply !== 'object' || Array.isArray(reply)) return undefined;
  const r = reply as CleverchatReply;
  const found = [r.error, r.message, r.mensagem].find((m) => typeof m === 'string' && m.trim() !== '');
  return found as string | undefined;
}

/**
 * The single place a CleverChat call is made: `POST {baseUrl}/api/messages/send` with
 * `Authorization: Bearer {token}` (the token "cadastrado na conexão"), a JSON or multipart body,
 * and the reply turned into success or a problem. The doc shows no reply, so:
 *
 * - any 2xx whose body is empty or JSON is a success (no message id is documented);
 * - a 2xx body that is not JSON → `provider_unavailable` (502), saying the message may have gone;
 * - 401/403 → `provider_auth_failed` (502): the gateway's token is wrong, the caller cannot fix it;
 * - 404 without a message → `provider_unavailable` (wrong `baseUrl`); 429 → `rate_limited`;
 * - another 4xx with a message → `provider_rejected` (422) with it; 5xx or no message → 502.
 * Refused connections and timeouts come from UpstreamHttp (502, 504). Writes are never retried.
 */
export class CleverchatClient {
  private readonly target: UpstreamTarget;
  private readonly where: ProblemExtras;

  constructor(
    private readonly connection: CleverchatConnection,
    private readonly http: UpstreamHttp,
  ) {
    this.target = {
      connectionId: connection.id,
      provider: 'cleverchat',
      timeoutMs: connection.timeoutMs,
      maxSockets: connection.maxSockets,
      secrets: [connection.token],
    };
    this.where = { provider: 'cleverchat', connection: connection.id };
  }

  async send(ctx: CallContext, body: UpstreamBody): Promise<void> {
    const response = await this.http.send(ctx, this.target, {
      method: 'POST',
      url: `${this.connection.baseUrl}${CLEVERCHAT_SEND_PATH}`,
      headers: { authorization: `Bearer ${this.connection.token}` },
      body,
      idempotent: false,
      operation: OPERATION,
    });
    this.interpret(response);
  }

  private interpret(response: UpstreamResponse): void {
    const { status } = response;
    const parsed = response.body.length === 0 ? ({ ok: true, value: undefined } as const) : parseJson(response.body);
    const raw = parsed.ok ? messageOf(parsed.value) : undefined;
    const message = raw === undefined ? undefined : scrubSecrets(raw, this.target.secrets);
    const extras: ProblemExtras = { ...this.where, providerStatus: status, ...(message ? { providerMessage: message } : {}) };
    const said = message ? `: ${message}` : '';
    if (status >= 200 && status < 300) {
      if (parsed.ok) return;
      throw new PonteError(
        'provider_unavailable',
        `CleverChat answered ${OPERATION} with something that is not JSON (HTTP ${status}); the message may have been sent`,
        extras,
      );
    }
    switch (status) {
      case 401:
      case 403:
        throw new PonteError(
          'provider_auth_failed',
          `CleverChat refused the token of connection "${this.connection.id}" (HTTP ${status}${said}): the gateway's CleverChat token is wrong; fix token in the connections file`,
          extras,
        );
      case 429: {
        const retryAfter = retryAfterSeconds(response.headers['retry-after']) ?? DEFAULT_RETRY_AFTER;
        throw new PonteError('rate_limited', `CleverChat refused ${OPERATION}: too many requests on connection "${this.connection.id}"`, {
          ...extras,
          retryAfter,
        });
      }
      default:
        if (status < 500 && message)
          throw new PonteError('provider_rejected', `CleverChat refused the message (HTTP ${status})${said}`, extras);
        throw new PonteError(
          'provider_unavailable',
          status === 404
            ? `CleverChat answered HTTP 404 to ${OPERATION}: check the connection's baseUrl`
            : `CleverChat answered HTTP ${status} to ${OPERATION}`,
          extras,
        );
    }
  }
}
