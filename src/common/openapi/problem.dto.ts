import { ApiProperty } from '@nestjs/swagger';
import { PROBLEM_CODES } from '../errors/ponte-error';

export class FieldErrorDto {
  @ApiProperty({ description: 'Dotted path of the field (or parameter/header name).', example: 'whatsapp' })
  field: string;

  @ApiProperty({ description: 'What is wrong with it.', example: 'must be a valid phone number, e.g. +55 31 91111-2222' })
  message: string;
}

/** RFC 9457 problem details, as every error is answered. */
export class ProblemDto {
  @ApiProperty({ description: 'Problem type URI.', example: 'urn:ponte:problem:validation_failed' })
  type: string;

  @ApiProperty({ description: 'Short summary of the problem type.', example: 'The request is not valid' })
  title: string;

  @ApiProperty({ description: 'HTTP status.', example: 400 })
  status: number;

  @ApiProperty({ description: 'What went wrong in this occurrence.', example: 'whatsapp: must be a valid phone number, e.g. +55 31 91111-2222' })
  detail: string;

  @ApiProperty({ description: 'Stable machine-readable code.', enum: Object.keys(PROBLEM_CODES), enumName: 'ProblemCode', example: 'validation_failed' })
  code: string;

  @ApiProperty({ description: 'Path of the request.', required: false, example: '/v1/contacts' })
  instance?: string;

  @ApiProperty({ description: 'Request id (also in the X-Request-Id response header and the logs).', required: false, example: '6f1c2a8e-4a3b-4c55-9b0a-1d2e3f405162' })
  requestId?: string;

  @ApiProperty({ description: 'For validation_failed and unsupported_field: each offending field.', required: false, type: [FieldErrorDto] })
  errors?: FieldErrorDto[];

  @ApiProperty({ description: 'Platform involved, when one answered or failed.', required: false, example: 'maxbot' })
  provider?: string;

  @ApiProperty({ description: 'Connection involved.', required: false, example: 'maxbot' })
  connection?: string;

  @ApiProperty({ description: "For unsupported_operation: connections that can do the operation.", required: false, type: [String], example: ['maxbot'] })
  connections?: string[];

  @ApiProperty({ description: "For provider_rejected: the platform's own message (credentials removed).", required: false, example: 'Contato não encontrado' })
  providerMessage?: string;

  @ApiProperty({ description: 'For rate_limited: seconds to wait (also in Retry-After).', required: false, example: 12 })
  retryAfter?: number;
}

export class DescribedRequestDto {
  @ApiProperty({ description: 'HTTP method.', example: 'POST' })
  method: string;

  @ApiProperty({ description: 'URL, credentials redacted.', example: 'https://app.maxbot.com.br/api/v1.php' })
  url: string;

  @ApiProperty({ description: 'Headers, credentials redacted.', example: { 'content-type': 'application/json' } })
  headers: Record<string, string>;

  @ApiProperty({ description: 'JSON body, credentials redacted.', required: false, example: { token: '[REDACTED]', cmd: 'put_contact', name: 'Jose' } })
  body?: unknown;

  @ApiProperty({ description: 'multipart/form-data parts (files shown by name, type and size).', required: false, example: [{ name: 'number', value: '5551987654321' }] })
  form?: unknown[];
}

/** The answer to a write sent with `Prefer: dry-run`. */
export class DryRunDto {
  @ApiProperty({ description: 'Always true: nothing was sent to the platform.', example: true })
  dryRun: boolean;

  @ApiProperty({ description: 'Connection that would have been used.', example: 'maxbot' })
  connection: string;

  @ApiProperty({ description: 'Its platform.', example: 'maxbot' })
  provider: string;

  @ApiProperty({ description: 'The exact request(s) that would have been sent, in order.', type: [DescribedRequestDto] })
  requests: DescribedRequestDto[];
}
