import { randomBytes } from 'node:crypto';
import { SimulatorServer, type RecordedRequest, type SimReply, type SimulatorOptions } from '../simulator-server';

/** A contact as the simulated OkeyBot channel stores it (the shape of okeybot.txt's records). */
export interface OkeybotSimContact {
  id: string;
  custom_fields: Record<string, unknown>;
  tags: string[];
  created_at: number;
}

export interface OkeybotSimulatorOptions extends SimulatorOptions {
  /** The channel token the simulator accepts (random when not given). */
  token?: string;
  /** A Viber channel: contact ids in paths must be Base64-encoded. */
  viber?: boolean;
  /** Contacts per by_custom_field page (10 in the doc). */
  perPage?: number;
  /** The platform's own limit ("100 llamadas API por minuto"). */
  callsPerMinute?: number;
}

/** A reply the test wants for the next request(s) matching `when`, instead of the normal answer. */
interface Scripted {
  when: (req: RecordedRequest) => boolean;
  reply: SimReply;
  times: number;
}

const LIMIT_WINDOW_MS = 60_000;

/** Every OkeyBot error has this shape: `{"status": "error", "message": "...", "data": []}`. */
const error = (status: number, message: string): SimReply => ({ status, json: { status: 'error', message, data: [] } });
const success = (message: string): SimReply => ({ json: { status: 'success', message, data: [] } });

/** okeybot.txt's example contact. Its e-mail shows as "[email protected]" in the doc (the page's e-mail obfuscation); any address does. */
export function seedOkeybotContacts(viber = false): OkeybotSimContact[] {
  return [
    {
      // Viber ids are opaque strings with Base64 characters; the doc's id is numeric.
      id: viber ? 'u/+7Xb2Qm9c1ZkR0aL8sTw==' : '1776025372480910',
      custom_fields: {
        firstName: 'Mahin',
        lastName: 'Dar',
        locale: 'en_GB',
        timezone: '5',
        gender: 'male',
        phone: '123123',
        email: 'mahin.dar@example.com',
        customerid: '1',
      },
      tags: ['Blog Updates', 'Platform Updates'],
      created_at: 1575618542,
    },
  ];
}

/**
 * OkeyBot on loopback: the REST contacts API of okeybot.txt under `/api` (`/api/v1/contact/...`),
 * state in memory, seeded with the doc's example contact. It checks the Bearer token (401 as the
 * doc shows), enforces the documented limits itself — 10 tags and 30 fields per request (403, the
 * doc's "General" error) and 100 calls per minute (429) — and answers 405 for a method a route
 * does not have. An unknown contact is a 404 with the same error shape (the doc lists no code for
 * it; a 404 is what its Laravel-style API would answer).
 */
export class OkeybotSimulator extends SimulatorServer {
  static readonly BASE = '/api';
  readonly token: string;
  readonly viber: boolean;
  readonly contacts = new Map<string, OkeybotSimContact>();
  /** Requests refused with the platform's own 429. */
  rateLimited = 0;
  private readonly perPage: number;
  private readonly callsPerMinute: number;
  private readonly arrivals: number[] = [];
  private readonly scripted: Scripted[] = [];
  private nextId = 1776025372480911n;

  constructor(options: OkeybotSimulatorOptions = {}) {
    super('okeybot', (req) => this.answer(req), options);
    this.token = options.token ?? `okb-${randomBytes(16).toString('hex')}`;
    this.viber = options.viber ?? false;
    this.perPage = options.perPage ?? 10;
    this.callsPerMinute = options.callsPerMinute ?? 100;
    for (const c of seedOkeybotContacts(this.viber)) this.contacts.set(c.id, c);
  }

  /** Base URL to configure a connection with (`https://app.okeybot.com/api` for the real one). */
  get apiUrl(): string {
    return `${this.url}${OkeybotSimulator.BASE}`;
  }

  /** Requests that reached the API, in order. */
  calls(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(`${OkeybotSimulator.BASE}/`));
  }

  addContact(contact: Partial<OkeybotSimContact> & { custom_fields: Record<string, unknown> }): OkeybotSimContact {
    const stored: OkeybotSimContact = { id: this.newId(), tags: [], created_at: Math.floor(Date.now() / 1000), ...contact };
    this.contacts.set(stored.id, stored);
    return stored;
  }

  /** Answer the next `times` requests matching `when` with `reply` (after the token check). */
  script(when: (req: RecordedRequest) => boolean, reply: SimReply, times = 1): void {
    this.scripted.push({ when, reply, times });
  }

  clearScripts(): void {
    this.scripted.length = 0;
  }

  /** Forget past calls, so a test starts with the whole minute available. */
  resetRateLimit(): void {
    this.arrivals.length = 0;
    this.rateLimited = 0;
  }

  private newId(): string {
    if (this.viber) return randomBytes(16).toString('base64');
    return String(this.nextId++);
  }

  private answer(req: RecordedRequest): SimReply {
    if (req.headers.authorization !== `Bearer ${this.token}`) return error(401, 'API Token is invalid.');
    const now = Date.now();
    while (this.arrivals.length && this.arrivals[0] <= now - LIMIT_WINDOW_MS) this.arrivals.shift();
    if (this.arrivals.length >= this.callsPerMinute) {
      this.rateLimited++;
      return error(429, 'Too many requests');
    }
    this.arrivals.push(now);
    const script = this.scripted.find((s) => s.when(req));
    if (script) {
      if (--script.times <= 0) this.scripted.splice(this.scripted.indexOf(script), 1);
      return script.reply;
    }
    return this.route(req);
  }

  private route(req: RecordedRequest): SimReply {
    const base = `${OkeybotSimulator.BASE}/v1/contact`;
    const notAllowed = error(405, '405 Method Not Allowed.');
    if (req.path === `${base}/by_custom_field`) return req.method === 'GET' ? this.byCustomField(req) : notAllowed;
    if (req.path === base || req.path === `${base}/`) return req.method === 'POST' ? this.create(req) : notAllowed;
    const match = new RegExp(`^${base}/([^/]+)(/tags)?$`).exec(req.path);
    if (!match) return { status: 404, body: '<html><body>Not Found</body></html>' };
    const contact = this.contacts.get(this.contactId(match[1]) ?? '');
    if (match[2]) {
      if (req.method !== 'POST' && req.method !== 'DELETE') return notAllowed;
      return contact ? this.tags(req, contact) : error(404, 'Contact not found.');
    }
    if (req.method !== 'GET' && req.method !== 'PUT') return notAllowed;
    if (!contact) return error(404, 'Contact not found.');
    return req.method === 'GET' ? { json: { data: contact } } : this.update(req, contact);
  }

  /** The path segment → the stored id: Viber channels send it Base64-encoded. */
  private contactId(segment: string): string | undefined {
    let id: string;
    try {
      id = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (!this.viber) return id;
    const decoded = Buffer.from(id, 'base64').toString('utf8');
    return Buffer.from(decoded, 'utf8').toString('base64') === id ? decoded : undefined;
  }

  private byCustomField(req: RecordedRequest): SimReply {
    const { name, value } = req.query;
    if (!name) return error(403, 'The name field is required.');
    if (value === undefined) return error(403, 'The value field is required.');
    const page = /^\d+$/.test(req.query.page ?? '') ? Math.max(1, Number(req.query.page)) : 1;
    // Boolean fields match only TRUE/FALSE, as the doc warns.
    const matches = [...this.contacts.values()].filter((c) => {
      const stored = c.custom_fields[name];
      if (typeof stored === 'boolean') return value === (stored ? 'TRUE' : 'FALSE');
      return (typeof stored === 'string' || typeof stored === 'number') && String(stored) === value;
    });
    const total = matches.length;
    const lastPage = Math.max(1, Math.ceil(total / this.perPage));
    const data = matches.slice((page - 1) * this.perPage, page * this.perPage);
    const path = `${this.url}${OkeybotSimulator.BASE}/v1/contact/by_custom_field`;
    const link = (p: number) => `${path}?page=${p}`;
    const from = data.length ? (page - 1) * this.perPage + 1 : null;
    return {
      json: {
        data,
        links: {
          first: link(1),
          last: link(lastPage),
          prev: page > 1 ? link(page - 1) : null,
          next: page < lastPage ? link(page + 1) : null,
        },
        meta: {
          current_page: page,
          from,
          last_page: lastPage,
          path,
          per_page: this.perPage,
          to: from === null ? null : from + data.length - 1,
          total,
        },
      },
    };
  }

  /** `{"custom_fields": [{"name": ..., "value": ...}]}`, at most 30. */
  private customFields(req: RecordedRequest, verb: string): Array<{ name: string; value: unknown }> | SimReply {
    const list = (req.json as { custom_fields?: unknown } | undefined)?.custom_fields;
    if (!Array.isArray(list) || list.length === 0) return error(403, 'The custom fields field is required.');
    if (list.some((f) => !f || typeof f !== 'object' || typeof (f as { name?: unknown }).name !== 'string')) {
      return error(403, 'Each custom field needs a name and a value.');
    }
    if (list.length > 30) return error(403, `Maximum 30 fields can be ${verb} per request.`);
    return list as Array<{ name: string; value: unknown }>;
  }

  private create(req: RecordedRequest): SimReply {
    const fields = this.customFields(req, 'created');
    if (!Array.isArray(fields)) return fields;
    const contact = this.addContact({ custom_fields: Object.fromEntries(fields.map((f) => [f.name, f.value])) });
    return { json: { data: { id: contact.id } } };
  }

  private update(req: RecordedRequest, contact: OkeybotSimContact): SimReply {
    const fields = this.customFields(req, 'updated');
    if (!Array.isArray(fields)) return fields;
    for (const f of fields) {
      if (f.value === null) delete contact.custom_fields[f.name];
      else contact.custom_fields[f.name] = f.value;
    }
    return { json: { data: { id: contact.id } } };
  }

  private tags(req: RecordedRequest, contact: OkeybotSimContact): SimReply {
    const tags = (req.json as { tags?: unknown } | undefined)?.tags;
    if (!Array.isArray(tags) || tags.length === 0 || tags.some((t) => typeof t !== 'string')) {
      return error(403, 'The tags field is required.');
    }
    const adding = req.method === 'POST';
    if (tags.length > 10) return error(403, `Maximum 10 tags can be ${adding ? 'added' : 'deleted'} per request.`);
    if (adding) {
      for (const t of tags as string[]) if (!contact.tags.includes(t)) contact.tags.push(t);
      return success('Contact Tags have been added successfully.');
    }
    contact.tags = contact.tags.filter((t) => !(tags as string[]).includes(t));
    return success('Contact Tags deleted successfully.');
  }
}
