import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../common/auth/api-key.hook';
import { PonteError } from '../common/errors/ponte-error';
import { Metrics } from '../common/metrics/metrics';
import { GatewayOperation, problem } from '../common/openapi/operation.decorator';

/** Prometheus' text exposition format. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(Metrics) private readonly metrics: Metrics) {}

  @Get()
  @GatewayOperation({
    summary: 'Metrics (Prometheus)',
    description:
      "Counters, histograms and gauges in Prometheus' text format: requests by route template and status with their " +
      'durations; platform calls by connection, operation and outcome with their durations, calls in flight and sockets ' +
      'opened; webhook events received, live readers, GraphQL WebSockets, event pushes by subscription and outcome; the ' +
      "process's CPU, memory and event-loop time. Labels are route templates, connection ids, operations, event types " +
      'and subscription names, never an API key or a token.\n\n' +
      'Needs an API key without a `connections` list (the figures cover every connection); a key limited to some ' +
      'connections gets `403`. Prometheus: `authorization: {credentials: <key>}` in the scrape config.',
  })
  @ApiBearerAuth()
  @ApiProduces(METRICS_CONTENT_TYPE)
  @ApiOkResponse({ description: 'The metrics, one sample per line.', content: { 'text/plain': { schema: { type: 'string' } } } })
  @problem(401, 'Missing or invalid API key (`unauthorized`).')
  @problem(403, 'The API key is limited to some connections (`forbidden`).')
  @Header('content-type', METRICS_CONTENT_TYPE)
  @Header('cache-control', 'no-store')
  read(@Req() request: FastifyRequest): string {
    const key = (request as AuthenticatedRequest).ponteApiKey;
    if (key?.connections) {
      throw new PonteError(
        'forbidden',
        `The API key "${key.name}" is limited to some connections, and the metrics cover every connection: use a key without a connections list`,
      );
    }
    return this.metrics.render();
  }
}
