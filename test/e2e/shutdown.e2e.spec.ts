/**
 * The gateway's shutdown, end to end: a real gateway process sent SIGTERM while requests to a
 * (delayed) simulated Maxbot are in flight, over real HTTP on loopback.
 */
import { connect, type Socket } from 'node:net';
import request from 'supertest';
import { startMaxbotRig, type MaxbotRig } from '../helpers/maxbot';

let rig: MaxbotRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

/** Resolves once the simulator has received `count` requests in all (bounded: 5 s). */
async function upstreamReceived(r: MaxbotRig, count: number): Promise<void> {
  for (let i = 0; r.sim.requests.length < count; i++) {
    if (i > 100) throw new Error(`the simulator got ${r.sim.requests.length} requests, not ${count}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Whether a new TCP connection to the gateway is refused (the listener closed). */
function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((done) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

/** Polls until the listener is closed (bounded: 5 s). */
async function listenerClosed(url: string): Promise<void> {
  for (let i = 0; !(await refused(url)); i++) {
    if (i > 100) throw new Error('the gateway still accepts connections');
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** One raw HTTP/1.1 keep-alive connection: requests written on it, everything read back as text. */
function rawConnection(url: string): Promise<{ socket: Socket; received: () => string; ended: Promise<void> }> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    const ended = new Promise<void>((end) => socket.once('close', () => end()));
    socket.once('error', fail);
    socket.once('connect', () => done({ socket, received: () => text, ended }));
  });
}

const getContacts = (host: string) =>
  `GET /v1/contacts?whatsapp=%2B5531911112222 HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer test-key-0123456789abcdef\r\n\r\n`;

describe('shutdown on SIGTERM', () => {
  it('closes the listener at once, lets the request in flight finish with its answer, and exits 0', async () => {
    rig = await startMaxbotRig();
    const r = rig;
    r.sim.inject({ kind: 'delay', ms: 1_500 });
    const slow = request(r.ponte.url).get('/v1/contacts?whatsapp=%2B5531911112222').set(r.auth);
    const answered = slow.then((res) => res);
    await upstreamReceived(r, 1);
    r.ponte.signal('SIGTERM');
    await r.ponte.waitForOutput('"msg":"shutting down"');
    await listenerClosed(r.ponte.url);
    const res = await answered;
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(expect.any(Array));
    expect(await r.ponte.exited(10_000)).toBe(0);
    expect(r.ponte.output()).toContain('"delaySeconds":0,"timeoutSeconds":10,"msg":"shutting down"');
    expect(r.ponte.output()).toMatch(/"method":"GET","route":"\/v1\/contacts","status":200/);
    expect(r.ponte.output()).not.toContain('cutting the connections');
  });

  it('with SHUTDOWN_DELAY_SECONDS: readiness fails at once while every request, on new connections too, is still served; then it closes', async () => {
    rig = await startMaxbotRig({ env: { SHUTDOWN_DELAY_SECONDS: '3' } });
    const r = rig;
    await request(r.ponte.url).get('/health/ready').expect(200);
    r.ponte.signal('SIGTERM');
    await r.ponte.waitForOutput('"msg":"shutting down"');
    const ready = await request(r.ponte.url).get('/health/ready').expect(503);
    expect(ready.headers['content-type']).toContain('application/problem+json');
    expect(ready.body).toMatchObject({
      status: 503,
      code: 'shutting_down',
      detail: 'The gateway is shutting down: send new work to another instance',
      requestId: ready.headers['x-request-id'],
    });
    await request(r.ponte.url).get('/health/live').expect(200, { status: 'ok' });
    // A new connection (supertest opens one per request) is accepted and served, platform call included.
    const served = await request(r.ponte.url).get('/v1/contacts?whatsapp=%2B5531911112222').set(r.auth).expect(200);
    expect(served.body.data).toEqual(expect.any(Array));
    expect(await refused(r.ponte.url)).toBe(false);
    expect(await r.ponte.exited(15_000)).toBe(0);
    expect(r.ponte.output()).toContain('"delaySeconds":3,"timeoutSeconds":10,"msg":"shutting down"');
  });

  it('a second signal ends the delay at once', async () => {
    rig = await startMaxbotRig({ env: { SHUTDOWN_DELAY_SECONDS: '300' } });
    const r = rig;
    r.ponte.signal('SIGTERM');
    await r.ponte.waitForOutput('"msg":"shutting down"');
    await request(r.ponte.url).get('/health/ready').expect(503);
    r.ponte.signal('SIGINT');
    // Well inside the 300 s delay: the second signal, not the delay's end, let it exit.
    expect(await r.ponte.exited(15_000)).toBe(0);
    expect(r.ponte.output()).toContain('"signal":"SIGINT","msg":"second shutdown signal: closing now"');
  });

  it('after SHUTDOWN_TIMEOUT_SECONDS the requests still in flight are cut, logged, and the process still exits 0', async () => {
    rig = await startMaxbotRig({ env: { SHUTDOWN_TIMEOUT_SECONDS: '1' } });
    const r = rig;
    r.sim.inject({ kind: 'delay', ms: 3_000 });
    const outcome = request(r.ponte.url)
      .get('/v1/contacts?whatsapp=%2B5531911112222')
      .set(r.auth)
      .then(
        (res) => `answered ${res.status}`,
        (err: NodeJS.ErrnoException) => err.code,
      );
    await upstreamReceived(r, 1);
    r.ponte.signal('SIGTERM');
    expect(await outcome).toBe('ECONNRESET');
    await r.ponte.waitForOutput('cutting the connections of requests still in flight');
    expect(r.ponte.output()).toContain(
      '"connections":1,"why":"still running 1 s after the close began","msg":"shutdown: cutting the connections of requests still in flight"',
    );
    // The cut request's access line follows the warning: its socket's close, then the log's next batch.
    expect(await r.ponte.waitForOutput('"cutAtShutdown":true')).toMatch(
      /"method":"GET","route":"\/v1\/contacts","status":499,"ms":null,"apiKey":"tests","cutAtShutdown":true,"msg":"request"/,
    );
    // The platform call itself was not aborted (a write may be under way): the pools close once it ends.
    expect(await r.ponte.exited(15_000)).toBe(0);
  });

  it('a request arriving on a connection that was busy when the close began is refused with a problem, not run', async () => {
    rig = await startMaxbotRig();
    const r = rig;
    r.sim.inject({ kind: 'delay', ms: 1_500 });
    const host = new URL(r.ponte.url).host;
    const conn = await rawConnection(r.ponte.url);
    conn.socket.write(getContacts(host));
    await upstreamReceived(r, 1);
    r.ponte.signal('SIGTERM');
    await listenerClosed(r.ponte.url);
    // Pipelined behind the first, on the same connection.
    conn.socket.write(getContacts(host));
    await conn.ended;
    const text = conn.received();
    const answers = text.split(/(?=HTTP\/1\.1 )/);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 200 /);
    expect(answers[1]).toMatch(/^HTTP\/1\.1 503 /);
    expect(answers[1]).toMatch(/\r\nconnection: close\r\n/i);
    expect(answers[1]).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    const problem = JSON.parse(answers[1].slice(answers[1].indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
    expect(problem).toMatchObject({
      status: 503,
      code: 'shutting_down',
      detail: 'The gateway is shutting down: this request was not run; send it again on a new connection',
    });
    // The second request never reached the platform.
    expect(r.sim.requests).toHaveLength(1);
    expect(await r.ponte.exited(10_000)).toBe(0);
    expect(r.ponte.output()).toMatch(/"route":"\/v1\/contacts","status":503/);
  });
});
