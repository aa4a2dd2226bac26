import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiKeyRing, apiKeyCheck, type AuthenticatedRequest } from '../../src/common/auth/api-key.hook';

// The module object itself (the hook reads `hash` from it at each call), so a spy sees the calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeCrypto = require('node:crypto') as typeof import('node:crypto');
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const KEYS = [
  { name: 'erp', sha256: sha256('erp-key-0123456789abcdef') },
  { name: 'crm', sha256: sha256('crm-key-0123456789abcdef'), connections: ['maxbot'] },
];

function request(authorization?: string, url = '/v1/contacts'): AuthenticatedRequest {
  return { method: 'GET', url, headers: authorization === undefined ? {} : { authorization } } as unknown as AuthenticatedRequest;
}

describe('API-key check', () => {
  afterEach(() => jest.restoreAllMocks());

  it('lets a configured key through with its identity, and hashes a header it has seen pass only once', () => {
    const hash = jest.spyOn(nodeCrypto, 'hash');
    const check = apiKeyCheck(new ApiKeyRing(KEYS));
    const first = request('Bearer crm-key-0123456789abcdef');
    const second = request('Bearer crm-key-0123456789abcdef');
    expect(check(first as FastifyRequest)).toBeUndefined();
    expect(check(second as FastifyRequest)).toBeUndefined();
    expect(first.ponteApiKey).toEqual({ name: 'crm', connections: ['maxbot'] });
    expect(second.ponteApiKey).toBe(first.ponteApiKey);
    expect(Object.isFrozen(first.ponteApiKey)).toBe(true);
    expect(hash).toHaveBeenCalledTimes(1);
  });

  it('refuses wrong keys every time, hashing each (a failure is never remembered)', () => {
    const hash = jest.spyOn(nodeCrypto, 'hash');
    const check = apiKeyCheck(new ApiKeyRing(KEYS));
    expect(check(request('Bearer erp-key-0123456789abcdef') as FastifyRequest)).toBeUndefined();
    for (let i = 0; i < 3; i++) {
      const wrong = request('Bearer erp-key-0123456789abcdeX');
      expect(check(wrong as FastifyRequest)).toMatchObject({ code: 'unauthorized', message: 'The API key is not valid' });
      expect(wrong.ponteApiKey).toBeUndefined();
    }
    expect(hash).toHaveBeenCalledTimes(4);
  });

  it('tells a missing or malformed header from a wrong key', () => {
    const check = apiKeyCheck(new ApiKeyRing(KEYS));
    const missing = 'Send an API key as "Authorization: Bearer <key>"';
    expect(check(request() as FastifyRequest)).toMatchObject({ code: 'unauthorized', message: missing });
    expect(check(request('Basic erp-key-0123456789abcdef') as FastifyRequest)).toMatchObject({ message: missing });
    expect(check(request('bearer  erp-key-0123456789abcdef ') as FastifyRequest)).toBeUndefined();
  });

  it('needs no key on public routes, query string or not', () => {
    const check = apiKeyCheck(new ApiKeyRing(KEYS));
    expect(check(request(undefined, '/health/live?probe=1') as FastifyRequest)).toBeUndefined();
    expect(check(request(undefined, '/docs-json') as FastifyRequest)).toBeUndefined();
    expect(check(request(undefined, '/v1/contacts?x=/health/live') as FastifyRequest)).toMatchObject({ code: 'unauthorized' });
  });
});

describe('ApiKeyRing.replace (a configuration reload)', () => {
  it('keeps the identity of an unchanged key; a removed key, or one whose digest or connections changed, is revoked at once', () => {
    const ring = new ApiKeyRing(KEYS);
    const erp = ring.authenticate('Bearer erp-key-0123456789abcdef');
    const crm = ring.authenticate('Bearer crm-key-0123456789abcdef');
    if (erp instanceof Error || crm instanceof Error) throw new Error('the keys should pass');
    const revoked = ring.replace([
      KEYS[0],
      { name: 'crm', sha256: sha256('crm-key-0123456789abcdef'), connections: ['maxbot', 'okeybot'] },
      { name: 'bi', sha256: sha256('bi-key-0123456789abcdef') },
    ]);
    expect(revoked).toEqual(['crm']);
    expect(ring.isCurrent(erp)).toBe(true);
    expect(ring.authenticate('Bearer erp-key-0123456789abcdef')).toBe(erp);
    expect(ring.isCurrent(crm)).toBe(false);
    expect(ring.authenticate('Bearer crm-key-0123456789abcdef')).toEqual({ name: 'crm', connections: ['maxbot', 'okeybot'] });
    expect(ring.authenticate('Bearer bi-key-0123456789abcdef')).toEqual({ name: 'bi' });
    expect(ring.replace([KEYS[1]])).toEqual(['erp', 'crm', 'bi']);
    // A header remembered as passing before the reload is looked up again.
    expect(ring.authenticate('Bearer erp-key-0123456789abcdef')).toMatchObject({
      code: 'unauthorized',
      detail: 'The API key is not valid',
    });
  });

  it("reads a key's maxStreams by name, so changing it revokes nothing and holds from the reload on", () => {
    const ring = new ApiKeyRing([{ ...KEYS[0], maxStreams: 3 }, KEYS[1]]);
    const erp = ring.authenticate('Bearer erp-key-0123456789abcdef');
    if (erp instanceof Error) throw new Error('the key should pass');
    expect(ring.streamQuota('erp')).toBe(3);
    expect(ring.streamQuota('crm')).toBeUndefined();
    expect(
      ring.replace([
        { ...KEYS[0], maxStreams: 5 },
        { ...KEYS[1], maxStreams: 1 },
      ]),
    ).toEqual([]);
    expect(ring.isCurrent(erp)).toBe(true);
    expect(ring.streamQuota('erp')).toBe(5);
    expect(ring.streamQuota('crm')).toBe(1);
    ring.replace(KEYS);
    expect(ring.streamQuota('erp')).toBeUndefined();
  });
});
