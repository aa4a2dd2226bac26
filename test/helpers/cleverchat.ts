import { CleverchatSimulator, type CleverchatSimulatorOptions } from '../../src/sandbox/cleverchat/cleverchat.simulator';
import type { ReceivedPart, RecordedRequest } from '../../src/sandbox/simulator-server';
import { IDLE_CONNECTIONS, secret, startRig, type Rig, type RigOptions } from './rig';

export type CleverchatRig = Rig<CleverchatSimulator>;

/**
 * A CleverChat simulator plus a gateway whose default connection `cleverchat` points at it. A
 * `maxbot` connection (nothing listening) is configured too, so 501s can name a connection that can.
 * Extra connections may reuse the simulator with ${TEST_CLEVERCHAT_URL} / ${TEST_CLEVERCHAT_TOKEN}.
 */
export function startCleverchatRig(options: RigOptions<CleverchatSimulatorOptions> = {}): Promise<CleverchatRig> {
  return startRig(new CleverchatSimulator({ token: secret('clv-secret-'), ...options.sim }), (sim) => ({
    connections: [
      {
        id: 'cleverchat',
        provider: 'cleverchat',
        baseUrl: sim.url,
        token: '${TEST_CLEVERCHAT_TOKEN}',
        default: true,
        ...options.connection,
      },
      IDLE_CONNECTIONS.maxbot,
      ...(options.extraConnections ?? []),
    ],
    env: { TEST_CLEVERCHAT_TOKEN: sim.token, TEST_CLEVERCHAT_URL: sim.url, ...options.env },
  }));
}

export type ExpectedPart = { name: string; value: string } | { name: string; filename: string; contentType: string; data: Buffer };

/**
 * Asserts one send as cleverchat.txt describes it: `POST /api/messages/send`, no query string,
 * `Authorization: Bearer {token}`, and either the exact JSON body (`Content-Type: application/json`)
 * or the exact multipart parts in order (`Content-Type: multipart/form-data; boundary=…`).
 */
export function expectCleverchatCall(
  sim: CleverchatSimulator,
  req: RecordedRequest | undefined,
  expected: { json: Record<string, string> } | { form: ExpectedPart[] },
): void {
  expect(req).toBeDefined();
  expect({ method: req!.method, path: req!.path, rawQuery: req!.rawQuery }).toEqual({
    method: 'POST',
    path: '/api/messages/send',
    rawQuery: '',
  });
  expect(req!.headers.authorization).toBe(`Bearer ${sim.token}`);
  if ('json' in expected) {
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.json).toEqual(expected.json);
    // The same keys in the doc's order: number, openTicket, queueId, body.
    expect(Object.keys(req!.json as object)).toEqual(Object.keys(expected.json));
    return;
  }
  expect(req!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=\S+$/);
  const parts = (req!.form ?? []).map((p: ReceivedPart) =>
    p.filename === undefined
      ? { name: p.name, value: p.value }
      : { name: p.name, filename: p.filename, contentType: p.contentType, data: p.data },
  );
  expect(parts).toEqual(expected.form);
}
