import http from 'node:http';

/** One message of a `text/event-stream`, its fields as sent; `comment` for a line starting with ":". */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  comment?: string;
}

export interface EventStreamReader {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The whole body, for an answer that is not a stream (a problem document). */
  body(): Promise<string>;
  /** The next frame (comments and `retry` included), or an error after `timeoutMs`. */
  nextFrame(timeoutMs?: number): Promise<SseFrame>;
  /** The next frame carrying an event (`data`), skipping comments and `retry`. */
  nextEvent(timeoutMs?: number): Promise<SseFrame & { data: string }>;
  /** Resolves when the server ends the answer; rejects after `timeoutMs`. */
  ended(timeoutMs?: number): Promise<void>;
  /** Whether the answer was finished by the server (its last chunk arrived), rather than cut. */
  complete(): boolean;
  /** Frames received and not yet taken. */
  pending(): number;
  close(): void;
}

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

/** GET `url` and read it as Server-Sent Events over real HTTP; every wait is bounded. */
export function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStreamReader> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      res.setEncoding('utf8');
      const frames: SseFrame[] = [];
      let buffered = '';
      let raw = '';
      let end = false;
      const waiters = new Set<() => void>();
      const wake = () => waiters.forEach((w) => w());
      res.on('data', (chunk: string) => {
        raw += chunk;
        buffered += chunk;
        for (let i = buffered.indexOf('\n\n'); i >= 0; i = buffered.indexOf('\n\n')) {
          frames.push(parseFrame(buffered.slice(0, i)));
          buffered = buffered.slice(i + 2);
        }
        wake();
      });
      const finish = () => {
        end = true;
        wake();
      };
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
      const until = <T>(ready: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
        new Promise((done, fail) => {
          const check = () => {
            const value = ready();
            if (value !== undefined) {
              cleanup();
              done(value);
            } else if (end) {
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
            waiters.delete(check);
          };
          waiters.add(check);
          check();
        });
      const nextFrame = (timeoutMs = 5_000) => until(() => frames.shift(), timeoutMs, 'frame');
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: () => until(() => (end ? raw : undefined), 5_000, 'end of the body'),
        nextFrame,
        nextEvent: (timeoutMs = 5_000) =>
          until(
            () => {
              while (frames.length && frames[0].data === undefined) frames.shift();
              return frames.shift() as (SseFrame & { data: string }) | undefined;
            },
            timeoutMs,
            'event',
          ),
        ended: (timeoutMs = 5_000) => until(() => (end ? true : undefined), timeoutMs, 'end of the stream').then(() => undefined),
        complete: () => res.complete,
        pending: () => frames.length,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
