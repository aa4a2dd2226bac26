/**
 * The floor: the same translation as Ponte's GET /v1/contacts (query in, Maxbot `cmd` body out,
 * the same pure mappers back) on bare Fastify + undici, with no framework, validation, auth or
 * logging around it. What Ponte adds on top of this is what the benchmark measures.
 */
import Fastify from 'fastify';
import { Pool } from 'undici';
import { pageFromArray } from '../../src/common/pagination/page';
import { e164ToDigits, parsePhone } from '../../src/common/normalize/phone';
import { contactFromWire } from '../../src/platforms/maxbot/contacts.mappers';
import type { MaxbotContactRecord } from '../../src/platforms/maxbot/maxbot.types';

const upstream = process.env.UPSTREAM!;
const token = process.env.TOKEN!;
const pool = new Pool(upstream, { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 });
const app = Fastify({ logger: false });

app.get<{ Querystring: { whatsapp?: string; limit?: string } }>('/v1/contacts', async (request, reply) => {
  const variant = String(request.headers['x-connection'] ?? 'fast-1k');
  const params: Record<string, string> = {};
  if (request.query.whatsapp) {
    const phone = parsePhone(request.query.whatsapp);
    if (!phone) return reply.status(400).send({ error: 'bad whatsapp' });
    params.whatsapp = e164ToDigits(phone);
  }
  const res = await pool.request({
    method: 'POST',
    path: `/${variant}/api/v1.php`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, cmd: 'get_contact', ...params }),
  });
  const parsed = (await res.body.json()) as { data?: MaxbotContactRecord[] };
  const contacts = (parsed.data ?? []).map((r) => contactFromWire(r, 'America/Sao_Paulo'));
  return pageFromArray(contacts, Number(request.query.limit ?? 50), undefined, request.query);
});

app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' }).then(
  () => {
    const address = app.server.address();
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  },
  (err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  },
);
