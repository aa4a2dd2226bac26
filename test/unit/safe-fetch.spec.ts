/**
 * The media fetcher's policy decisions, in process: an injected resolver stands in for DNS, and a
 * loopback TLS server (self-signed, so not trusted here) shows where the fetcher really connects.
 * The full fetch over trusted TLS is covered end to end (cleverchat.e2e.spec.ts).
 */
import { createServer, type Server } from 'node:tls';
import { AllowList } from '../../src/common/http/ip-policy';
import { MediaFetcher, type ResolvedAddress, type Resolver } from '../../src/common/http/safe-fetch';
import { makeTestCertificate } from '../helpers/media-server';
import { failure } from '../helpers/failure';

const OPTIONS = { field: 'media.url', timeoutMs: 3000, maxBytes: 1024 };

/** A resolver answering from a table; names missing from it do not exist. */
function resolverOf(table: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = (host: string): Promise<ResolvedAddress[]> => {
    asked.push(host);
    const found = table[host];
    if (!found) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(found.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 })));
  };
  return Object.assign(resolve, { asked });
}

describe('MediaFetcher: URLs refused before any connection', () => {
  const resolve = resolverOf({
    'cdn.example.com': ['93.184.216.34'],
    'intranet.example.com': ['10.1.2.3'],
    'mixed.example.com': ['93.184.216.34', '192.168.0.5'],
    'v6.example.com': ['fd00::5'],
    'mapped.example.com': ['::ffff:127.0.0.1'],
  });
  const fetcher = new MediaFetcher(AllowList.EMPTY, resolve);

  it.each([
    ['http', 'http://cdn.example.com/a.png', 'must be an https:// URL: the gateway fetches media only over https (got http)'],
    ['ftp', 'ftp://cdn.example.com/a.png', 'must be an https:// URL'],
    ['credentials', 'https://user:pw@cdn.example.com/a.png', 'must not carry credentials'],
    ['a loopback literal', 'https://127.0.0.1/a.png', '127.0.0.1 is a loopback address'],
    ['an IPv6 loopback literal', 'https://[::1]/a.png', '::1 is a loopback address'],
    ['a mapped IPv6 literal', 'https://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe (IPv4 169.254.169.254) is a link-local address'],
    ['a hex IPv4 spelling (normalized by the URL parser)', 'https://0x7f.1/a.png', '127.0.0.1 is a loopback address'],
    ['the unspecified address', 'https://0.0.0.0/a.png', '0.0.0.0 is an unspecified address'],
    [
      'a name resolving to a private address',
      'https://intranet.example.com/a.png',
      'intranet.example.com resolves to 10.1.2.3, a private address',
    ],
    [
      'a name with one private address among public ones',
      'https://mixed.example.com/a.png',
      'mixed.example.com resolves to 192.168.0.5, a private address',
    ],
    ['a name resolving to a unique-local IPv6', 'https://v6.example.com/a.png', 'fd00::5, a unique-local address'],
    ['a name resolving to IPv4-mapped loopback', 'https://mapped.example.com/a.png', '(IPv4 127.0.0.1), a loopback address'],
    ['a name that does not exist', 'https://nowhere.example.com/a.png', 'names a host that does not exist (nowhere.example.com)'],
  ])('%s → 400 on media.url', async (_what, url, message) => {
    const err = await failure(fetcher.fetch(url, OPTIONS));
    expect(err.code).toBe('validation_failed');
    expect(err.extras.errors).toEqual([{ field: 'media.url', message: expect.stringContaining(message) }]);
  });

  it('a DNS failure other than "no such name" → 502 media_unavailable', async () => {
    const flaky = new MediaFetcher(AllowList.EMPTY, () =>
      Promise.reject(Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' })),
    );
    const err = await failure(flaky.fetch('https://cdn.example.com/a.png', OPTIONS));
    expect(err.code).toBe('media_unavailable');
    expect(err.status).toBe(502);
    expect(err.detail).toContain('EAI_AGAIN');
  });

  it('DNS that never answers counts against the time limit', async () => {
    const stuck = new MediaFetcher(AllowList.EMPTY, () => new Promise<never>(() => undefined));
    const err = await failure(stuck.fetch('https://cdn.example.com/a.png', { ...OPTIONS, timeoutMs: 200 }));
    expect(err.code).toBe('media_unavailable');
    expect(err.detail).toContain('no answer within 200 ms (DNS)');
  });
});

describe('MediaFetcher: where it connects', () => {
  let server: Server;
  let port = 0;
  const handshakes: Array<string | false> = [];

  beforeAll(async () => {
    // Only the key and certificate in memory are needed: the temp dir goes at once.
    const certificate = makeTestCertificate();
    certificate.remove();
    const { cert, key } = certificate;
    server = createServer({ cert, key, SNICallback: (name, cb) => (handshakes.push(name), cb(null, undefined)) });
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    handshakes.length = 0;
  });

  it('to the address it checked (resolved once), with the URL host name for TLS: no second DNS answer can swap it', async () => {
    // `media.test` exists only in this resolver: the socket can only reach the server through the pinned address.
    const resolve = resolverOf({ 'media.test': ['127.0.0.1'] });
    const fetcher = new MediaFetcher(AllowList.parse('127.0.0.1').allowList, resolve);
    const err = await failure(fetcher.fetch(`https://media.test:${port}/a.png`, OPTIONS));
    expect(resolve.asked).toEqual(['media.test']);
    expect(handshakes).toEqual(['media.test']);
    // The self-signed certificate is not trusted in this process: TLS failures are the media host's.
    expect(err.code).toBe('media_unavailable');
    expect(err.detail).toMatch(
      /could not be reached \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\)/,
    );
  });

  it('an allow-listed name may resolve to an internal address; other names may not', async () => {
    const resolve = resolverOf({ 'media.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] });
    const fetcher = new MediaFetcher(AllowList.parse('media.test').allowList, resolve);
    await failure(fetcher.fetch(`https://media.test:${port}/a.png`, OPTIONS));
    expect(handshakes).toEqual(['media.test']);
    const refused = await failure(fetcher.fetch(`https://other.test:${port}/a.png`, OPTIONS));
    expect(refused.code).toBe('validation_failed');
    expect(handshakes).toEqual(['media.test']);
  });

  it('an allow-listed address does not open other internal addresses', async () => {
    const fetcher = new MediaFetcher(AllowList.parse('127.0.0.1').allowList, resolverOf({}));
    const err = await failure(fetcher.fetch(`https://127.0.0.2:${port}/a.png`, OPTIONS));
    expect(err.extras.errors![0].message).toContain('127.0.0.2 is a loopback address');
    expect(handshakes).toEqual([]);
  });
});
