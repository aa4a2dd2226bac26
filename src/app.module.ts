import { Module, type DynamicModule } from '@nestjs/common';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import type { PonteConfig } from './config/config.types';
import type { Logger } from './common/logging/logger';
import { graphqlErrorFormatter } from './common/errors/graphql-errors';
import { CoreModule } from './core/core.module';
import { ContactsModule } from './contacts/contacts.module';
import { ChargesModule } from './charges/charges.module';
import { ProtocolsModule } from './protocols/protocols.module';
import { ConnectionsModule } from './connections/connections.module';
import { FlowControlModule } from './flow-control/flow-control.module';
import { MessagingModule } from './messaging/messaging.module';
import { ChannelsModule } from './channels/channels.module';
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
        ChargesModule,
        ProtocolsModule,
        ConnectionsModule,
        FlowControlModule,
        MessagingModule,
        ChannelsModule,
      ],
      controllers: [HealthController],
    };
  }
}
