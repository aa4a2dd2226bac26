import http from 'node:http';

/** One message of a `text/event-stream`, its fields as sent; `comment` for a line starting with ":". */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  comment?: string;
}

export type EventStreamReader = SseFrames & {
  status: number;
  headers: http.IncomingHttpHeaders;
  close(): void;
};

function parseFrame(text: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1);
    else {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon) as 'id' | 'event' | 'data' | 'retry';
      frame[name] = line.slice(colon + 1).replace(/^ /, '');
    }
  }
  return frame;
}

/**
 * Reads a response as Server-Sent Events, frame by frame; every wait is bounded. A paused response
 * is resumed: the frames it held come first.
 */
export class SseFrames {
  private readonly frames: SseFrame[] = [];
  private readonly waiters = new Set<() => void>();
  private buffered = '';
  private raw = '';
  private end = false;

  constructor(private readonly res: http.IncomingMessage) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      this.raw += chunk;
      this.buffered += chunk;
      for (let i = this.buffered.indexOf('\n\n'); i >= 0; i = this.buffered.indexOf('\n\n')) {
        this.frames.push(parseFrame(this.buffered.slice(0, i)));
        this.buffered = this.buffered.slice(i + 2);
      }
      this.wake();
    });
    const finish = () => {
      this.end = true;
      this.wake();
    };
    res.on('end', finish);
    res.on('close', finish);
    res.on('error', finish);
    res.resume();
  }

  /** The whole body, for an answer that is not a stream (a problem document). */
  body(): Promise<string> {
    return this.until(() => (this.end ? this.raw : undefined), 5_000, 'end of the body');
  }

  /** The next frame (comments and `retry` included), or an error after `timeoutMs`. */
  nextFrame(timeoutMs = 5_000): Promise<SseFrame> {
    return this.until(() => this.frames.shift(), timeoutMs, 'frame');
  }

  /** The next frame carrying an event (`data`), skipping comments and `retry`. */
  nextEvent(timeoutMs = 5_000): Promise<SseFrame & { data: string }> {
    return this.until(
      () => {
        while (this.frames.length && this.frames[0].data === undefined) this.frames.shift();
        return this.frames.shift() as (SseFrame & { data: string }) | undefined;
      },
      timeoutMs,
      'event',
    );
  }

  /** Resolves when the server ends the answer; rejects after `timeoutMs`. */
  async ended(timeoutMs = 5_000): Promise<void> {
    await this.until(() => (this.end ? true : undefined), timeoutMs, 'end of the stream');
  }

  /** Whether the answer was finished by the server (its last chunk arrived), rather than cut. */
  complete(): boolean {
    return this.res.complete;
  }

  /** Frames received and not yet taken. */
  pending(): number {
    return this.frames.length;
  }

  private wake(): void {
    this.waiters.forEach((w) => w());
  }

  private until<T>(ready: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((done, fail) => {
      const check = () => {
        const value = ready();
        if (value !== undefined) {
          cleanup();
          done(value);
        } else if (this.end) {
          cleanup();
          fail(new Error(`the stream ended before ${what}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        fail(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }
}

/** GET `url` and read it as Server-Sent Events over real HTTP. */
export function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStreamReader> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const frames = new SseFrames(res);
      resolve(
        Object.assign(frames, {
          status: res.statusCode ?? 0,
          headers: res.headers,
          close: () => req.destroy(),
        }),
      );
    });
    req.on('error', reject);
  });
}
