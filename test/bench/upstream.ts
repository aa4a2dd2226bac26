/**
 * The benchmark's simulated Maxbot: answers pre-serialized replies, chosen by the first path
 * segment (`/fast-1k/…`, `/fast-16k/…`, `/slow-1k/…` with 20 ms, `/mem/…` with 200 ms, `/big/…`).
 * Counts sockets and requests so keep-alive reuse can be computed. Runs in its own process.
 */
import { createServer } from 'node:http';
import { bigProtocolsReply, CONTACTS_16K, CONTACTS_1K, PUT_CONTACT } from './fixtures';

const VARIANTS: Record<string, { delayMs: number; reply: () => Buffer }> = {
  'fast-1k': { delayMs: 0, reply: () => CONTACTS_1K },
  'fast-16k': { delayMs: 0, reply: () => CONTACTS_16K },
  'slow-1k': { delayMs: 20, reply: () => CONTACTS_1K },
  mem: { delayMs: 200, reply: () => CONTACTS_1K },
  big: { delayMs: 0, reply: bigProtocolsReply },
};

let sockets = 0;
let requests = 0;
const server = createServer((req, res) => {
  if (req.url === '/__stats') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sockets, requests }));
    return;
  }
  if (req.url === '/__reset') {
    sockets = server.connections ?? 0;
    requests = 0;
    res.end('ok');
    return;
  }
  requests++;
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const variant = VARIANTS[(req.url ?? '').split('/')[1]] ?? VARIANTS['fast-1k'];
    const body = Buffer.concat(chunks).toString('latin1');
    const reply = body.includes('"put_contact"') ? PUT_CONTACT : variant.reply();
    const send = () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': reply.length }).end(reply);
    if (variant.delayMs) setTimeout(send, variant.delayMs);
    else send();
  });
});
server.keepAliveTimeout = 120_000;
server.on('connection', () => sockets++);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
