import { randomBytes } from 'node:crypto';
import { DEFAULT_TIMEZONE } from '../../common/normalize/dates';
import { SimulatorServer, type RecordedRequest, type SimulatorOptions } from '../simulator-server';
import { chargesHandlers } from './charges.sim';
import { contactsHandlers, seedContacts, seedSegmentations } from './contacts.sim';
import { flowControlHandlers } from './flow-control.sim';
import { messagingHandlers } from './messaging.sim';
import { channelsHandlers } from './channels.sim';
import { protocolsHandlers } from './protocols.sim';
import { messageWebhook } from './webhooks.sim';
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
  /** Sandbox control: `POST {whatsapp, text}` makes a contact "write", so Maxbot posts its message webhook. */
  static readonly INBOUND_PATH = '/sandbox/inbound-message';
  readonly token: string;
  readonly world: MaxbotWorld;
  /** How many times each `cmd` was served successfully (status 1). */
  readonly served = new Map<string, number>();
  /**
   * Where Maxbot posts its webhooks (its "Configuração/API Maxbot e Webhooks" URL): none until set;
   * the sandbox sets it once the gateway listens.
   */
  webhookUrl: string | undefined;
  private delivering: Promise<void> = Promise.resolve();

  constructor(options: MaxbotSimulatorOptions = {}) {
    const token = options.token ?? `sim-${randomBytes(16).toString('hex')}`;
    const world = new MaxbotWorld(options.timezone ?? DEFAULT_TIMEZONE);
    world.contacts = seedContacts();
    world.segmentations = seedSegmentations();
    super('maxbot', (req) => ({ json: this.answer(req) }), options);
    this.token = token;
    this.world = world;
  }

  /**
   * What a contact writing to the account makes Maxbot post: the "Mensagem Recebida" webhook, for
   * the contact with this WhatsApp number (digits as Maxbot stores them). Sandbox only: lets a
   * `message.received` event be produced on demand. Answers false when no such contact exists.
   */
  receiveMessage(whatsapp: string, text: string): boolean {
    const contact = this.world.contacts.find((c) => String(c.whatsapp) === whatsapp.replace(/\D/g, ''));
    if (!contact) return false;
    this.world.emit(messageWebhook(contact, text, this.world.now()));
    this.flushWebhooks();
    return true;
  }

  private inbound(body: unknown): WireRecord {
    const { whatsapp, text } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    if (typeof whatsapp !== 'string' || typeof text !== 'string' || text === '') {
      return fail('Envie {"whatsapp": "5531911112222", "text": "Olá"}');
    }
    if (!this.webhookUrl) return fail('Nenhum webhook configurado');
    return this.receiveMessage(whatsapp, text) ? { status: 1, msg: 'Webhook enviado' } : fail(`Contato não encontrado: ${whatsapp}`);
  }

  /** Posts the webhooks the last cmd queued, one after the other, in order. */
  private flushWebhooks(): void {
    const payloads = this.world.outbox.splice(0);
    const url = this.webhookUrl;
    if (!url || payloads.length === 0) return;
    this.delivering = this.delivering.then(async () => {
      for (const payload of payloads) {
        // A receiver that is down or refuses loses the webhook, as with Maxbot (which documents no retries).
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(payload),
            signal: AbortSignal.timeout(5_000),
          });
          await res.arrayBuffer();
        } catch {
          // Unreachable or cut off: the next webhook is still sent.
        }
      }
    });
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
    if (req.method === 'POST' && req.path === MaxbotSimulator.INBOUND_PATH) return this.inbound(req.json);
    if (req.method !== 'POST' || req.path !== MaxbotSimulator.PATH) return fail('Endpoint inválido');
    const body = req.json;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return fail('Requisição inválida: JSON esperado');
    const { token, cmd } = body as WireRecord;
    if (token !== this.token) return fail('Token inválido');
    const handler = HANDLERS[String(cmd)];
    if (!handler) return fail(`Comando inválido: ${String(cmd)}`);
    const reply = handler(body as WireRecord, this.world);
    if (reply.status === 1) this.served.set(String(cmd), (this.served.get(String(cmd)) ?? 0) + 1);
    // Delivered after this reply is written (the posts are asynchronous), as a platform would.
    this.flushWebhooks();
    return reply;
  }
}
