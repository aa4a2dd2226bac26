import { decodePathColons, RouteMethods } from '../../src/common/transport/route-methods';

describe('RouteMethods: which methods a path takes, for 405 answers', () => {
  const routes = new RouteMethods();
  routes.add(['GET', 'HEAD'], '/v1/contacts');
  routes.add('POST', '/v1/contacts');
  routes.add(['GET', 'HEAD', 'PATCH', 'DELETE'], '/v1/contacts/:id');
  routes.add('POST', '/v1/contacts::batchDelete');
  routes.add('GET', '/docs/*');

  it('matches parameters, literal colons, wildcards and a trailing slash', () => {
    expect(routes.allowed('/v1/contacts')).toEqual(['GET', 'HEAD', 'POST']);
    expect(routes.allowed('/v1/contacts/')).toEqual(['GET', 'HEAD', 'POST']);
    expect(routes.allowed('/v1/contacts/42')).toEqual(['DELETE', 'GET', 'HEAD', 'PATCH']);
    expect(routes.allowed('/v1/contacts:batchDelete')).toEqual(['POST']);
    expect(routes.allowed('/docs/swagger-ui.css')).toEqual(['GET']);
  });

  it('knows no methods for a path no route has, however close', () => {
    expect(routes.allowed('/v1/contacts/42/extra')).toEqual([]);
    expect(routes.allowed('/v1/contactsX')).toEqual([]);
    expect(routes.allowed('/v1/contacts:batchDeleteX')).toEqual([]);
    expect(routes.allowed('/v1')).toEqual([]);
  });
});

describe('decodePathColons', () => {
  it("decodes a path's %3A, in either case, and leaves the query alone", () => {
    expect(decodePathColons('/v1/contacts%3AbatchDelete')).toBe('/v1/contacts:batchDelete');
    expect(decodePathColons('/v1/contacts%3abatchDelete?x=a%3Ab')).toBe('/v1/contacts:batchDelete?x=a%3Ab');
    expect(decodePathColons('/v1/contacts?email=a%3Ab')).toBe('/v1/contacts?email=a%3Ab');
    expect(decodePathColons('/v1/contacts')).toBe('/v1/contacts');
  });
});
