import pino from 'pino';
import { accessLogger } from '../../src/common/logging/logger';

function capture(level = 'info') {
  const lines: string[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(line) });
  return { access: accessLogger(logger), lines };
}

const base = { requestId: 'b1e2c3d4-0000-4000-8000-000000000001', method: 'GET', status: 200, ms: 1.5 };

describe('access log line', () => {
  it('is one JSON line with every field, quoted as JSON requires', () => {
    const { access, lines } = capture();
    access({ ...base, route: '/v1/contacts/:id', routeIsTemplate: true, apiKey: 'erp' });
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('}\n')).toBe(true);
    expect(JSON.parse(lines[0])).toEqual({
      level: 30,
      time: expect.any(Number),
      service: 'ponte',
      requestId: base.requestId,
      method: 'GET',
      route: '/v1/contacts/:id',
      status: 200,
      ms: 1.5,
      apiKey: 'erp',
      msg: 'request',
    });
  });

  it('escapes what needs escaping: a raw unmatched path, a key name, a request id', () => {
    const { access, lines } = capture();
    const path = '/nope/"quoted"\\back\nline/ção/\u0001';
    const name = 'erp "prod" ñ';
    access({ ...base, requestId: 'id"x', route: path, routeIsTemplate: false, apiKey: name });
    access({ ...base, route: path, routeIsTemplate: false, apiKey: name });
    for (const line of lines) {
      expect(line.split('\n')).toHaveLength(2);
      expect(JSON.parse(line)).toMatchObject({ route: path, apiKey: name });
    }
    expect(JSON.parse(lines[0])).toMatchObject({ requestId: 'id"x' });
  });

  it('leaves the key out when there is none, and writes nothing below info', () => {
    const { access, lines } = capture();
    access({ ...base, route: '/health/live', routeIsTemplate: true });
    expect(JSON.parse(lines[0])).not.toHaveProperty('apiKey');
    const quiet = capture('warn');
    quiet.access({ ...base, route: '/health/live', routeIsTemplate: true });
    expect(quiet.lines).toEqual([]);
  });

  it('writes the time, the status and the duration as the JSON numbers they are, null for a hung-up client', () => {
    const { access, lines } = capture();
    const cases: [number, number | null][] = [
      [200, 0],
      [200, 0.1],
      [201, 0.7],
      [404, 12.3],
      [200, 0.7],
      [502, 9999.9],
      [504, 123456.7],
      [499, null],
    ];
    const before = Date.now();
    for (const [status, ms] of cases) access({ ...base, route: '/v1/contacts', routeIsTemplate: true, status, ms });
    const after = Date.now();
    const parsed = lines.map((line) => JSON.parse(line) as { time: number; status: number; ms: number | null });
    expect(parsed.map((p) => [p.status, p.ms])).toEqual(cases);
    for (const p of parsed) {
      expect(p.time).toBeGreaterThanOrEqual(before);
      expect(p.time).toBeLessThanOrEqual(after);
    }
  });
});
