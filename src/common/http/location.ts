/**
 * The `Location` of a resource on a connection. A platform's ids are only unique within that
 * platform account, so the URL names the connection (`?connection=`, the query spelling of the
 * `X-Connection` header): followed as it is, with no header, it reaches the same record even when the
 * resource was created on a connection other than the default.
 */
export function locationOn(connectionId: string, path: string): string {
  return `${path}?connection=${encodeURIComponent(connectionId)}`;
}

/** OpenAPI for the `connection` query parameter of a route that a `Location` points at. */
export const LOCATION_CONNECTION_QUERY = {
  name: 'connection',
  required: false,
  description:
    'Connection id, the same as the X-Connection header (both given must agree). The `Location` of a created resource carries it.',
  schema: { type: 'string', maxLength: 64 },
} as const;
