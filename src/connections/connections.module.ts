import { Module } from '@nestjs/common';
import { ConnectionsController } from './connections.controller';
import { ConnectionsResolver } from './connections.resolver';
import { ConnectionsService } from './connections.service';

@Module({ controllers: [ConnectionsController], providers: [ConnectionsService, ConnectionsResolver] })
export class ConnectionsModule {}
