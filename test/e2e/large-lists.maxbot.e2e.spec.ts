/**
 * Lists Maxbot answers whole (it has no paging), read as they arrive: of a large reply only the
 * page asked for is kept (src/common/http/json-list-window.ts). Real HTTP on loopback: the built
 * gateway against a Maxbot stand-in serving a prepared reply, with its length declared or chunked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { protocolRecord } from '../bench/fixtures';
import { startPonte, type PonteProcess } from '../helpers/ponte';
import { API_KEY, secret } from '../helpers/rig';

/** What the stand-in answers to every cmd, and how: one write with a length, or 1 KB chunks without. */
const upstream = { reply: Buffer.alloc(0) as Buffer, chunked: false, calls: [] as Array<Record<string, unknown>> };
let server: Server;
let ponte: PonteProcess;
const token = secret('mxb-big-');
const auth = { Authorization: `Bearer ${API_KEY}` };

/** As PHP's json_encode writes it: every non-ASCII character as a \u escape (maxbot.txt: "Suporte T\u00e9cnico"). */
function phpJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** A get_prot record (maxbot.txt's protocol 143, ten dialog messages), its texts made awkward to scan. */
function protocol(n: number): Record<string, unknown> {
  const record = protocolRecord(n);
  // Quotes, backslashes and brackets inside strings must not confuse the scan.
  return {
    ...record,
    dialog: record.dialog.map((m, i) => ({ ...m, msg_text: `[Abertura de Protocolo #${n}]\n\n"Orientação" {${i}} \\ fim` })),
  };
}

const PROTOCOLS = 400;
const getProtReply = (data: unknown) => phpJson({ status: 1, msg: 'Success', data });

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      upstream.calls.push(JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>);
      const body = upstream.reply;
      if (!upstream.chunked) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let at = 0; at < body.length; at += 1024) res.write(body.subarray(at, at + 1024));
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  ponte = await startPonte({
    config: {
      connections: [{ id: 'maxbot', provider: 'maxbot', baseUrl: `http://127.0.0.1:${port}/api/v1.php`, token: '${BIG_TOKEN}' }],
      apiKeys: [{ name: 'tests', key: API_KEY }],
    },
    env: { BIG_TOKEN: token, LOG_LEVEL: 'debug' },
  });
});
afterAll(async () => {
  await ponte?.stop();
  await new Promise((done) => server?.close(done));
});
beforeEach(() => {
  upstream.calls.length = 0;
  upstream.chunked = false;
});

/** The gateway's debug lines about get_prot calls, oldest first. */
function upstreamCallLines(): Array<Record<string, unknown>> {
  return ponte
    .output()
    .split('\n')
    .filter((line) => line.includes('"msg":"upstream call"') && line.includes('"operation":"get_prot"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const protocols = (query: Record<string, string | number>) =>
  request(ponte.url)
    .get('/v1/protocols')
    .query({ concludedFrom: '2020-08-31', concludedTo: '2020-08-31', ...query })
    .set(auth);

describe('a get_prot reply of 400 protocols (~1.3 MB), read a page at a time', () => {
  beforeAll(() => {
    upstream.reply = getProtReply(Array.from({ length: PROTOCOLS }, (_, i) => protocol(i + 1)));
  });

  it('is read as it arrives, where a small one is parsed whole (the debug log of the platform call says which)', async () => {
    await protocols({ limit: 5 }).expect(200);
    upstream.reply = getProtReply([protocol(1)]);
    await protocols({ limit: 5 }).expect(200);
    upstream.reply = getProtReply(Array.from({ length: PROTOCOLS }, (_, i) => protocol(i + 1)));
    for (let i = 0; upstreamCallLines().length < 2 && i < 100; i++) await new Promise((done) => setTimeout(done, 50));
    expect(upstreamCallLines().map((line) => line.streamed ?? false)).toEqual([true, false]);
  });

  it.each([false, true])('walks every page with the cursor, the total counted (chunked: %s)', async (chunked) => {
    upstream.chunked = chunked;
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const res = await protocols({ limit: 150, ...(cursor ? { cursor } : {}) }).expect(200);
      expect(res.body.pageInfo.totalCount).toBe(PROTOCOLS);
      ids.push(...res.body.data.map((p: { id: string }) => p.id));
      cursor = res.body.pageInfo.nextCursor ?? undefined;
      expect(res.body.pageInfo.hasNextPage).toBe(cursor !== undefined);
      if (!cursor) break;
    }
    expect(ids).toEqual(Array.from({ length: PROTOCOLS }, (_, i) => String(i + 1)));
    // One get_prot per page: Maxbot answers the whole list every time.
    expect(upstream.calls.map((c) => c.cmd)).toEqual(['get_prot', 'get_prot', 'get_prot']);
    expect(upstream.calls[0]).toMatchObject({ token, date_focus: '1', date_start: '2020-08-31', date_stop: '2020-08-31' });
  });

  it('normalizes a kept protocol exactly as a small reply would have it', async () => {
    const res = await protocols({ limit: 2, cursor: await cursorAt(250) }).expect(200);
    const [p] = res.body.data;
    expect(p).toMatchObject({
      id: '251',
      serviceSectorName: 'Suporte Técnico',
      contact: { name: 'Roberto Fulano', whatsapp: '+553195551111' },
      concludedAt: '2020-08-31T14:37:52-03:00',
      notes: [{ id: '11', text: 'Cliente pede urgência.' }],
    });
    expect(p.dialog).toHaveLength(10);
    expect(p.dialog[3]).toMatchObject({
      id: '25103',
      direction: 'OUTBOUND',
      text: '[Abertura de Protocolo #251]\n\n"Orientação" {3} \\ fim',
    });

    upstream.reply = getProtReply([protocol(251)]);
    const small = await protocols({}).expect(200);
    upstream.reply = getProtReply(Array.from({ length: PROTOCOLS }, (_, i) => protocol(i + 1)));
    expect(small.body.data[0]).toEqual(p);
  });

  it('a cursor issued for other filters is refused before Maxbot is called', async () => {
    const cursor = await cursorAt(150);
    upstream.calls.length = 0;
    const res = await protocols({ limit: 150, cursor, serviceSectorId: '2' }).expect(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field: 'cursor' })] });
    expect(upstream.calls).toHaveLength(0);
  });

  /** The cursor of the page that starts at `offset`, as the API issues it. */
  async function cursorAt(offset: number): Promise<string> {
    const res = await protocols({ limit: offset }).expect(200);
    return res.body.pageInfo.nextCursor as string;
  }
});

describe('a large reply that is not what it should be', () => {
  const many = Array.from({ length: 300 }, (_, i) => protocol(i + 1));

  it('an item far beyond the page that is not a record → 502 provider_unavailable', async () => {
    upstream.reply = getProtReply([...many, 'not a protocol']);
    const res = await protocols({ limit: 5 }).expect(502);
    expect(res.body).toMatchObject({
      code: 'provider_unavailable',
      detail: 'Maxbot answered get_prot with a list that is not a list of records',
    });
  });

  it.each([false, true])('a reply cut short or with something after it → 502, not a page (chunked: %s)', async (chunked) => {
    upstream.chunked = chunked;
    const whole = getProtReply(many);
    for (const broken of [whole.subarray(0, whole.length - 1), Buffer.concat([whole, Buffer.from('<br>Warning')])]) {
      upstream.reply = broken;
      const res = await protocols({ limit: 5 }).expect(502);
      expect(res.body).toMatchObject({
        code: 'provider_unavailable',
        detail: 'Maxbot answered get_prot with something that is not a Maxbot reply',
      });
    }
  });

  it("a large no (status 0) is still Maxbot's no → 422 with its message", async () => {
    upstream.chunked = true;
    upstream.reply = phpJson({ status: 0, msg: 'Período muito longo', data: many });
    const res = await protocols({ limit: 5 }).expect(422);
    expect(res.body).toMatchObject({ code: 'provider_rejected', providerMessage: 'Período muito longo' });
    expect(JSON.stringify(res.body)).not.toContain(token);
    expect(ponte.output()).not.toContain(token);
  });
});

describe('the other lists Maxbot answers whole', () => {
  it('GET /v1/contacts over a get_contact reply of 3,000 contacts', async () => {
    // maxbot.txt get_contact: "data": [{"id": "1", "created_at": "2020-06-08 08:07:16", "name": "Rodrigo",
    // "surname": "Funda\u00e7\u00e3o Ther", …, "whatsapp": "5531911112222", "city": "Vi\u00e7osa", …}]
    const contacts = Array.from({ length: 3000 }, (_, i) => ({
      id: String(i + 1),
      created_at: '2020-06-08 08:07:16',
      segmentation: [],
      name: `Contato ${i + 1}`,
      surname: 'Fundação Ther',
      whatsapp: String(5531900000000 + i),
      email: `c${i + 1}@example.com`,
      city: 'Viçosa',
    }));
    upstream.reply = phpJson({ status: 1, msg: 'Success', data: contacts });
    upstream.chunked = true;
    const res = await request(ponte.url).get('/v1/contacts').query({ limit: 3 }).set(auth).expect(200);
    expect(res.body.pageInfo).toMatchObject({ totalCount: 3000, hasNextPage: true });
    expect(res.body.data.map((c: { id: string; firstName: string }) => [c.id, c.firstName])).toEqual([
      ['1', 'Contato 1'],
      ['2', 'Contato 2'],
      ['3', 'Contato 3'],
    ]);
    expect(res.body.data[2]).toMatchObject({
      lastName: 'Fundação Ther',
      whatsapp: '+5531900000002',
      createdAt: '2020-06-08T08:07:16-03:00',
    });
    expect(upstream.calls.map((c) => c.cmd)).toEqual(['get_contact']);
  });
});
