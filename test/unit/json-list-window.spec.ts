import { JsonListWindow } from '../../src/common/http/json-list-window';

/** Feeds `text` to a window in chunks of the given sizes (cycled), and answers what it found. */
function read(text: string | Buffer, from: number, to: number, sizes: number[] = [text.length]) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const window = new JsonListWindow('data', from, to);
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]);
    window.write(bytes.subarray(at, at + size));
    at += size;
  }
  return window.finish();
}

/** A deterministic pseudo-random sequence (tests must not depend on luck). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const AWKWARD_STRINGS = ['', 'a"b', 'back\\slash', '\\"', 'fim\\', 'ç ã é 😀', '{[,:]}', '\u0000\n\t', 'data', '\\u00e9'];

function value(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 2 ? 4 : 7));
  switch (pick) {
    case 0:
      return AWKWARD_STRINGS[Math.floor(next() * AWKWARD_STRINGS.length)];
    case 1:
      return Math.floor(next() * 1e6) / 100 - 5000;
    case 2:
      return next() < 0.5 ? null : next() < 0.5;
    case 3:
      return 'x'.repeat(Math.floor(next() * 40));
    case 4:
    case 5:
      return record(next, depth + 1);
    default:
      return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  }
}

function record(next: () => number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = Math.floor(next() * 5);
  for (let i = 0; i < n; i++) out[i % 2 ? `k${i}` : AWKWARD_STRINGS[i % AWKWARD_STRINGS.length] + i] = value(next, depth);
  return out;
}

describe('JsonListWindow', () => {
  // maxbot.txt, get_prot: `{"status":1,"msg":"Success","data":[{"id":"143", ...}]}` — the shape read.
  const reply = {
    status: 1,
    msg: 'Success',
    data: [1, 2, 3, 4, 5, 6, 7].map((n) => ({ id: String(n), dialog: [{ text: `mensagem "${n}"`, tags: ['a', 'b'] }] })),
  };
  const text = JSON.stringify(reply, null, 1);

  it('keeps the page of the list and every other member, and counts the list', () => {
    expect(read(text, 2, 5)).toEqual({ reply: { ...reply, data: reply.data.slice(2, 5) }, total: 7, allRecords: true });
    expect(read(text, 0, 50)?.reply).toEqual(reply);
    expect(read(text, 7, 10)).toEqual({ reply: { ...reply, data: [] }, total: 7, allRecords: true });
  });

  it('answers the same whatever the chunk boundaries, one byte at a time included', () => {
    const expected = read(text, 1, 4);
    for (let size = 1; size <= 40; size++) expect(read(text, 1, 4, [size])).toEqual(expected);
    expect(read(text, 1, 4, [3, 1, 7, 2, 13])).toEqual(expected);
  });

  it('agrees with JSON.parse on generated replies with awkward strings, nesting and multi-byte characters', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const list = Array.from({ length: Math.floor(next() * 12) }, () => record(next, 1));
      const generated = { before: value(next, 1), data: list, after: record(next, 1), status: '1' };
      const from = Math.floor(next() * 6);
      const to = from + Math.floor(next() * 6);
      const sizes = [1 + Math.floor(next() * 9), 1 + Math.floor(next() * 200)];
      const found = read(JSON.stringify(generated), from, to, sizes);
      expect({ seed, found }).toEqual({
        seed,
        found: { reply: { ...generated, data: list.slice(from, to) }, total: list.length, allRecords: true },
      });
    }
  });

  it('reads a list sent as an object of records (PHP arrays with gaps) as an array, in the order sent', () => {
    const gaps = '{"status":1,"data":{"3":{"id":"a"},"7":{"id":"b"},"9":{"id":"c"}}}';
    expect(read(gaps, 1, 3, [2])).toEqual({ reply: { status: 1, data: [{ id: 'b' }, { id: 'c' }] }, total: 3, allRecords: true });
  });

  it('tells when an item is not a record, kept or not', () => {
    expect(read('{"status":1,"data":[{"id":"1"},"2",{"id":"3"}]}', 0, 1)).toMatchObject({ total: 3, allRecords: false });
    expect(read('{"status":1,"data":[{"id":"1"},[2],{"id":"3"}]}', 0, 1)).toMatchObject({ total: 3, allRecords: false });
    expect(read('{"status":1,"data":[{"id":"1"},null]}', 0, 1)).toMatchObject({ total: 2, allRecords: false });
    expect(read('{"status":1,"data":[7, 8]}', 0, 2)).toEqual({ reply: { status: 1, data: [7, 8] }, total: 2, allRecords: false });
  });

  it('leaves a list that is not there, null or a scalar as sent, with no total', () => {
    expect(read('{"status":0,"msg":"Token inválido"}', 0, 5)).toEqual({
      reply: { status: 0, msg: 'Token inválido' },
      total: null,
      allRecords: true,
    });
    expect(read('{"status":1,"data":""}', 0, 5)?.reply).toEqual({ status: 1, data: '' });
    expect(read('{"status":1,"data":null}', 0, 5)?.total).toBeNull();
    expect(read('{"status":1,"data":12}', 0, 5)?.reply).toEqual({ status: 1, data: 12 });
  });

  it('does not take a nested "data" member, or a "data" string value, for the list', () => {
    const nested = '{"status":1,"meta":{"data":[1,2,3]},"note":"data","data":[{"a":1},{"a":2}]}';
    expect(read(nested, 1, 2)).toEqual({
      reply: { status: 1, meta: { data: [1, 2, 3] }, note: 'data', data: [{ a: 2 }] },
      total: 2,
      allRecords: true,
    });
  });

  it('refuses what is not one JSON object, wherever the fault is', () => {
    const refused = [
      '',
      '[1,2]',
      '"status"',
      '{"status":1,"data":[{"a":1}]',
      '{"status":1,"data":[{"a":1}]}}',
      '{"status":1,"data":[{"a":1}]} x',
      '{"status":1,"data":[{"a":1]}]}',
      '{"status":1,"data":[{"a":"1}]}',
      '{"status":1,"data":[{"a":1},{"b":2}}]}',
      '{{"status":1}}',
      '<html>502 Bad Gateway</html>',
      `{"status":1,"data":[${'['.repeat(600)}${']'.repeat(600)}]}`,
    ];
    for (const bad of refused) expect({ bad, found: read(bad, 0, 1) }).toEqual({ bad, found: undefined });
    // A fault inside the kept page reaches JSON.parse.
    expect(read('{"status":1,"data":[{"a":tru}]}', 0, 1)).toBeUndefined();
  });

  it('starts over on reset (the request was sent again on a fresh socket)', () => {
    const window = new JsonListWindow('data', 0, 1);
    window.write(Buffer.from('{"status":1,"data":[{"a":'));
    window.reset();
    window.write(Buffer.from('{"status":1,"data":[{"b":2},{"c":3}]}'));
    expect(window.finish()).toEqual({ reply: { status: 1, data: [{ b: 2 }] }, total: 2, allRecords: true });
  });

  it('keeps a page of a large reply without holding the rest', () => {
    const item = (i: number) => `{"id":"${i}","dialog":[${Array.from({ length: 10 }, () => `{"text":"${'m'.repeat(500)}"}`).join(',')}]}`;
    const parts = ['{"status":1,"msg":"ok","data":['];
    for (let i = 0; i < 2000; i++) parts.push((i ? ',' : '') + item(i));
    parts.push(']}');
    const big = Buffer.from(parts.join(''));
    const found = read(big, 1000, 1003, [65536]);
    expect(found?.total).toBe(2000);
    expect(found?.reply.data).toEqual([1000, 1001, 1002].map((i) => JSON.parse(item(i))));
  });
});
