import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A subscriber: records every POST; `script[path]` lists the statuses to answer, in turn (then 200),
 * `delayMs[path]` how long to hold each answer; `answered` counts the answers sent.
 */
export class Receiver {
  readonly received: Received[] = [];
  readonly script: Record<string, number[]> = {};
  readonly delayMs: Record<string, number> = {};
  answered = 0;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = this.script[path]?.shift() ?? 200;
        setTimeout(() => res.end(() => this.answered++), this.delayMs[path] ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Waits (bounded) until `path` has received `count` requests. */
  async waitFor(path: string, count: number): Promise<Received[]> {
    for (let i = 0; i < 100 && this.at(path).length < count; i++) await new Promise((r) => setTimeout(r, 50));
    return this.at(path);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
