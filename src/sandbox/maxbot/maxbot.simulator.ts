import { randomBytes } from 'node:crypto';
import { DEFAULT_TIMEZONE } from '../../common/normalize/dates';
import { SimulatorServer, type RecordedRequest, type SimulatorOptions } from '../simulator-server';
import { chargesHandlers } from './charges.sim';
import { contactsHandlers, seedContacts, seedSegmentations } from './contacts.sim';
import { flowControlHandlers } from './flow-control.sim';
import { messagingHandlers } from './messaging.sim';
import { channelsHandlers } from './channels.sim';
import { protocolsHandlers } from './protocols.sim';
import { fail, MaxbotWorld, type MaxbotHandler, type WireRecord } from './world';

/** Handlers of every simulated `cmd`, per module. */
const HANDLERS: Record<string, MaxbotHandler> = {
  ...contactsHandlers,
  ...chargesHandlers,
  ...flowControlHandlers,
  ...messagingHandlers,
  ...channelsHandlers,
  ...protocolsHandlers,
};

export interface MaxbotSimulatorOptions extends SimulatorOptions {
  /** The account token the simulator accepts (random when not given). */
  token?: string;
  timezone?: string;
}

/** A Maxbot request as the simulator received it, with its parsed `{token, cmd, ...}` body. */
export interface MaxbotCall {
  cmd: string;
  body: WireRecord;
  raw: RecordedRequest;
}

/**
 * Maxbot on loopback: `POST /api/v1.php` with `{token, cmd, ...}`, state in memory, seeded with
 * the maxbot.txt examples. Wrong token or unknown `cmd` answer `status: 0` as the platform would.
 */
export class MaxbotSimulator extends SimulatorServer {
  static readonly PATH = '/api/v1.php';
  readonly token: string;
  readonly world: MaxbotWorld;
  /** How many times each `cmd` was served successfully (status 1). */
  readonly served = new Map<string, number>();

  constructor(options: MaxbotSimulatorOptions = {}) {
    const token = options.token ?? `sim-${randomBytes(16).toString('hex')}`;
    const world = new MaxbotWorld(options.timezone ?? DEFAULT_TIMEZONE);
    world.contacts = seedContacts();
    world.segmentations = seedSegmentations();
    super('maxbot', (req) => ({ json: this.answer(req) }), options);
    this.token = token;
    this.world = world;
  }

  /** Base URL to configure a connection with. */
  get endpoint(): string {
    return `${this.url}${MaxbotSimulator.PATH}`;
  }

  /** Every cmd call received, in order (optionally only one cmd). */
  calls(cmd?: string): MaxbotCall[] {
    return this.requests
      .filter((r) => r.path === MaxbotSimulator.PATH && r.json && typeof r.json === 'object')
      .map((r) => ({ cmd: String((r.json as WireRecord).cmd), body: r.json as WireRecord, raw: r }))
      .filter((c) => cmd === undefined || c.cmd === cmd);
  }

  lastCall(cmd?: string): MaxbotCall | undefined {
    return this.calls(cmd).at(-1);
  }

  private answer(req: RecordedRequest): WireRecord {
    if (req.method !== 'POST' || req.path !== MaxbotSimulator.PATH) return fail('Endpoint inválido');
    const body = req.json;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return fail('Requisição inválida: JSON esperado');
    const { token, cmd } = body as WireRecord;
    if (token !== this.token) return fail('Token inválido');
    const handler = HANDLERS[String(cmd)];
    if (!handler) return fail(`Comando inválido: ${String(cmd)}`);
    const reply = handler(body as WireRecord, this.world);
    if (reply.status === 1) this.served.set(String(cmd), (this.served.get(String(cmd)) ?? 0) + 1);
    return reply;
  }
}
