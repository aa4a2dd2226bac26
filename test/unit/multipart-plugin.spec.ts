import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { registerMultipart } from '../../src/common/transport/multipart-plugin';

/**
 * @fastify/multipart registered through registerMultipart: its two request-wide hooks run for
 * multipart requests only. Measured by what they leave behind — the plugin's onRequest hook adds a
 * `close` listener to the response, its onResponse hook deletes the temporary files of
 * saveRequestFiles() — over real HTTP on loopback.
 */
async function server(register: (app: FastifyInstance) => void) {
  const app = Fastify();
  register(app);
  const seen: { route: string; closeListeners: number }[] = [];
  const saved: string[] = [];
  app.addHook('preHandler', (request, reply, done) => {
    seen.push({ route: request.url, closeListeners: reply.raw.listenerCount('close') });
    done();
  });
  app.post('/json', (request, reply) => reply.send({ got: request.body }));
  app.post('/upload', async (request) => {
    const file = await request.file();
    const content = file ? (await file.toBuffer()).toString() : null;
    return { field: file?.fieldname, content };
  });
  app.post('/save', async (request) => {
    // This version resolves to { files, values } (its typings still say an array).
    const { files } = (await request.saveRequestFiles()) as unknown as { files: { filepath: string }[] };
    saved.push(...files.map((f) => f.filepath));
    return { saved: files.length, exists: files.every((f) => existsSync(f.filepath)) };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { app, base, seen, saved };
}

function form(): FormData {
  const data = new FormData();
  data.append('file', new Blob(['hello multipart'], { type: 'text/plain' }), 'hello.txt');
  return data;
}

const postJson = (base: string) =>
  fetch(`${base}/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });

describe('registerMultipart (@fastify/multipart with its hooks limited to multipart requests)', () => {
  let apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((a) => a.close()));
    apps = [];
  });

  it('a JSON request gets no close listener from the plugin; registered as is, it does', async () => {
    const bare = await server(() => undefined);
    const plain = await server((app) => void app.register(fastifyMultipart));
    const ponte = await server(registerMultipart);
    apps.push(bare.app, plain.app, ponte.app);
    for (const s of [bare, plain, ponte]) {
      const res = await postJson(s.base);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ got: { a: 1 } });
    }
    const [withoutPlugin, withPlugin, withPonte] = [bare, plain, ponte].map((s) => s.seen[0].closeListeners);
    expect(withPlugin).toBe(withoutPlugin + 1);
    expect(withPonte).toBe(withoutPlugin);
  });

  it('a multipart request still runs the onRequest hook and reads its file', async () => {
    const bare = await server(() => undefined);
    const ponte = await server(registerMultipart);
    apps.push(bare.app, ponte.app);
    await postJson(bare.base);
    const res = await fetch(`${ponte.base}/upload`, { method: 'POST', body: form() });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ field: 'file', content: 'hello multipart' });
    expect(ponte.seen[0].closeListeners).toBe(bare.seen[0].closeListeners + 1);
  });

  it('files saved by saveRequestFiles() are deleted once the response is sent (the onResponse hook ran)', async () => {
    const ponte = await server(registerMultipart);
    apps.push(ponte.app);
    const res = await fetch(`${ponte.base}/save`, { method: 'POST', body: form() });
    expect(await res.json()).toEqual({ saved: 1, exists: true });
    expect(ponte.saved).toHaveLength(1);
    // onResponse runs after the reply is written; poll briefly (bounded) for the cleanup.
    for (let i = 0; i < 50 && existsSync(ponte.saved[0]); i++) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(ponte.saved[0])).toBe(false);
  });

  it('the plugin’s decorators are on every request, and a non-multipart body to a file route is refused by it', async () => {
    const ponte = await server(registerMultipart);
    apps.push(ponte.app);
    const res = await fetch(`${ponte.base}/upload`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(406);
    expect((await res.json()) as { code: string }).toMatchObject({ code: 'FST_INVALID_MULTIPART_CONTENT_TYPE' });
  });
});
