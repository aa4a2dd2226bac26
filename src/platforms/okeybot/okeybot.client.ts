import type { OkeybotConnection } from '../../config/config.types';
import { retryAfterSeconds } from '../../common/http/retry-after';
import type { CallContext } from '../../common/context/call-context';
import { PonteError, type ProblemExtras } from '../../common/errors/ponte-error';
import { scrubSecrets } from '../../common/errors/secrets';
import { RateLimiter, RateLimitExceeded } from '../../common/http/rate-limiter';
import type { UpstreamHttp } from '../../common/http/upstream-http';
import type { HttpMethod, UpstreamRequest, UpstreamResponse, UpstreamTarget } from '../../common/http/upstream.types';

/** One OkeyBot REST call, before the base URL and the token are added. */
export interface OkeybotCall {
  method: HttpMethod;
  /** Path under the base URL, segments already encoded: `/v1/contact/1776025372480910`. */
  path: string;
  /** Query parameters, in order. */
  query?: Array<[string, string]>;
  body?: unknown;
  /** Label for logs, without ids: `GET /v1/contact/{id}`. */
  operation: string;
}

/** What one call of a sequence came to: the parsed reply, or the problem it met. */
export type CallOutcome<T> = { ok: true; reply: T } | { ok: false; error: PonteError; sent: boolean };

/** Seconds to wait after OkeyBot's own 429 when it sends no Retry-After: its window is one minute. */
const DEFAULT_PLATFORM_RETRY_AFTER = 60;

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The `message` of OkeyBot's `{"status": "error", "message": ..., "data": []}` replies. */
function messageOf(reply: unknown): string | undefined {
  if (!reply || typeof reply !== 'object' || Array.isArray(reply)) return undefined;
  const message = (reply as { message?: unknown }).message;
  return typeof message === 'string' && message.trim() !== '' ? message : undefined;
}

/**
 * The single place an OkeyBot call is made: base URL from the connection, `Authorization: Bearer
 * {channel_token}`, `Content-Type: application/json`, the per-connection rate limit (100 calls per
 * minute by default) kept on our side, and the reply turned into data or a problem:
 *
 * - 401 "API Token is invalid." → `provider_auth_failed` (502): the gateway's configured token is
 *   wrong, which the caller cannot fix; never a 401, which would blame the caller's API key.
 * - 403 (the doc's "General" error, e.g. a request over its limits) → `provider_rejected` (422) with its message.
 * - 404 with OkeyBot's error body → `not_found`; a bare 404 means the base URL is wrong → `provider_unavailable`.
 * - 405 "Method Not Allowed" → `provider_unavailable` (502): the gateway and the platform disagree
 *   on the API, nothing the caller can change.
 * - 429 → `rate_limited` with `retryAfter` (its Retry-After, else 60 s), and the limiter holds new calls as long.
 * - 5xx or a body that is not JSON → `provider_unavailable`; refused and timeouts come from UpstreamHttp.
 */
export class OkeybotClient {
  private readonly target: UpstreamTarget;
  private readonly where: ProblemExtras;

  constructor(
    private readonly connection: OkeybotConnection,
    private readonly http: UpstreamHttp,
    private readonly limiter: RateLimiter = new RateLimiter(),
  ) {
    this.target = {
      connectionId: connection.id,
      provider: 'okeybot',
      timeoutMs: connection.timeoutMs,
      maxSockets: connection.maxSockets,
      secrets: [connection.channelToken],
    };
    this.where = { provider: 'okeybot', connection: connection.id };
  }

  /** Calls per minute this connection may make: the most a single operation may plan. */
  get callsPerMinute(): number {
    return this.connection.rateLimitPerMinute;
  }

  async call<T>(ctx: CallContext, call: OkeybotCall): Promise<T> {
    const [outcome] = await this.callEach<T>(ctx, [call]);
    if (!outcome.ok) throw outcome.error;
    return outcome.reply;
  }

  /**
   * Makes several calls in order (e.g. tag chunks), reserving all their rate-limit slots up front:
   * either every call may go within the brief queueing time, or none is sent and the whole thing is
   * a 429. A refusal of one call (403) does not stop the next; anything else (token, limit,
   * platform down) would fail them all, so the rest are reported as not sent.
   */
  async callEach<T>(ctx: CallContext, calls: OkeybotCall[]): Promise<CallOutcome<T>[]> {
    const requests = calls.map((c) => this.request(c));
    // A dry run describes every request (all chunks) and sends nothing, so it takes no rate-limit slot.
    if (ctx.dryRun) await this.http.sendAll(ctx, this.target, requests);
    const permit = await this.reserve(requests.length);
    const outcomes: CallOutcome<T>[] = [];
    let stoppedBy: PonteError | undefined;
    try {
      for (const [i, req] of requests.entries()) {
        if (stoppedBy) {
          outcomes.push({ ok: false, sent: false, error: this.notSent(stoppedBy) });
          continue;
        }
        try {
          const response = await this.http.send(ctx, this.target, req);
          outcomes.push({ ok: true, reply: this.interpret<T>(response, calls[i]) });
        } catch (err) {
          if (!(err instanceof PonteError)) throw err;
          outcomes.push({ ok: false, sent: true, error: err });
          if (err.code !== 'provider_rejected') stoppedBy = err;
        }
      }
    } finally {
      permit.settle(outcomes.filter((o) => o.ok || o.sent).length);
    }
    return outcomes;
  }

  private request(call: OkeybotCall): UpstreamRequest {
    // encodeURIComponent, not URLSearchParams: the doc writes a space as %20 (value=Muhammad%20Mahin).
    const query = (call.query ?? []).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    return {
      method: call.method,
      url: `${this.connection.baseUrl}${call.path}${query ? `?${query}` : ''}`,
      headers: { authorization: `Bearer ${this.connection.channelToken}`, 'content-type': 'application/json' },
      ...(call.body !== undefined ? { body: { type: 'json' as const, value: call.body } } : {}),
      idempotent: call.method === 'GET',
      operation: call.operation,
    };
  }

  private async reserve(count: number) {
    try {
      return await this.limiter.acquire(this.connection.id, this.connection.rateLimitPerMinute, count);
    } catch (err) {
      if (!(err instanceof RateLimitExceeded)) throw err;
      const limit = this.connection.rateLimitPerMinute;
      if (err.impossible) {
        throw PonteError.validation(
          [
            {
              field: 'body',
              message: `needs ${count} OkeyBot calls, more than the ${limit} per minute connection "${this.connection.id}" allows`,
            },
          ],
          `This request needs ${count} OkeyBot calls; connection "${this.connection.id}" allows ${limit} per minute`,
        );
      }
      const retryAfter = Math.max(1, Math.ceil(err.retryAfterMs / 1000));
      const why = err.held
        ? `OkeyBot answered "too many requests" on connection "${this.connection.id}", so its calls are held`
        : `Connection "${this.connection.id}" has used its ${limit} OkeyBot calls per minute` +
          (count > 1 ? ` (this request needs ${count})` : '');
      throw new PonteError('rate_limited', `${why}; retry in ${retryAfter} s`, { ...this.where, retryAfter });
    }
  }

  private notSent(cause: PonteError): PonteError {
    return new PonteError(cause.code, `Not sent: an earlier call failed (${cause.detail})`, cause.extras, cause.status);
  }

  private interpret<T>(response: UpstreamResponse, call: OkeybotCall): T {
    const { status } = response;
    const what = `${call.method} ${call.path}`;
    const reply = parseJson(response.body);
    const raw = messageOf(reply);
    const message = raw === undefined ? undefined : scrubSecrets(raw, this.target.secrets);
    const extras: ProblemExtras = { ...this.where, providerStatus: status, ...(message ? { providerMessage: message } : {}) };
    const said = message ? `: ${message}` : '';
    if (status >= 200 && status < 300) {
      if (!reply || typeof reply !== 'object' || Array.isArray(reply)) {
        throw new PonteError('provider_unavailable', `OkeyBot answered ${what} with something that is not an OkeyBot JSON reply`, extras);
      }
      if ((reply as { status?: unknown }).status === 'error') {
        throw new PonteError('provider_rejected', `OkeyBot refused ${what}${said}`, extras);
      }
      return reply as T;
    }
    switch (status) {
      case 401:
        throw new PonteError(
          'provider_auth_failed',
          `OkeyBot refused the channel token of connection "${this.connection.id}" (HTTP 401${said}): the gateway's OkeyBot token is wrong; fix channelToken in the connections file`,
          extras,
        );
      case 403:
        throw new PonteError('provider_rejected', `OkeyBot refused ${what}${said || ' (HTTP 403)'}`, extras);
      case 404:
        if (message) throw new PonteError('not_found', `OkeyBot found nothing at ${what}${said}`, extras);
        throw new PonteError('provider_unavailable', `OkeyBot answered HTTP 404 to ${what}: check the connection's baseUrl`, extras);
      case 405:
        throw new PonteError(
          'provider_unavailable',
          `OkeyBot does not allow ${what} (HTTP 405${said}): its API no longer matches the gateway; nothing was changed`,
          extras,
        );
      case 429: {
        const retryAfter = retryAfterSeconds(response.headers['retry-after']) ?? DEFAULT_PLATFORM_RETRY_AFTER;
        this.limiter.block(this.connection.id, retryAfter * 1000);
        throw new PonteError('rate_limited', `OkeyBot refused ${what}: too many requests on connection "${this.connection.id}"`, {
          ...extras,
          retryAfter,
        });
      }
      default:
        if (status < 500 && message) throw new PonteError('provider_rejected', `OkeyBot refused ${what} (HTTP ${status})${said}`, extras);
        throw new PonteError('provider_unavailable', `OkeyBot answered HTTP ${status} to ${what}`, extras);
    }
  }
}
