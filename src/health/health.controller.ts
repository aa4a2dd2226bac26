import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { GatewayOperation, problem } from '../common/openapi/operation.decorator';
import { Lifecycle, shuttingDown } from '../common/runtime/lifecycle';
import type { PonteConfig } from '../config/config.types';
import { PONTE_CONFIG } from '../core/tokens';
import { PlatformRegistry } from '../platforms/registry';

class HealthDto {
  @ApiProperty({ description: '"ok" when the process serves requests.', example: 'ok' })
  status: string;
}

class ReadinessDto {
  @ApiProperty({ description: '"ready" once configuration is loaded and routes are mounted.', example: 'ready' })
  status: string;

  @ApiProperty({ description: 'Whether the gateway runs against its embedded simulators.', example: true })
  sandbox: boolean;

  @ApiProperty({ description: 'Number of configured connections.', example: 5 })
  connections: number;
}

/** Probes for orchestrators; they need no API key and never call a platform. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(PONTE_CONFIG) private readonly config: PonteConfig,
    @Inject(Lifecycle) private readonly lifecycle: Lifecycle,
    @Inject(PlatformRegistry) private readonly registry: PlatformRegistry,
  ) {}

  @Get('live')
  @GatewayOperation({ summary: 'Liveness probe', description: 'Answers 200 while the process serves HTTP. Never calls a platform.' })
  @ApiOkResponse({ type: HealthDto })
  live(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @GatewayOperation({
    summary: 'Readiness probe',
    description:
      'Answers 200 once the configuration is loaded and every route is mounted, and `503 shutting_down` from the shutdown ' +
      'signal on: for SHUTDOWN_DELAY_SECONDS the gateway still serves every request while a load balancer polling this ' +
      'probe takes it out, then it closes.',
  })
  @ApiOkResponse({ type: ReadinessDto })
  @problem(503, 'The gateway is shutting down (`shutting_down`).')
  ready(): ReadinessDto {
    if (!this.lifecycle.serving) throw shuttingDown('The gateway is shutting down: send new work to another instance');
    return { status: 'ready', sandbox: this.config.sandbox, connections: this.registry.connections().length };
  }
}
