import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { PonteConfig } from '../config/config.types';
import { UpstreamHttp } from '../common/http/upstream-http';
import { Metrics } from '../common/metrics/metrics';
import { ApiKeyRing } from '../common/auth/api-key.hook';
import type { Logger } from '../common/logging/logger';
import { PlatformRegistry } from '../platforms/registry';
import { LOGGER, PONTE_CONFIG } from './tokens';

/** Configuration, logger, metrics, the shared upstream HTTP client and the platform registry. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(@Inject(UpstreamHttp) private readonly http: UpstreamHttp) {}

  static forRoot(config: PonteConfig, logger: Logger, metrics = new Metrics()): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: PONTE_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: Metrics, useValue: metrics },
        // The API keys, replaced in place by a configuration reload (SIGHUP).
        { provide: ApiKeyRing, useValue: new ApiKeyRing(config.apiKeys) },
        {
          provide: UpstreamHttp,
          useFactory: () => {
            const http = new UpstreamHttp(logger, undefined, metrics);
            metrics.collect(
              'ponte_upstream_in_flight',
              'Platform calls in flight (sent, or waiting for a socket), by connection.',
              'gauge',
              () => http.poolStats().map(({ connection, inFlight }) => ({ labels: { connection }, value: inFlight })),
            );
            metrics.collect(
              'ponte_upstream_connections_opened_total',
              'Sockets opened to the platforms, by connection: against ponte_upstream_requests_total, the keep-alive reuse.',
              'counter',
              () => http.poolStats().map(({ connection, connects }) => ({ labels: { connection }, value: connects })),
            );
            return http;
          },
        },
        {
          provide: PlatformRegistry,
          useFactory: (http: UpstreamHttp) => new PlatformRegistry(config, http, logger),
          inject: [UpstreamHttp],
        },
      ],
      exports: [PONTE_CONFIG, LOGGER, Metrics, ApiKeyRing, UpstreamHttp, PlatformRegistry],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.http.close();
  }
}
