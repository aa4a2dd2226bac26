import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiExtraModels, ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { PLATFORMS, PLATFORM_NAMES } from '../../config/config.types';
import { platformsSupporting } from '../../platforms/registry';
import type { OperationName } from '../../platforms/operations';
import { DryRunDto, ProblemDto } from './problem.dto';

/** The extension `buildOpenApiDocument` turns into the JSON request body's named `examples`. */
export const REQUEST_EXAMPLES = 'x-ponte-request-examples';

/**
 * Named request bodies for Swagger UI, the first its default: where a route's fields differ by
 * platform, the body Swagger UI would assemble from every property's example is refused, so each of
 * these is one platform's valid body (the summary names the connection to pick).
 */
export const RequestExamples = (examples: Record<string, { summary: string; value: Record<string, unknown> }>) =>
  ApiExtension(REQUEST_EXAMPLES, examples);

/** "Platforms: Maxbot, OkeyBot." — the capability sentence shared by OpenAPI and GraphQL docs. */
export function platformsSentence(op: OperationName): string {
  const platforms = platformsSupporting(op);
  return platforms.length
    ? `Platforms: ${platforms.map((p) => PLATFORM_NAMES[p]).join(', ')}.`
    : 'Platforms: none configured yet.';
}

/** A GraphQL field description with its capability sentence appended. */
export function withPlatforms(op: OperationName, description: string): string {
  return `${description}\n\n${platformsSentence(op)} (operation \`${op}\`)`;
}

/**
 * Documents a gateway operation that serves every platform alike (health, connections): it still
 * carries `x-ponte-platforms`, listing them all, so every operation in the contract says where it works.
 */
export function GatewayOperation(options: { summary: string; description: string; problems?: Record<number, string> }) {
  return applyDecorators(
    ApiOperation({ summary: options.summary, description: `${options.description}\n\nPlatforms: all (served by the gateway itself).` }),
    ApiExtension('x-ponte-platforms', [...PLATFORMS]),
    ...Object.entries(options.problems ?? {}).map(([status, description]) => problem(Number(status), description)),
  );
}

export function problem(status: number, description: string) {
  return ApiResponse({
    status,
    description,
    type: ProblemDto,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
  });
}

/**
 * Documents a REST operation: summary, the platforms that can do it (`x-ponte-platforms`, read
 * from the adapter registry), the connection header, dry run for writes (`x-ponte-dry-run`, whose
 * 200 answer `buildOpenApiDocument` adds), and the problem answers.
 */
export function PonteOperation(
  op: OperationName,
  options: { summary: string; description?: string; write?: boolean; problems?: Partial<Record<number, string>> },
) {
  const answer = (status: number, description: string) => problem(status, options.problems?.[status] ?? description);
  const platforms = platformsSupporting(op);
  const description = [options.description, platformsSentence(op)].filter(Boolean).join('\n\n');
  return applyDecorators(
    ApiOperation({ summary: options.summary, description }),
    ApiExtension('x-ponte-operation', op),
    ApiExtension('x-ponte-platforms', platforms),
    ApiHeader({
      name: 'X-Connection',
      required: false,
      description: 'Connection id to use. Default: the default connection that supports this operation.',
    }),
    ...(options.write
      ? [
          ApiHeader({
            name: 'Prefer',
            required: false,
            description: '`dry-run`: answer with the exact upstream request(s) instead of sending them.',
            schema: { type: 'string', enum: ['dry-run'] },
          }),
          // Not an ApiResponse(200): on a route whose success is a 200 it would replace that answer's
          // schema (one entry per status). buildOpenApiDocument adds the dry-run answer beside it.
          ApiExtension('x-ponte-dry-run', true),
          ApiExtraModels(DryRunDto),
        ]
      : []),
    answer(400, 'Invalid input (`validation_failed`), each field named in `errors`.'),
    answer(401, 'Missing or invalid API key (`unauthorized`).'),
    answer(403, 'The API key may not use this connection (`forbidden`).'),
    answer(
      404,
      "No such record (`not_found`). Where the platform only says that a call failed (Maxbot's `status: 0` on a command naming an unknown id), the answer is a 422 `provider_rejected` with the platform's message instead.",
    ),
    answer(422, 'The platform rejected the request (`provider_rejected`) or cannot carry a field (`unsupported_field`).'),
    answer(429, 'Too many calls for this connection (`rate_limited`); `Retry-After` says when to retry.'),
    answer(501, "The connection's platform cannot do this (`unsupported_operation`); `connections` lists those that can."),
    answer(502, 'The platform failed: unreachable, 5xx or garbage (`provider_unavailable`, `provider_auth_failed`).'),
    answer(504, 'The platform did not answer in time (`provider_timeout`).'),
  );
}

/**
 * Documents the inbound webhook route: called by a platform, not by an API-key holder, so it has no
 * bearer auth (`security: []`) and its own problem answers.
 */
export function WebhookOperation(options: { summary: string; description: string }) {
  return applyDecorators(
    ApiOperation({ summary: options.summary, description: `${options.description}\n\n${platformsSentence('receiveWebhook')}`, security: [] }),
    ApiExtension('x-ponte-operation', 'receiveWebhook'),
    ApiExtension('x-ponte-platforms', platformsSupporting('receiveWebhook')),
    problem(400, 'Not one of the platform\'s webhook payloads (`validation_failed`), the faulty field named in `errors`.'),
    problem(401, 'Missing or wrong webhook secret (`webhook_unauthorized`).'),
    problem(
      404,
      'No webhook endpoint at this URL (`not_found`): no such connection, its platform has no webhooks, or it has no `webhookSecret` — the same answer for each, so the key-less route reveals no connection; the gateway log says which.',
    ),
    problem(413, 'Body over 1 MiB (`payload_too_large`).'),
  );
}

