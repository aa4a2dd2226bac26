import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Cross-origin access for browser frontends (CORS_ORIGINS), off unless configured.
 *
 * - `*`: any origin. Safe for this API because the API key travels in the Authorization header,
 *   which a page can only send by setting it itself: there are no cookies for another site to
 *   ride on, so credentials mode (`Access-Control-Allow-Credentials`) is never used.
 * - A comma-separated list of exact origins (`https://crm.example.com,http://localhost:5173`):
 *   only those, compared as browsers send them (scheme, lower-case host, port when not the
 *   default), with `Vary: Origin` on every answer so a cache never hands one origin's answer to
 *   another.
 * - Entries may also cover subdomains: `https://*.example.com` allows `https://crm.example.com`
 *   and `https://a.b.example.com` (same scheme and port), not `https://example.com` itself, and
 *   not `https://badexample.com`. The `*` must be a whole leftmost label, followed by at least two
 *   labels (`https://*.com` would allow half the web).
 *
 * A preflight (OPTIONS with Access-Control-Request-Method) from an allowed origin is answered 204
 * here, before the API key is checked: browsers never send credentials on a preflight. One from
 * any other origin gets a 403 problem naming the origin, so the browser's console and network tab
 * say why. An actual request from an origin not allowed is handled as usual, without the CORS
 * headers: the browser then keeps the answer from the page (the server cannot refuse what it has
 * not been asked to share; refusing would not stop a non-browser client anyway).
 */
export type CorsPolicy =
  | { anyOrigin: true }
  | {
      anyOrigin: false;
      /** Exact origins. */
      origins: ReadonlySet<string>;
      /** Subdomain entries as written (`https://*.example.com`) and what an origin must match for each. */
      patterns?: readonly { entry: string; test: RegExp }[];
    };

/**
 * Request headers a page may send: the API's own (Last-Event-ID: resuming GET /v1/events/stream read
 * with fetch), plus what GraphQL clients add for Apollo's CSRF check.
 */
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'X-Connection',
  'Prefer',
  'X-Request-Id',
  'Last-Event-ID',
  'Idempotency-Key',
  'Apollo-Require-Preflight',
  'X-Apollo-Operation-Name',
];
/** Response headers a page may read besides the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = [
  'Location',
  'Retry-After',
  'X-Request-Id',
  'X-Connection',
  'Preference-Applied',
  'WWW-Authenticate',
  'Idempotent-Replayed',
];
export const CORS_ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours). */
export const CORS_MAX_AGE_S = 600;

/** CORS_ORIGINS → a policy (undefined when unset or blank) and one line per bad entry. */
export function parseCorsOrigins(raw: string | undefined): { policy?: CorsPolicy; problems: string[] } {
  const entries = (raw ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) return { problems: [] };
  if (entries.includes('*')) {
    return entries.length === 1
      ? { policy: { anyOrigin: true }, problems: [] }
      : { problems: ['"*" allows every origin: give it alone, or list origins without it'] };
  }
  const problems: string[] = [];
  const origins = new Set<string>();
  const patterns: { entry: string; test: RegExp }[] = [];
  for (const entry of entries) {
    const origin = entry.includes('*') ? subdomainPattern(entry) : originOf(entry);
    if (typeof origin === 'string') origins.add(origin);
    else if ('test' in origin) patterns.push(origin);
    else problems.push(`"${entry}" ${origin.problem}`);
  }
  if (problems.length) return { problems };
  return { policy: { anyOrigin: false, origins, ...(patterns.length ? { patterns } : {}) }, problems };
}

/** A label of a host as browsers send it in Origin (lower case; IDNs in their xn-- form). */
const LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
const PROBE = 'ponte-wildcard-probe';

/** `https://*.example.com[:port]` → the entry and a test for the origins it covers, or why it cannot be one. */
function subdomainPattern(entry: string): { entry: string; test: RegExp } | { problem: string } {
  const star = /^([a-z][a-z0-9+.-]*:\/\/)\*\.([^*]*)$/i.exec(entry);
  if (!star) return { problem: 'has a "*" that is not the whole leftmost label: write it as https://*.example.com' };
  const origin = originOf(`${star[1]}${PROBE}.${star[2]}`);
  if (typeof origin !== 'string') {
    return origin.problem.startsWith('is not an origin:')
      ? { problem: 'is not an origin pattern: give only scheme, *.host and port' }
      : origin;
  }
  const url = new URL(origin);
  const suffix = url.hostname.slice(PROBE.length + 1);
  if (suffix.split('.').length < 2) {
    return { problem: 'covers a whole top-level domain: give at least two labels after "*." (https://*.example.com)' };
  }
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const port = url.port ? `:${url.port}` : '';
  const written = `${url.protocol}//*.${suffix}${port}`;
  return { entry: written, test: new RegExp(`^${escape(url.protocol)}//(?:${LABEL}\\.)+${escape(suffix)}${escape(port)}$`) };
}

/** Whether a list policy allows this Origin header. */
function listed(policy: Extract<CorsPolicy, { anyOrigin: false }>, origin: string): boolean {
  if (policy.origins.has(origin)) return true;
  return policy.patterns !== undefined && policy.patterns.some((p) => p.test.test(origin));
}

/** An entry as the Origin header a browser would send, or why it cannot be one. */
function originOf(entry: string): string | { problem: string } {
  if (entry === 'null') return { problem: 'is the opaque origin of files and sandboxed frames, which any page can claim' };
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return { problem: 'is not an origin like https://app.example.com or http://localhost:5173' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'must start with http:// or https://' };
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    return { problem: `is not an origin: give only scheme, host and port (${url.origin})` };
  }
  return url.origin;
}

const ALLOW_METHODS = CORS_ALLOWED_METHODS.join(', ');
const ALLOW_HEADERS = CORS_ALLOWED_HEADERS.join(', ');
const EXPOSE_HEADERS = CORS_EXPOSED_HEADERS.join(', ');

/**
 * The onRequest step: adds the CORS headers an allowed origin gets and answers its preflights.
 * Returns true when it answered (a preflight), false when the request goes on.
 */
export function corsStep(
  policy: CorsPolicy,
  refuse: (reply: FastifyReply, request: FastifyRequest, origin: string) => void,
): (request: FastifyRequest, reply: FastifyReply) => boolean {
  return (request, reply) => {
    const origin = request.headers.origin;
    if (!policy.anyOrigin) reply.header('vary', 'Origin');
    if (origin === undefined) return false;
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (!policy.anyOrigin && !listed(policy, origin)) {
      if (!preflight) return false;
      refuse(reply, request, origin);
      return true;
    }
    reply.header('access-control-allow-origin', policy.anyOrigin ? '*' : origin);
    if (!preflight) {
      reply.header('access-control-expose-headers', EXPOSE_HEADERS);
      return false;
    }
    reply
      .header('access-control-allow-methods', ALLOW_METHODS)
      .header('access-control-allow-headers', ALLOW_HEADERS)
      .header('access-control-max-age', String(CORS_MAX_AGE_S))
      .code(204)
      .send();
    return true;
  };
}

/**
 * Whether a page at `origin` may open a WebSocket to the gateway. Browsers apply no CORS to
 * WebSockets: any page may open one anywhere, so the handshake's Origin is checked here, with the
 * same answer as for HTTP: the gateway's own pages (the origin's host is the Host the handshake was
 * sent to, as for /graphiql) and the origins CORS_ORIGINS allows. Clients that are not browsers
 * send no Origin and are not asked.
 */
export function socketOriginAllowed(policy: CorsPolicy | undefined, origin: string, host: string | undefined): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (host !== undefined && url.host === host.toLowerCase()) return true;
  return policy !== undefined && (policy.anyOrigin || listed(policy, url.origin));
}
