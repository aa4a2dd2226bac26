/**
 * The `Location` of a resource on a connection. A platform's ids are only unique within that
 * platform account, so the URL names the connection (`?connection=`, the query spelling of the
 * `X-Connection` header): followed as it is, with no header, it reaches the same record even when the
 * resource was created on a connection other than the default.
 */
function locationOn(connectionId: string, path: string): string {
  return `${path}?connection=${encodeURIComponent(connectionId)}`;
}

/**
 * Sets `Location` to `path` on the connection that served the call: the one the reply's
 * `X-Connection` names, which the registry set when it chose the connection (see CallContext.reply).
 */
export function setLocation(reply: { getHeader(name: string): unknown; header(name: string, value: string): unknown }, path: string): void {
  const connection = reply.getHeader('x-connection');
  reply.header('location', typeof connection === 'string' ? locationOn(connection, path) : path);
}

/** OpenAPI for the `connection` query parameter of a route that a `Location` points at. */
export const LOCATION_CONNECTION_QUERY = {
  name: 'connection',
  required: false,
  description:
    'Connection id, the same as the X-Connection header (both given must agree). The `Location` of a created resource carries it.',
  schema: { type: 'string', maxLength: 64 },
} as const;
