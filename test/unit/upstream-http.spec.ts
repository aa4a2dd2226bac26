/**
 * How the upstream client reads a platform's reply, against a loopback HTTP server: the reply
 * reassembled whole from its chunks with undici's parsed headers, 1xx answers skipped, the size cap
 * (declared or not), a body that stalls, and keep-alive reuse. Timeouts before the headers, retries
 * on dropped sockets and refused connections are covered end to end (errors.e2e.spec.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { internalContext } from '../../src/common/context/call-context';
import { createLogger } from '../../src/common/logging/logger';
import { Metrics } from '../../src/common/metrics/metrics';
import { UpstreamHttp } from '../../src/common/http/upstream-http';
import type { PonteError } from '../../src/common/errors/ponte-error';
import type { ReplyReader } from '../../src/common/http/json-list-window';
import type { UpstreamRequest, UpstreamTarget } from '../../src/common/http/upstream.types';
import { failure } from '../helpers/failure';

const CAP = 64 * 1024;
// One logger for the file: each one made adds a flush-at-exit listener to the (shared) jest worker.
const logger = createLogger('silent');
const TARGET: UpstreamTarget = { connectionId: 'test', provider: 'maxbot', timeoutMs: 2000, maxSockets: 4, secrets: [] };

let server: Server;
let base: string;
let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => handle(req, res));
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const get = (path: string): UpstreamRequest => ({ method: 'GET', url: `${base}${path}`, idempotent: false, operation: 'test' });

/** A client with a 64 KB reply cap, closed after `run`. */
async function withClient<T>(run: (http: UpstreamHttp) => Promise<T>): Promise<T> {
  const http = new UpstreamHttp(logger, CAP);
  try {
    return await run(http);
  } finally {
    await http.close();
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('UpstreamHttp: reading a reply', () => {
  it('reassembles a reply sent in several chunks, byte for byte, with the headers parsed as undici does', async () => {
    const parts = [Buffer.from('{"status":1,"msg":"Sucesso — ação"'), Buffer.alloc(20_000, 'a'), Buffer.from(',"end":true}')];
    handle = (_req, res) => {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.setHeader('X-Custom', 'Yes');
      void (async () => {
        for (const part of parts) {
          res.write(part);
          await pause(15);
        }
        res.end();
      })();
    };
    const reply = await withClient((http) => http.send(internalContext(), TARGET, get('/chunks')));
    expect(reply.status).toBe(200);
    expect(reply.body.equals(Buffer.concat(parts))).toBe(true);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(reply.headers['x-custom']).toBe('Yes');
    expect(reply.headers['transfer-encoding']).toBe('chunked');
  });

  it('answers error statuses and empty bodies as they come', async () => {
    handle = (_req, res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '7');
      res.end();
    };
    const reply = await withClient((http) => http.send(internalContext(), TARGET, get('/busy')));
    expect(reply).toMatchObject({ status: 429, headers: { 'retry-after': '7' } });
    expect(reply.body.length).toBe(0);
  });

  it('skips 1xx informational answers and reads the final one', async () => {
    handle = (_req, res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
      res.setHeader('content-type', 'application/json');
      res.end('{"status":1}');
    };
    const reply = await withClient((http) => http.send(internalContext(), TARGET, get('/hints')));
    expect(reply.status).toBe(200);
    expect(reply.headers.link).toBeUndefined();
    expect(reply.body.toString()).toBe('{"status":1}');
  });

  it('refuses a reply whose declared length is over the cap, before reading it', async () => {
    let written = 0;
    handle = (_req, res) => {
      res.setHeader('content-length', String(CAP + 1));
      res.write(Buffer.alloc(1024, 'x'), () => (written += 1024));
    };
    const err = await withClient((http) => failure(http.send(internalContext(), TARGET, get('/declared'))));
    expect(err.code).toBe('provider_unavailable');
    expect(err.detail).toBe(`The platform's reply exceeded ${CAP} bytes`);
    expect(err.extras).toMatchObject({ provider: 'maxbot', connection: 'test' });
    expect(written).toBeLessThanOrEqual(1024);
  });

  it('stops reading a reply without a declared length once it passes the cap, and drops the socket', async () => {
    let stopped = false;
    let finished = false;
    handle = (_req, res) => {
      res.setHeader('content-type', 'application/json');
      void (async () => {
        // Up to 4× the cap, 8 KB at a time; the client must hang up long before the end.
        for (let i = 0; i < 32 && !res.destroyed && !stopped; i++) {
          res.write(Buffer.alloc(8 * 1024, 'y'));
          await pause(2);
        }
        if (!res.destroyed) res.end();
      })();
      res.on('close', () => {
        stopped = true;
        finished = res.writableFinished;
      });
    };
    const err = await withClient((http) => failure(http.send(internalContext(), TARGET, get('/endless'))));
    expect(err.detail).toBe(`The platform's reply exceeded ${CAP} bytes`);
    // The client hung up: the reply was closed before the server could finish it.
    for (let i = 0; i < 100 && !stopped; i++) await pause(10);
    expect({ stopped, finished }).toEqual({ stopped: true, finished: false });
  });

  it('gives up on a reply whose body stalls longer than the connection timeout', async () => {
    handle = (_req, res) => {
      res.setHeader('content-length', '100');
      res.write('{"status":1,');
    };
    const err = await withClient((http) =>
      failure(http.send(internalContext(), { ...TARGET, connectionId: 'slow', timeoutMs: 150 }, get('/stall'))),
    );
    expect(err.code).toBe('provider_timeout');
    expect(err.detail).toBe('maxbot did not answer within 150 ms (test)');
  });

  it('reuses one keep-alive socket for calls one after another', async () => {
    handle = (_req, res) => res.end('{"status":1}');
    const stats = await withClient(async (http) => {
      for (let i = 0; i < 5; i++) {
        const reply = await http.send(internalContext(), TARGET, get(`/again?i=${i}`));
        expect(reply.body.toString()).toBe('{"status":1}');
        // undici frees the socket a tick after the reply ends: a call sent at once would open a second one.
        await pause(10);
      }
      return http.stats();
    });
    expect(stats).toEqual({ requests: 5, connects: 1 });
  });

  /** A reader that records what it was given: the bytes, and a `|` at each reset. */
  const recorder = (minBytes: number) => {
    let seen = '';
    const reader: ReplyReader = { minBytes, reset: () => (seen += '|'), write: (chunk) => (seen += chunk.toString()) };
    return { reader, seen: () => seen };
  };

  it("gives a large successful reply to the request's reader chunk by chunk, and buffers the rest as usual", async () => {
    const big = `{"status":1,"data":"${'x'.repeat(3000)}"}`;
    const huge = `{"status":1,"data":"${'y'.repeat(CAP * 2)}"}`;
    handle = (req, res) => {
      const status = req.url === '/error' ? 500 : 200;
      if (req.url === '/declared-small') return void res.writeHead(status, { 'content-length': '12' }).end('{"status":1}');
      if (req.url === '/declared-big') return void res.writeHead(status, { 'content-length': String(big.length) }).end(big);
      if (req.url === '/huge') return void res.writeHead(status, { 'content-length': String(huge.length) }).end(huge);
      res.writeHead(status); // undeclared: chunked
      res.write(big.slice(0, 1000));
      res.end(big.slice(1000));
    };
    await withClient(async (http) => {
      const send = async (path: string) => {
        const { reader, seen } = recorder(100);
        const reply = await http.send(internalContext(), TARGET, { ...get(path), reader });
        return { status: reply.status, streamed: reply.streamed ?? false, body: reply.body.toString(), seen: seen() };
      };
      expect(await send('/declared-small')).toEqual({ status: 200, streamed: false, body: '{"status":1}', seen: '|' });
      expect(await send('/declared-big')).toEqual({ status: 200, streamed: true, body: '', seen: `|${big}` });
      expect(await send('/chunked')).toEqual({ status: 200, streamed: true, body: '', seen: `|${big}` });
      // The cap is for buffering: a reader keeps what it needs, so a reply over it still reaches the reader.
      expect(await send('/huge')).toEqual({ status: 200, streamed: true, body: '', seen: `|${huge}` });
      // An error status is the platform failing, whatever it says: its body is kept for the caller.
      expect(await send('/error')).toEqual({ status: 500, streamed: false, body: big, seen: '|' });
    });
  });

  it('starts the reader over when a read is sent again after its socket died mid-reply', async () => {
    let attempts = 0;
    handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (++attempts === 1) {
        res.write('{"status":1,"data":[');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      res.end('{"status":1,"data":[]}');
    };
    const { reader, seen } = recorder(0);
    const reply = await withClient((http) => http.send(internalContext(), TARGET, { ...get('/flaky'), idempotent: true, reader }));
    expect(reply.streamed).toBe(true);
    expect(attempts).toBe(2);
    expect(seen()).toBe('|{"status":1,"data":[|{"status":1,"data":[]}');
  });
});

describe('UpstreamHttp: metrics', () => {
  it('counts each call by connection, operation and outcome (the status, timeout or error), with its duration, and the sockets opened', async () => {
    const metrics = new Metrics();
    const http = new UpstreamHttp(logger, CAP, metrics);
    try {
      handle = (req, res) => {
        if (req.url === '/stall') res.writeHead(200, { 'content-length': '100' }).write('{');
        else res.writeHead(req.url === '/missing' ? 404 : 200).end('{"status":1}');
      };
      await http.send(internalContext(), TARGET, get('/ok'));
      await pause(10);
      await http.send(internalContext(), TARGET, { ...get('/ok'), operation: 'other' });
      await pause(10);
      await http.send(internalContext(), TARGET, get('/missing'));
      await pause(10);
      await failure(http.send(internalContext(), { ...TARGET, timeoutMs: 100 }, get('/stall')));
      await failure(http.send(internalContext(), { ...TARGET, connectionId: 'nowhere' }, { ...get('/x'), url: 'http://127.0.0.1:9/x' }));
      const text = metrics.render();
      const sample = (name: string) => new RegExp(`^${name.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1];
      expect(sample('ponte_upstream_requests_total{connection="test",platform="maxbot",operation="test",outcome="200"}')).toBe('1');
      expect(sample('ponte_upstream_requests_total{connection="test",platform="maxbot",operation="other",outcome="200"}')).toBe('1');
      expect(sample('ponte_upstream_requests_total{connection="test",platform="maxbot",operation="test",outcome="404"}')).toBe('1');
      expect(sample('ponte_upstream_requests_total{connection="test",platform="maxbot",operation="test",outcome="timeout"}')).toBe('1');
      expect(sample('ponte_upstream_requests_total{connection="nowhere",platform="maxbot",operation="test",outcome="error"}')).toBe('1');
      // Three calls of (test, test), one socket: the timed-out one took at least its 100 ms.
      expect(sample('ponte_upstream_request_duration_seconds_count{connection="test",platform="maxbot",operation="test"}')).toBe('3');
      expect(
        Number(sample('ponte_upstream_request_duration_seconds_sum{connection="test",platform="maxbot",operation="test"}')),
      ).toBeGreaterThanOrEqual(0.1);
      expect(http.poolStats()).toEqual(
        expect.arrayContaining([
          { connection: 'test', inFlight: 0, connects: 1 },
          { connection: 'nowhere', inFlight: 0, connects: 0 },
        ]),
      );
    } finally {
      await http.close();
    }
  });
});

describe('UpstreamHttp: timeoutMs bounds the whole call', () => {
  it('cuts a reply that trickles in, each chunk well inside the timeout, at timeoutMs from the start', async () => {
    // 100 bytes, one every 40 ms: undici's body timeout restarts with each chunk and would wait the 4 s.
    let written = 0;
    handle = (_req, res) => {
      res.setHeader('content-length', '100');
      const drip = setInterval(() => {
        if (res.destroyed || written >= 100) return clearInterval(drip);
        written++;
        res.write('x');
      }, 40);
    };
    const began = performance.now();
    const err = await withClient((http) =>
      failure(http.send(internalContext(), { ...TARGET, connectionId: 'trickle', timeoutMs: 300 }, get('/trickle'))),
    );
    const took = performance.now() - began;
    expect(err.code).toBe('provider_timeout');
    expect(err.detail).toBe('maxbot did not answer within 300 ms (test)');
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1500);
    expect(written).toBeLessThan(50);
  });

  it('a call that waited for a socket has what is left of timeoutMs once sent; one that never got a socket is dropped unsent', async () => {
    // One socket, replies after 500 ms. /2 (timeoutMs 900) waits ~500 ms for the socket and gets the
    // 400 ms left, so it gives up at ~900 ms (it used to get a fresh 900 and give up at ~1,400 ms);
    // /3 (timeoutMs 700) never gets the socket. /2 outlives /3's deadline on purpose: with equal
    // deadlines, /2's abort frees the socket at the very moment /3 is due, and which comes first is
    // the event loop's choice.
    const target: UpstreamTarget = { ...TARGET, connectionId: 'queue', timeoutMs: 700, maxSockets: 1 };
    const targets = [target, { ...target, timeoutMs: 900 }, target];
    const served: string[] = [];
    handle = (req, res) => {
      served.push(req.url!);
      setTimeout(() => res.end('{}'), 500);
    };
    await withClient(async (http) => {
      const began = performance.now();
      const outcomes = await Promise.all(
        ['/1', '/2', '/3'].map((path, i) =>
          http.send(internalContext(), targets[i], get(path)).then(
            () => ({ ok: true, at: performance.now() - began }),
            (err: PonteError) => ({ ok: false, code: err.code, detail: err.detail, at: performance.now() - began }),
          ),
        ),
      );
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, false]);
      expect(outcomes[1]).toMatchObject({ code: 'provider_timeout', detail: 'maxbot did not answer within 900 ms (test)' });
      expect(outcomes[2]).toMatchObject({ code: 'provider_timeout', detail: expect.stringContaining('all 1 connections stayed busy') });
      expect(outcomes[1].at).toBeGreaterThanOrEqual(890);
      expect(outcomes[1].at).toBeLessThan(1150);
      expect(outcomes[2].at).toBeGreaterThanOrEqual(690);
      expect(outcomes[2].at).toBeLessThan(950);
      await pause(600);
      expect(served).toEqual(['/1', '/2']);
    });
  });
});
