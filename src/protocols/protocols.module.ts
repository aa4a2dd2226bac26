import { Module } from '@nestjs/common';
import { ProtocolsController } from './protocols.controller';
import { ProtocolsResolver } from './protocols.resolver';
import { ProtocolsService } from './protocols.service';

@Module({
  controllers: [ProtocolsController],
  providers: [ProtocolsService, ProtocolsResolver],
})
export class ProtocolsModule {}
