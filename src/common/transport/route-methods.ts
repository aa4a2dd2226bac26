/**
 * Which methods each route path answers, so that a request with the wrong method on an existing
 * path gets `405 method_not_allowed` with an `Allow` header instead of a 404 that suggests the path
 * does not exist. Filled from Fastify's onRoute hook; consulted only on the not-found path.
 */
export class RouteMethods {
  private readonly routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();

  add(methods: string | string[], url: string): void {
    let route = this.routes.get(url);
    if (!route) {
      route = { pattern: patternOf(url), methods: new Set() };
      this.routes.set(url, route);
    }
    for (const method of Array.isArray(methods) ? methods : [methods]) route.methods.add(method.toUpperCase());
  }

  /** The methods some route answers on `path` (no query string), sorted; empty when no route has the path. */
  allowed(path: string): string[] {
    const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const methods = new Set<string>();
    for (const { pattern, methods: own } of this.routes.values()) {
      if (pattern.test(trimmed)) for (const m of own) methods.add(m);
    }
    return [...methods].sort();
  }
}

/** `/v1/contacts/:id` → /^\/v1\/contacts\/[^/]+$/; `::` is a literal colon (`/v1/contacts::batchDelete`); `*` any rest. */
function patternOf(url: string): RegExp {
  const trimmed = url.length > 1 && url.endsWith('/') ? url.slice(0, -1) : url;
  let source = '';
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c === ':' && trimmed[i + 1] === ':') {
      source += ':';
      i++;
    } else if (c === ':') {
      while (i + 1 < trimmed.length && trimmed[i + 1] !== '/') i++;
      source += '[^/]+';
    } else if (c === '*') {
      source += '.*';
    } else {
      source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** `%3A` → `:` in a URL's path, not its query: the URL as it is when its path has none. */
export function decodePathColons(url: string): string {
  // Every request passes here (Fastify's rewriteUrl): one scan settles nearly all of them.
  if (!url.includes('%3')) return url;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  if (!/%3a/i.test(path)) return url;
  return path.replace(/%3a/gi, ':') + (query === -1 ? '' : url.slice(query));
}
