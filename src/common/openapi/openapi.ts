import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { REQUEST_EXAMPLES } from './operation.decorator';
import { PROBLEM_CODES } from '../errors/ponte-error';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER, takesIdempotencyKey } from '../http/idempotency';

const DESCRIPTION = `
One resource-oriented API over Brazilian chat/CRM platforms (Maxbot, CleverChat, CloudChat, OkeyBot,
ChatGuru). Each call is translated into the chosen platform's own wire format and the answer is
normalized back. The same operations are available over GraphQL at \`/graphql\` (explorer at \`/graphiql\`), and the
event feed live as the \`eventReceived\` subscription over a WebSocket at \`/graphql\` (protocol \`graphql-transport-ws\`).

**Connections.** A connection is one configured platform account. Pick one with the \`X-Connection\`
header; without it, the default connection able to do the operation is used, and every REST answer names the
connection that served it in its own \`X-Connection\` header. \`GET /v1/connections\`
lists them with their operations. Each operation below names, in \`x-ponte-platforms\`, the platforms
that support it; asking a connection for something its platform cannot do answers \`501\`
\`unsupported_operation\` with the connections that can.

**Auth.** \`Authorization: Bearer <API key>\`. Platform credentials live only in the gateway's configuration.

**Webhooks and events.** Point a platform's webhook at \`POST /v1/webhooks/{connectionId}?secret=<webhookSecret>\`
(the connection's \`webhookSecret\` from the connections file; the platform does not sign its calls, so the secret in
the URL is the proof). Each payload becomes one normalized event (\`message.received\`, \`contact.created\`,
\`contact.updated\`, \`charge.updated\`) that \`GET /v1/events\` and the \`events\` query list, oldest first.

**Values.** camelCase JSON. Ids are strings; platform "0"/"1" flags are booleans; empty strings and
"0000-00-00" dates are \`null\`; datetimes are ISO 8601 with the connection's UTC offset (default
America/Sao_Paulo); money is a decimal string ("120.00"); phone numbers are accepted in any common
form ("+55 (31) 91111-2222") and returned in E.164; CPF/CNPJ check digits are verified on input.

**Lists.** Every list takes \`limit\` (1–500, default 50) and an opaque \`cursor\` and answers
\`{data, pageInfo}\`, whether the platform pages (OkeyBot) or returns everything (Maxbot). A cursor is
only valid with the filters it was issued for.

**Writes.** Never retried automatically. Send \`Prefer: dry-run\` to get the exact upstream request(s)
(method, URL, headers and body, credentials redacted) without sending anything. Over GraphQL, send the same header or
\`"extensions": {"dryRun": true}\` in the request body: the mutation then answers an error with \`code: dry_run\` whose
extensions carry the requests.

**Retrying writes.** Send an \`Idempotency-Key\` (a UUID per logical write) and a retry is safe: the same key with the
same request gets the first answer again (\`Idempotent-Replayed: true\`), for 24 hours, per API key and per instance.

**Errors.** RFC 9457 \`application/problem+json\` with a stable \`code\`: ${Object.entries(PROBLEM_CODES)
  .map(([code, { status }]) => `\`${code}\` (${status})`)
  .join(', ')}. GraphQL errors carry the same \`code\` in \`extensions\`.

**Operations.** \`GET /health/live\` and \`GET /health/ready\` for probes (readiness answers \`503 shutting_down\` from the
shutdown signal on), \`GET /metrics\` for Prometheus. On SIGTERM the gateway drains: the requests in flight finish, and a
request arriving on a connection that was busy when the close began is answered \`503 shutting_down\`, not run.
`.trim();

const TAGS: Array<[string, string]> = [
  ['contacts', 'Contacts and segmentations.'],
  ['charges', 'Smart billing (Maxbot "cobrança inteligente"): charges, their payment, cancellation, invoice and notifications.'],
  ['protocols', 'Service protocols (tickets): their dialog and annotations, follow-ups, chat messages, service sectors and attendants.'],
  ['connections', 'Configured platform accounts, their capabilities and live status.'],
  ['flow-control', 'Flow control (pipelines): process types, their stages, and the processes moving through them.'],
  ['messaging', 'Messages to contacts (chat messages, templates, SMS, e-mail), their status, chatbot dialogs and message templates.'],
  ['channels', "Channels of the platform account (their tokens name the sending channel), Instagram accounts, Facebook pages, Gupshup balance."],
  ['events', 'What the platforms reported through their webhooks, normalized into one event shape and kept as a feed to poll.'],
  ['webhooks', 'Where the platforms deliver their webhooks (authenticated by the connection webhook secret, not an API key).'],
  ['health', 'Liveness and readiness probes (no API key needed), and the metrics for Prometheus (an API key).'],
];

/** Deterministic JSON: object keys sorted at every level (named examples excepted), so the committed spec diffs cleanly. */
export function sortKeysDeep<T>(value: T, keepOrder = false): T {
  if (Array.isArray(value)) return value.map((v: unknown) => sortKeysDeep(v)) as T;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    // Named examples keep their order: Swagger UI fills "Try it out" with the first one.
    return Object.fromEntries(
      (keepOrder ? keys : keys.sort()).map((k) => [k, sortKeysDeep((value as Record<string, unknown>)[k], k === 'examples')]),
    ) as T;
  }
  return value;
}

const DRY_RUN = 'Dry run (`Prefer: dry-run`): what would have been sent.';

/** Every operation of the document, each path's methods in turn. */
function* operationsOf(document: OpenAPIObject) {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.put, item.post, item.delete, item.patch]) if (operation) yield operation;
  }
}

/**
 * A write documented with `x-ponte-dry-run` (PonteOperation) answers 200 with a DryRunDto under
 * `Prefer: dry-run`. Where its own success is a 200 too, the 200 answer is one of the two;
 * otherwise (201, 202, 204) the 200 is the dry run alone.
 */
function addDryRunAnswers(document: OpenAPIObject): void {
  const dryRun = { $ref: '#/components/schemas/DryRunDto' };
  for (const operation of operationsOf(document)) {
    if ((operation as unknown as Record<string, unknown>)['x-ponte-dry-run'] !== true) continue;
    const ok = operation.responses['200'] as { description?: string; content?: Record<string, { schema?: object }> } | undefined;
    const schema = ok?.content?.['application/json']?.schema;
    operation.responses['200'] = schema
      ? {
          description: `${ok?.description ? `${ok.description} ` : ''}The result; with \`Prefer: dry-run\`, what would have been sent instead (\`DryRunDto\`).`,
          content: { 'application/json': { schema: { oneOf: [schema, dryRun] } } },
        }
      : { description: DRY_RUN, content: { 'application/json': { schema: dryRun } } };
  }
}

/**
 * Every platform operation's REST answer names the connection that served it (`X-Connection`,
 * set by the registry when it picks one): documented on each success answer.
 */
function addConnectionHeader(document: OpenAPIObject): void {
  const header = {
    description: 'The connection that served the call: the one named, or the default chosen for the operation.',
    schema: { type: 'string' },
  };
  for (const operation of operationsOf(document)) {
    if ((operation as unknown as Record<string, unknown>)['x-ponte-operation'] === undefined) continue;
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!status.startsWith('2')) continue;
      const answer = response as { headers?: Record<string, unknown> };
      answer.headers = { ...answer.headers, 'X-Connection': header };
    }
  }
}

/**
 * The API's writes take an `Idempotency-Key` (idempotency.ts): the header, the replay's
 * `Idempotent-Replayed` on success answers, the 409 and the 422 it can bring.
 */
function addIdempotencyKey(document: OpenAPIObject): void {
  const replayed = {
    description: '`true` when this is the kept answer of an earlier request with the same `Idempotency-Key`.',
    schema: { type: 'string', enum: ['true'] },
  };
  const reused = 'or the `Idempotency-Key` was used for another request (`idempotency_key_reused`)';
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation || !takesIdempotencyKey(method.toUpperCase(), path)) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: IDEMPOTENCY_KEY_HEADER,
          in: 'header',
          required: false,
          description:
            'Makes a retry safe: the first request with a key runs, and for 24 hours the same key with the same request gets ' +
            'that answer again (`Idempotent-Replayed: true`) instead of running again. While the first still runs: `409 ' +
            'idempotency_key_in_use`; with another request: `422 idempotency_key_reused`. Kept per API key and per instance; ' +
            'answers 429 and 503 are not kept (nothing was done). A UUID per logical write is the usual key.',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
      ];
      const responses = operation.responses as Record<string, Answer & { headers?: Record<string, unknown> }>;
      for (const [status, response] of Object.entries(responses)) {
        if (status.startsWith('2')) response.headers = { ...response.headers, [IDEMPOTENT_REPLAYED_HEADER]: replayed };
      }
      responses['409'] ??= problemAnswer('A request with the same `Idempotency-Key` is still running (`idempotency_key_in_use`).');
      const unprocessable = responses['422'];
      if (unprocessable) unprocessable.description = `${unprocessable.description.replace(/\.$/, '')}, ${reused}.`;
      else responses['422'] = problemAnswer(`The \`Idempotency-Key\` was used for another request (\`idempotency_key_reused\`).`);
    }
  }
}

/**
 * Swagger UI's "Try it out" starts from a body it assembles from every property's example: on a
 * route whose fields differ by platform (all eight recipient kinds at once, ChatGuru-only fields)
 * that body is refused. Operations that carry `x-ponte-request-examples` get them as the JSON
 * body's named `examples` instead, the first the default, each valid on its platform.
 */
function moveRequestExamples(document: OpenAPIObject): void {
  for (const operation of operationsOf(document)) {
    const extended = operation as unknown as Record<string, unknown>;
    const examples = extended[REQUEST_EXAMPLES] as Record<string, { summary: string; value: unknown }> | undefined;
    if (!examples) continue;
    delete extended[REQUEST_EXAMPLES];
    const body = operation.requestBody as { content?: Record<string, { examples?: object }> } | undefined;
    const json = body?.content?.['application/json'];
    if (json) json.examples = examples;
  }
}

/**
 * A nullable enum property comes out of @nestjs/swagger as `{allOf: [{$ref}], nullable: true}`. In
 * OpenAPI 3.0 `nullable` only counts beside a `type`, so validators (and Spectral, on the request
 * examples) read it as not nullable at all: the referenced enum's type is written beside it.
 */
function typeNullableEnumRefs(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, { type?: string; properties?: Record<string, Record<string, unknown>> }>;
  for (const schema of Object.values(schemas)) {
    for (const property of Object.values(schema.properties ?? {})) {
      const refs = property.allOf as Array<{ $ref?: string }> | undefined;
      if (property.nullable !== true || property.type !== undefined || refs?.length !== 1) continue;
      const target = schemas[refs[0].$ref?.replace('#/components/schemas/', '') ?? ''];
      if (target?.type) property.type = target.type;
    }
  }
}

const PROBLEM_MEDIA_TYPE = 'application/problem+json';

interface Answer {
  description: string;
  content?: Record<string, { schema?: object }>;
}

const problemAnswer = (description: string): Answer => ({
  description,
  content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDto' } } },
});

/**
 * Every 4xx/5xx answer as the gateway sends it: `application/problem+json` (@nestjs/swagger writes
 * a response `type` under `application/json` whatever `content` says). And the answers every route
 * can give whether its decorators say so or not: 413 and 415 where it takes a body (the size limit
 * and the content types are checked before the route runs), 500 and 503 (`shutting_down`) everywhere.
 */
function addProblemAnswers(document: OpenAPIObject): void {
  for (const operation of operationsOf(document)) {
    const responses = operation.responses as Record<string, Answer>;
    for (const [status, answer] of Object.entries(responses)) {
      const json = answer.content?.['application/json'];
      if (/^[45]/.test(status) && json) answer.content = { [PROBLEM_MEDIA_TYPE]: json };
    }
    const body = operation.requestBody as { content?: Record<string, unknown> } | undefined;
    if (body?.content) {
      responses['413'] ??= problemAnswer('The body is over the size limit of this route (`payload_too_large`).');
      const types = Object.keys(body.content).join(', ');
      responses['415'] ??= problemAnswer(`The body is not of a type this route takes: ${types} (\`unsupported_media_type\`).`);
    }
    responses['500'] ??= problemAnswer('Unexpected error (`internal_error`); its `errorId` is in the gateway log line too.');
    const closing = SHUTTING_DOWN_ANSWER;
    if (responses['503']) {
      if (!responses['503'].description.includes('shutting_down')) responses['503'].description += ` Or: ${closing}`;
    } else {
      responses['503'] = problemAnswer(closing);
    }
  }
}

const SHUTTING_DOWN_ANSWER =
  'The gateway is shutting down (`shutting_down`): the request came on a connection that was busy when the ' +
  'close began, and was not run; send it again on a new connection.';

/** The OpenAPI document, exactly as `/docs-json` serves it and `openapi/openapi.json` commits it. */
export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Ponte gateway API')
    .setDescription(DESCRIPTION)
    .setVersion(version)
    // Relative: Swagger UI's "Try it out" calls the gateway that served the page, on whatever host and port.
    .addServer('/', 'This gateway')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'API key',
      description: 'A gateway API key from the connections file (an opaque string, not a JWT).',
    });
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controller, method) => method,
  });
  document.info.contact = { name: 'Ponte gateway team' };
  document.info.license = { name: 'Proprietary' };
  addDryRunAnswers(document);
  addConnectionHeader(document);
  addIdempotencyKey(document);
  addProblemAnswers(document);
  moveRequestExamples(document);
  typeNullableEnumRefs(document);
  // Fastify needs `::` for a literal colon in a route (`/v1/contacts::batchDelete`); the contract shows one.
  document.paths = Object.fromEntries(Object.entries(document.paths).map(([p, item]) => [p.replace(/::/g, ':'), item]));
  return sortKeysDeep(document);
}
