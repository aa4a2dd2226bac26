import { createHash, randomBytes } from 'node:crypto';
import { SimulatorServer, type ReceivedPart, type RecordedRequest, type SimReply, type SimulatorOptions } from '../simulator-server';

/** A message the simulated CleverChat connection sent, as tests and the sandbox can inspect it. */
export interface CleverchatSentMessage {
  number: string;
  body: string | null;
  openTicket: '0' | '1';
  queueId: string;
  /** Ticket opened with it (openTicket "1"), else null. */
  ticketId: string | null;
  media: { filename: string; contentType: string | null; size: number; sha256: string } | null;
}

export interface CleverchatTicket {
  id: string;
  number: string;
  queueId: string;
}

export interface CleverchatSimulatorOptions extends SimulatorOptions {
  /** The token "cadastrado na conexão" the simulator accepts (random when not given). */
  token?: string;
  /** Queue id → name. Default: "1" Suporte, "3" Financeiro. */
  queues?: Record<string, string>;
}

/** A reply the test wants for the next request(s) matching `when`, instead of the normal answer. */
interface Scripted {
  when: (req: RecordedRequest) => boolean;
  reply: SimReply;
  times: number;
}

export const CLEVERCHAT_SEND_PATH = '/api/messages/send';

/** The doc shows no reply; the simulator answers as Whaticket-style APIs do. */
const SENT: SimReply = { json: { mensagem: 'Mensagem enviada' } };
const error = (status: number, message: string): SimReply => ({ status, json: { error: message } });

/** "Código do país, DDD, Número", without mask or special characters. */
const NUMBER = /^\d{12,13}$/;

/**
 * CleverChat on loopback: `POST /api/messages/send` as cleverchat.txt describes it. It checks the
 * Bearer token (401), the number (digits only: country code, DDD, number), `openTicket` as the
 * strings "0"/"1", `queueId` (required and a known queue when a ticket is opened), a non-empty
 * `body` for JSON text, and exactly one file in `medias` for multipart media (400 with
 * `{"error": ...}` otherwise). Sent messages and opened tickets are kept in memory.
 */
export class CleverchatSimulator extends SimulatorServer {
  readonly token: string;
  readonly queues: Record<string, string>;
  readonly sent: CleverchatSentMessage[] = [];
  readonly tickets: CleverchatTicket[] = [];
  private readonly scripted: Scripted[] = [];
  private nextTicket = 1001;

  constructor(options: CleverchatSimulatorOptions = {}) {
    super('cleverchat', (req) => this.answer(req), options);
    this.token = options.token ?? `clv-${randomBytes(16).toString('hex')}`;
    this.queues = options.queues ?? { '1': 'Suporte', '3': 'Financeiro' };
  }

  /** Requests that reached the send endpoint, in order. */
  calls(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === CLEVERCHAT_SEND_PATH);
  }

  /** Answer the next `times` requests matching `when` with `reply` (after the token check). */
  script(when: (req: RecordedRequest) => boolean, reply: SimReply, times = 1): void {
    this.scripted.push({ when, reply, times });
  }

  clearScripts(): void {
    this.scripted.length = 0;
  }

  private answer(req: RecordedRequest): SimReply {
    if (req.path !== CLEVERCHAT_SEND_PATH || req.method !== 'POST') {
      return { status: 404, body: `Cannot ${req.method} ${req.path}` };
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) return error(401, 'ERR_SESSION_EXPIRED');
    const script = this.scripted.find((s) => s.when(req));
    if (script) {
      if (--script.times <= 0) this.scripted.splice(this.scripted.indexOf(script), 1);
      return script.reply;
    }
    const type = String(req.headers['content-type'] ?? '');
    if (/^application\/json/i.test(type)) return this.text(req);
    if (/^multipart\/form-data/i.test(type)) return this.media(req);
    return error(400, 'Content-Type deve ser application/json ou multipart/form-data');
  }

  private text(req: RecordedRequest): SimReply {
    const json = req.json;
    if (!json || typeof json !== 'object' || Array.isArray(json)) return error(400, 'JSON inválido');
    const fields = json as Record<string, unknown>;
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value !== 'string') return error(400, `${name} deve ser texto`);
    }
    const { body } = fields as Record<string, string | undefined>;
    if (body === undefined || body.trim() === '') return error(400, 'body é obrigatório');
    return this.send(fields as Record<string, string>, body, null);
  }

  private media(req: RecordedRequest): SimReply {
    const parts = req.form ?? [];
    const files = parts.filter((p) => p.filename !== undefined);
    const medias = files.filter((p) => p.name === 'medias');
    if (medias.length !== 1 || files.length !== 1) return error(400, 'Envie um arquivo em medias');
    const fields: Record<string, string> = {};
    for (const p of parts.filter((part) => part.filename === undefined)) {
      if (p.name in fields) return error(400, `${p.name} repetido`);
      fields[p.name] = p.value;
    }
    return this.send(fields, fields.body ?? null, medias[0]);
  }

  private send(fields: Record<string, string>, body: string | null, file: ReceivedPart | null): SimReply {
    const { number } = fields;
    if (number === undefined || !NUMBER.test(number)) {
      return error(400, 'Número inválido: informe código do país, DDD e número, sem máscara');
    }
    const openTicket = fields.openTicket ?? '0';
    if (openTicket !== '0' && openTicket !== '1') return error(400, 'openTicket deve ser "0" ou "1"');
    const queueId = fields.queueId ?? '0';
    let ticketId: string | null = null;
    if (openTicket === '1') {
      if (queueId === '' || queueId === '0') return error(400, 'queueId é obrigatório ao abrir ticket');
      if (!(queueId in this.queues)) return error(400, `Fila ${queueId} não encontrada`);
      ticketId = String(this.nextTicket++);
      this.tickets.push({ id: ticketId, number, queueId });
    }
    this.sent.push({
      number,
      body,
      openTicket,
      queueId,
      ticketId,
      media: file
        ? {
            filename: file.filename ?? '',
            contentType: file.contentType ?? null,
            size: file.data.length,
            sha256: createHash('sha256').update(file.data).digest('hex'),
          }
        : null,
    });
    return SENT;
  }
}
