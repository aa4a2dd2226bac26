import { LogDestination } from '../../src/common/logging/log-destination';

/** A fake stdout: records each write call; `script` decides what each call does. */
function fakeFd(script: ((data: Uint8Array) => number | Error)[] = []) {
  const calls: string[] = [];
  let written = '';
  const write = (_fd: number, data: Uint8Array): number => {
    const step = script.shift();
    const outcome = step ? step(data) : data.length;
    if (outcome instanceof Error) throw outcome;
    calls.push(Buffer.from(data.subarray(0, outcome)).toString('utf8'));
    written += Buffer.from(data.subarray(0, outcome)).toString('latin1');
    return outcome;
  };
  return { write, calls, output: () => Buffer.from(written, 'latin1').toString('utf8') };
}

const eagain = () => Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' });
const line = (n: number) => `{"n":${n},"msg":"línea ${n}"}\n`;

describe('LogDestination', () => {
  it('writes nothing until flushed, then every pending line in one write, in order', () => {
    const fd = fakeFd();
    const dest = new LogDestination(1, { write: fd.write });
    for (let i = 0; i < 5; i++) dest.write(line(i));
    expect(fd.calls).toEqual([]);
    dest.flushSync();
    expect(fd.calls).toEqual([[0, 1, 2, 3, 4].map(line).join('')]);
    dest.flushSync();
    expect(fd.calls).toHaveLength(1);
  });

  it('writes the batch out on its own when the next line would not fit', () => {
    const fd = fakeFd();
    // Each line is 26 bytes ("í" takes 2): two fit in 60, the third does not.
    const dest = new LogDestination(1, { write: fd.write, batchBytes: 60 });
    dest.write(line(1));
    dest.write(line(2));
    expect(fd.calls).toHaveLength(0);
    dest.write(line(3));
    expect(fd.calls).toEqual([line(1) + line(2)]);
    dest.flushSync();
    expect(fd.calls).toEqual([line(1) + line(2), line(3)]);
  });

  it('writes a line longer than the whole batch on its own, after what was pending', () => {
    const fd = fakeFd();
    const dest = new LogDestination(1, { write: fd.write, batchBytes: 60 });
    const long = `{"msg":"${'ç'.repeat(40)}"}\n`; // 92 bytes
    dest.write(line(1));
    dest.write(long);
    dest.write(line(2));
    dest.flushSync();
    expect(fd.calls).toEqual([line(1), long, line(2)]);
  });

  it('copies multi-byte characters whole, however lines fall against the batch end', () => {
    const fd = fakeFd();
    const dest = new LogDestination(1, { write: fd.write, batchBytes: 64 });
    const lines = Array.from({ length: 40 }, (_, i) => `{"i":${i},"s":"${'€😀'.repeat(i % 7)}"}\n`);
    for (const l of lines) dest.write(l);
    dest.flushSync();
    expect(fd.output()).toBe(lines.join(''));
    expect(fd.calls.every((c) => Buffer.byteLength(c) <= 64)).toBe(true);
  });

  it('finishes partial writes without splitting characters', () => {
    // Cuts every write after 7 bytes: inside "í" (2 bytes in UTF-8) for some lines.
    const fd = fakeFd(Array.from({ length: 50 }, () => (data: Uint8Array) => Math.min(7, data.length)));
    const dest = new LogDestination(1, { write: fd.write });
    for (let i = 0; i < 4; i++) dest.write(line(i));
    dest.flush();
    expect(fd.output()).toBe([0, 1, 2, 3].map(line).join(''));
  });

  it('keeps what a full non-blocking pipe refuses and writes it first next time', () => {
    const fd = fakeFd([eagain, eagain, eagain]);
    const dest = new LogDestination(1, { write: fd.write, retries: 2 });
    dest.write(line(1));
    dest.flushSync();
    expect(fd.output()).toBe('');
    dest.write(line(2));
    dest.flushSync();
    expect(fd.output()).toBe(line(1) + line(2));
  });

  it('drops lines past its cap and says how many once writing works again', () => {
    const fd = fakeFd([eagain, eagain]);
    const dest = new LogDestination(1, { write: fd.write, retries: 1, maxBytes: 60 });
    dest.write(line(1));
    dest.flushSync(); // refused: line 1 is kept (27 bytes)
    expect(dest.write(line(2))).toBe(true);
    expect(dest.write(line(3))).toBe(false);
    expect(dest.write(line(4))).toBe(false);
    dest.flushSync();
    // The kept bytes first, then the notice, then the batch accepted since.
    const lines = fd.output().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(line(1).trimEnd());
    expect(JSON.parse(lines[1])).toMatchObject({ level: 40, dropped: 2, msg: 'log lines dropped: stdout did not keep up' });
    expect(lines[2]).toBe(line(2).trimEnd());
  });

  it('drops the batch and reports once when stdout is gone, without throwing', () => {
    const epipe = () => Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE' });
    const fd = fakeFd([epipe, epipe]);
    const failures: string[] = [];
    const dest = new LogDestination(1, { write: fd.write, onFailure: (m) => failures.push(m) });
    dest.write(line(1));
    expect(() => dest.flushSync()).not.toThrow();
    dest.write(line(2));
    expect(() => dest.flushSync()).not.toThrow();
    expect(failures).toEqual(['Ponte: log lines are being dropped, stdout refuses writes (EPIPE: broken pipe, write)\n']);
    dest.write(line(3));
    dest.flushSync();
    const lines = fd.output().trimEnd().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({ dropped: 2 });
    expect(lines[1]).toBe(line(3).trimEnd());
  });
});
