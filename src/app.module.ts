import { Module, type DynamicModule } from '@nestjs/common';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import type { PonteConfig } from './config/config.types';
import type { Logger } from './common/logging/logger';
import { graphqlErrorFormatter } from './common/errors/graphql-errors';
import { CoreModule } from './core/core.module';
import { ContactsModule } from './contacts/contacts.module';
import { ProtocolsModule } from './protocols/protocols.module';
import { ConnectionsModule } from './connections/connections.module';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  static forRoot(config: PonteConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, logger),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          // The bundled GraphiQL loads from a CDN; Ponte serves its own offline copy at /graphiql.
          graphiql: false,
          introspection: true,
          autoTransformHttpErrors: false,
          includeStacktraceInErrorResponses: false,
          formatError: graphqlErrorFormatter(logger),
        }),
        ContactsModule,
        ProtocolsModule,
        ConnectionsModule,
      ],
      controllers: [HealthController],
    };
  }
}
