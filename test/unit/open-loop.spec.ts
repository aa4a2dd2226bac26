import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { openLoop } from '../bench/open-loop';

/**
 * The benchmark's fixed-rate client (raw keep-alive sockets, responses framed by content-length)
 * against real HTTP servers on loopback: every scheduled request is sent and answered once, bodies
 * reach the server intact, and failures (non-2xx, a closed connection, no content-length) are
 * counted as errors instead of being lost. Counts only: no timing is asserted.
 */
async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const seen = { requests: 0, sockets: 0, bodies: new Set<string>() };
  const server: Server = createServer((req, res) => {
    seen.requests++;
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen.bodies.add(body);
      handler(req, res, body);
    });
  });
  server.on('connection', () => seen.sockets++);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { url, seen, close: () => new Promise((done) => server.close(done)) };
}

describe('open-loop client (bench)', () => {
  it('sends every scheduled request once over reused connections and counts each answer', async () => {
    const reply = JSON.stringify({ ok: true, padding: 'x'.repeat(20_000) }); // several TCP segments
    const s = await serve((_req, res) => res.writeHead(200, { 'content-length': Buffer.byteLength(reply) }).end(reply));
    try {
      const body = JSON.stringify({ cmd: 'get_contact', note: 'ação' });
      const result = await openLoop(
        { url: `${s.url}/api?x=1`, method: 'POST', headers: { 'content-type': 'application/json' }, body },
        400,
        1,
        8,
      );
      expect(result.errors).toBe(0);
      expect(s.seen.requests).toBe(400);
      expect(s.seen.sockets).toBe(8);
      expect([...s.seen.bodies]).toEqual([body]);
      expect(result.p50).toBeGreaterThan(0);
      expect(result.p99).toBeGreaterThanOrEqual(result.p50);
    } finally {
      await s.close();
    }
  });

  it('runs the warm-up on the same connections before the measured window, and counts only the window', async () => {
    let n = 0;
    // The warm-up's 100 requests are all refused: none of them may count as an error of the window.
    const s = await serve((_req, res) => res.writeHead(n++ < 100 ? 503 : 200, { 'content-length': 2 }).end('{}'));
    try {
      const result = await openLoop({ url: `${s.url}/` }, 200, 1, 4, 0.5);
      expect(s.seen.requests).toBe(300);
      expect(s.seen.sockets).toBe(4);
      expect(result.errors).toBe(0);
      expect(result.achieved).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });

  it('counts non-2xx answers as errors', async () => {
    let n = 0;
    const s = await serve((_req, res) => res.writeHead(n++ % 4 === 0 ? 503 : 200, { 'content-length': 2 }).end('{}'));
    try {
      const result = await openLoop({ url: `${s.url}/` }, 200, 1, 4);
      expect(s.seen.requests).toBe(200);
      expect(result.errors).toBe(50);
    } finally {
      await s.close();
    }
  });

  it('counts a request whose connection is closed as an error, then reconnects', async () => {
    let n = 0;
    const s = await serve((req, res) => {
      if (n++ % 10 === 9) req.socket.destroy();
      else res.writeHead(200, { 'content-length': 2 }).end('{}');
    });
    try {
      const result = await openLoop({ url: `${s.url}/` }, 200, 1, 4);
      expect(result.errors).toBe(20);
      expect(s.seen.requests).toBe(200);
      expect(s.seen.sockets).toBeGreaterThan(4);
    } finally {
      await s.close();
    }
  });

  it('refuses a response it cannot frame (no content-length) instead of waiting for it', async () => {
    const s = await serve((_req, res) => {
      res.write('{"chunked":');
      res.end('true}');
    });
    try {
      const result = await openLoop({ url: `${s.url}/` }, 50, 1, 2);
      expect(result.errors).toBe(50);
    } finally {
      await s.close();
    }
  });
});
