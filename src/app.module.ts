import { Module, type DynamicModule } from '@nestjs/common';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { PonteConfig } from './config/config.types';
import type { Logger } from './common/logging/logger';
import { graphqlErrorFormatter } from './common/graphql/graphql-errors';
import type { JitExecutor } from './common/graphql/jit-executor.plugin';
import { CoreModule } from './core/core.module';
import { ContactsModule } from './contacts/contacts.module';
import { ChargesModule } from './charges/charges.module';
import { ProtocolsModule } from './protocols/protocols.module';
import { ConnectionsModule } from './connections/connections.module';
import { FlowControlModule } from './flow-control/flow-control.module';
import { MessagingModule } from './messaging/messaging.module';
import { ChannelsModule } from './channels/channels.module';
import { EventsModule } from './events/events.module';
import { HealthController } from './health/health.controller';
import { MetricsController } from './health/metrics.controller';
import { operationLimits } from './common/graphql/operation-limits';
import { GRAPHQL_PATH, GraphqlWsServer } from './common/graphql/graphql-ws';
import { Lifecycle } from './common/runtime/lifecycle';
import { Metrics } from './common/metrics/metrics';

export { GRAPHQL_PATH };

@Module({})
export class AppModule {
  /** `jit`: the GraphQL executor (jit-executor.plugin.ts), whose fast path createApp installs on the route. */
  static forRoot(config: PonteConfig, logger: Logger, jit: JitExecutor, metrics = new Metrics()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, logger, metrics),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: GRAPHQL_PATH,
          autoSchemaFile: true,
          sortSchema: true,
          // The bundled GraphiQL loads from a CDN; Ponte serves its own offline copy at /graphiql.
          graphiql: false,
          introspection: true,
          autoTransformHttpErrors: false,
          includeStacktraceInErrorResponses: false,
          formatError: graphqlErrorFormatter(logger),
          validationRules: [operationLimits],
          // Apollo's default cache-control plugin wraps every field resolver to collect cache hints
          // Ponte never sets; without it a 50-field contact list resolves ~2× faster. No Apollo
          // Studio reporting either: nothing leaves the gateway.
          // (Cast: these come from @apollo/server's CJS build, the driver types its ESM build; the
          // plugins are plain objects Apollo recognizes by an internal id, whichever build made them.)
          stringifyResult: jit.stringifyResult,
          plugins: [
            jit.plugin,
            ApolloServerPluginCacheControlDisabled(),
            ApolloServerPluginInlineTraceDisabled(),
            ApolloServerPluginUsageReportingDisabled(),
          ] as unknown as ApolloDriverConfig['plugins'],
        }),
        ContactsModule,
        ChargesModule,
        ProtocolsModule,
        ConnectionsModule,
        FlowControlModule,
        MessagingModule,
        ChannelsModule,
        EventsModule,
      ],
      controllers: [HealthController, MetricsController],
      // Subscriptions over the WebSocket at /graphql (graphql-ws.ts); Apollo's HTTP handler serves the rest.
      providers: [GraphqlWsServer, Lifecycle],
    };
  }
}
