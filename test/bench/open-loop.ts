import { connect, type Socket } from 'node:net';
import { percentile, round } from './stats';

export interface OpenLoopResult {
  rate: number;
  /** Requests completed per second: below `rate` means the server could not keep up. */
  achieved: number;
  p50: number;
  p99: number;
  p999: number;
  errors: number;
}

interface Connection {
  socket: Socket;
  /** When the request in flight on this connection was due; NaN when idle. */
  sent: number;
  /** Its number in the schedule (the warm-up's come first). */
  index: number;
  buffered: Buffer | null;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;

/**
 * Fixed-rate load, open loop: requests leave on schedule (checked every millisecond) whatever the
 * server does, so a server that falls behind is charged for its queue. autocannon's `overallRate`
 * is a per-second quota spent back to back, which measures saturation bursts instead; autocannon
 * is used for throughput only.
 *
 * The client is a few lines over raw keep-alive sockets (one pre-serialized request, responses
 * framed by their content-length, no pipelining) rather than an HTTP library: it shares its core
 * with the simulated upstream, and at the rates measured an HTTP client's own cost per request
 * put that core near saturation, so its queueing showed up in every scenario's tail, the direct
 * one included. A request due while every connection is busy waits for the next free one, and its
 * latency counts from when it was due.
 */
export async function openLoop(
  target: { url: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  rate: number,
  seconds: number,
  connections = 64,
  warmupS = 0,
): Promise<OpenLoopResult> {
  const url = new URL(target.url);
  const port = Number(url.port || 80);
  const body = target.body === undefined ? Buffer.alloc(0) : Buffer.from(target.body);
  const head = [`${target.method ?? 'GET'} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`];
  for (const [name, value] of Object.entries(target.headers ?? {})) head.push(`${name}: ${value}`);
  if (body.length > 0 || target.method === 'POST') head.push(`content-length: ${body.length}`);
  const requestBytes = Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]);

  // Requests 0 … warm-1 are the warm-up: sent on the same schedule and the same connections as the
  // measured ones that follow, but not timed. A fresh set of connections for the measured window
  // would start it with their setup (64 connects and first requests at once): that transient put
  // 500-1,200 requests over 5 ms into the first 300 ms of a window, enough to set a 5 s window's p99
  // by itself, for the floor and Ponte alike.
  const warm = Math.round(rate * warmupS);
  const total = Math.round(rate * seconds);
  const scheduled = warm + total;
  const interval = 1000 / rate;
  const latencies = new Float64Array(total);
  let completed = 0;
  let errors = 0;
  let finished = false;
  const idle: Connection[] = [];
  // Requests due while every connection is busy, in order: when each was due, and its number.
  const waitingDue = new Float64Array(scheduled);
  const waitingIndex = new Int32Array(scheduled);
  let waitHead = 0;
  let waitTail = 0;

  const all = new Set<Connection>();
  const record = (conn: Connection, failed: boolean) => {
    if (finished || Number.isNaN(conn.sent)) return;
    if (conn.index >= warm && completed < total) {
      if (failed) errors++;
      latencies[completed++] = performance.now() - conn.sent;
    }
    conn.sent = NaN;
  };
  const send = (conn: Connection, due: number, index: number) => {
    conn.sent = due;
    conn.index = index;
    conn.socket.write(requestBytes);
  };
  const dispatch = (conn: Connection) => {
    if (waitHead < waitTail) {
      send(conn, waitingDue[waitHead], waitingIndex[waitHead]);
      waitHead++;
    } else idle.push(conn);
  };
  const onData = (conn: Connection, chunk: Buffer) => {
    let buf = conn.buffered ? Buffer.concat([conn.buffered, chunk]) : chunk;
    for (;;) {
      const headerEnd = buf.indexOf(HEADER_END);
      if (headerEnd < 0) break;
      const header = buf.toString('latin1', 0, headerEnd);
      const length = CONTENT_LENGTH.exec(header);
      if (!length) {
        // Every server measured here answers with a content-length; anything else is a failure.
        record(conn, true);
        conn.socket.destroy();
        return;
      }
      const end = headerEnd + HEADER_END.length + Number(length[1]);
      if (buf.length < end) break;
      record(conn, !/^HTTP\/1\.1 2\d\d /.test(header));
      buf = buf.subarray(end);
      dispatch(conn);
    }
    conn.buffered = buf.length > 0 ? buf : null;
  };
  const open = (): Promise<void> =>
    new Promise((ready) => {
      const conn: Connection = { socket: connect(port, url.hostname), sent: NaN, index: -1, buffered: null };
      all.add(conn);
      conn.socket.setNoDelay(true);
      conn.socket.on('data', (chunk: Buffer) => onData(conn, chunk));
      conn.socket.once('connect', () => {
        dispatch(conn);
        ready();
      });
      conn.socket.on('error', () => undefined); // followed by 'close'
      conn.socket.once('close', () => {
        record(conn, true);
        all.delete(conn);
        const at = idle.indexOf(conn);
        if (at >= 0) idle.splice(at, 1);
        ready();
        if (!finished) setTimeout(() => void open(), 10);
      });
    });

  await Promise.all(Array.from({ length: connections }, open));
  const start = performance.now() + 5;
  const measuredFrom = start + warm * interval;
  const fire = (due: number, index: number) => {
    const conn = idle.pop();
    if (conn) send(conn, due, index);
    else {
      waitingDue[waitTail] = due;
      waitingIndex[waitTail++] = index;
    }
  };
  await new Promise<void>((done) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      // Timed from the send, not from the (1 ms timer granular) due instant; a request that has
      // to wait for a free connection is timed from its send too, its wait included.
      for (; next < scheduled && start + next * interval <= now; next++) fire(now, next);
      // A 1 ms timer, not a busy loop: the generator shares its core with the upstream.
      if (next < scheduled) setTimeout(tick, 1);
      else done();
    };
    tick();
  });
  const deadline = performance.now() + 30_000;
  while (completed < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const elapsedS = (performance.now() - measuredFrom) / 1000;
  finished = true;
  for (const conn of all) conn.socket.destroy();
  const sorted = latencies.subarray(0, completed).sort();
  return {
    rate,
    achieved: round(completed / Math.max(elapsedS, seconds), 1),
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    p999: round(percentile(sorted, 99.9)),
    errors: errors + (total - completed),
  };
}

/**
 * `node open-loop.js '<json>'`: a warm-up and the measured window after it, on the same connections,
 * in a fresh process; the result as one JSON line. The benchmark runs each fixed-rate measurement this way: a fresh generator has a
 * small heap, so its own garbage collections (which pause every request in flight) stay short; in
 * the benchmark's process, after the throughput runs, they put 12-17 ms into the direct
 * scenario's p99 alone.
 */
if (require.main === module) {
  const { target, rate, warmupS, seconds } = JSON.parse(process.argv[2]) as {
    target: Parameters<typeof openLoop>[0];
    rate: number;
    warmupS: number;
    seconds: number;
  };
  void openLoop(target, rate, seconds, 64, warmupS).then((result) => process.stdout.write(`${JSON.stringify(result)}\n`));
}
