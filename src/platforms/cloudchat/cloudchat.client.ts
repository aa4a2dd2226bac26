import type { CloudchatConnection } from '../../config/config.types';
import { retryAfterSeconds } from '../../common/http/retry-after';
import type { CallContext } from '../../common/context/call-context';
import { PonteError, type ProblemExtras } from '../../common/errors/ponte-error';
import { scrubSecrets } from '../../common/errors/secrets';
import type { UpstreamHttp } from '../../common/http/upstream-http';
import type { UpstreamResponse, UpstreamTarget } from '../../common/http/upstream.types';
import { errorMessageFromWire } from './cloudchat.mappers';

/** Seconds to wait after a 429 without Retry-After (the doc documents no limit). */
const DEFAULT_RETRY_AFTER = 60;

/** No JSON at all: `undefined`; JSON that does not parse: `NOT_JSON`. */
const NOT_JSON = Symbol('not JSON');

function parseBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/**
 * The single place a CloudChat call is made: `{baseUrl}{path}` with the headers of cloudchat.txt
 * (`content-type: application/json`, `api_access_token`), and the reply turned into data or a problem:
 *
 * - 2xx → the parsed JSON, or `undefined` when the body is empty (the doc shows no reply);
 *   a body that is not JSON → `provider_unavailable`.
 * - 401/403 → `provider_auth_failed` (502): the gateway's token (or its account) is wrong, which
 *   the caller cannot fix; never a 401, which would blame the caller's API key.
 * - 404 → `provider_unavailable` (502): no such account or route, i.e. the connection's accountId
 *   or baseUrl is wrong — again nothing the caller can fix.
 * - 429 → `rate_limited` with its Retry-After (60 s when none).
 * - another 4xx with a message (e.g. 400/422: unknown template or inbox, a missing variable) →
 *   `provider_rejected` (422) with it; without one → `provider_unavailable`.
 * - 5xx → `provider_unavailable`; refused and timeouts come from UpstreamHttp.
 *
 * Writes are never retried: a proactive conversation sent twice reaches the person twice.
 */
export class CloudchatClient {
  private readonly target: UpstreamTarget;
  private readonly where: ProblemExtras;

  constructor(
    private readonly connection: CloudchatConnection,
    private readonly http: UpstreamHttp,
  ) {
    this.target = {
      connectionId: connection.id,
      provider: 'cloudchat',
      timeoutMs: connection.timeoutMs,
      maxSockets: connection.maxSockets,
      secrets: [connection.apiAccessToken],
    };
    this.where = { provider: 'cloudchat', connection: connection.id };
  }

  /** POSTs `body` as JSON to `path` (under the base URL, segments already encoded). */
  async post(ctx: CallContext, path: string, body: unknown, operation: string): Promise<unknown> {
    const response = await this.http.send(ctx, this.target, {
      method: 'POST',
      url: `${this.connection.baseUrl}${path}`,
      headers: { 'content-type': 'application/json', api_access_token: this.connection.apiAccessToken },
      body: { type: 'json', value: body },
      idempotent: false,
      operation,
    });
    return this.interpret(response, operation);
  }

  private interpret(response: UpstreamResponse, operation: string): unknown {
    const { status } = response;
    const reply = parseBody(response.body);
    const raw = reply === NOT_JSON ? undefined : errorMessageFromWire(reply);
    const message = raw === undefined ? undefined : scrubSecrets(raw, this.target.secrets);
    const extras: ProblemExtras = { ...this.where, providerStatus: status, ...(message ? { providerMessage: message } : {}) };
    const said = message ? `: ${message}` : '';
    const account = `account ${this.connection.accountId}`;
    if (status >= 200 && status < 300) {
      if (reply === NOT_JSON) {
        throw new PonteError(
          'provider_unavailable',
          `CloudChat answered ${operation} with something that is not JSON; whether the conversation was created is unknown`,
          extras,
        );
      }
      return reply;
    }
    switch (status) {
      case 401:
      case 403:
        throw new PonteError(
          'provider_auth_failed',
          `CloudChat refused the api_access_token of connection "${this.connection.id}" for ${account} (HTTP ${status}${said}): ` +
            'fix apiAccessToken (or accountId) in the connections file',
          extras,
        );
      case 404:
        throw new PonteError(
          'provider_unavailable',
          `CloudChat answered HTTP 404 to ${operation}${said}: check the accountId (${this.connection.accountId}) and baseUrl of connection "${this.connection.id}"`,
          extras,
        );
      case 429: {
        const retryAfter = retryAfterSeconds(response.headers['retry-after']) ?? DEFAULT_RETRY_AFTER;
        throw new PonteError('rate_limited', `CloudChat refused ${operation}: too many requests on connection "${this.connection.id}"`, {
          ...extras,
          retryAfter,
        });
      }
      default:
        if (status >= 400 && status < 500 && message) {
          throw new PonteError('provider_rejected', `CloudChat refused ${operation} (HTTP ${status})${said}`, extras);
        }
        throw new PonteError('provider_unavailable', `CloudChat answered HTTP ${status} to ${operation}`, extras);
    }
  }
}
