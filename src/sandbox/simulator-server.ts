import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** One multipart/form-data part as the simulator received it. */
export interface ReceivedPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
  value: string;
}

/** A request exactly as it reached the simulator: what tests assert against. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Decoded query parameters (last value wins; `rawQuery` keeps the original encoding). */
  query: Record<string, string>;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Parsed body when it was JSON (undefined when it was not, or did not parse). */
  json?: unknown;
  /** Parts, when the body was multipart/form-data. */
  form?: ReceivedPart[];
  /** Remote port: distinct values count distinct upstream sockets (keep-alive reuse). */
  remotePort: number;
}

export interface SimReply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string | Buffer;
}

/** Failures a test can make the next request(s) suffer. */
export type Fault =
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'garbage' }
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'reset' }
  /** The request is processed (state changes), then the connection drops before the reply. */
  | { kind: 'dropReply' };

export type SimHandler = (req: RecordedRequest) => SimReply | Promise<SimReply>;

export interface SimulatorOptions {
  /** Keep at most this many recorded requests (a long sandbox run must not grow forever). */
  maxRecorded?: number;
  /** Added to every answer, to simulate a platform's latency. */
  latencyMs?: number;
}

function parseMultipart(body: Buffer, contentType: string): ReceivedPart[] | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!match) return undefined;
  const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
  const parts: ReceivedPart[] = [];
  let start = body.indexOf(boundary);
  while (start !== -1) {
    const next = body.indexOf(boundary, start + boundary.length);
    if (next === -1) break;
    const chunk = body.subarray(start + boundary.length + 2, next - 2);
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const head = chunk.subarray(0, headerEnd).toString('utf8');
      const data = chunk.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '';
      const filename = /filename="([^"]*)"/i.exec(head)?.[1];
      const partType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
      parts.push({ name, filename, contentType: partType, data, value: data.toString('utf8') });
    }
    start = next;
  }
  return parts;
}

/**
 * A platform simulator: a real HTTP server on loopback (ephemeral port) that records every request
 * and answers through a handler. The gateway reaches it exactly as it reaches the real platform.
 * Tests read `requests` and can inject faults (5xx, garbage, delay, hang, connection reset).
 */
export class SimulatorServer {
  readonly requests: RecordedRequest[] = [];
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly faults: Fault[] = [];
  private baseUrl = '';

  constructor(
    readonly name: string,
    private readonly handler: SimHandler,
    private readonly options: SimulatorOptions = {},
  ) {}

  get url(): string {
    return this.baseUrl;
  }

  /** Apply `fault` to the next `times` requests. */
  inject(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  setLatency(ms: number): void {
    this.options.latencyMs = ms;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => void this.onRequest(req, res));
    server.keepAliveTimeout = 60_000;
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('simulator has no TCP address');
    this.baseUrl = `http://${host}:${address.port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://simulator');
    const contentType = String(req.headers['content-type'] ?? '');
    let json: unknown;
    if (/json/i.test(contentType) || (body.length && (body[0] === 0x7b || body[0] === 0x5b))) {
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        json = undefined;
      }
    }
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      rawQuery: url.search.replace(/^\?/, ''),
      headers: req.headers,
      body,
      json,
      form: /multipart\/form-data/i.test(contentType) ? parseMultipart(body, contentType) : undefined,
      remotePort: req.socket.remotePort ?? 0,
    };
    this.requests.push(recorded);
    const max = this.options.maxRecorded ?? 10_000;
    if (this.requests.length > max) this.requests.splice(0, this.requests.length - max);

    const fault = this.faults.shift();
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (this.options.latencyMs) await new Promise((r) => setTimeout(r, this.options.latencyMs));
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'text/html' }).end(fault.body ?? '<html><body>Server Error</body></html>');
      return;
    }
    if (fault?.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('<?php echo "oops"; Fatal error');
      return;
    }
    let reply: SimReply;
    try {
      reply = await this.handler(recorded);
    } catch (err) {
      reply = { status: 500, json: { error: `simulator bug: ${(err as Error).message}` } };
    }
    if (fault?.kind === 'dropReply') {
      req.socket.destroy();
      return;
    }
    const payload = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? '');
    res
      .writeHead(reply.status ?? 200, {
        'content-type': reply.json !== undefined ? 'application/json; charset=utf-8' : 'text/plain',
        ...reply.headers,
      })
      .end(payload);
  }
}
