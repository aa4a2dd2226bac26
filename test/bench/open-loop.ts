import { Pool } from 'undici';
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

/**
 * Fixed-rate load, open loop: requests leave on schedule (checked every millisecond) whatever the
 * server does, so a server that falls behind is charged for its queue. autocannon's `overallRate`
 * is a per-second quota spent back to back, which measures saturation bursts instead; autocannon
 * is used for throughput only.
 */
export async function openLoop(
  target: { url: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  rate: number,
  seconds: number,
  connections = 64,
): Promise<OpenLoopResult> {
  const url = new URL(target.url);
  const pool = new Pool(url.origin, { connections, pipelining: 1 });
  const path = `${url.pathname}${url.search}`;
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const latencies = new Float64Array(total);
  let completed = 0;
  let errors = 0;
  const start = performance.now() + 5;
  const fire = () => {
    // Timed from the send, not from the (1 ms timer granular) due instant. Sends never wait for
    // answers, so a slow server cannot delay them: no coordinated omission either way.
    const sent = performance.now();
    pool
      .request({ method: target.method ?? 'GET', path, headers: target.headers, body: target.body })
      .then(async (res) => {
        await res.body.dump();
        if (res.statusCode >= 300) errors++;
        latencies[completed++] = performance.now() - sent;
      })
      .catch(() => {
        errors++;
        latencies[completed++] = performance.now() - sent;
      });
  };
  await new Promise<void>((done) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      for (; next < total && start + next * interval <= now; next++) fire();
      // A 1 ms timer, not a busy loop: the generator shares its core with the upstream.
      if (next < total) setTimeout(tick, 1);
      else done();
    };
    tick();
  });
  const deadline = performance.now() + 30_000;
  while (completed < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const elapsedS = (performance.now() - start) / 1000;
  await pool.close();
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
