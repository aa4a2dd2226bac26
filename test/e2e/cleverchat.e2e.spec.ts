/**
 * Messages on CleverChat, end to end: real HTTP to the built gateway, which talks real HTTP to the
 * CleverChat simulator and real HTTPS to a media host on loopback. Each test checks the exact
 * request CleverChat received (method, path, query, Bearer token, Content-Type, the JSON body or
 * the multipart parts) against cleverchat.txt, and the normalized answer; then media fetched by
 * URL under the address policy, the limits, dry runs, unsupported operations and fields, and every
 * way the platform can fail.
 */
import request from 'supertest';
import { MAX_UPLOAD_BYTES } from '../../src/common/transport/upload-limits';
import { startCleverchatRig, expectCleverchatCall, type CleverchatRig } from '../helpers/cleverchat';
import { gql } from '../helpers/graphql';
import { makeTestCertificate, MediaServer, type TestCertificate } from '../helpers/media-server';
import { runPonteExpectingExit } from '../helpers/ponte';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-and-the-rest')]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const OGG = Buffer.from('T2dnUwACAAAAAAAAAACjLWkxAAAAAGmzCm4BE09wdXNI', 'base64');

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: `urn:ponte:problem:${code}`, status, code, detail: expect.any(String) });
}

const SEND = `mutation Send($input: SendMessageInput!, $connection: String) {
  sendMessage(connection: $connection, input: $input) { id status scheduledAt connection platform }
}`;

let certificate: TestCertificate;
let media: MediaServer;

beforeAll(async () => {
  certificate = makeTestCertificate();
  media = new MediaServer(certificate);
  await media.start();
});
afterAll(async () => {
  await media?.stop();
  // Inner describes' afterAll (their gateways) have run: nothing reads the certificate any more.
  certificate?.remove();
});

describe('CleverChat messages (media host 127.0.0.1 allowed by MEDIA_FETCH_ALLOW_HOSTS)', () => {
  let rig: CleverchatRig;
  const api = () => request(rig.ponte.url);
  const send = (body: Record<string, unknown>, connection = 'cleverchat') =>
    api().post('/v1/messages').set(rig.auth).set('X-Connection', connection).send(body);
  const whatsapp = { whatsapp: '+55 11 99323-1592' };

  beforeAll(async () => {
    rig = await startCleverchatRig({
      extraConnections: [
        { id: 'queue-3', provider: 'cleverchat', baseUrl: '${TEST_CLEVERCHAT_URL}', token: '${TEST_CLEVERCHAT_TOKEN}', queueId: '3' },
        { id: 'wrong-token', provider: 'cleverchat', baseUrl: '${TEST_CLEVERCHAT_URL}', token: 'clv-not-the-connection-token' },
        { id: 'slow', provider: 'cleverchat', baseUrl: '${TEST_CLEVERCHAT_URL}', token: '${TEST_CLEVERCHAT_TOKEN}', timeoutMs: 700 },
        { id: 'dead', provider: 'cleverchat', baseUrl: 'http://127.0.0.1:9', token: 'clv-dead-token-1234' },
      ],
      // Every upstream call on the log: the tokens must still never appear in it.
      env: { MEDIA_FETCH_ALLOW_HOSTS: '127.0.0.1', NODE_EXTRA_CA_CERTS: certificate.certPath, LOG_LEVEL: 'debug' },
    });
  });
  afterAll(async () => {
    await rig?.stop();
  });
  beforeEach(() => {
    rig.sim.clearRequests();
    rig.sim.clearFaults();
    rig.sim.clearScripts();
    media.clear();
  });

  describe('text → JSON', () => {
    it("sends the doc's JSON example exactly", async () => {
      const res = await send({ type: 'text', to: whatsapp, text: 'Teste' }).expect(202);
      // cleverchat.txt (PHP): {"number": "5511993231592", "openTicket": "0", "queueId": "0", "body": "Teste"}
      expectCleverchatCall(rig.sim, rig.sim.calls()[0], {
        json: { number: '5511993231592', openTicket: '0', queueId: '0', body: 'Teste' },
      });
      expect(rig.sim.calls()).toHaveLength(1);
      expect(res.body).toEqual({ id: null, status: 'ACCEPTED', scheduledAt: null, connection: 'cleverchat', platform: 'cleverchat' });
      expect(rig.sim.sent.at(-1)).toMatchObject({ number: '5511993231592', body: 'Teste', ticketId: null });
    });

    it('and its second example, from a national number', async () => {
      await send({ type: 'text', to: { whatsapp: '(51) 98765-4321' }, text: 'Teste via api' }).expect(202);
      // cleverchat.txt (JSON): {"number": "5551987654321", "openTicket": "0", "queueId": "0", "body": "Teste via api"}
      expectCleverchatCall(rig.sim, rig.sim.calls()[0], {
        json: { number: '5551987654321', openTicket: '0', queueId: '0', body: 'Teste via api' },
      });
    });

    it('openTicket true sends "1" with the queue ("obrigatório Abrir Ticket: 1"), and CleverChat opens a ticket there', async () => {
      await send({ type: 'text', to: whatsapp, text: 'Abrindo', openTicket: true, queueId: '1' }).expect(202);
      expectCleverchatCall(rig.sim, rig.sim.calls()[0], {
        json: { number: '5511993231592', openTicket: '1', queueId: '1', body: 'Abrindo' },
      });
      expect(rig.sim.tickets.at(-1)).toMatchObject({ number: '5511993231592', queueId: '1' });
    });

    it("without queueId the connection's queue is used; a connection without one → 400 naming queueId, nothing sent", async () => {
      await send({ type: 'text', to: whatsapp, text: 'Fila padrão', openTicket: true }, 'queue-3').expect(202);
      expectCleverchatCall(rig.sim, rig.sim.calls()[0], {
        json: { number: '5511993231592', openTicket: '1', queueId: '3', body: 'Fila padrão' },
      });
      rig.sim.clearRequests();
      const res = await send({ type: 'text', to: whatsapp, text: 'Sem fila', openTicket: true });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'queueId', message: expect.stringContaining('is required with openTicket: true') }]);
      // A blank queue went upstream: "Fila     não encontrada".
      const blank = await send({ type: 'text', to: whatsapp, text: 'Fila em branco', openTicket: true, queueId: '   ' });
      expectProblem(blank, 400, 'validation_failed');
      expect(blank.body.errors).toEqual([{ field: 'queueId', message: 'must be an id without spaces' }]);
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('openTicket false sends "0" and queue "0" even on a connection with a default queue', async () => {
      await send({ type: 'text', to: whatsapp, text: 'Sem ticket', openTicket: false }, 'queue-3').expect(202);
      expectCleverchatCall(rig.sim, rig.sim.calls()[0], {
        json: { number: '5511993231592', openTicket: '0', queueId: '0', body: 'Sem ticket' },
      });
    });

    it('a queue CleverChat does not know → 422 provider_rejected with its message', async () => {
      const res = await send({ type: 'text', to: whatsapp, text: 'x', openTicket: true, queueId: '99' });
      expectProblem(res, 422, 'provider_rejected');
      expect(res.body).toMatchObject({ provider: 'cleverchat', connection: 'cleverchat', providerStatus: 400 });
      expect(res.body.providerMessage).toBe('Fila 99 não encontrada');
      expect(rig.sim.calls()).toHaveLength(1);
    });
  });

  describe('media uploaded → multipart with the file in medias', () => {
    it('an image with a caption: number, openTicket, queueId, body, then medias', async () => {
      const res = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .set('X-Connection', 'cleverchat')
        .field('type', 'image')
        .field('to[whatsapp]', '+55 51 98765-4321')
        .field('media[caption]', 'Segue a foto')
        .field('openTicket', 'true')
        .field('queueId', '3')
        .attach('file', PNG, { filename: 'foto.png', contentType: 'image/png' })
        .expect(202);
      expect(res.body).toMatchObject({ id: null, status: 'ACCEPTED', connection: 'cleverchat' });
      // cleverchat.txt "Mensagens de Mídia": FormData number, medias (+ Abrir Ticket, ID da Fila, Body).
      expectCleverchatCall(rig.sim, rig.sim.calls()[0], {
        form: [
          { name: 'number', value: '5551987654321' },
          { name: 'openTicket', value: '1' },
          { name: 'queueId', value: '3' },
          { name: 'body', value: 'Segue a foto' },
          { name: 'medias', filename: 'foto.png', contentType: 'image/png', data: PNG },
        ],
      });
      expect(rig.sim.sent.at(-1)!.media).toMatchObject({ filename: 'foto.png', size: PNG.length });
    });

    it("takes nested fields as JSON text too, as Swagger UI's form sends them; text that is not a JSON object is refused", async () => {
      await api()
        .post('/v1/messages')
        .set(rig.auth)
        .field('type', 'image')
        .field('to', '{"whatsapp": "+55 51 98765-4321"}')
        .field('media', '{"caption": "Segue a foto"}')
        .attach('file', PNG, { filename: 'foto.png', contentType: 'image/png' })
        .expect(202);
      expectCleverchatCall(rig.sim, rig.sim.calls()[0], {
        form: [
          { name: 'number', value: '5551987654321' },
          { name: 'openTicket', value: '0' },
          { name: 'queueId', value: '0' },
          { name: 'body', value: 'Segue a foto' },
          { name: 'medias', filename: 'foto.png', contentType: 'image/png', data: PNG },
        ],
      });
      const broken = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .field('type', 'image')
        .field('to', '{"whatsapp": ')
        .attach('file', PNG, { filename: 'foto.png', contentType: 'image/png' })
        .expect(400);
      expect(broken.body.errors[0].field).toBe('to');
      expect(rig.sim.calls()).toHaveLength(1);
    });

    it('two file parts, or a file under another name: 400 naming the part, nothing sent', async () => {
      const twice = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .field('type', 'image')
        .field('to[whatsapp]', '+5511993231592')
        .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' })
        .attach('file', PNG, { filename: 'b.png', contentType: 'image/png' })
        .expect(400);
      expect(twice.body.errors).toEqual([{ field: 'file', message: 'is given more than once: send one file part' }]);
      const elsewhere = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .field('type', 'image')
        .field('to[whatsapp]', '+5511993231592')
        .attach('photo', PNG, { filename: 'a.png', contentType: 'image/png' })
        .expect(400);
      expect(elsewhere.body.errors).toEqual([{ field: 'photo', message: 'is not where a file goes: send it as the part "file"' }]);
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('a document without a caption sends no body; media.fileName renames it; an audio goes the same way', async () => {
      await api()
        .post('/v1/messages')
        .set(rig.auth)
        .field('type', 'file')
        .field('to[whatsapp]', '+5511993231592')
        .field('media[fileName]', 'Contrato 2026.pdf')
        .attach('file', PDF, { filename: 'upload.pdf', contentType: 'application/pdf' })
        .expect(202);
      expectCleverchatCall(rig.sim, rig.sim.calls()[0], {
        form: [
          { name: 'number', value: '5511993231592' },
          { name: 'openTicket', value: '0' },
          { name: 'queueId', value: '0' },
          { name: 'medias', filename: 'Contrato 2026.pdf', contentType: 'application/pdf', data: PDF },
        ],
      });
      await api()
        .post('/v1/messages')
        .set(rig.auth)
        .field('type', 'audio')
        .field('to[whatsapp]', '+5511993231592')
        .attach('file', OGG, 'voz.ogg')
        .expect(202);
      expectCleverchatCall(rig.sim, rig.sim.calls()[1], {
        form: [
          { name: 'number', value: '5511993231592' },
          { name: 'openTicket', value: '0' },
          { name: 'queueId', value: '0' },
          { name: 'medias', filename: 'voz.ogg', contentType: 'audio/ogg', data: OGG },
        ],
      });
    });

    it('a file over the limit → 413; a type off the list or content that is not what it says → 415; nothing sent', async () => {
      const big = Buffer.concat([PNG, Buffer.alloc(MAX_UPLOAD_BYTES)]);
      const tooBig = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .field('type', 'image')
        .field('to[whatsapp]', '+5511993231592')
        .attach('file', big, { filename: 'grande.png', contentType: 'image/png' });
      expectProblem(tooBig, 413, 'payload_too_large');

      const mismatch = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .field('type', 'image')
        .field('to[whatsapp]', '+5511993231592')
        .attach('file', PDF, { filename: 'foto.png', contentType: 'image/png' });
      expectProblem(mismatch, 415, 'unsupported_media_type');
      expect(mismatch.body).toMatchObject({
        provider: 'cleverchat',
        errors: [{ field: 'file', message: 'does not have the content of a .png file (its first bytes are pdf)' }],
      });

      const exe = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .field('type', 'file')
        .field('to[whatsapp]', '+5511993231592')
        .attach('file', Buffer.from('MZ\x90\x00'), 'setup.exe');
      expectProblem(exe, 415, 'unsupported_media_type');
      expect(exe.body.errors[0].message).toBe('is a .exe file; CleverChat files must be one of pdf, doc, docx, xls, xlsx, ppt, pptx, pps');

      const pdfAsImage = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .field('type', 'image')
        .field('to[whatsapp]', '+5511993231592')
        .attach('file', PDF, { filename: 'doc.pdf', contentType: 'application/pdf' });
      expectProblem(pdfAsImage, 415, 'unsupported_media_type');
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('an upload with media.url, an upload on a text, neither file nor url → 400; nothing sent', async () => {
      const both = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .field('type', 'image')
        .field('to[whatsapp]', '+5511993231592')
        .field('media[url]', media.url('/foto.png'))
        .attach('file', PNG, 'foto.png');
      expectProblem(both, 400, 'validation_failed');
      expect(both.body.errors[0].field).toBe('media.url');
      const onText = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .field('type', 'text')
        .field('text', 'oi')
        .field('to[whatsapp]', '+5511993231592')
        .attach('file', PNG, 'foto.png');
      expectProblem(onText, 400, 'validation_failed');
      expect(onText.body.errors).toEqual([{ field: 'file', message: 'is only for types image, file and audio' }]);
      const neither = await send({ type: 'image', to: whatsapp, media: { caption: 'sem arquivo' } });
      expectProblem(neither, 400, 'validation_failed');
      expect(neither.body.errors[0].field).toBe('media.url');
      const jsonFile = await send({ type: 'image', to: whatsapp, file: 'iVBORw0KGgo=' });
      expectProblem(jsonFile, 400, 'validation_failed');
      expect(jsonFile.body.errors).toContainEqual({ field: 'file', message: 'is the multipart file part; in a JSON body give media.url' });
      expect(rig.sim.calls()).toHaveLength(0);
      expect(media.requests).toHaveLength(0);
    });
  });

  describe('media by URL: the gateway fetches it, then uploads it', () => {
    it('fetches the https URL once (no CleverChat token sent there) and sends the same form', async () => {
      media.file('/files/contrato.pdf', PDF, 'application/pdf');
      await send({ type: 'file', to: whatsapp, media: { url: media.url('/files/contrato.pdf?v=2'), caption: 'Contrato' } }).expect(202);
      expect(media.requests).toHaveLength(1);
      expect(media.requests[0]).toMatchObject({ method: 'GET', path: '/files/contrato.pdf' });
      expect(media.requests[0].headers.authorization).toBeUndefined();
      expect(JSON.stringify(media.requests[0].headers)).not.toContain(rig.sim.token);
      expectCleverchatCall(rig.sim, rig.sim.calls()[0], {
        form: [
          { name: 'number', value: '5511993231592' },
          { name: 'openTicket', value: '0' },
          { name: 'queueId', value: '0' },
          { name: 'body', value: 'Contrato' },
          { name: 'medias', filename: 'contrato.pdf', contentType: 'application/pdf', data: PDF },
        ],
      });
    });

    it('follows redirects on allowed hosts; a URL without an extension is named from its content', async () => {
      media.redirect('/go', '/files/download');
      media.route('/files/download', { body: PNG, headers: { 'content-type': 'image/png; charset=binary' } });
      await send({ type: 'image', to: whatsapp, media: { url: media.url('/go') } }).expect(202);
      expect(media.requests.map((r) => r.path)).toEqual(['/go', '/files/download']);
      expectCleverchatCall(rig.sim, rig.sim.calls()[0], {
        form: [
          { name: 'number', value: '5511993231592' },
          { name: 'openTicket', value: '0' },
          { name: 'queueId', value: '0' },
          { name: 'medias', filename: 'go.png', contentType: 'image/png', data: PNG },
        ],
      });
    });

    it.each([
      ['a private address', 'https://10.0.0.7/foto.png', '10.0.0.7 is a private address'],
      ['the cloud metadata address', 'https://169.254.169.254/latest/meta-data', '169.254.169.254 is a link-local address'],
      ['IPv6 loopback (not on the allow-list)', 'https://[::1]:8443/foto.png', '::1 is a loopback address'],
      ['plain http', 'http://127.0.0.1/foto.png', 'must be an https:// URL'],
    ])('a redirect to %s → 400 naming media.url; nothing sent to CleverChat', async (_what, location, message) => {
      media.redirect('/hop', location);
      const res = await send({ type: 'image', to: whatsapp, media: { url: media.url('/hop') } });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'media.url', message: expect.stringContaining(message) }]);
      expect(media.requests.map((r) => r.path)).toEqual(['/hop']);
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('more than 5 redirects → 400', async () => {
      media.redirect('/loop', '/loop', 307);
      const res = await send({ type: 'image', to: whatsapp, media: { url: media.url('/loop') } });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'media.url', message: 'redirects more than 5 times' }]);
      expect(media.requests).toHaveLength(6);
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('a file over the limit → 413, whether its length is declared or not; reading stops there', async () => {
      const big = Buffer.concat([PNG, Buffer.alloc(MAX_UPLOAD_BYTES)]);
      media.file('/big.png', big, 'image/png');
      media.route('/stream.png', { body: big, chunked: true, headers: { 'content-type': 'image/png' } });
      for (const path of ['/big.png', '/stream.png']) {
        const res = await send({ type: 'image', to: whatsapp, media: { url: media.url(path) } });
        expectProblem(res, 413, 'payload_too_large');
        expect(res.body).toMatchObject({ limit: MAX_UPLOAD_BYTES, errors: [{ field: 'media.url' }] });
      }
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('a type the media host declares that disagrees with the name, or content that is not an image → 415', async () => {
      media.file('/foto.png', PNG, 'application/pdf');
      const declared = await send({ type: 'image', to: whatsapp, media: { url: media.url('/foto.png') } });
      expectProblem(declared, 415, 'unsupported_media_type');
      expect(declared.body.errors).toEqual([
        { field: 'media.url', message: expect.stringContaining('is declared as application/pdf, which is not a .png type') },
      ]);
      media.file('/fake.jpg', PDF, 'image/jpeg');
      const content = await send({ type: 'image', to: whatsapp, media: { url: media.url('/fake.jpg') } });
      expectProblem(content, 415, 'unsupported_media_type');
      expect(content.body.detail).toContain('The file at media.url cannot be sent');
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('a media host that fails or does not answer in time → 502 media_unavailable; nothing sent', async () => {
      const missing = await send({ type: 'image', to: whatsapp, media: { url: media.url('/nope.png') } });
      expectProblem(missing, 502, 'media_unavailable');
      expect(missing.body).toMatchObject({
        mediaStatus: 404,
        errors: [{ field: 'media.url', message: 'the media server answered HTTP 404' }],
      });
      media.route('/slow.png', { hang: true });
      const slow = await send({ type: 'image', to: whatsapp, media: { url: media.url('/slow.png') } }, 'slow');
      expectProblem(slow, 502, 'media_unavailable');
      expect(slow.body.detail).toContain('no answer within 700 ms');
      const closed = await send({ type: 'image', to: whatsapp, media: { url: 'https://127.0.0.1:9/foto.png' } });
      expectProblem(closed, 502, 'media_unavailable');
      expect(closed.body.detail).toContain('ECONNREFUSED');
      expect(rig.sim.calls()).toHaveLength(0);
    });
  });

  describe('dry run (Prefer: dry-run): the exact request, token redacted, nothing sent', () => {
    it('text: the JSON body', async () => {
      const res = await send({ type: 'text', to: whatsapp, text: 'Teste', openTicket: true, queueId: '3' })
        .set('Prefer', 'dry-run')
        .expect(200);
      expect(res.body).toEqual({
        dryRun: true,
        connection: 'cleverchat',
        provider: 'cleverchat',
        requests: [
          {
            method: 'POST',
            url: `${rig.sim.url}/api/messages/send`,
            headers: { authorization: 'Bearer [REDACTED]', 'content-type': 'application/json' },
            body: { number: '5511993231592', openTicket: '1', queueId: '3', body: 'Teste' },
          },
        ],
      });
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('media: the form, with the file by name, type and size', async () => {
      const res = await api()
        .post('/v1/messages')
        .set(rig.auth)
        .set('Prefer', 'dry-run')
        .field('type', 'image')
        .field('to[whatsapp]', '+5511993231592')
        .field('media[caption]', 'Olha')
        .attach('file', PNG, { filename: 'foto.png', contentType: 'image/png' })
        .expect(200);
      expect(res.headers['preference-applied']).toBe('dry-run');
      expect(res.body.requests).toEqual([
        {
          method: 'POST',
          url: `${rig.sim.url}/api/messages/send`,
          headers: { authorization: 'Bearer [REDACTED]', 'content-type': 'multipart/form-data' },
          form: [
            { name: 'number', value: '5511993231592' },
            { name: 'openTicket', value: '0' },
            { name: 'queueId', value: '0' },
            { name: 'body', value: 'Olha' },
            { name: 'medias', filename: 'foto.png', contentType: 'image/png', size: PNG.length },
          ],
        },
      ]);
      expect(JSON.stringify(res.body)).not.toContain(rig.sim.token);
      expect(rig.sim.calls()).toHaveLength(0);
    });
  });

  describe('GraphQL sendMessage', () => {
    it('text and media by URL, the same requests as REST', async () => {
      const text = await gql(
        rig.ponte.url,
        SEND,
        {
          connection: 'cleverchat',
          input: { type: 'TEXT', to: { whatsapp: '+55 11 99323-1592' }, text: 'Teste', openTicket: true, queueId: '1' },
        },
        rig.auth,
      );
      expect(text.errors).toBeUndefined();
      expect(text.data!.sendMessage).toEqual({
        id: null,
        status: 'ACCEPTED',
        scheduledAt: null,
        connection: 'cleverchat',
        platform: 'cleverchat',
      });
      expectCleverchatCall(rig.sim, rig.sim.calls()[0], {
        json: { number: '5511993231592', openTicket: '1', queueId: '1', body: 'Teste' },
      });

      media.file('/audio.mp3', Buffer.concat([Buffer.from('ID3'), Buffer.alloc(32)]), 'audio/mpeg');
      const audio = await gql(
        rig.ponte.url,
        SEND,
        { connection: 'cleverchat', input: { type: 'AUDIO', to: { whatsapp: '+5511993231592' }, media: { url: media.url('/audio.mp3') } } },
        rig.auth,
      );
      expect(audio.errors).toBeUndefined();
      expectCleverchatCall(rig.sim, rig.sim.calls()[1], {
        form: [
          { name: 'number', value: '5511993231592' },
          { name: 'openTicket', value: '0' },
          { name: 'queueId', value: '0' },
          { name: 'medias', filename: 'audio.mp3', contentType: 'audio/mpeg', data: Buffer.concat([Buffer.from('ID3'), Buffer.alloc(32)]) },
        ],
      });
    });

    it('problems carry the same codes: 422 scheduleAt, 400 media URL', async () => {
      const scheduled = await gql(
        rig.ponte.url,
        SEND,
        {
          connection: 'cleverchat',
          input: { type: 'TEXT', to: { whatsapp: '+5511993231592' }, text: 'x', scheduleAt: '2030-12-01T13:00:00-03:00' },
        },
        rig.auth,
      );
      expect(scheduled.errors![0].extensions).toMatchObject({ code: 'unsupported_field', status: 422, provider: 'cleverchat' });
      const refused = await gql(
        rig.ponte.url,
        SEND,
        {
          connection: 'cleverchat',
          input: { type: 'IMAGE', to: { whatsapp: '+5511993231592' }, media: { url: 'https://192.168.0.10/a.png' } },
        },
        rig.auth,
      );
      expect(refused.errors![0].extensions).toMatchObject({ code: 'validation_failed', errors: [{ field: 'media.url' }] });
      expect(rig.sim.calls()).toHaveLength(0);
    });
  });

  describe('what CleverChat cannot do or carry', () => {
    it.each<[string, Record<string, unknown>, string[]]>([
      ['scheduleAt (CleverChat cannot schedule)', { scheduleAt: '2030-12-01T13:00:00-03:00' }, ['scheduleAt']],
      [
        "channelToken (CleverChat sends through the connection's number)",
        { channelToken: '2023047C66A1138D57-D7096D-DC39B4' },
        ['channelToken'],
      ],
    ])('422 unsupported_field for %s; nothing sent', async (_what, extra, fields) => {
      const res = await send({ type: 'text', to: whatsapp, text: 'x', ...extra });
      expectProblem(res, 422, 'unsupported_field');
      expect(res.body).toMatchObject({ provider: 'cleverchat' });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('422 for media.extension (CleverChat takes a file name); nothing fetched or sent', async () => {
      media.file('/foto', PNG, 'image/png');
      const res = await send({ type: 'image', to: whatsapp, media: { url: media.url('/foto'), extension: 'png' } });
      expectProblem(res, 422, 'unsupported_field');
      expect(res.body.errors).toEqual([{ field: 'media.extension', message: 'is not supported by CleverChat' }]);
      expect(media.requests).toHaveLength(0);
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it.each([
      [{ cpf: '873.487.695-27' }, 'to.cpf'],
      [{ telegramId: '123' }, 'to.telegramId'],
      [{ contactId: '1' }, 'to.contactId'],
    ])('a recipient other than WhatsApp (%j) → 400 on %s; nothing sent', async (to, field) => {
      const res = await send({ type: 'text', to, text: 'x' });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field, message: expect.stringContaining('CleverChat reaches a recipient by whatsapp') }]);
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('queueId without openTicket → 400', async () => {
      const res = await send({ type: 'text', to: whatsapp, text: 'x', queueId: '3' });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'queueId', message: 'is only meaningful with openTicket: true' }]);
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it.each([
      ['GET', '/v1/contacts', undefined, 'listContacts'],
      ['POST', '/v1/messages/template', { to: { contactId: '1' }, templateId: '1' }, 'sendTemplate'],
      ['POST', '/v1/messages/sms', { to: { phone: '+5511993231592' }, text: 'x' }, 'sendSms'],
      ['GET', '/v1/templates', undefined, 'listTemplates'],
    ])('%s %s → 501 naming the connections that can', async (method, path, body, operation) => {
      const req = api()[method.toLowerCase() as 'get' | 'post'](path).set(rig.auth).set('X-Connection', 'cleverchat');
      const res = await (body ? req.send(body) : req);
      expectProblem(res, 501, 'unsupported_operation');
      expect(res.body).toMatchObject({ connection: 'cleverchat', provider: 'cleverchat', operation, connections: ['maxbot'] });
      expect(rig.sim.calls()).toHaveLength(0);
    });

    it('GraphQL 501 too, and GET /v1/connections lists sendMessage as its one operation', async () => {
      const res = await gql(rig.ponte.url, '{ templates { data { id } } }', {}, { ...rig.auth, 'X-Connection': 'cleverchat' });
      expect(res.errors![0].extensions).toMatchObject({ code: 'unsupported_operation', connections: ['maxbot'] });
      const connections = await api().get('/v1/connections?status=false').set(rig.auth).expect(200);
      expect(connections.body.data.find((c: { id: string }) => c.id === 'cleverchat')).toMatchObject({
        platform: 'cleverchat',
        isDefault: true,
        operations: ['sendMessage'],
        status: null,
      });
    });
  });

  describe('platform failures → the right problem, no crash', () => {
    it("its 401 means the gateway's token is wrong: 502 provider_auth_failed, token never shown", async () => {
      const res = await send({ type: 'text', to: whatsapp, text: 'x' }, 'wrong-token');
      expectProblem(res, 502, 'provider_auth_failed');
      expect(res.body).toMatchObject({
        provider: 'cleverchat',
        connection: 'wrong-token',
        providerStatus: 401,
        providerMessage: 'ERR_SESSION_EXPIRED',
      });
      expect(JSON.stringify(res.body)).not.toContain('clv-not-the-connection-token');
      expect(rig.sim.calls()[0].headers.authorization).toBe('Bearer clv-not-the-connection-token');
    });

    it('403 → 502 provider_auth_failed; a 4xx with a message (token echoed) → 422 provider_rejected, scrubbed', async () => {
      rig.sim.script(() => true, { status: 403, json: { error: 'ERR_NO_PERMISSION' } });
      expectProblem(await send({ type: 'text', to: whatsapp, text: 'x' }), 502, 'provider_auth_failed');
      rig.sim.script(() => true, { status: 400, json: { error: `Conexão do token ${rig.sim.token} desconectada` } });
      const res = await send({ type: 'text', to: whatsapp, text: 'x' });
      expectProblem(res, 422, 'provider_rejected');
      expect(res.body.providerMessage).toBe('Conexão do token [REDACTED] desconectada');
    });

    it('5xx → 502, garbage → 502, a bare 404 → 502, no answer → 504, refused → 502, 429 → 429', async () => {
      rig.sim.inject({ kind: 'status', status: 503 });
      const down = await send({ type: 'text', to: whatsapp, text: 'x' });
      expectProblem(down, 502, 'provider_unavailable');
      expect(down.body.detail).toContain('HTTP 503');
      rig.sim.inject({ kind: 'garbage' });
      const garbage = await send({ type: 'text', to: whatsapp, text: 'x' });
      expectProblem(garbage, 502, 'provider_unavailable');
      expect(garbage.body.detail).toContain('not JSON');
      rig.sim.script(() => true, { status: 404, body: 'Cannot POST /api/messages/send' });
      const notFound = await send({ type: 'text', to: whatsapp, text: 'x' });
      expectProblem(notFound, 502, 'provider_unavailable');
      expect(notFound.body.detail).toContain("check the connection's baseUrl");
      rig.sim.inject({ kind: 'hang' });
      expectProblem(await send({ type: 'text', to: whatsapp, text: 'x' }, 'slow'), 504, 'provider_timeout');
      const refused = await send({ type: 'text', to: whatsapp, text: 'x' }, 'dead');
      expectProblem(refused, 502, 'provider_unavailable');
      expect(refused.body).toMatchObject({ connection: 'dead', provider: 'cleverchat' });
      rig.sim.script(() => true, { status: 429, json: { error: 'Too many requests' }, headers: { 'retry-after': '7' } });
      const limited = await send({ type: 'text', to: whatsapp, text: 'x' });
      expectProblem(limited, 429, 'rate_limited');
      expect(limited.headers['retry-after']).toBe('7');
      // A 2xx with an empty body is a success: the doc shows no reply at all.
      rig.sim.script(() => true, { status: 200, body: '' });
      await send({ type: 'text', to: whatsapp, text: 'x' }).expect(202);
      await send({ type: 'text', to: whatsapp, text: 'still fine' }).expect(202);
    });
  });

  it('no CleverChat token ever appears in the logs', () => {
    const log = rig.ponte.output();
    expect(log).toContain('"msg":"upstream call"');
    expect(log).toContain('"operation":"POST /api/messages/send"');
    expect(log).toContain('MEDIA_FETCH_ALLOW_HOSTS is set');
    for (const token of [rig.sim.token, 'clv-not-the-connection-token', 'clv-dead-token-1234']) expect(log).not.toContain(token);
  });
});

describe('without MEDIA_FETCH_ALLOW_HOSTS: internal addresses are refused before any connection', () => {
  let rig: CleverchatRig;
  const send = (url: string) =>
    request(rig.ponte.url)
      .post('/v1/messages')
      .set(rig.auth)
      .send({ type: 'image', to: { whatsapp: '+5511993231592' }, media: { url } });

  beforeAll(async () => {
    // The media host's certificate is trusted: only the address policy can refuse it.
    rig = await startCleverchatRig({ env: { NODE_EXTRA_CA_CERTS: certificate.certPath } });
  });
  afterAll(async () => {
    await rig?.stop();
  });
  beforeEach(() => {
    media.clear();
    media.file('/foto.png', PNG, 'image/png');
  });
  afterEach(() => {
    expect(media.requests).toHaveLength(0);
    expect(rig.sim.calls()).toHaveLength(0);
  });

  it.each([
    ['a loopback URL', () => media.url('/foto.png'), '127.0.0.1 is a loopback address'],
    ['a name that resolves to loopback', () => media.url('/foto.png', 'localhost'), 'localhost'],
    ['IPv4-mapped IPv6 loopback', () => media.url('/foto.png', '[::ffff:127.0.0.1]'), '(IPv4 127.0.0.1) is a loopback address'],
    ['a private IP', () => 'https://192.168.1.20/foto.png', '192.168.1.20 is a private address'],
    ['a CGNAT IP', () => 'https://100.64.0.1/foto.png', '100.64.0.1 is a cgnat address'],
    ['plain http', () => media.url('/foto.png').replace('https:', 'http:'), 'must be an https:// URL'],
  ])('%s → 400 naming media.url', async (_what, url, message) => {
    const res = await send(url());
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([{ field: 'media.url', message: expect.stringContaining(message) }]);
  });
});

describe('MEDIA_FETCH_ALLOW_HOSTS is validated at startup', () => {
  it('a bad entry stops the gateway with one readable line', async () => {
    const { code, output } = await runPonteExpectingExit({
      config: {
        connections: [{ id: 'c', provider: 'cleverchat', baseUrl: 'https://api.cleverchat.com.br', token: 'clv-token-1234' }],
        auth: { disabled: true },
      },
      env: { MEDIA_FETCH_ALLOW_HOSTS: '127.0.0.1, 10.0.0.0/33, media_server!' },
    });
    expect(code).toBe(1);
    expect(output).toContain('Ponte cannot start: the environment has 2 problem(s):');
    expect(output).toContain('MEDIA_FETCH_ALLOW_HOSTS: "10.0.0.0/33" is not an IP address, a CIDR range (10.0.0.0/8) or a host name');
    expect(output).toContain('"media_server!"');
    expect(output).not.toContain('    at ');
  });
});
