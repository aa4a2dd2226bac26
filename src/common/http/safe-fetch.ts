/**
 * Fetches a file from a URL a caller gave, for platforms that take uploads only (CleverChat's
 * `medias`). The URL is the caller's, so the gateway must not become a way into its own network:
 *
 * - https only; no credentials in the URL;
 * - the host is resolved once and every address it resolves to must be public (see ip-policy.ts)
 *   or on the operator's allow-list; the connection then goes to the address that was checked
 *   (a pinned lookup), so a second DNS answer cannot swap in another one (DNS rebinding);
 * - redirects are followed by hand, at most {@link MAX_REDIRECTS}, each hop checked the same way;
 * - the body is capped (`maxBytes`, reading stops past it) and the whole fetch, every hop
 *   included, must finish within `timeoutMs`.
 *
 * Failures are problems naming the field the URL came from: 400 for a URL the policy refuses,
 * 413 for a file too large, 502 `media_unavailable` when the media host cannot deliver it.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { PonteError } from '../errors/ponte-error';
import { declaredType } from '../media/outgoing-file';
import { AllowList, classifyIp, embeddedIpv4, formatIp, parseIp, type ParsedIp } from './ip-policy';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** DNS resolution, every address of the name (the system resolver by default, /etc/hosts included). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface FetchOptions {
  /** The input field the URL came from, named in every problem (`media.url`). */
  field: string;
  /** For the whole fetch: DNS, connect, every redirect and the body. */
  timeoutMs: number;
  maxBytes: number;
}

export interface FetchedFile {
  /** The last path segment of the URL given (decoded); null when it has none. */
  filename: string | null;
  /** The type the media server declared, parameters dropped; null for none or `application/octet-stream`. */
  contentType: string | null;
  data: Buffer;
}

function refused(field: string, message: string): PonteError {
  return PonteError.validation([{ field, message }]);
}

function unavailable(field: string, host: string, message: string, extras: Record<string, unknown> = {}): PonteError {
  return new PonteError('media_unavailable', `The media at ${field} could not be fetched from ${host}: ${message}`, {
    errors: [{ field, message }],
    mediaHost: host,
    ...extras,
  });
}

function tooLarge(field: string, maxBytes: number, size: number | null): PonteError {
  const message = `must point to a file of at most ${maxBytes} bytes`;
  return new PonteError(
    'payload_too_large',
    `The media at ${field} is ${size === null ? `larger than ${maxBytes} bytes` : `${size} bytes`}; at most ${maxBytes} bytes are accepted`,
    { limit: maxBytes, errors: [{ field, message }] },
  );
}

function lastSegment(url: URL): string | null {
  const segment = url.pathname.split('/').pop() ?? '';
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    name = segment;
  }
  return name.trim() === '' || /[/\\]/.test(name) ? null : name.trim();
}

/** Node's transport error code: `ECONNREFUSED`, `ERR_TLS_CERT_ALTNAME_INVALID`, `DEPTH_ZERO_SELF_SIGNED_CERT`… */
function codeOf(err: unknown): string {
  const e = err as { code?: string; name?: string };
  return e?.code ?? e?.name ?? 'unknown';
}

/** What the pinned connection is aimed at: the address that passed the policy. */
interface Target {
  url: URL;
  host: string;
  /** Set for host names: the checked address the socket must use. IP literals connect as they are. */
  pinned: ResolvedAddress | null;
}

export class MediaFetcher {
  constructor(
    readonly allowList: AllowList = AllowList.EMPTY,
    private readonly resolve: Resolver = systemResolver,
  ) {}

  async fetch(rawUrl: string, options: FetchOptions): Promise<FetchedFile> {
    const { field, timeoutMs, maxBytes } = options;
    const first = this.parse(rawUrl, field, null);
    const deadline = AbortSignal.timeout(timeoutMs);
    let url = first;
    for (let redirects = 0; ; redirects++) {
      const target = await this.check(url, field, deadline, timeoutMs);
      const response = await this.get(target, field, deadline, timeoutMs);
      const status = response.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status)) {
        response.destroy();
        const location = response.headers.location;
        if (!location) throw unavailable(field, target.host, `HTTP ${status} without a Location`, { mediaStatus: status });
        if (redirects === MAX_REDIRECTS) throw refused(field, `redirects more than ${MAX_REDIRECTS} times`);
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw unavailable(field, target.host, `HTTP ${status} to an invalid Location`, { mediaStatus: status });
        }
        url = this.parse(next.href, field, url);
        continue;
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw unavailable(field, target.host, `the media server answered HTTP ${status}`, { mediaStatus: status });
      }
      const data = await this.read(response, target, field, maxBytes, deadline, timeoutMs);
      if (data.length === 0) throw refused(field, 'points to an empty file');
      const type = response.headers['content-type'];
      return { filename: lastSegment(first), contentType: declaredType(type ?? null), data };
    }
  }

  /** A URL the fetcher may request at all; `from` is the URL that redirected to it. */
  private parse(raw: string, field: string, from: URL | null): URL {
    const via = from ? ` (redirected from ${from.host})` : '';
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw refused(field, `must be an https:// URL${via}`);
    }
    if (url.protocol !== 'https:') {
      throw refused(
        field,
        `must be an https:// URL: the gateway fetches media only over https (got ${url.protocol.replace(/:$/, '')}${via})`,
      );
    }
    if (url.username || url.password) throw refused(field, `must not carry credentials${via}`);
    return url;
  }

  /** Resolves the host and checks every address it has; answers where to connect. */
  private async check(url: URL, field: string, deadline: AbortSignal, timeoutMs: number): Promise<Target> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const literal = parseIp(host);
    if (literal) {
      this.requireAllowed(literal, null, field);
      return { url, host: url.host, pinned: null };
    }
    let addresses: ResolvedAddress[];
    try {
      addresses = await Promise.race([
        this.resolve(host),
        new Promise<never>((_, reject) => {
          if (deadline.aborted) reject(deadline.reason as Error);
          deadline.addEventListener('abort', () => reject(deadline.reason as Error), { once: true });
        }),
      ]);
    } catch (err) {
      if (deadline.aborted) throw unavailable(field, url.host, `no answer within ${timeoutMs} ms (DNS)`);
      const code = codeOf(err);
      if (code === 'ENOTFOUND' || code === 'ENODATA') throw refused(field, `names a host that does not exist (${url.hostname})`);
      throw unavailable(field, url.host, `its host could not be resolved (${code})`);
    }
    if (addresses.length === 0) throw refused(field, `names a host that does not exist (${url.hostname})`);
    if (!this.allowList.allowsName(host)) {
      for (const a of addresses) {
        const ip = parseIp(a.address);
        if (!ip) throw refused(field, `names a host with an unusable address (${a.address})`);
        this.requireAllowed(ip, url.host, field);
      }
    }
    return { url, host: url.host, pinned: addresses[0] };
  }

  /** `host` is the URL's host when it resolved to `ip`, null when the URL gave the address itself. */
  private requireAllowed(ip: ParsedIp, host: string | null, field: string): void {
    const range = classifyIp(ip);
    if (range === 'public' || this.allowList.allowsAddress(ip)) return;
    const v4 = embeddedIpv4(ip);
    const shown = `${formatIp(ip)}${v4 ? ` (IPv4 ${formatIp(v4)})` : ''}`;
    const a = range === 'unspecified' ? 'an' : 'a';
    throw refused(
      field,
      `must point to a public address: ${host ? `${host} resolves to ${shown}, ${a}` : `${shown} is ${a}`} ${range} address the gateway does not fetch from` +
        ' (internal media servers can be allowed with MEDIA_FETCH_ALLOW_HOSTS)',
    );
  }

  private get(target: Target, field: string, deadline: AbortSignal, timeoutMs: number): Promise<IncomingMessage> {
    const { url, pinned } = target;
    // The checked address, whatever a new DNS answer would say now.
    const lookup: LookupFunction | undefined = pinned
      ? (_hostname, options, callback) => {
          const reply = callback as (err: Error | null, address: string | ResolvedAddress[], family?: number) => void;
          if ((options as { all?: boolean }).all) reply(null, [pinned]);
          else reply(null, pinned.address, pinned.family);
        }
      : undefined;
    return new Promise((resolve, reject) => {
      const req = httpsRequest({
        method: 'GET',
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || 443,
        path: `${url.pathname}${url.search}`,
        headers: { accept: '*/*', 'accept-encoding': 'identity', 'user-agent': 'Ponte media fetcher' },
        // One socket per hop: a pooled socket could be one connected before the check.
        agent: false,
        lookup,
        signal: deadline,
      });
      req.once('response', resolve);
      req.once('error', (err) => {
        if (deadline.aborted) reject(unavailable(field, target.host, `no answer within ${timeoutMs} ms`));
        else reject(unavailable(field, target.host, `the media server could not be reached (${codeOf(err)})`));
      });
      req.end();
    });
  }

  private async read(
    response: IncomingMessage,
    target: Target,
    field: string,
    maxBytes: number,
    deadline: AbortSignal,
    timeoutMs: number,
  ): Promise<Buffer> {
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      response.destroy();
      throw tooLarge(field, maxBytes, declared);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) {
          response.destroy();
          throw tooLarge(field, maxBytes, null);
        }
        chunks.push(chunk as Buffer);
      }
    } catch (err) {
      if (err instanceof PonteError) throw err;
      if (deadline.aborted) throw unavailable(field, target.host, `no answer within ${timeoutMs} ms`);
      throw unavailable(field, target.host, `the transfer broke off (${codeOf(err)})`);
    }
    if (!response.complete) throw unavailable(field, target.host, 'the transfer broke off');
    return Buffer.concat(chunks);
  }
}
