import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { PonteConfig } from '../config/config.types';
import { UpstreamHttp } from '../common/http/upstream-http';
import type { Logger } from '../common/logging/logger';
import { PlatformRegistry } from '../platforms/registry';
import { LOGGER, PONTE_CONFIG } from './tokens';

/** Configuration, logger, the shared upstream HTTP client and the platform registry. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(@Inject(UpstreamHttp) private readonly http: UpstreamHttp) {}

  static forRoot(config: PonteConfig, logger: Logger): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: PONTE_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: UpstreamHttp, useFactory: () => new UpstreamHttp(logger) },
        {
          provide: PlatformRegistry,
          useFactory: (http: UpstreamHttp) => new PlatformRegistry(config, http, logger),
          inject: [UpstreamHttp],
        },
      ],
      exports: [PONTE_CONFIG, LOGGER, UpstreamHttp, PlatformRegistry],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.http.close();
  }
}
