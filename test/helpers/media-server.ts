import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  /** PEM file of the self-signed certificate: what NODE_EXTRA_CA_CERTS points at. */
  certPath: string;
  cert: Buffer;
  key: Buffer;
  /** Deletes the certificate's temp dir (once no gateway needs it any more). */
  remove(): void;
}

/**
 * A self-signed certificate for 127.0.0.1, ::1, localhost and `media.test`, made with openssl into a
 * fresh temp dir for this test run (no key is committed or left on disk; the certificate lives one day and its
 * dir is removed by `remove()` at the end of the run).
 */
export function makeTestCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-cert-'));
  const certPath = join(dir, 'media-cert.pem');
  const keyPath = join(dir, 'media-key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '1',
      '-subj',
      '/CN=ponte-test-media',
      '-addext',
      'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost,DNS:media.test',
    ],
    { stdio: 'ignore' },
  );
  const key = readFileSync(keyPath);
  // Only the certificate must stay on disk (NODE_EXTRA_CA_CERTS); the key lives in memory.
  rmSync(keyPath);
  return { certPath, cert: readFileSync(certPath), key, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface MediaRoute {
  status?: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Send the body in chunks without Content-Length. */
  chunked?: boolean;
  /** Never answer. */
  hang?: boolean;
}

export interface MediaRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** SNI name the client sent (undefined for an IP literal). */
  servername?: string;
}

/**
 * An HTTPS server on loopback standing in for a caller's media host: routes are set per test, and
 * every request is recorded (to prove which fetches happened, and that nothing else leaked).
 */
export class MediaServer {
  readonly requests: MediaRequest[] = [];
  private readonly routes = new Map<string, MediaRoute>();
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  port = 0;

  constructor(private readonly certificate: TestCertificate) {}

  /** `https://127.0.0.1:<port><path>` */
  url(path: string, host = '127.0.0.1'): string {
    return `https://${host}:${this.port}${path}`;
  }

  route(path: string, route: MediaRoute): void {
    this.routes.set(path, route);
  }

  file(path: string, body: Buffer, contentType: string): void {
    this.route(path, { body, headers: { 'content-type': contentType } });
  }

  redirect(path: string, location: string, status = 302): void {
    this.route(path, { status, headers: { location } });
  }

  clear(): void {
    this.requests.length = 0;
    this.routes.clear();
  }

  async start(): Promise<void> {
    const server = createServer({ cert: this.certificate.cert, key: this.certificate.key }, (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const servername = (req.socket as { servername?: string | false }).servername || undefined;
      this.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, servername });
      const route = this.routes.get(path);
      if (!route) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      if (route.hang) return;
      const body = typeof route.body === 'string' ? Buffer.from(route.body) : (route.body ?? Buffer.alloc(0));
      if (route.chunked) {
        res.writeHead(route.status ?? 200, route.headers);
        const step = 64 * 1024;
        let offset = 0;
        const pump = () => {
          while (offset < body.length) {
            const more = res.write(body.subarray(offset, offset + step));
            offset += step;
            if (!more) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        res.on('error', () => undefined);
        pump();
        return;
      }
      res.writeHead(route.status ?? 200, { 'content-length': String(body.length), ...route.headers }).end(body);
    });
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
